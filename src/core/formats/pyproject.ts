// pyproject.toml: dependencies wherever the common tools keep them (PEP 621, PEP 735, Poetry, uv, PDM) and every
// place that states the project's Python, as facts. Read through the position-keeping TOML model, which survives a file that
// is mid-edit: every table that still parses keeps its findings.
import { editAt, type Fact, type NameTable, type PackageFact, type Place, type Source } from '../facts';
import { internalErrorMessage, stackOf } from '../internal';
import { normalizeName } from '../names';
import { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { PEP440, POETRY } from '../versions/dialects';
import { markerCanHoldFrom } from '../versions/markerScope';
import { parseMarker } from '../versions/markers';
import { poetryConstraintError } from '../versions/poetry';
import { compareMinor, dottedMinorVersion, majorMinor, pyTargetVersion } from '../versions/runtimes';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { parseRequirementText, requirementFact, type Pep508Entry } from './pep508';
import {
  lookup,
  parseTomlDocument,
  type TomlDocument,
  type TomlEntry,
  type TomlString,
  type TomlTable,
  type TomlValue,
} from './toml';
import { basePython, spellToxPython, toxPython } from './tox';
import { lineRemovals, versionList, type ListedVersion } from './versionLists';

/** What the readers of TOML files share while reading one (pyproject.toml, Pipfile, ruff.toml). */
export interface Ctx {
  /** Whether a rule judges a package: the others' versions only need to be valid. Never the project's own name. */
  wants: (name: string) => boolean;
  /** Whether the file has a backslash anywhere; most have none, and then no string has an escape. */
  escapes: boolean;
  text: string;
  lines: LineIndex;
  source: Source;
  facts: Fact[];
}

function table(value: TomlValue | undefined): TomlTable | undefined {
  return value?.kind === 'table' ? value : undefined;
}

function string(value: TomlValue | undefined): TomlString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** The string's source between its quotes, when it maps offset for offset onto its value (no escapes). */
export function raw(c: Ctx, s: TomlString): string | undefined {
  const { start, end } = s.contentSpan;
  // Without a backslash the source is the value (a literal string has no escapes at all); no need to copy it.
  if (
    end - start === s.value.length &&
    (!c.escapes || s.style.endsWith('literal') || !hasBackslash(c.text, start, end))
  )
    return s.value;
  const text = c.text.slice(start, end);
  return text === s.value ? text : undefined;
}

export function at(c: Ctx, start: number, end: number): Place {
  return { source: c.source, start, end };
}

export function content(c: Ctx, s: TomlString): Place {
  return at(c, s.contentSpan.start, s.contentSpan.end);
}

export function problem(c: Ctx, message: string, place: Place, stack?: string): void {
  c.facts.push({
    kind: 'problem',
    code: stack === undefined ? 'parse-error' : 'internal-error',
    message,
    place,
    stack,
  });
}

/** A PEP 508 string in an array: read like a requirements line, at its exact place inside the quotes. */
function readPep508(c: Ctx, value: TomlValue | undefined): void {
  if (value?.kind !== 'array') return;
  // One offset map for every item, moved along with them (this runs for every dependency of a large file).
  let start = 0;
  let end = 0;
  let exact = true;
  const map = (o: number, isEnd: boolean) => (exact ? start + o : isEnd ? end : start);
  for (const item of value.items) {
    const s = string(item);
    if (!s) continue;
    const source = raw(c, s);
    ({ start, end } = s.contentSpan);
    // With escapes no offset in the value maps to the source: the facts cover the whole string and take no edit.
    exact = source !== undefined;
    // Under a guard, written inline: this runs for every dependency of a large file, and a closure each would cost.
    try {
      const entry = parseRequirementText(source ?? s.value, map, c.wants);
      if (entry.kind === 'error') problem(c, entry.message, at(c, entry.start, entry.end), entry.stack);
      else if (entry.kind === 'requirement')
        c.facts.push(requirementFact(entry.req, c.source, entry.start, entry.end, exact ? undefined : 'escapes'));
    } catch (error) {
      problem(c, internalErrorMessage(error), content(c, s), stackOf(error));
    }
  }
}

/** `requires-python = ">=3.8,<4"`. */
function readRequiresPython(c: Ctx, value: TomlValue | undefined, label = 'requires-python'): void {
  const s = string(value);
  const source = s && raw(c, s);
  if (!s || source === undefined) return;
  const read = PEP440.read(source);
  if ('error' in read) {
    const { start } = s.contentSpan;
    problem(c, read.error.message, at(c, start + read.error.start, start + read.error.end));
    return;
  }
  if (read.value.length === 0) return;
  c.facts.push({
    kind: 'python',
    label,
    role: 'floor',
    judgedBy: 'python',
    place: content(c, s),
    statement: { form: 'range', dialect: PEP440, constraint: { text: source, place: content(c, s), read: read.value } },
  });
}

/** Poetry's `python = "^3.8"`. */
function readPoetryPython(c: Ctx, s: TomlString): void {
  const source = raw(c, s);
  if (source === undefined) return;
  c.facts.push({
    kind: 'python',
    label: 'Poetry python',
    role: 'floor',
    judgedBy: 'python',
    place: content(c, s),
    statement: { form: 'range', dialect: POETRY, constraint: { text: source, place: content(c, s) } },
  });
}

/** Whether a Poetry dependency table can apply on Pythons from `python` up (its `python` key and `markers`). */
function appliesFrom(spec: TomlTable): ((python: Version) => boolean) | undefined {
  const py = string(spec.entries.get('python')?.value);
  const markers = string(spec.entries.get('markers')?.value);
  if (!py && !markers) return undefined;
  return (python) => {
    if (py) {
      const read = POETRY.read(py.value);
      if ('value' in read && POETRY.judge(read.value, python) === 'conflicts-with-minimum') return false;
    }
    if (markers) {
      const parsed = parseMarker(markers.value);
      if (parsed.marker && !markerCanHoldFrom(parsed.marker, python)) return false;
    }
    return true;
  };
}

/** The edit deleting `entry` with its line, when the entry has its lines to itself (a trailing comment goes too). */
export function removeEntryLine(c: Ctx, entry: TomlEntry): TextEdit | undefined {
  const lineStart = c.lines.lineStarts[c.lines.positionAt(entry.keySpan.start).line];
  const lastLine = c.lines.positionAt(entry.value.span.end).line;
  const after = c.text.slice(entry.value.span.end, c.lines.lineEnd(lastLine));
  if (c.text.slice(lineStart, entry.keySpan.start).trim() !== '' || !/^\s*(#.*)?$/.test(after)) return undefined;
  const end = lastLine + 1 < c.lines.lineCount ? c.lines.lineStarts[lastLine + 1] : c.text.length;
  return editAt(at(c, lineStart, end), '');
}

/** `pandas = { extras = ["sql"] }` gains `version = "…", ` right after its brace; a `[….pandas]` sub-table a line under its header. */
export function insertVersion(c: Ctx, spec: TomlTable, constraint: string): TextEdit {
  if (spec.origin === 'header') {
    const next = c.lines.positionAt(spec.span.start).line + 1;
    const line = `version = "${constraint}"`;
    const [offset, newText] =
      next < c.lines.lineCount ? [c.lines.lineStarts[next], line + c.lines.eol] : [c.text.length, c.lines.eol + line];
    return editAt(at(c, offset, offset), newText);
  }
  let offset = spec.span.start + 1;
  while (c.text[offset] === ' ' || c.text[offset] === '\t') offset++;
  const empty = c.text[offset] === '}';
  return editAt(at(c, offset, offset), empty ? ` version = "${constraint}" ` : `version = "${constraint}", `);
}

/** Reports a Poetry constraint Poetry cannot read, whatever the package: Poetry stops on it. */
function checkPoetryConstraint(c: Ctx, spec: TomlValue): void {
  const value = spec.kind === 'table' ? spec.entries.get('version')?.value : spec;
  if (value === undefined) return;
  if (value.kind !== 'string') {
    if (spec.kind === 'table')
      problem(c, 'A version constraint is a string, such as "^1.5"', at(c, value.span.start, value.span.end));
    return;
  }
  const error = poetryConstraintError(value.value);
  if (!error) return;
  const { start, end } = value.contentSpan;
  problem(
    c,
    error.message,
    raw(c, value) !== undefined ? at(c, start + error.start, start + error.end) : at(c, start, end),
  );
}

/** One Poetry dependency: `name = "^1.5"`, `name = { version = "^1.5", extras = [...] }`, or a list of those. */
function readPoetryDependency(c: Ctx, entry: TomlEntry, names: NameTable): void {
  if (entry.key === 'python') {
    const s = string(entry.value);
    if (s) readPoetryPython(c, s);
    return;
  }
  // Most entries name a package no rule judges: their constraints are only checked, with nothing built for them.
  if (entry.value.kind === 'array') for (const spec of entry.value.items) checkPoetryConstraint(c, spec);
  else checkPoetryConstraint(c, entry.value);
  if (!c.wants(entry.key)) return;
  const specs = entry.value.kind === 'array' ? entry.value.items : [entry.value];
  const quoted = /^["']/.test(c.text[entry.keySpan.start] ?? '');
  const place = at(c, entry.keySpan.start + (quoted ? 1 : 0), entry.keySpan.end - (quoted ? 1 : 0));
  const common = {
    kind: 'package',
    registry: 'python',
    name: entry.key,
    label: entry.key,
    place,
    entry: at(c, entry.keySpan.start, entry.value.span.end),
    dialect: POETRY,
    table: names,
    remove: () => removeEntryLine(c, entry),
  } as const;
  for (const spec of specs) {
    if (spec.kind === 'string') {
      const exact = raw(c, spec) !== undefined;
      c.facts.push({ ...common, constraint: { text: spec.value, place: content(c, spec), escaped: !exact } });
      continue;
    }
    if (spec.kind !== 'table') {
      // Not a constraint Poetry reads: the name is still judged.
      c.facts.push({ ...common, direct: true });
      continue;
    }
    const written = spec.entries.get('version')?.value;
    const version = string(written);
    const fact: PackageFact = {
      ...common,
      appliesFrom: appliesFrom(spec),
      // A git, path or url dependency takes its version from there; a version that is not a string was reported.
      direct: ['git', 'path', 'url'].some((k) => spec.entries.has(k)) || (written !== undefined && !version),
      // In a list of constraints, the one table without a version is at fault, not the name.
      missingAt: entry.value.kind === 'array' ? at(c, spec.span.start, spec.span.end) : undefined,
    };
    if (version)
      fact.constraint = { text: version.value, place: content(c, version), escaped: raw(c, version) === undefined };
    else if (spec.origin === 'inline' || spec.origin === 'header')
      fact.addConstraint = (constraint) => insertVersion(c, spec, constraint);
    c.facts.push(fact);
  }
}

/** The normalised keys of a table of packages, built only when a finding asks for them (a replacement's rename). */
export function nameTable(entries: ReadonlyMap<string, TomlEntry>): NameTable {
  let names: string[] | undefined;
  return {
    get names() {
      return (names ??= Array.from(entries.keys(), normalizeName));
    },
  };
}

function readPoetryTable(c: Ctx, value: TomlValue | undefined): void {
  const entries = table(value)?.entries;
  if (!entries || entries.size === 0) return;
  const names = nameTable(entries);
  for (const entry of entries.values()) {
    try {
      readPoetryDependency(c, entry, names);
    } catch (error) {
      problem(c, internalErrorMessage(error), at(c, entry.keySpan.start, entry.value.span.end), stackOf(error));
    }
  }
}

const PY = (v: Version) => `py${majorMinor(v).join('')}`;
const DOTTED = (v: Version) => majorMinor(v).join('.');

/** `[tool.black] target-version = ["py38", "py39"]`. */
function readBlackTargets(c: Ctx, value: TomlValue | undefined): void {
  if (value?.kind !== 'array') return;
  const strings = value.items.filter((i): i is TomlString => i.kind === 'string');
  const items: { node: TomlString; version: Version }[] = [];
  for (const node of strings) {
    const version = pyTargetVersion(node.value);
    if (version) items.push({ node, version });
  }
  if (items.length === 0) return;
  const keepFrom = (wanted: string, below: ReadonlySet<number>): TextEdit[] => {
    const bad = items.filter((_, i) => below.has(i)).map((i) => i.node);
    const hasWanted = strings.some((i) => i.value === wanted);
    const removed = new Set<TomlValue>(bad.filter((_, n) => n > 0 || hasWanted));
    return bad.map((item) => {
      if (!removed.has(item)) return editAt(content(c, item), wanted);
      // Remove the item with the separator after it, or before it when every later item goes too: removals never overlap.
      const index = value.items.indexOf(item);
      const next = value.items[index + 1];
      const prev = value.items[index - 1];
      const last = value.items.slice(index + 1).every((i) => removed.has(i));
      const start = last && prev ? prev.span.end : item.span.start;
      const end = last ? item.span.end : next.span.start;
      return editAt(at(c, start, end), '');
    });
  };
  c.facts.push({
    kind: 'python',
    label: '[tool.black] target-version',
    role: 'target',
    judgedBy: 'python',
    place: at(c, value.span.start, value.span.end),
    statement: {
      form: 'targets',
      items: items.map(({ node, version }) => ({ version, shown: `"${node.value}"`, place: content(c, node) })),
      spell: PY,
      keepFrom,
    },
  });
}

/** A single Python version setting: `"3.8"` (mypy, pyright), `"3.8.10"` (pylint) or `"py38"` (ruff). */
export function readPythonSetting(
  c: Ctx,
  value: TomlValue | undefined,
  label: string,
  form: 'dotted' | 'micro' | 'py',
): void {
  const s = string(value);
  const dotted = form === 'micro' ? s?.value.replace(/^(\d+\.\d+)\.\d+$/, '$1') : s?.value;
  const version = s && dotted !== undefined && (form === 'py' ? pyTargetVersion(s.value) : dottedMinorVersion(dotted));
  if (!s || !version) return;
  c.facts.push({
    kind: 'python',
    label,
    role: 'target',
    judgedBy: 'python',
    place: content(c, s),
    statement: { form: 'version', version, shown: `"${s.value}"`, spell: form === 'py' ? PY : DOTTED, quote: '' },
  });
}

/** The reading context of a TOML file, with its parse errors as facts. */
export function tomlContext(file: SourceFile, doc: TomlDocument, wants: (name: string) => boolean): Ctx {
  const lines = new LineIndex(file.text);
  const c: Ctx = {
    wants,
    escapes: file.text.includes('\\'),
    text: file.text,
    lines,
    source: { path: file.path, range: (s, e) => lines.rangeAt(s, e) },
    facts: [],
  };
  for (const e of doc.errors) problem(c, e.message, at(c, e.span.start, e.span.end));
  return c;
}

/** Reads one setting under its own guard: a defect in one costs that setting only. */
function each(c: Ctx, value: TomlValue | undefined, read: (v: TomlValue | undefined) => void): void {
  try {
    read(value);
  } catch (error) {
    problem(c, internalErrorMessage(error), at(c, value?.span.start ?? 0, value?.span.end ?? 0), stackOf(error));
  }
}

/**
 * The packages a rule judges, but for the project itself (a project requiring itself for its extras). Apart from the
 * reader, so that the facts that keep it keep no reference to the whole document.
 */
function wantsButOwn(ctx: ReadContext, doc: TomlDocument): (name: string) => boolean {
  const own = [lookup(doc, ['project', 'name']), lookup(doc, ['tool', 'poetry', 'name'])].flatMap((v) =>
    v?.kind === 'string' ? [normalizeName(v.value)] : [],
  );
  return (name) => ctx.wants('python', name) && !own.includes(normalizeName(name));
}

export function readPyproject(file: SourceFile, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(file.text);
  const c = tomlContext(file, doc, wantsButOwn(ctx, doc));
  const of = (...path: string[]) => lookup(doc, path);

  readPep508(c, of('project', 'dependencies'));
  for (const group of table(of('project', 'optional-dependencies'))?.entries.values() ?? []) readPep508(c, group.value);
  readPep508(c, of('build-system', 'requires'));
  for (const group of table(of('dependency-groups'))?.entries.values() ?? []) readPep508(c, group.value);
  readPep508(c, of('tool', 'uv', 'dev-dependencies'));
  readPep508(c, of('tool', 'uv', 'constraint-dependencies'));
  for (const group of table(of('tool', 'pdm', 'dev-dependencies'))?.entries.values() ?? []) readPep508(c, group.value);

  readPoetryTable(c, of('tool', 'poetry', 'dependencies'));
  readPoetryTable(c, of('tool', 'poetry', 'dev-dependencies'));
  for (const group of table(of('tool', 'poetry', 'group'))?.entries.values() ?? [])
    readPoetryTable(c, lookup(group.value, ['dependencies']));

  each(c, of('project', 'requires-python'), (v) => readRequiresPython(c, v));
  each(c, of('tool', 'black', 'target-version'), (v) => readBlackTargets(c, v));
  each(c, of('tool', 'mypy', 'python_version'), (v) => readPythonSetting(c, v, '[tool.mypy] python_version', 'dotted'));
  each(c, of('tool', 'ruff', 'target-version'), (v) => readPythonSetting(c, v, '[tool.ruff] target-version', 'py'));
  each(c, of('tool', 'pyright', 'pythonVersion'), (v) =>
    readPythonSetting(c, v, '[tool.pyright] pythonVersion', 'dotted'),
  );
  readToxTable(c, table(of('tool', 'tox')));
  readPylintTable(c, table(of('tool', 'pylint')));
  return c.facts;
}

/**
 * PEP 723 inline script metadata: `toml` is the script with all but the block's TOML blanked, so that its offsets are
 * the file's. `requires-python` and `dependencies` read as in `[project]`.
 */
export function readScriptMetadata(path: string, toml: string, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(toml);
  const c = tomlContext({ path, text: toml }, doc, (name) => ctx.wants('python', name));
  readPep508(c, lookup(doc, ['dependencies']));
  each(c, lookup(doc, ['requires-python']), (v) => readRequiresPython(c, v, 'script requires-python'));
  return c.facts;
}

/**
 * tox's native configuration (tox 4.21 and later): `requires`, the Python factor of each `env_list` entry, and
 * `base_python`. `legacy_tox_ini` holds a whole tox.ini in a string, whose offsets are not the file's: it is not read.
 */
function readToxTable(c: Ctx, tox: TomlTable | undefined): void {
  if (!tox) return;
  readPep508(c, tox.entries.get('requires')?.value);
  each(c, tox.entries.get('env_list')?.value, (v) => readToxEnvList(c, v));
  const base = (value: TomlValue | undefined, label: string) => each(c, value, (v) => readBasePython(c, v, label));
  base(lookup(tox, ['env_run_base', 'base_python']), '[tool.tox.env_run_base] base_python');
  for (const env of table(tox.entries.get('env')?.value)?.entries.values() ?? [])
    base(lookup(env.value, ['base_python']), `[tool.tox.env.${env.key}] base_python`);
}

/** `env_list = ["3.12", "py38-django"]`: the fix drops the entries below the minimum. */
function readToxEnvList(c: Ctx, value: TomlValue | undefined): void {
  if (value?.kind !== 'array') return;
  const entries: (ListedVersion & { index: number; spell: (v: Version) => string })[] = [];
  value.items.forEach((item, index) => {
    const s = string(item);
    const text = s && raw(c, s);
    const py = text === undefined ? undefined : toxPython(text);
    if (!s || !py || text === undefined) return;
    const start = s.contentSpan.start + py.start;
    const place = at(c, start, start + py.end - py.start);
    entries.push({
      version: py.version,
      shown: text.slice(py.start, py.end),
      place,
      index,
      spell: spellToxPython(py.style),
    });
  });
  if (entries.length === 0) return;
  const newest = entries.reduce((a, b) => (compareMinor(b.version, a.version) > 0 ? b : a));
  const spans = value.items.map((i) => i.span);
  const remove = (removed: ReadonlySet<number>) =>
    lineRemovals(c.text, spans, new Set([...removed].map((i) => entries[i].index)), '#').map((span) =>
      editAt(at(c, span.start, span.end), ''),
    );
  c.facts.push({
    kind: 'python',
    label: '[tool.tox] env_list',
    role: 'runs',
    judgedBy: 'python',
    place: at(c, value.span.start, value.span.end),
    statement: versionList(entries, newest.spell, remove),
  });
}

/** `base_python = "python3.8"`, or a list of those (the first found wins). */
function readBasePython(c: Ctx, value: TomlValue | undefined, label: string): void {
  for (const item of value?.kind === 'array' ? value.items : value ? [value] : []) {
    const s = string(item);
    const text = s && raw(c, s);
    const read = text === undefined ? undefined : basePython(text);
    if (!s || !read || text === undefined) continue;
    c.facts.push({
      kind: 'python',
      label,
      role: 'runs',
      judgedBy: 'python',
      place: content(c, s),
      statement: { form: 'version', version: read.version, shown: `"${text}"`, spell: read.spell, quote: '' },
    });
  }
}

/**
 * pylint's `py-version`, in `[tool.pylint]` or any table under it (pylint reads them all). pylint reads a number as
 * Python prints it: `3.10` is the float 3.1, so a fix writes the version as a string.
 */
function readPylintTable(c: Ctx, pylint: TomlTable | undefined): void {
  for (const entry of pylint?.entries.values() ?? []) {
    const setting = entry.key === 'py-version' ? entry : table(entry.value)?.entries.get('py-version');
    if (!setting) continue;
    const label = `[tool.pylint${setting === entry ? '' : `.${entry.key}`}] py-version`;
    each(c, setting.value, (v) => {
      if (v?.kind === 'float') {
        const written = c.text.slice(v.span.start, v.span.end);
        const read = String(v.value);
        const version = /^\d+\.\d+$/.test(read) ? dottedMinorVersion(read) : undefined;
        if (!version) return;
        const shown = written === read ? written : `${written} (the number ${read})`;
        const place = at(c, v.span.start, v.span.end);
        c.facts.push({
          kind: 'python',
          label,
          role: 'target',
          judgedBy: 'python',
          place,
          statement: { form: 'version', version, shown, spell: DOTTED, quote: '"' },
        });
      } else readPythonSetting(c, v, label, 'micro');
    });
  }
}

/** A requirement of `[project]` with file offsets, as pip-compile reads a pyproject.toml source. */
export type ProjectRequirement = Extract<Pep508Entry, { kind: 'requirement' }>;

/** `[project] dependencies` and `optional-dependencies` of a pyproject.toml, the requirements pip-compile compiles. */
export function projectRequirements(text: string): ProjectRequirement[] {
  const doc = parseTomlDocument(text);
  const arrays = [
    lookup(doc, ['project', 'dependencies']),
    ...[...(table(lookup(doc, ['project', 'optional-dependencies']))?.entries.values() ?? [])].map((e) => e.value),
  ];
  const out: ProjectRequirement[] = [];
  for (const array of arrays) {
    if (array?.kind !== 'array') continue;
    for (const item of array.items) {
      if (item.kind !== 'string' || text.slice(item.contentSpan.start, item.contentSpan.end) !== item.value) continue;
      const start = item.contentSpan.start;
      const entry = parseRequirementText(item.value, (o) => start + o);
      if (entry.kind === 'requirement') out.push(entry);
    }
  }
  return out;
}

/** Where and how to add `requirement` to `[project] dependencies`, in the array's own layout and quotes. */
export function addProjectDependency(
  text: string,
  requirement: string,
  eol: string,
): { offset: number; newText: string } | undefined {
  return addArrayItem(text, lookup(parseTomlDocument(text), ['project', 'dependencies']), requirement, eol);
}

/** Where and how to add the string `item` to the array `deps` of `text`, in the array's own layout and quotes. */
export function addArrayItem(
  text: string,
  deps: TomlValue | undefined,
  item: string,
  eol: string,
): { offset: number; newText: string } | undefined {
  if (deps?.kind !== 'array') return undefined;
  const last = deps.items[deps.items.length - 1];
  if (!last) return { offset: deps.span.start + 1, newText: `"${item}"` };
  const quote = text[last.span.start] === "'" ? "'" : '"';
  const quoted = quote + item + quote;
  const lineOf = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const multiLine = lineOf(last.span.start) > lineOf(deps.span.start);
  let after = last.span.end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  const comma = text[after] === ',';
  if (!multiLine) return { offset: last.span.end, newText: `, ${quoted}` };
  const indent = /^[ \t]*/.exec(text.slice(lineOf(last.span.start)))?.[0] ?? '    ';
  return comma
    ? { offset: after + 1, newText: `${eol}${indent}${quoted},` }
    : { offset: last.span.end, newText: `,${eol}${indent}${quoted}` };
}
