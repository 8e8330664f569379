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
  return [...removed]
    .sort((a, b) => a - b)
    .map((i) => {
      const last = entries.slice(i + 1).every((_, n) => removed.has(i + 1 + n));
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
): PythonStatement {
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
