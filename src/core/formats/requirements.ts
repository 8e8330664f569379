// pip requirements files, read the way pip reads them (continuations, comments, options, PEP 508 lines). Written by
// hand: the npm parser we measured (pip-requirements-js) took about 2 s for a 5,000-line file and throws on CRLF,
// `\` continuations and `--hash` options, and no parser keeps the offsets a squiggle needs.
import * as path from 'node:path';
import { normalizeName } from '../names';
import { checkRequirement, type RuleTarget } from '../rules/requirement';
import { LineIndex, stripBom } from '../text';
import type { Finding } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { parseRequirement, type Pep508Entry } from './pep508';
import { detectLock, lockRedirect } from './pipCompile';

/** A logical line: physical lines joined at trailing backslashes, with a map back to file offsets. */
interface LogicalLine {
  text: string;
  /** The file offset of the first physical line. */
  start: number;
  /** Pairs [logical start, file offset] of each joined piece, in order; undefined for a line that was not joined. */
  pieces: [number, number][] | undefined;
}

export type RequirementsEntry =
  | Pep508Entry
  | { kind: 'include'; option: '-r' | '-c'; target: string; start: number; end: number; lineStart: number }
  | { kind: 'option'; name: string; start: number; end: number };
const OPTIONS_WITH_VALUE = new Map<string, string>([
  ['-r', '-r'], ['--requirement', '-r'], ['-c', '-c'], ['--constraint', '-c'], ['-e', '-e'], ['--editable', '-e'],
  ['-i', '-i'], ['--index-url', '-i'], ['--extra-index-url', '--extra-index-url'], ['-f', '-f'], ['--find-links', '-f'],
  ['--only-binary', '--only-binary'], ['--no-binary', '--no-binary'], ['--trusted-host', '--trusted-host'],
  ['--use-feature', '--use-feature'], ['--config-settings', '--config-settings'], ['--global-option', '--global-option'],
]);
const FLAG_OPTIONS = new Set(['--pre', '--no-index', '--prefer-binary', '--require-hashes']);
const PER_REQUIREMENT = /^--(hash|config-settings|global-option|install-option)\b/;
const COMMENT_LINE = /^\s*#/;

function* logicalLines(text: string, lines: LineIndex): Generator<LogicalLine> {
  let pending: LogicalLine | undefined;
  for (let n = 0; n < lines.lineCount; n++) {
    const start = lines.lineStarts[n];
    const end = lines.lineEnd(n);
    const continued = end > start && text.charCodeAt(end - 1) === 92;
    if (!continued && !pending) {
      yield { text: text.slice(start, end), pieces: undefined, start };
      continue;
    }
    const line = text.slice(start, end);
    // As in pip: a comment line never continues, and it closes a pending continuation.
    const comment = COMMENT_LINE.test(line);
    pending ??= { text: '', pieces: [], start };
    const pieces = pending.pieces as [number, number][];
    if (!continued || comment) {
      pieces.push([pending.text.length, start]);
      pending.text += comment ? '' : line;
      yield pending;
      pending = undefined;
      continue;
    }
    let cut = line.length;
    while (cut > 0 && line.charCodeAt(cut - 1) === 92) cut--;
    pieces.push([pending.text.length, start]);
    pending.text += line.slice(0, cut);
  }
  if (pending) yield pending;
}

function toFileOffset(line: LogicalLine, offset: number, isEnd: boolean): number {
  const { pieces } = line;
  if (!pieces) return line.start + offset;
  // The last piece starting at or before the offset, by binary search: a line can join 100,000 continuations.
  // An end offset at a piece boundary belongs to the earlier piece, so a range never swallows a line break.
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isEnd ? pieces[mid][0] < offset : pieces[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return pieces[lo][1] + (offset - pieces[lo][0]);
}

/** Cut a trailing comment: `#` at the start or after whitespace (a URL fragment `#egg=` is not a comment). */
function contentEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 35 && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return text.length;
}

// The last letter of every archive suffix below: a cheap test before the expression.
const ARCHIVE_LAST = new Set(['l', 'L', 'p', 'P', 'z', 'Z', '2']);

function isReference(text: string): boolean {
  const first = text.charCodeAt(0);
  const alnum = (first >= 48 && first <= 57) || ((first | 32) >= 97 && (first | 32) <= 122);
  // Most lines are plain requirements: a name first, and no path or URL punctuation anywhere.
  if (alnum && !/[/\\:+]/.test(text) && !ARCHIVE_LAST.has(text[text.length - 1])) return false;
  // `name @ https://…/x.whl` is a PEP 508 requirement whose name still counts, not a bare archive.
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*@/.test(text)) return false;
  return /^(\.{1,2}[/\\]|[/\\]|~[A-Za-z0-9._-]*[/\\]|[A-Za-z][A-Za-z0-9+.-]*:\/\/|file:|git\+)/.test(text) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(text) || text === '.';
}

function parseOption(text: string, base: number, map: (o: number, end: boolean) => number): RequirementsEntry {
  const at = (o: number) => map(base + o, false);
  const atEnd = (o: number) => map(base + o, true);
  const m = /^(--?[A-Za-z][A-Za-z0-9-]*)(=|[ \t]+)?/.exec(text);
  if (!m) return { kind: 'error', message: `Unknown option '${text.split(/[ \t=]/)[0]}'`, start: at(0), end: atEnd(text.search(/[ \t=]|$/)) };
  let name = m[1];
  let valueStart = m[0].length;
  // Short options take their value glued on too: `-rbase.txt`, `-r=base.txt`.
  if (!name.startsWith('--') && name.length > 2) {
    valueStart = 2 + (text[2] === '=' ? 1 : 0);
    name = name.slice(0, 2);
  }
  const canonical = OPTIONS_WITH_VALUE.get(name);
  if (!canonical) {
    if (FLAG_OPTIONS.has(name)) return { kind: 'option', name, start: at(0), end: atEnd(text.length) };
    return { kind: 'error', message: `Unknown option '${name}'`, start: at(0), end: atEnd(name.length) };
  }
  const value = text.slice(valueStart).trim();
  if (!value) return { kind: 'error', message: `Option '${name}' needs a value`, start: at(0), end: atEnd(text.length) };
  if (canonical === '-r' || canonical === '-c') {
    const lead = text.slice(valueStart).length - text.slice(valueStart).trimStart().length;
    return { kind: 'include', option: canonical, target: value, start: at(valueStart + lead), end: atEnd(valueStart + lead + value.length), lineStart: at(0) };
  }
  return { kind: 'option', name: canonical, start: at(0), end: atEnd(text.length) };
}

/**
 * Parse a requirements file into entries with file offsets. Never throws. With `known`, requirements of packages it
 * rejects are only validated (they come back `unchecked`).
 */
export function parseRequirements(text: string, lines = new LineIndex(text), known?: (name: string) => boolean): RequirementsEntry[] {
  const entries: RequirementsEntry[] = [];
  for (const line of logicalLines(text, lines)) {
    const content = line.text.slice(0, contentEnd(line.text));
    const lead = content.length - content.trimStart().length;
    const body = content.trim();
    if (!body) continue;
    const map = (o: number, end: boolean) => toFileOffset(line, o, end);
    if (body.startsWith('-')) {
      entries.push(parseOption(body, lead, map));
      continue;
    }
    // As pip does: the requirement ends at the first whitespace-separated token that starts with '-'.
    const optionAt = body.search(/[ \t]-/);
    const requirement = optionAt >= 0 ? body.slice(0, optionAt).trimEnd() : body;
    const options = optionAt >= 0 ? body.slice(optionAt).trim().split(/[ \t]+/) : [];
    const unknown = options.find((o) => o.startsWith('-') && !PER_REQUIREMENT.test(o));
    if (unknown) {
      const s = lead + body.indexOf(unknown, optionAt);
      entries.push({ kind: 'error', message: `'${unknown}' is not an option pip accepts after a requirement`, start: map(s, false), end: map(s + unknown.length, true) });
      continue;
    }
    if (isReference(requirement) || (requirement[0] === '$' && /^\$\{[A-Za-z0-9_]+\}/.test(requirement))) {
      entries.push({ kind: 'reference', start: map(lead, false), end: map(lead + requirement.length, true) });
      continue;
    }
    entries.push(parseRequirement(requirement, lead, options.some((o) => o.startsWith('--hash')), map, known));
  }
  return entries;
}

export function analyzeRequirements(file: SourceFile, ctx: AnalysisContext, visiting: string[] = [], done = new Set<string>()): Finding[] {
  const lines = new LineIndex(file.text);
  const key = path.resolve(file.path);
  done.add(key);
  const findings: Finding[] = [];
  const lock = detectLock(file.path, file.text, ctx.fs);
  const target: RuleTarget = {
    file: file.path,
    range: (s, e) => lines.rangeAt(s, e),
    redirect: lock && lockRedirect(lock, ctx.standard, ctx.fs, (text) => parseRequirements(text)),
  };
  const known = (name: string) => ctx.standard.packages.has(normalizeName(name));
  for (const entry of parseRequirements(file.text, lines, known)) {
    switch (entry.kind) {
      case 'error':
        findings.push({ code: 'parse-error', severity: 'error', message: entry.message, file: file.path, range: lines.rangeAt(entry.start, entry.end), fixes: [] });
        break;
      case 'requirement':
        if (known(entry.req.name)) findings.push(...checkRequirement(entry.req, ctx.standard, target));
        break;
      case 'include': {
        if (/\$\{|^[a-z]+:\/\//i.test(entry.target)) break;
        const included = path.resolve(path.dirname(file.path), entry.target);
        const range = lines.rangeAt(entry.start, entry.end);
        if (included === key || visiting.includes(included)) {
          const chain = [...(included === key ? [] : visiting.slice(visiting.indexOf(included))), key, included].map((f) => path.basename(f));
          findings.push({ code: 'include-cycle', severity: 'error', message: `Including ${entry.target} forms a cycle: ${chain.join(' → ')}`, file: file.path, range, fixes: [] });
          break;
        }
        if (done.has(included)) break;
        const text = ctx.fs.readFile(included);
        if (text === undefined) {
          findings.push({ code: 'include-not-found', severity: 'error', message: `Included file ${entry.target} does not exist`, file: file.path, range, fixes: [] });
          break;
        }
        const relative = path.isAbsolute(entry.target) ? entry.target : path.join(path.dirname(file.path), entry.target);
        findings.push(...analyzeRequirements({ path: relative, text: stripBom(text) }, ctx, [...visiting, key], done));
        break;
      }
      default:
        break;
    }
  }
  return findings;
}

