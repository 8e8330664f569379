import path = require('node:path');
import type { FileEncoding } from './encoding';
import { readSource, type FileSystem } from './fileSystem';
import { formatFor, type Format } from './formats';
import type { Fact } from './facts';
import type { SourceFile } from './fileSystem';
import type { Interest } from './formats/context';
import { internalError } from './internal';
import { normalizeName } from './names';
import type { Readings } from './readings';
import { judge } from './rules';
import type { Standard } from './standard/model';
import { fileStart, LineIndex, stripBom } from './text';
import { defaultToday } from './versions/lifecycle';
import type { Finding } from './types';

export interface AnalyzeOptions {
  standard: Standard;
  fs: FileSystem;
  /** The day end-of-life dates are judged on; `defaultToday()` when not given. */
  today?: Date;
  /** Readings kept across analyses (see `Readings`): a file that many others include is read and judged once. */
  readings?: Readings;
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
    const codes =
      m[2] === undefined
        ? 'all'
        : new Set(
            m[2]
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
          );
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

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
}

/**
 * What reading the file's bytes found: a declared encoding nobody can read, bytes not valid in the encoding (one
 * finding, at the first), or an encoding other than the UTF-8 its tool requires.
 */
function encodingFindings(path: string, text: string, encoding: FileEncoding, format: Format | undefined): Finding[] {
  if (format?.anyBytes) return [];
  const [first, ...more] = encoding.invalid;
  const foreign = format?.utf8Only !== undefined && encoding.name !== 'UTF-8';
  if (!encoding.problem && !first && !foreign) return [];
  const lines = new LineIndex(text);
  const finding = (message: string, range = fileStart(), severity: Finding['severity'] = 'error'): Finding => ({
    code: 'parse-error',
    severity,
    message,
    file: path,
    range,
    fixes: [],
  });
  const tool = format?.utf8Only ?? format?.reader ?? 'pip';
  if (encoding.problem) {
    const range = encoding.declared ? lines.rangeAt(encoding.declared.start, encoding.declared.end) : fileStart();
    return [finding(encoding.problem, range, encoding.problem.startsWith('Unknown') ? 'error' : 'warning')];
  }
  const findings: Finding[] = [];
  if (foreign)
    findings.push(finding(`This file is saved as ${encoding.name}, which ${tool} cannot read; save it as UTF-8`));
  if (first) {
    const what = `${first.bytes.length === 1 ? 'byte' : 'bytes'} ${hex(first.bytes)}`;
    const others = more.length > 0 ? ` (and ${more.length} more place${more.length === 1 ? '' : 's'})` : '';
    // pip also reads the encoding a first-line comment names; tools that read only UTF-8 do not.
    const declare = format?.utf8Only
      ? ''
      : ', or name its encoding in a first-line comment such as # -*- coding: latin-1 -*-';
    const save = encoding.name === 'UTF-8' ? `; save the file as UTF-8${declare}` : '';
    findings.push(
      finding(
        `Not valid ${encoding.name}: ${what} cannot be decoded${others}, so ${tool} cannot read this file${save}`,
        lines.rangeAt(first.offset, first.offset + 1),
      ),
    );
  }
  return findings;
}

const interests = new WeakMap<Standard, Interest>();

/** What the standard's rules judge, for the readers to read in full. */
function interestOf(standard: Standard): Interest {
  let interest = interests.get(standard);
  if (!interest) {
    const hooks = new Set(standard.precommit.hooks.map((h) => h.id));
    interest = {
      wants: (registry, name) =>
        registry === 'python'
          ? standard.packages.has(normalizeName(name))
          : registry === 'terraform'
            ? standard.terraform.requiredVersion !== undefined
            : standard.terraform.providers.has(name),
      requiresHook: (id) => hooks.has(id),
    };
    interests.set(standard, interest);
  }
  return interest;
}

/**
 * Analyse one file of a kind the engine knows (by its name, and for a `.in` by its neighbours); other files yield
 * nothing. Findings may name other files (a `-r` include's own findings belong to it). Never throws.
 */
export function analyze(file: SourceFile, options: AnalyzeOptions): Finding[] {
  return examine(file, options).findings;
}

/** What analysing a file found: its facts, for the rules that see a whole repository, and its findings. */
export interface Examination {
  facts: Fact[];
  findings: Finding[];
}

/** `analyze`, keeping the facts the findings were judged from. */
export function examine(file: SourceFile, options: AnalyzeOptions): Examination {
  const format = formatFor(file.path, options.fs);
  if (!format) return { facts: [], findings: [] };
  const source: SourceFile = { path: file.path, text: stripBom(file.text), encoding: file.encoding };
  // Every file the analysis reads (an include, a module's other files) is read once, and its bytes are judged too.
  const read = new Map<string, SourceFile | undefined>();
  const readOnce = (path: string) => {
    if (!read.has(path)) read.set(path, readSource(options.fs, path));
    return read.get(path);
  };
  const fs: FileSystem = {
    readFile: (path) => readOnce(path)?.text,
    readDecoded: (path) => {
      const s = readOnce(path);
      return s?.encoding && { text: s.text, encoding: s.encoding };
    },
    exists: (path) => options.fs.exists(path),
    listDir: options.fs.listDir && ((path) => options.fs.listDir?.(path) ?? []),
  };
  let facts: Fact[];
  let findings: Finding[];
  try {
    facts = format.read(source, { ...interestOf(options.standard), fs, readings: options.readings });
    findings = judge(facts, options.standard, options.today ?? defaultToday(), options.readings);
  } catch (e) {
    // A defect in the engine must not take the whole run down; it becomes a finding a person can report.
    const lines = new LineIndex(source.text);
    const at = { source: { path: file.path, range: (s: number, e: number) => lines.rangeAt(s, e) }, start: 0, end: 0 };
    return { facts: [], findings: [internalError(at, e)] };
  }
  const judged = new Map<string, SourceFile>([[path.resolve(source.path), source]]);
  for (const [p, s] of read) if (s && !judged.has(path.resolve(p))) judged.set(path.resolve(p), s);
  const encodings: Finding[] = [];
  for (const s of judged.values()) {
    if (!s.encoding) continue;
    const found = encodingFindings(
      s.path,
      s.text,
      s.encoding,
      formatFor(s.path) ?? (s === source ? format : undefined),
    );
    // A parse error where an unreadable byte stands is that byte's doing: the encoding finding says it better.
    const bad = new Set(s.encoding.invalid.map((b) => b.offset));
    if (found.length > 0 && bad.size > 0) {
      const lines = new LineIndex(s.text);
      findings = findings.filter(
        (f) =>
          f.code !== 'parse-error' ||
          path.resolve(f.file) !== path.resolve(s.path) ||
          !bad.has(lines.offsetAt(f.range.start)),
      );
    }
    encodings.push(...found);
  }
  findings = [...encodings, ...findings];
  findings = unsuppressed(findings, (f) => (f === file.path ? source.text : fs.readFile(f)));
  return { facts, findings };
}

/** The findings that no ignore comment in their own file silences; `read` gives a file's text. */
export function unsuppressed(findings: readonly Finding[], read: (file: string) => string | undefined): Finding[] {
  const texts = new Map<string, Suppressions>();
  return findings.filter((f) => {
    let s = texts.get(f.file);
    if (!s) {
      s = suppressions(read(f.file) ?? '');
      texts.set(f.file, s);
    }
    return !suppressed(s.file, f.code) && !suppressed(s.lines.get(f.range.start.line), f.code);
  });
}
