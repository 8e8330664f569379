// `.python-version`, as pyenv, uv and mise read it: one version per line (several lines make pyenv put each on the
// PATH), `#` comments and blank lines ignored. Names that are not CPython versions (`system`, `pypy3.9-7.3.9`,
// `miniconda3-4.7.12`) are left alone.
import path = require('node:path');
import { editAt, textSource, type Fact, type Place } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { dottedMinorVersion, majorMinor } from '../versions/runtimes';
import { versionList, type ListedVersion } from './versionLists';

export const PYTHON_VERSION_FILE = '.python-version';

// `3.10`, `3.10.4`, `3.13.0rc1`, `3.12-dev`, and uv's `cpython-3.12` / `cpython@3.12`; group 1 is the version.
const LINE = /^[ \t]*(?:cpython[-@]|python)?((\d+)\.(\d+)(?:\.\d+)?(?:(?:a|b|rc)\d+|-dev)?)[ \t]*\r?$/i;

const spell = (v: Version) => majorMinor(v).join('.');

export function readPythonVersion(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const entries: (ListedVersion & { line: Place })[] = [];
  let start = 0;
  while (start < file.text.length) {
    const newline = file.text.indexOf('\n', start);
    const end = newline < 0 ? file.text.length : newline + 1;
    const m = LINE.exec(file.text.slice(start, newline < 0 ? end : newline));
    const version = m && dottedMinorVersion(`${m[2]}.${m[3]}`);
    if (m && version) {
      const at = start + m[0].indexOf(m[1]);
      const place = { source, start: at, end: at + m[1].length };
      entries.push({ version, shown: m[1], place, line: { source, start, end } });
    }
    start = end;
  }
  if (entries.length === 0) return [];
  const label = PYTHON_VERSION_FILE;
  if (entries.length === 1) {
    const [{ version, shown, place }] = entries;
    return [
      {
        kind: 'python',
        label,
        role: 'runs',
        judgedBy: 'python',
        place,
        statement: { form: 'version', version, shown, spell, quote: '' },
      },
    ];
  }
  const removeLines = (removed: ReadonlySet<number>) => [...removed].map((i) => editAt(entries[i].line, ''));
  return [
    {
      kind: 'python',
      label,
      role: 'runs',
      judgedBy: 'python',
      place: { source, start: entries[0].place.start, end: entries[entries.length - 1].place.end },
      statement: versionList(entries, spell, removeLines),
    },
  ];
}

export function isPythonVersionFile(file: string): boolean {
  return path.basename(file) === PYTHON_VERSION_FILE;
}
