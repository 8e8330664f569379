// pip requirements files, read the way pip reads them (pip's req/req_file.py): continuations, comments, the split of
// a line into its requirement and its options, and what pip makes of each. Written by hand: the npm parser we measured
// (pip-requirements-js) took about 2 s for a 5,000-line file and throws on CRLF, `\` continuations and `--hash`
// options, and no parser keeps the offsets a squiggle needs. Options are read in pipOptions.ts, paths and URLs in
// pipReferences.ts; requirements.ts turns the entries into facts.
import { internalErrorMessage, stackOf } from '../internal';
import { LineIndex } from '../text';
import { parseRequirement, type OffsetMap } from './pep508';
import { parseOptions, type ParsedOption, type Word } from './pipOptions';
import { ENV_VAR, isPlainReference, isReference, NAMED_URL, readReference, type ReferenceEntry } from './pipReferences';

/** A logical line: physical lines joined at trailing backslashes, with a map back to file offsets. */
interface LogicalLine {
  text: string;
  /** The file offset of the first physical line. */
  start: number;
  /** Pairs [logical start, file offset] of each joined piece, in order; undefined for a line that was not joined. */
  pieces: [number, number][] | undefined;
}

export type RequirementsEntry =
  | Exclude<ReferenceEntry, { kind: 'unchecked' }>
  | { kind: 'include'; option: '-r' | '-c'; target: string; start: number; end: number }
  /** Text pip reads past without an error or an effect; `join` is the name the words make joined, when they make one. */
  | {
      kind: 'ignored';
      message: string;
      start: number;
      end: number;
      join?: { start: number; end: number; name: string };
    };

const COMMENT_LINE = /^\s*#/;
const ENV_VAR_START = /^\$\{[A-Z0-9_]+\}/;
const NAME_ONLY = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
// Options that are only `--hash=<algorithm>:<value>` words, each of which pip takes as written (no quote or escape to
// undo, an algorithm it allows): a pip-compile pin's, read without splitting them like a shell.
const HASHES_ONLY = /^--hash=sha(?:256|384|512):[^\s"'\\]*(?:[ \t]+--hash=sha(?:256|384|512):[^\s"'\\]*)*$/;

/** Hands each logical line to `visit`, in order. A callback, not a generator: resuming one per line cost 3 %. */
function eachLogicalLine(text: string, lines: LineIndex, visit: (line: LogicalLine) => void): void {
  let pending: LogicalLine | undefined;
  for (let n = 0; n < lines.lineCount; n++) {
    const start = lines.lineStarts[n];
    const end = lines.lineEnd(n);
    const continued = end > start && text.charCodeAt(end - 1) === 92;
    if (!continued && !pending) {
      visit({ text: text.slice(start, end), pieces: undefined, start });
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
      visit(pending);
      pending = undefined;
      continue;
    }
    // pip strips backslashes from both ends of a continued line (`line.strip("\\")`).
    let cut = line.length;
    while (cut > 0 && line.charCodeAt(cut - 1) === 92) cut--;
    let from = 0;
    while (from < cut && line.charCodeAt(from) === 92) from++;
    pieces.push([pending.text.length, start + from]);
    pending.text += line.slice(from, cut);
  }
  if (pending) visit(pending);
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

/** Python's `\s`, which pip's comment expression uses: a `#` after any of these starts a comment. */
function isPythonSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return c !== 0xfeff && /\s/.test(text[i]);
}

/** Cut a trailing comment: `#` at the start or after whitespace (a URL fragment `#egg=` is not a comment). */
function contentEnd(text: string): number {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0 || isPythonSpace(text, i - 1)) return i;
  }
  return text.length;
}

/** The requirement part of a line (never empty): a name with its specifier, or a path, URL or archive. */
function readRequirementText(
  text: string,
  base: number,
  hashed: boolean,
  map: OffsetMap,
  known?: (name: string) => boolean,
): ReferenceEntry {
  if (text.charCodeAt(0) === 36 && ENV_VAR_START.test(text))
    return { kind: 'reference', start: map(base, false), end: map(base + text.length, true) };
  const entry = parseRequirement(text, base, hashed, map, known);
  // Read first: most lines are plain requirements of packages no rule judges, which the skim validated, and those
  // need only the archive test (the whole reference test cost 4 to 5 % of a 5,000-line file).
  const plain = entry.kind === 'unchecked' && entry.plain === true;
  return (plain ? isPlainReference(text) : isReference(text)) ? readReference(text, base, map, known) : entry;
}

/** Adds `entry` unless it is a requirement only validated (see `known`): nothing is built for those lines. */
function add(entries: RequirementsEntry[], entry: ReferenceEntry): void {
  if (entry.kind !== 'unchecked') entries.push(entry);
}

/** An offset map for the text of `word` (its quotes and escapes undone) onto the line's own offsets. */
function wordMap(word: Word, map: OffsetMap): OffsetMap {
  const { at } = word;
  if (!at) return (o, isEnd) => map(word.start + o, isEnd);
  return (o, isEnd) =>
    map(isEnd ? (o === 0 ? (at[0] ?? word.end) : at[o - 1] + 1) : o < at.length ? at[o] : word.end, isEnd);
}

/** Why pip ignores option `o` on a line that plays `role`, or undefined when it takes effect. */
function ignoredBecause(
  o: ParsedOption,
  role: 'requirement' | 'editable' | 'include' | 'options',
  chosen: ParsedOption | undefined,
  seen: Set<string>,
): string | undefined {
  const name = o.spec.name;
  const again = seen.has(name);
  seen.add(name);
  // `google -cloud-storage` is `-c loud-storage` to pip: say so, or the message names an option nobody wrote.
  const what =
    o.glued && o.typed.length === 2 && o.value
      ? `'${o.typed}${o.value.text}' (read as ${o.typed} ${o.value.text})`
      : o.typed;
  switch (role) {
    case 'requirement':
      // ParsedLine.is_editable looks at the options alone, so the requirement itself turns editable.
      if (name === '--editable')
        return `pip ignores the value of ${what} after a requirement, but installs the requirement itself in editable mode`;
      return o.spec.perRequirement
        ? undefined
        : `pip ignores ${what} on a requirement's line: only --hash and --config-settings apply there`;
    case 'editable':
      if (name === '--config-settings') return undefined;
      if (name === '--editable') return `pip installs only the first -e of a line and ignores this one`;
      return `pip ignores ${what} on an editable requirement's line: only --config-settings applies there`;
    case 'include':
      return `pip ignores ${what} on a line that includes a file with ${chosen?.typed}`;
    default:
      if (o.spec.perRequirement) return `pip ignores ${what} on a line without a requirement`;
      // pip reads `opts.find_links[0]` only.
      if (name === '--find-links' && again) return `pip reads only the first ${what} of a line and ignores this one`;
      return undefined;
  }
}

/**
 * A line with options, split as pip's `break_args_options` does: the options begin at the first space-separated word
 * that starts with '-', and everything before it is the requirement. What the line is then decides which options act.
 */
function readOptionsLine(
  body: string,
  optionAt: number,
  lead: number,
  map: OffsetMap,
  known: ((name: string) => boolean) | undefined,
  entries: RequirementsEntry[],
): void {
  const parsed = parseOptions(body, optionAt);
  const at: OffsetMap = (o, isEnd) => map(lead + o, isEnd);
  const args = body.slice(0, optionAt).trimEnd();
  // The common case, a requirement with its hashes: nothing to report about the options.
  if (args && parsed.errors.length === 0 && parsed.skipped.length === 0) {
    let hashed = false;
    let plain = true;
    for (const o of parsed.options) {
      plain &&= o.spec.perRequirement === true;
      hashed ||= o.spec.name === '--hash';
    }
    if (plain) {
      add(entries, readRequirementText(args, 0, hashed, at, known));
      return;
    }
  }
  // An empty range at a joined line's seam would otherwise start on the next line and end on this one.
  const span = (from: number, to: number) => {
    const start = at(from, false);
    return { start, end: to > from ? at(to, true) : start };
  };
  const clean = parsed.errors.length === 0;
  const own: RequirementsEntry[] = parsed.errors.map((e) => ({
    kind: 'error',
    message: e.message,
    ...span(e.start, e.end),
  }));
  const find = (name: string) => parsed.options.find((o) => o.spec.name === name);
  let chosen: ParsedOption | undefined;
  let role: 'requirement' | 'editable' | 'include' | 'options' = 'options';
  if (args) {
    role = 'requirement';
    // A hash that failed to parse still pins the line.
    const hashed = find('--hash') !== undefined || (!clean && body.includes('--h'));
    add(entries, readRequirementText(args, 0, hashed, at, known));
  } else if ((chosen = find('--editable'))) {
    role = 'editable';
    const value = chosen.value as Word;
    const vmap = wordMap(value, at);
    const v = value.text;
    // pip would try the empty text as a folder and fail.
    if (!v)
      own.push({
        kind: 'error',
        message: `Option '${chosen.typed}' needs a path or a URL`,
        ...span(chosen.start, chosen.end),
      });
    else if (ENV_VAR.test(v)) entries.push({ kind: 'reference', start: vmap(0, false), end: vmap(v.length, true) });
    else if (NAMED_URL.test(v)) add(entries, parseRequirement(v, 0, false, vmap, known));
    else add(entries, readReference(v, 0, vmap, known, true));
  } else if ((chosen = find('--requirement') ?? find('--constraint'))) {
    role = 'include';
    const value = chosen.value as Word;
    // pip would open the folder itself and fail.
    if (!value.text)
      own.push({
        kind: 'error',
        message: `Option '${chosen.typed}' needs a file name`,
        ...span(chosen.start, chosen.end),
      });
    else
      own.push({
        kind: 'include',
        option: chosen.spec.name === '--requirement' ? '-r' : '-c',
        target: value.text,
        ...span(value.start, value.end),
      });
  }
  if (clean) {
    const seen = new Set<string>();
    for (const o of parsed.options) {
      const why = o === chosen ? undefined : ignoredBecause(o, role, chosen, seen);
      if (why)
        own.push({
          kind: 'ignored',
          message: why,
          ...span(o.start, o.end),
          join: joined(body, args, optionAt, o.glued ? o : undefined, at),
        });
    }
    for (const s of parsed.skipped) {
      const message = `pip ignores '${s.text}': a word starting with '-' begins the line's options, and pip skips the words there that are not options, so this is not installed`;
      own.push({ kind: 'ignored', message, ...span(s.start, s.end), join: joined(body, args, optionAt, s, at) });
    }
  }
  own.sort((a, b) => (a as { start: number }).start - (b as { start: number }).start);
  entries.push(...own);
}

/**
 * `google - auth` and `google -cloud-storage`: a name whose hyphen came loose, so pip reads the rest as options. The
 * name the line makes with the text joined on, when `ignored` starts the options on the same physical line.
 */
function joined(
  body: string,
  args: string,
  optionAt: number,
  ignored: { start: number; end: number } | undefined,
  at: OffsetMap,
): { start: number; end: number; name: string } | undefined {
  if (!ignored || ignored.start !== optionAt || !NAME_ONLY.test(args)) return undefined;
  const name = args + body.slice(optionAt, ignored.end).replace(/\s+/g, '');
  const start = at(0, false);
  const end = at(ignored.end, true);
  // `pandas -- x` would join into `pandas--x`: valid, but no one's intent.
  return NAME_ONLY.test(name) && !/[-_.]{2}/.test(name) && end - start === ignored.end
    ? { start, end, name }
    : undefined;
}

/**
 * Parse a requirements file into entries with file offsets. Never throws. With `known`, requirements of packages it
 * rejects are only validated: an invalid one comes back as its error, a valid one not at all.
 */
export function parseRequirements(
  text: string,
  lines = new LineIndex(text),
  known?: (name: string) => boolean,
): RequirementsEntry[] {
  const entries: RequirementsEntry[] = [];
  eachLogicalLine(text, lines, (line) => {
    const content = line.text.slice(0, contentEnd(line.text));
    const body = content.trim();
    if (!body) return;
    const lead = content.length - content.trimStart().length;
    const map: OffsetMap = (o, end) => toFileOffset(line, o, end);
    try {
      // Only lines with options pay for reading them: a plain requirement goes straight to its own reader.
      const optionAt = body.charCodeAt(0) === 45 ? 0 : body.indexOf(' -') + 1;
      if (optionAt === 0 && body.charCodeAt(0) !== 45) add(entries, readRequirementText(body, lead, false, map, known));
      else if (optionAt > 0 && HASHES_ONLY.test(body.slice(optionAt)))
        add(entries, readRequirementText(body.slice(0, optionAt).trimEnd(), lead, true, map, known));
      else readOptionsLine(body, optionAt, lead, map, known, entries);
    } catch (error) {
      // A defect in the reader costs this line only.
      entries.push({
        kind: 'error',
        message: internalErrorMessage(error),
        stack: stackOf(error),
        start: map(lead, false),
        end: map(lead + body.length, true),
      });
    }
  });
  return entries;
}
