// Pipfile.lock, as Pipenv writes it: JSON whose categories (`default`, `develop`, any other but `_meta`) map each
// package to its pin (`"version": "==1.5.3"`), markers and hashes. Each pin the standard has a rule for is a fact,
// judged at its version string and fixed in the Pipfile; the lock is never edited. Pipenv records no dependency
// graph, so who pulls a package in is known only from the Pipfile (a direct dependency, or not).
import path = require('node:path');
import { textSource, type Fact, type LockSource, type Place } from '../facts';
import type { SourceFile } from '../fileSystem';
import { parseSpecifier } from '../versions';
import { PEP440 } from '../versions/dialects';
import { parseMarker } from '../versions/markers';
import type { ReadContext } from './context';
import { member, parseJson, type JsonString, type JsonValue } from './json';
import { pipfileLockSources } from './lockSources';

export const PIPFILE_LOCK = 'Pipfile.lock';

export function isPipfileLock(file: string): boolean {
  return path.basename(file) === PIPFILE_LOCK;
}

function string(value: JsonValue | undefined): JsonString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

export function readPipfileLock(file: SourceFile, ctx: ReadContext): Fact[] {
  const text = file.text;
  const source = textSource(file.path, text);
  const at = (start: number, end: number): Place => ({ source, start, end });
  const facts: Fact[] = [];
  const { value, error } = parseJson(text);
  if (error)
    facts.push({ kind: 'problem', code: 'parse-error', message: error.message, place: at(error.offset, error.offset) });
  if (value?.kind !== 'object') return facts;
  const sources = pipfileLockSources(file.path, ctx);
  for (const category of value.entries) {
    if (category.key === '_meta' || category.value.kind !== 'object') continue;
    let lock: LockSource | undefined;
    for (const entry of category.value.entries) {
      if (!ctx.wants('python', entry.key)) continue;
      const version = string(member(entry.value, 'version'));
      if (!version) continue;
      const exact = text.slice(version.contentSpan.start, version.contentSpan.end) === version.value;
      const pin = parseSpecifier(version.value);
      if (pin.errors.length > 0 || pin.clauses.length === 0) continue;
      const markers = string(member(entry.value, 'markers'));
      const marker = markers && parseMarker(markers.value).marker;
      const quotedKey = entry.keySpan;
      facts.push({
        kind: 'package',
        registry: 'python',
        name: entry.key,
        label: entry.key,
        place: at(quotedKey.start + 1, quotedKey.end - 1),
        dialect: PEP440,
        constraint: {
          text: version.value,
          place: at(version.contentSpan.start, version.contentSpan.end),
          read: pin.clauses,
          escaped: !exact,
        },
        ...(marker ? { marker } : {}),
        direct: ['git', 'path', 'file', 'editable'].some((k) => member(entry.value, k) !== undefined),
        lock: (lock ??= sources(category.key)),
      });
    }
  }
  return facts;
}
