// Files that name the Python a project runs on and nothing else: Heroku's `runtime.txt` (`python-3.10.14`, or the
// major form `python-3.10` the buildpack takes since it deprecated the file for `.python-version`) and asdf's
// `.tool-versions` (`python 3.10.4 3.11.2`: the first version is the default, the others are on the PATH too; mise
// reads it as well, and both take `3.10` for the newest 3.10 installed).
import path = require('node:path');
import { editAt, textSource, type Fact, type Place, type PythonFact, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { majorMinor, pythonRelease } from '../versions/runtimes';
import { separatedRemovals, versionList, type ListedVersion } from './versionLists';

export const RUNTIME_TXT = 'runtime.txt';
export const TOOL_VERSIONS = '.tool-versions';

const DOTTED = (v: Version) => majorMinor(v).join('.');

// The buildpack strips the file and reads `python-` and a version; anything else (`pypy3.6-7.3.1`) is another runtime.
const RUNTIME = /^\s*python-(\S+)\s*$/;

/** The one version statement of a file, or a list of several whose fix drops lines or words. */
function runs(
  label: string,
  place: Place,
  entries: ListedVersion[],
  remove: (below: ReadonlySet<number>) => TextEdit[],
): PythonFact {
  const [first] = entries;
  return {
    kind: 'python',
    label,
    role: 'runs',
    judgedBy: 'python',
    place,
    statement:
      entries.length === 1
        ? { form: 'version', version: first.version, shown: first.shown, spell: DOTTED, quote: '' }
        : versionList(entries, DOTTED, remove),
  };
}

export function readRuntimeTxt(file: SourceFile): Fact[] {
  const m = RUNTIME.exec(file.text);
  const version = m && pythonRelease(m[1]);
  if (!m || !version) return [];
  const source = textSource(file.path, file.text);
  const start = m.index + m[0].indexOf('python-') + 'python-'.length;
  const place = { source, start, end: start + m[1].length };
  const fact = runs(RUNTIME_TXT, place, [{ version, shown: `python-${m[1]}`, place }], () => []);
  return [fact];
}

/** The words of a line up to a `#` comment, with their offsets. */
function words(text: string, start: number, end: number): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = [];
  let p = start;
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c === 35) break;
    if (c === 32 || c === 9 || c === 13) {
      p++;
      continue;
    }
    const from = p;
    while (p < end && !/[ \t\r#]/.test(text[p])) p++;
    found.push({ text: text.slice(from, p), start: from, end: p });
  }
  return found;
}

/** The `python` line of a `.tool-versions`: each CPython version on it, the others (`system`, `pypy3.9-7.3.9`) left alone. */
function readToolLine(source: Source, line: { text: string; start: number; end: number }[]): PythonFact | undefined {
  const [tool, ...versions] = line;
  if (tool?.text !== 'python') return undefined;
  const entries: (ListedVersion & { word: number })[] = [];
  versions.forEach((w, word) => {
    const version = pythonRelease(w.text);
    if (version) entries.push({ version, shown: w.text, place: { source, start: w.start, end: w.end }, word });
  });
  if (entries.length === 0) return undefined;
  // A removal takes the word with the blanks after it, or before it when it is the last: the line keeps its shape.
  const remove = (below: ReadonlySet<number>) =>
    separatedRemovals(versions, new Set([...below].map((i) => entries[i].word))).map((span) =>
      editAt({ source, ...span }, ''),
    );
  const place = { source, start: entries[0].place.start, end: entries[entries.length - 1].place.end };
  return runs(`${TOOL_VERSIONS} python`, place, entries, remove);
}

export function readToolVersions(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const facts: Fact[] = [];
  const text = file.text;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const fact = readToolLine(source, words(text, start, end));
    if (fact) facts.push(fact);
    start = end + 1;
  }
  return facts;
}

export function isRuntimeTxt(file: string): boolean {
  return path.basename(file) === RUNTIME_TXT;
}

export function isToolVersions(file: string): boolean {
  return path.basename(file) === TOOL_VERSIONS;
}
