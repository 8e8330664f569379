import type { FileSystem } from './fileSystem';
import { formatFor } from './formats';
import type { SourceFile } from './formats/context';
import type { Standard } from './standard/model';
import { fileStart, stripBom } from './text';
import type { Finding } from './types';

export interface AnalyzeOptions {
  standard: Standard;
  fs: FileSystem;
}

// `# stack-standard: ignore` (every code) or `ignore[code, code]` on the finding's line, `ignore-next-line` on the
// line before it (for lines that cannot take a trailing comment, such as a `\` continuation), `ignore-file` anywhere.
const IGNORE = /(?:#|\/\/)\s*stack-standard:\s*(ignore-file|ignore-next-line|ignore)\b(?:\[([^\]]*)\])?/g;

interface Suppressions {
  file: Set<string> | 'all' | undefined;
  lines: Map<number, Set<string> | 'all'>;
}

function suppressions(text: string): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!text.includes('stack-standard:')) return result;
  let line = 0;
  let scanned = 0;
  for (const m of text.matchAll(IGNORE)) {
    for (let i = scanned; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = m.index;
    const codes = m[2] === undefined ? 'all' : new Set(m[2].split(',').map((c) => c.trim()).filter(Boolean));
    if (m[1] === 'ignore-file') result.file = merge(result.file, codes);
    else {
      const target = m[1] === 'ignore-next-line' ? line + 1 : line;
      result.lines.set(target, merge(result.lines.get(target), codes));
    }
  }
  return result;
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

function suppressed(s: Set<string> | 'all' | undefined, code: string): boolean {
  return s === 'all' || (s !== undefined && s.has(code));
}

/**
 * Analyse one file of a kind the engine knows (by its name, and for a `.in` by its neighbours); other files yield
 * nothing. Findings may name other files (a `-r` include's own findings belong to it). Never throws.
 */
export function analyze(file: SourceFile, options: AnalyzeOptions): Finding[] {
  const format = formatFor(file.path, options.fs);
  if (!format) return [];
  const source = { path: file.path, text: stripBom(file.text) };
  let findings: Finding[];
  try {
    findings = format.analyze(source, options);
  } catch (e) {
    // A defect in a rule must not take the whole run down; it becomes a finding a person can report.
    const message = e instanceof Error ? e.message : String(e);
    return [{ code: 'parse-error', severity: 'error', message: `Internal error while checking this file: ${message}`, file: file.path, range: fileStart(), fixes: [] }];
  }
  const texts = new Map<string, Suppressions>([[file.path, suppressions(source.text)]]);
  return findings.filter((f) => {
    let s = texts.get(f.file);
    if (!s) {
      s = suppressions(stripBom(options.fs.readFile(f.file) ?? ''));
      texts.set(f.file, s);
    }
    return !suppressed(s.file, f.code) && !suppressed(s.lines.get(f.range.start.line), f.code);
  });
}
