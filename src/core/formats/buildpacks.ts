// A buildpacks project descriptor, `project.toml`: the Python the build installs, from an environment variable of
// `[[build.env]]` (descriptor 0.1) or `[[io.buildpacks.build.env]]` (0.2). Google Cloud's buildpacks read
// `GOOGLE_PYTHON_VERSION` and Paketo's read `BP_CPYTHON_VERSION`, both as a semver constraint: a series (`3.10`,
// `3.10.x`, `3.10.*`, `~3.10`, an exact `3.10.4`) installs the newest of one minor, a range (`>=3.10`, `^3.10`,
// `>= 3.10, < 3.13`) the newest it admits. A range is read with Poetry's constraints, which share that syntax.
import path = require('node:path');
import type { Fact, PythonFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { POETRY } from '../versions/dialects';
import { dottedMinorVersion, majorMinor } from '../versions/runtimes';
import type { ReadContext } from './context';
import { content, raw, tomlContext, type Ctx } from './pyproject';
import { lookup, parseTomlDocument, type TomlValue } from './toml';

export const PROJECT_DESCRIPTOR = 'project.toml';

/** The variables that set the Python version, by the buildpacks that read them. */
const PYTHON_VARIABLES = new Set(['GOOGLE_PYTHON_VERSION', 'BP_CPYTHON_VERSION']);

// A series: an optional `=`, `v` or `~`, a major and minor, and a patch or a wildcard.
const SERIES = /^([=v~]?)(\d+\.\d+)(\.(?:\d+|[xX*]))?$/;

function readVariable(c: Ctx, label: string, value: TomlValue | undefined): PythonFact | undefined {
  if (value?.kind !== 'string') return undefined;
  const text = raw(c, value);
  if (text === undefined) return undefined;
  const place = content(c, value);
  const base = { kind: 'python', label, role: 'runs', judgedBy: 'python', place } as const;
  const series = SERIES.exec(text);
  if (series) {
    const version = dottedMinorVersion(series[2]);
    if (!version) return undefined;
    // The newest of the wanted minor, written the way this one is: `3.8.x` → `3.10.x`; an exact patch becomes the series.
    const wildcard = series[3] && !/\d/.test(series[3]) ? series[3] : '';
    const spell = (v: Version) => `${series[1]}${majorMinor(v).join('.')}${wildcard}`;
    return { ...base, statement: { form: 'version', version, shown: text, spell, quote: '' } };
  }
  // Only a range the constraint reader takes is judged; a hyphen range or a typo is the buildpack's to report.
  if ('error' in POETRY.read(text)) return undefined;
  return { ...base, statement: { form: 'range', dialect: POETRY, constraint: { text, place } } };
}

function readEnv(c: Ctx, env: TomlValue | undefined): void {
  if (env?.kind !== 'array') return;
  for (const item of env.items) {
    if (item.kind !== 'table') continue;
    const name = item.entries.get('name')?.value;
    if (name?.kind !== 'string' || !PYTHON_VARIABLES.has(name.value)) continue;
    const fact = readVariable(c, name.value, item.entries.get('value')?.value);
    if (fact) c.facts.push(fact);
  }
}

export function readProjectDescriptor(file: SourceFile, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(file.text);
  const c = tomlContext(file, doc, (name) => ctx.wants('python', name));
  readEnv(c, lookup(doc, ['build', 'env']));
  readEnv(c, lookup(doc, ['io', 'buildpacks', 'build', 'env']));
  return c.facts;
}

export function isProjectDescriptor(file: string): boolean {
  return path.basename(file) === PROJECT_DESCRIPTOR;
}
