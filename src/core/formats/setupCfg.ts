// setup.cfg: setuptools' `[options]` (`python_requires`, and `install_requires` / `setup_requires` as package
// requirements), `[options.extras_require]`, and the sections other tools read there: mypy's `[mypy]`, pylint's
// `[pylint.*]` and tox's `[tox:tox]` with its `[testenv]` sections.
import path = require('node:path');
import { textSource, type Fact, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { PEP440 } from '../versions/dialects';
import { parseMarker } from '../versions/markers';
import type { ReadContext } from './context';
import { iniProblems, option, parseIni, singleLine, type IniOption, type IniSection } from './ini';
import { mypyFacts, pylintFacts } from './iniTools';
import { requirementFacts } from './pep508';
import { toxFacts, toxRequires } from './tox';

/** `python_requires = >=3.8`, read as setuptools does: a PEP 440 specifier set on one line. */
function pythonRequires(source: Source, section: IniSection): Fact[] {
  const o = option(section, 'python_requires', 'python-requires');
  const line = singleLine(o);
  if (!o || !line || line.text === '') return [];
  const place = { source, start: line.start, end: line.end };
  const read = PEP440.read(line.text);
  if ('error' in read) {
    const { start, end, message } = read.error;
    return [
      {
        kind: 'problem',
        code: 'parse-error',
        message,
        place: { source, start: line.start + start, end: line.start + end },
      },
    ];
  }
  if (read.value.length === 0) return [];
  return [
    {
      kind: 'python',
      label: o.key,
      role: 'floor',
      judgedBy: 'python',
      place,
      statement: { form: 'range', dialect: PEP440, constraint: { text: line.text, place, read: read.value } },
    },
  ];
}

/**
 * A requirements value as setuptools splits it: one per line when the value has several, else at each `;` (so a
 * marker on a one-line value is read as a requirement of its own, which setuptools warns of). `file:` reads the
 * requirements from files, which are checked on their own.
 */
function requirementItems(source: Source, o: IniOption): { items: { text: string; start: number }[]; markers: Fact[] } {
  const items: { text: string; start: number }[] = [];
  const markers: Fact[] = [];
  const lines = o.lines.filter((l) => l.text !== '');
  if (lines.length === 0 || lines[0].text.startsWith('file:')) return { items, markers };
  if (o.lines.length > 1) {
    for (const line of lines) if (!line.text.startsWith('#')) items.push({ text: line.text, start: line.start });
    return { items, markers };
  }
  const [line] = lines;
  let offset = line.start;
  line.text.split(';').forEach((piece, i) => {
    const trimmed = piece.trim();
    const start = offset + piece.indexOf(trimmed);
    offset += piece.length + 1;
    if (!trimmed || trimmed.startsWith('#')) return;
    if (i > 0 && parseMarker(trimmed).marker) {
      markers.push({
        kind: 'problem',
        code: 'parse-error',
        message: `setuptools splits a one-line ${o.key} at ';', so this marker is read as a requirement: put each requirement on a line of its own`,
        place: { source, start, end: start + trimmed.length },
      });
      return;
    }
    items.push({ text: trimmed, start });
  });
  return { items, markers };
}

export function readSetupCfg(file: SourceFile, ctx: ReadContext): Fact[] {
  const source = textSource(file.path, file.text);
  const doc = parseIni(file.text);
  const wants = (name: string) => ctx.wants('python', name);
  const facts: Fact[] = [...iniProblems(source, doc)];
  const requirements = (o: IniOption) => {
    const { items, markers } = requirementItems(source, o);
    facts.push(...markers, ...requirementFacts(source, items, wants));
  };
  for (const section of doc.sections) {
    if (section.name === 'options') {
      facts.push(...pythonRequires(source, section));
      for (const o of section.options)
        if (['install_requires', 'install-requires', 'setup_requires', 'setup-requires'].includes(o.name))
          requirements(o);
    } else if (section.name === 'options.extras_require') {
      for (const o of section.options) requirements(o);
    }
  }
  facts.push(...mypyFacts(source, doc), ...pylintFacts(source, doc, true, true));
  // tox reads setup.cfg only when it has the `[tox:tox]` section.
  const tox = doc.sections.find((s) => s.name === 'tox:tox');
  if (tox) facts.push(...toxFacts(source, file.text, doc, 'tox:tox'), ...toxRequires(source, tox, ctx));
  return facts;
}

export function isSetupCfg(file: string): boolean {
  return path.basename(file) === 'setup.cfg';
}
