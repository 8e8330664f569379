// Lists of Python versions a project runs or tests on (a CI matrix, tox's envlist, the lines of `.python-version`):
// the fix drops each entry below the minimum, and when every entry is below, raises the newest instead, so that the
// list never ends empty.
import { editAt, type Place, type PythonStatement } from '../facts';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { compareMinor } from '../versions/runtimes';

export interface ListedVersion {
  version: Version;
  /** The entry as messages show it. */
  shown: string;
  /** Where the version is written: a raise replaces it. */
  place: Place;
  /** The quote a raise needs around the new version (a plain YAML `3.10` would read as the number 3.1). */
  quote?: string;
}

/**
 * The spans that remove entries of a separated list (`a, b, c`, a flow sequence): each entry with the separator after
 * it, or with the one before it when every later entry goes too, so that no two removals overlap.
 */
export function separatedRemovals(
  entries: readonly { start: number; end: number }[],
  removed: ReadonlySet<number>,
): { start: number; end: number }[] {
  // Every entry after the last one kept goes: an entry past it is "last" (no later entry stays).
  let lastKept = entries.length - 1;
  while (lastKept >= 0 && removed.has(lastKept)) lastKept--;
  return [...removed]
    .sort((a, b) => a - b)
    .map((i) => {
      const last = i > lastKept;
      const previous = entries[i - 1];
      if (last && previous) return { start: previous.end, end: entries[i].end };
      return { start: entries[i].start, end: last ? entries[i].end : entries[i + 1].start };
    });
}

/** A list statement: `remove` gives the edits that take out the entries of a set, in the file's own syntax. */
export function versionList(
  entries: ListedVersion[],
  spell: (version: Version) => string,
  remove: (removed: ReadonlySet<number>) => TextEdit[],
): Extract<PythonStatement, { form: 'targets' }> {
  return {
    form: 'targets',
    items: entries,
    spell,
    drops: true,
    keepFrom(wanted, below) {
      if (below.size < entries.length) return remove(below);
      // Every entry is below: the newest is raised, the others go.
      let newest = 0;
      entries.forEach((e, i) => {
        if (compareMinor(e.version, entries[newest].version) > 0) newest = i;
      });
      const others = new Set(entries.keys());
      others.delete(newest);
      const quote = entries[newest].quote ?? '';
      return [editAt(entries[newest].place, quote + wanted + quote), ...remove(others)];
    },
  };
}

/**
 * `separatedRemovals` for a list laid out over lines (a multi-line INI value, a Python or TOML list): an entry alone on
 * its line (after it only its separator, blanks and a `comment`) goes with its whole line, and no removal reaches over
 * a comment line to the next entry, so that the comments between entries stay. Overlapping spans are merged.
 */
export function lineRemovals(
  text: string,
  entries: readonly { start: number; end: number }[],
  removed: ReadonlySet<number>,
  comment?: string,
): { start: number; end: number }[] {
  const order = [...removed].sort((a, b) => a - b);
  const spans = separatedRemovals(entries, removed).map((span, k) => {
    const entry = entries[order[k]];
    const line = aloneLine(text, entry, comment);
    if (line) return line;
    if (span.start === entry.start) {
      const after = text.slice(entry.end, span.end);
      if (!overComments(after)) return span;
      const lineEnd = text.indexOf('\n', entry.end);
      return { start: span.start, end: text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd };
    }
    return overComments(text.slice(span.start, entry.start)) ? { start: entry.start, end: span.end } : span;
  });
  spans.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Whether text between two entries holds more than separators and line breaks (a comment line). */
function overComments(between: string): boolean {
  return between.includes('\n') && /[^\s,]/.test(between);
}

/** The whole line of `entry` with its line break, when the entry is alone on it. */
function aloneLine(
  text: string,
  entry: { start: number; end: number },
  comment: string | undefined,
): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', entry.start - 1) + 1;
  if (text.slice(lineStart, entry.start).trim() !== '') return undefined;
  const newline = text.indexOf('\n', entry.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const rest = text.slice(entry.end, lineEnd).trim();
  const tail = rest.startsWith(',') ? rest.slice(1).trim() : rest;
  if (tail !== '' && !(comment !== undefined && tail.startsWith(comment))) return undefined;
  if (newline >= 0) return { start: lineStart, end: newline + 1 };
  // The last line has no break of its own: the break before it goes instead.
  if (lineStart === 0) return undefined;
  return { start: text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, end: lineEnd };
}
