// pipenv's `Pipfile` (TOML): `[requires] python_version` / `python_full_version`, the Python pipenv creates the
// virtual environment with, and the packages of `[packages]`, `[dev-packages]` and any other category table. A
// package's version is a PEP 440 specifier (`"==1.5.3"`, `">=1.0,<2"`), `"*"` for any version, or a bare version that
// pipenv pins with `==`; a table gives it as `version` beside `extras`, `markers` and the like, and a `git`, `path` or
// `file` entry takes its version from there.
import path = require('node:path');
import { editAt, type Fact, type NameTable, type PackageFact, type PythonFact } from '../facts';
import { internalErrorMessage, stackOf } from '../internal';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { PEP440 } from '../versions/dialects';
import { parseMarker } from '../versions/markers';
import { majorMinor, pythonRelease } from '../versions/runtimes';
import type { ReadContext } from './context';
import {
  at,
  content,
  insertVersion,
  nameTable,
  problem,
  raw,
  removeEntryLine,
  tomlContext,
  type Ctx,
} from './pyproject';
import { parseTomlDocument, type TomlEntry, type TomlString, type TomlTable, type TomlValue } from './toml';

export const PIPFILE = 'Pipfile';

// The tables that are not package categories (pipenv's NON_CATEGORY_SECTIONS).
const NOT_PACKAGES = new Set(['pipenv', 'requires', 'scripts', 'source']);
// Keys that take the version from elsewhere.
const DIRECT = ['git', 'hg', 'svn', 'bzr', 'path', 'file'];
// PEP 508 marker variables pipenv takes as keys of a package (`sys_platform = "== 'linux'"`).
const MARKER_KEYS = new Set([
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_version',
  'python_full_version',
  'implementation_name',
  'implementation_version',
]);
// pipenv pins a version written without an operator: `"1.5.3"` installs `==1.5.3`.
const OPERATOR = /^\s*(?:===|==|!=|~=|<=|>=|<|>)/;

const DOTTED = (v: Version) => majorMinor(v).join('.');

/** `[requires] python_version = "3.8"`: pipenv finds a Python whose version starts with it, so `3.10` names the series. */
function readRequires(c: Ctx, requires: TomlValue | undefined): void {
  if (requires?.kind !== 'table') return;
  for (const key of ['python_version', 'python_full_version']) {
    const s = requires.entries.get(key)?.value;
    const text = s?.kind === 'string' ? raw(c, s) : undefined;
    const version = text === undefined ? undefined : pythonRelease(text);
    if (s?.kind !== 'string' || !version) continue;
    const fact: PythonFact = {
      kind: 'python',
      label: `[requires] ${key}`,
      role: 'runs',
      judgedBy: 'python',
      place: content(c, s),
      statement: { form: 'version', version, shown: `"${s.value}"`, spell: DOTTED, quote: '' },
    };
    c.facts.push(fact);
  }
}

/** The marker pipenv installs the package under: `markers` and marker keys, any of which may hold (its `or`). */
function markerOf(spec: TomlTable): PackageFact['marker'] {
  const parts: string[] = [];
  for (const [key, entry] of spec.entries) {
    if (entry.value.kind !== 'string' || !entry.value.value.trim()) continue;
    if (key === 'markers') parts.push(entry.value.value);
    else if (MARKER_KEYS.has(key)) parts.push(`${key} ${entry.value.value}`);
  }
  if (parts.length === 0) return undefined;
  return parseMarker(parts.map((p) => `(${p})`).join(' or ')).marker;
}

/** A version string: reported when pipenv could not read it, and whether it states a constraint at all. */
function checkVersion(c: Ctx, s: TomlString): 'any' | 'constraint' | 'error' {
  if (s.value === '*' || s.value.trim() === '') return 'any';
  const bare = !OPERATOR.test(s.value);
  const read = PEP440.read(bare ? `==${s.value.trim()}` : s.value);
  if (!('error' in read)) return 'constraint';
  const written = raw(c, s) !== undefined;
  const { start, end } = s.contentSpan;
  const shift = bare ? s.value.length - s.value.trimStart().length - 2 : 0;
  problem(
    c,
    read.error.message,
    written
      ? at(c, start + Math.max(0, read.error.start + shift), start + Math.max(0, read.error.end + shift))
      : at(c, start, end),
  );
  return 'error';
}

/** The constraint of a version string, as pipenv reads it (a bare version is `==` it). */
function constraintOf(c: Ctx, s: TomlString): PackageFact['constraint'] {
  const bare = !OPERATOR.test(s.value);
  return { text: bare ? `==${s.value.trim()}` : s.value, place: content(c, s), escaped: raw(c, s) === undefined };
}

function readPackage(c: Ctx, entry: TomlEntry, names: NameTable): void {
  const spec = entry.value;
  const version = spec.kind === 'table' ? spec.entries.get('version')?.value : spec;
  const verdict = version?.kind === 'string' ? checkVersion(c, version) : undefined;
  if (!c.wants(entry.key)) return;
  const quoted = /^["']/.test(c.text[entry.keySpan.start] ?? '');
  const fact: PackageFact = {
    kind: 'package',
    registry: 'python',
    name: entry.key,
    label: entry.key,
    place: at(c, entry.keySpan.start + (quoted ? 1 : 0), entry.keySpan.end - (quoted ? 1 : 0)),
    entry: at(c, entry.keySpan.start, spec.span.end),
    dialect: PEP440,
    table: names,
    remove: () => removeEntryLine(c, entry),
  };
  if (spec.kind === 'table') fact.marker = markerOf(spec);
  if (
    (spec.kind === 'table' && DIRECT.some((k) => spec.entries.has(k))) ||
    (spec.kind !== 'table' && spec.kind !== 'string') ||
    (version !== undefined && version.kind !== 'string') ||
    verdict === 'error'
  )
    fact.direct = true;
  else if (version?.kind === 'string' && verdict === 'constraint') fact.constraint = constraintOf(c, version);
  else if (version?.kind === 'string') {
    // `"*"`: the floor takes the star's place.
    const star = version;
    if (raw(c, star) !== undefined) fact.addConstraint = (text) => editAt(content(c, star), text);
  } else if (spec.kind === 'table' && (spec.origin === 'inline' || spec.origin === 'header'))
    fact.addConstraint = (text) => insertVersion(c, spec, text);
  c.facts.push(fact);
}

function readCategory(c: Ctx, value: TomlValue): void {
  if (value.kind !== 'table') return;
  const names = nameTable(value.entries);
  for (const entry of value.entries.values()) {
    try {
      readPackage(c, entry, names);
    } catch (error) {
      problem(c, internalErrorMessage(error), at(c, entry.keySpan.start, entry.value.span.end), stackOf(error));
    }
  }
}

export function readPipfile(file: SourceFile, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(file.text);
  const c = tomlContext(file, doc, (name) => ctx.wants('python', name));
  readRequires(c, doc.root.entries.get('requires')?.value);
  for (const [name, entry] of doc.root.entries) if (!NOT_PACKAGES.has(name)) readCategory(c, entry.value);
  return c.facts;
}

export function isPipfile(file: string): boolean {
  return path.basename(file) === PIPFILE;
}
