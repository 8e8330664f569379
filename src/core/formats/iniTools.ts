// The Python version tools target, from their INI configuration: mypy's `python_version` (mypy.ini, .mypy.ini and the
// `[mypy]` section of setup.cfg) and pylint's `py-version` (pylintrc, .pylintrc, and the `[pylint.*]` sections of
// setup.cfg and tox.ini).
import path = require('node:path');
import { textSource, type Fact, type PythonFact, type Source, versionFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { makeVersion, MAX_DIGITS } from '../versions';
import { iniProblems, option, parseIni, singleLine, withoutComment, type IniDocument, type IniLine } from './ini';

export const MYPY_INI = ['mypy.ini', '.mypy.ini'];
export const PYLINTRC = ['pylintrc', '.pylintrc'];

// pylint reads `#` and `;` comments after a blank inside a line.
const PYLINT_COMMENTS = ['#', ';'];

/** `3.8` as mypy reads it (one digit, a dot, the minor); pylint also takes a micro (`3.8.10`). */
function dotted(text: string, micro: boolean): Version | undefined {
  const m = (micro ? /^(\d+)\.(\d+)(?:\.\d+)?$/ : /^(\d)\.(\d+)$/).exec(text);
  return m && m[2].length <= MAX_DIGITS && m[1].length <= MAX_DIGITS
    ? makeVersion({ release: [BigInt(m[1]), BigInt(m[2])] })
    : undefined;
}

function targetFact(source: Source, line: IniLine, version: Version, label: string): PythonFact {
  return versionFact(label, 'target', { source, start: line.start, end: line.end }, version, line.text);
}

/** `[mypy] python_version = 3.8`: mypy reads it in that section only. */
export function mypyFacts(source: Source, doc: IniDocument): PythonFact[] {
  const facts: PythonFact[] = [];
  for (const section of doc.sections) {
    if (section.name !== 'mypy') continue;
    const o = option(section, 'python_version');
    const line = singleLine(o);
    const version = line && dotted(line.text, false);
    if (o && line && version) facts.push(targetFact(source, line, version, `[mypy] ${o.key}`));
  }
  return facts;
}

/**
 * pylint's `py-version` in each section it reads (`sectioned`: only those whose name starts with `pylint`, as in
 * setup.cfg and tox.ini); `cut` drops an inline comment the document was parsed with.
 */
export function pylintFacts(source: Source, doc: IniDocument, sectioned: boolean, cut: boolean): PythonFact[] {
  const facts: PythonFact[] = [];
  for (const section of doc.sections) {
    if (sectioned && !section.name.startsWith('pylint')) continue;
    const o = option(section, 'py-version');
    const written = singleLine(o);
    const line = written && cut ? withoutComment(written, PYLINT_COMMENTS) : written;
    const version = line && dotted(line.text, true);
    if (o && line && version) facts.push(targetFact(source, line, version, `[${section.name}] ${o.key}`));
  }
  return facts;
}

export function readMypyIni(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const doc = parseIni(file.text);
  return [...iniProblems(source, doc), ...mypyFacts(source, doc)];
}

export function readPylintrc(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const doc = parseIni(file.text, { inlineComments: PYLINT_COMMENTS });
  return [...iniProblems(source, doc), ...pylintFacts(source, doc, false, false)];
}

export function isMypyIni(file: string): boolean {
  return MYPY_INI.includes(path.basename(file));
}

export function isPylintrc(file: string): boolean {
  return PYLINTRC.includes(path.basename(file));
}
