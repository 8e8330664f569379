// A conda environment file, `environment.yml` / `environment.yaml`: the Python in `dependencies` as a conda match
// spec, and the `pip:` sub-list, which conda hands to pip as requirement lines. Of the match spec forms, a series
// (`python=3.10`, `python=3.10.*`, `python 3.10`, the exact `python==3.10.4`, with or without a build string) is the
// Python the environment runs (role `runs`); a range (`python>=3.10`, `python>=3.10,<3.13`) states the oldest it
// accepts (role `floor`), read as PEP 440, whose operators conda shares. An alternative (`3.9|3.10`), a bracket spec
// (`python[version='>=3.10']`) and a major alone are not read.
import path = require('node:path');
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Fact, Place, PythonFact, Source } from '../facts';
import type { Version } from '../versions';
import { PEP440 } from '../versions/dialects';
import { majorMinor, pythonRelease } from '../versions/runtimes';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { requirementFacts } from './pep508';
import { isReference } from './pipReferences';
import { readYamlContents, scalarText } from './yamlVersions';

export const CONDA_ENVIRONMENTS = ['environment.yml', 'environment.yaml'];

const LABEL = 'conda python';
// A channel (`conda-forge::`, `conda-forge/linux-64::`) and the name `python`, then its version spec.
const PYTHON_SPEC = /^(?:[^\s:]+::)?python(?=[\s=<>!~]|$)\s*/;
// A series: the version, an optional wildcard, and an optional build string.
const SERIES = /^(\d+\.\d+(?:\.\d+)?)(\.?\*)?$/;

function mapOf(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

/** The Python of one dependency, from its text at `place`, unless it names none this reader takes. */
function pythonSpec(text: string, place: Place): PythonFact | undefined {
  const name = PYTHON_SPEC.exec(text);
  if (!name) return undefined;
  const from = name[0].length;
  // The version runs to the next blank (a build string may follow, `python 3.10 h12_0`).
  const blank = text.slice(from).search(/\s/);
  const spec = blank < 0 ? text.slice(from) : text.slice(from, from + blank);
  if (spec === '' || spec.includes('|') || spec.includes('[')) return undefined;
  const source = place.source;
  const specPlace = { source, start: place.start + from, end: place.start + from + spec.length };
  const base = { kind: 'python', label: LABEL, judgedBy: 'python', place: specPlace } as const;
  const fuzzy = spec.startsWith('=') && !spec.startsWith('==');
  if (/^[<>!~]/.test(spec)) {
    const read = PEP440.read(spec);
    if ('error' in read) return undefined;
    return {
      ...base,
      role: 'floor',
      statement: { form: 'range', dialect: PEP440, constraint: { text: spec, place: specPlace, read: read.value } },
    };
  }
  // A series is replaced with its build string, which belongs to the old version: `python 3.8 h12_0` → `python 3.10`.
  const whole = text.slice(from).trimEnd();
  const seriesPlace = { source, start: specPlace.start, end: specPlace.start + whole.length };
  const op = fuzzy ? '=' : spec.startsWith('==') ? '==' : '';
  // `=3.10.4=h12_0` and `==3.10.4=h12_0` carry a build string after the version.
  const body = spec.slice(op.length).split('=')[0];
  const series = SERIES.exec(body);
  const version = series && pythonRelease(series[1]);
  if (!series || !version) return undefined;
  // The new version names a series in the file's own way: `=3.10`, `=3.10.*`, `3.10`; an exact pin of an old release
  // (`==3.8.10`) becomes the fuzzy series, since no 3.10 release can be named without knowing the newest.
  const wildcard = series[2] ?? '';
  const spell = (v: Version) => `${op === '==' ? '=' : op}${majorMinor(v).join('.')}${wildcard}`;
  return {
    ...base,
    role: 'runs',
    place: seriesPlace,
    statement: { form: 'version', version, shown: whole, spell, quote: '' },
  };
}

function readPip(
  source: Source,
  text: string,
  list: Node | undefined,
  wants: (name: string) => boolean,
  facts: Fact[],
): void {
  if (!isSeq(list)) return;
  const items = list.items.flatMap((item) => {
    const scalar = scalarText(source, text, item as Node);
    // pip options (`-r requirements.txt`, `--index-url …`, `-e .`) and paths or URLs name no version here.
    if (!scalar || scalar.text.startsWith('-') || isReference(scalar.text)) return [];
    return [{ text: scalar.text, start: scalar.place.start }];
  });
  facts.push(...requirementFacts(source, items, wants));
}

export function readCondaEnvironment(file: SourceFile, ctx: ReadContext): Fact[] {
  const { contents, source, facts } = readYamlContents(file);
  const dependencies = mapOf(contents, 'dependencies');
  if (!isSeq(dependencies)) return facts;
  const wants = (name: string) => ctx.wants('python', name);
  for (const item of dependencies.items) {
    if (isMap(item)) {
      readPip(source, file.text, mapOf(item, 'pip'), wants, facts);
      continue;
    }
    const scalar = scalarText(source, file.text, item as Node);
    const fact = scalar && pythonSpec(scalar.text, scalar.place);
    if (fact) facts.push(fact);
  }
  return facts;
}

export function isCondaEnvironment(file: string): boolean {
  return CONDA_ENVIRONMENTS.includes(path.basename(file));
}
