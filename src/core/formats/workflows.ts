// GitHub Actions workflows (`.github/workflows/*.yml`) as facts: the Pythons a job sets up with actions/setup-python
// or astral-sh/setup-uv (a version, a list, one per line, `${{ matrix.<key> }}` followed to the job's matrix and its
// `include` entries, a `python-version-file` followed to a plain file), and the Python images of `container:` and
// `services:`. Every version value goes through the YAML float check: an unquoted `3.10` is the number 3.1.
import path = require('node:path');
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { editAt, type Fact, type Place, type PythonFact, type Source } from '../facts';
import type { FileSystem, SourceFile } from '../fileSystem';
import { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { majorMinor, pythonImage } from '../versions/runtimes';
import { pythonSpec } from '../versions/semverPython';
import type { ReadContext } from './context';
import { contentEnd } from './precommit';
import { readPythonVersion } from './pythonVersion';
import { separatedRemovals, versionList, type ListedVersion } from './versionLists';
import { floatVersionProblem, readYamlContents, scalarText, type YamlScalarText } from './yamlVersions';

export const WORKFLOW_GLOBS = ['.github/workflows/*.yml', '.github/workflows/*.yaml'];

// GitHub runs the files directly in `.github/workflows/`, not in folders below it.
const WORKFLOW = /(?:^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/;

export function isWorkflowFile(file: string): boolean {
  return WORKFLOW.test(file);
}

// `${{ matrix.python-version }}`, `${{ matrix['python'] }}`: the whole value is one matrix key.
const MATRIX_REFERENCE = /^\$\{\{\s*matrix(?:\.([A-Za-z_][\w-]*)|\[\s*(['"])([^'"]+)\2\s*\])\s*\}\}$/;

interface Ctx {
  text: string;
  lines: LineIndex;
  source: Source;
  facts: Fact[];
  fs: FileSystem;
  /** The folder holding `.github`, where the job's steps run and `python-version-file` is found. */
  root: string;
  /** Whether another format reads a file on its own: its facts then come from there, once. */
  governed(file: string): boolean;
  /** Version files already followed, by path. */
  versionFiles: Set<string>;
}

interface Job {
  matrix: YAMLMap | undefined;
  /** The matrix keys already followed: several steps may name the same. */
  followed: Set<string>;
}

const spellMinor = (v: Version) => majorMinor(v).join('.');

function pairOf(node: unknown, key: string): Pair<unknown, unknown> | undefined {
  return isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
}

function valueOf(node: unknown, key: string): Node | undefined {
  return (pairOf(node, key)?.value ?? undefined) as Node | undefined;
}

const isExpression = (text: string) => text.includes('${{');

/** A version value as written, with the float problem an unquoted `3.10` has; undefined for an expression. */
function versionText(c: Ctx, node: unknown): YamlScalarText | undefined {
  const scalar = scalarText(c.source, c.text, node as Node | undefined);
  if (!scalar || isExpression(scalar.text)) return undefined;
  c.facts.push(...floatVersionProblem(scalar, node as Scalar));
  return scalar;
}

function runs(label: string, place: Place, statement: PythonFact['statement']): PythonFact {
  return { kind: 'python', label, role: 'runs', judgedBy: 'python', place, statement };
}

/**
 * One version spec (`3.10`, `>=3.10 <3.13`, `3.10.x`): a raise writes it in its own spelling, quoted when it is a
 * plain YAML scalar that would read as a number.
 */
function specFact(text: string, place: Place, plain: boolean, label: string): PythonFact | undefined {
  const spec = pythonSpec(text);
  if (!spec) return undefined;
  return runs(label, place, {
    form: 'version',
    version: spec.version,
    shown: text,
    spell: spec.raise,
    quote: plain && spec.bare ? '"' : '',
  });
}

function scalarFact(scalar: YamlScalarText | undefined, label: string): PythonFact | undefined {
  return scalar && specFact(scalar.text, scalar.place, scalar.quote === '', label);
}

/** The whole lines of a block sequence's item, from its `-`; undefined when the `-` shares its line with more. */
function itemLines(c: Ctx, item: Node): { start: number; end: number } | undefined {
  if (!item.range) return undefined;
  let dash = item.range[0];
  while (dash > 0 && ' \t\r\n'.includes(c.text[dash - 1])) dash--;
  if (c.text[dash - 1] !== '-') return undefined;
  const { line, character } = c.lines.positionAt(dash - 1);
  const start = c.lines.lineStarts[line];
  if (c.text.slice(start, start + character).trim() !== '') return undefined;
  const last = c.lines.positionAt(Math.max(start, contentEnd(item) - 1)).line;
  return { start, end: c.lines.lineStarts[last + 1] ?? c.text.length };
}

/** Edits removing the items at `indexes` of `seq`: each block item with its lines, flow items with a separator. */
function removeItems(c: Ctx, seq: YAMLSeq, indexes: ReadonlySet<number>): TextEdit[] {
  const items = seq.items as Node[];
  if (seq.flow) {
    if (items.some((item) => !item.range)) return [];
    const spans = items.map((item) => ({ start: item.range?.[0] ?? 0, end: item.range?.[1] ?? 0 }));
    return separatedRemovals(spans, indexes).map((s) => editAt({ source: c.source, ...s }, ''));
  }
  const spans = [...indexes].map((i) => itemLines(c, items[i]));
  // A removal that would leave part of an item behind breaks the file: no edit rather than that.
  if (spans.some((s) => !s)) return [];
  return spans.map((s) => editAt({ source: c.source, start: s?.start ?? 0, end: s?.end ?? 0 }, ''));
}

/** The place from the first entry to the last. */
function spanOf(entries: readonly ListedVersion[]): Place {
  const { source, start } = entries[0].place;
  return { source, start, end: entries[entries.length - 1].place.end };
}

/** A sequence of versions (a matrix vector, a `python-version` list): each below the minimum goes, or the newest rises. */
function readList(c: Ctx, seq: YAMLSeq, label: string): void {
  const entries: (ListedVersion & { index: number })[] = [];
  seq.items.forEach((item, index) => {
    const scalar = versionText(c, item);
    const spec = scalar && pythonSpec(scalar.text);
    if (scalar && spec)
      entries.push({
        version: spec.version,
        shown: scalar.text,
        place: scalar.place,
        quote: scalar.quote === '' ? '"' : '',
        index,
      });
  });
  if (entries.length === 0) return;
  const remove = (removed: ReadonlySet<number>) =>
    removeItems(c, seq, new Set([...removed].map((i) => entries[i].index)));
  c.facts.push(runs(label, spanOf(entries), versionList(entries, spellMinor, remove)));
}

/** A literal block (`python-version: |`), one version per line as setup-python reads it; a line goes whole. */
function readLines(c: Ctx, node: Scalar, label: string): void {
  const [start, end] = node.range ?? [0, 0];
  const entries: (ListedVersion & { line: { start: number; end: number } })[] = [];
  for (let line = c.lines.positionAt(start).line + 1; line < c.lines.lineCount; line++) {
    const from = c.lines.lineStarts[line];
    if (from >= end) break;
    const next = c.lines.lineStarts[line + 1] ?? c.text.length;
    const raw = c.text.slice(from, next);
    const text = raw.trim();
    const spec = text === '' ? undefined : pythonSpec(text);
    if (!spec) continue;
    const at = from + raw.indexOf(text);
    const place = { source: c.source, start: at, end: at + text.length };
    entries.push({ version: spec.version, shown: text, place, line: { start: from, end: next } });
  }
  if (entries.length === 0) return;
  if (entries.length === 1) {
    const [{ place, shown }] = entries;
    const fact = specFact(shown, place, false, label);
    if (fact) c.facts.push(fact);
    return;
  }
  const remove = (removed: ReadonlySet<number>) =>
    [...removed].map((i) => editAt({ source: c.source, ...entries[i].line }, ''));
  c.facts.push(runs(label, spanOf(entries), versionList(entries, spellMinor, remove)));
}

/** A `python-version` input: a version, a list, lines, or a matrix key followed to the job's matrix. */
function readInput(c: Ctx, job: Job, node: Node | undefined, label: string): void {
  if (isSeq(node)) return readList(c, node, label);
  if (!isScalar(node)) return;
  if (node.type === 'BLOCK_LITERAL') return readLines(c, node, label);
  const written = scalarText(c.source, c.text, node);
  const reference = written && MATRIX_REFERENCE.exec(written.text);
  if (reference) return readMatrix(c, job, reference[1] ?? reference[3]);
  const fact = scalarFact(versionText(c, node), label);
  if (fact) c.facts.push(fact);
}

/**
 * The matrix vector `key` and the `include` entries that set it. `exclude` entries only get the float check: an
 * unquoted `3.10` there excludes nothing.
 */
function readMatrix(c: Ctx, job: Job, key: string): void {
  const { matrix } = job;
  if (!matrix || job.followed.has(key)) return;
  job.followed.add(key);
  const vector = valueOf(matrix, key);
  if (isSeq(vector)) readList(c, vector, `matrix ${key}`);
  else {
    const fact = scalarFact(versionText(c, vector), `matrix ${key}`);
    if (fact) c.facts.push(fact);
  }
  const include = pairOf(matrix, 'include');
  if (include && isSeq(include.value)) readInclude(c, matrix, include as Pair<unknown, YAMLSeq>, key);
  const exclude = valueOf(matrix, 'exclude');
  if (isSeq(exclude)) for (const entry of exclude.items) versionText(c, valueOf(entry, key));
}

/**
 * `include` entries that set `key` to a version: each adds a job on that version (or, once the vector no longer has
 * it, will), so one below the minimum is reported and its fix removes the entry. The fix is withheld where removing
 * would leave the matrix without any job.
 */
function readInclude(c: Ctx, matrix: YAMLMap, include: Pair<unknown, YAMLSeq>, key: string): void {
  const seq = include.value as YAMLSeq;
  const entries: (ListedVersion & { index: number })[] = [];
  seq.items.forEach((entry, index) => {
    if (!isMap(entry)) return;
    const scalar = versionText(c, valueOf(entry, key));
    const spec = scalar && pythonSpec(scalar.text);
    if (scalar && spec) entries.push({ version: spec.version, shown: scalar.text, place: scalar.place, index });
  });
  if (entries.length === 0) return;
  const vectors = matrix.items.some(
    (p) => !(isScalar(p.key) && (p.key.value === 'include' || p.key.value === 'exclude')),
  );
  const remove = (removed: ReadonlySet<number>): TextEdit[] => {
    const indexes = new Set([...removed].map((i) => entries[i].index));
    if (indexes.size < seq.items.length) return removeItems(c, seq, indexes);
    if (!vectors) return [];
    // Every entry goes: the `include:` key too, rather than leave it empty (null) in a block matrix.
    if (seq.flow || matrix.flow) return removeItems(c, seq, indexes);
    const lines = pairLines(c, include);
    return lines ? [editAt({ source: c.source, ...lines }, '')] : [];
  };
  c.facts.push(
    runs(`matrix include ${key}`, spanOf(entries), {
      form: 'targets',
      items: entries,
      spell: spellMinor,
      drops: true,
      keepFrom: (_wanted, below) => remove(below),
    }),
  );
}

/** The whole lines of a block map's pair, when its key begins its line. */
function pairLines(c: Ctx, pair: Pair<unknown, YAMLSeq>): { start: number; end: number } | undefined {
  const key = pair.key as Node;
  if (!key.range) return undefined;
  const { line, character } = c.lines.positionAt(key.range[0]);
  const start = c.lines.lineStarts[line];
  if (c.text.slice(start, start + character).trim() !== '') return undefined;
  const last = c.lines.positionAt(Math.max(start, contentEnd(pair.value as Node) - 1)).line;
  return { start, end: c.lines.lineStarts[last + 1] ?? c.text.length };
}

/**
 * `python-version-file`, relative to the repository root. A file another format reads on its own (`.python-version`,
 * `pyproject.toml`) gives its facts there; a file setup-python reads in a way of its own (TOML, `.tool-versions`,
 * a Pipfile) is left to the formats for those; any other is a plain list of versions, one per line.
 */
function readVersionFile(c: Ctx, node: Node | undefined): void {
  const scalar = scalarText(c.source, c.text, node);
  if (!scalar || isExpression(scalar.text) || path.isAbsolute(scalar.text)) return;
  const file = path.join(c.root, scalar.text);
  if (c.versionFiles.has(file)) return;
  c.versionFiles.add(file);
  if (c.governed(file) || /\.toml$|\.tool-versions|Pipfile/.test(file)) return;
  const text = c.fs.readFile(file);
  if (text === undefined) return;
  for (const fact of readPythonVersion({ path: file, text }))
    c.facts.push(fact.kind === 'python' ? { ...fact, label: 'setup-python python-version-file' } : fact);
}

/** A container image reference: a Python image's version, which its fix changes in the tag. */
function readImage(c: Ctx, node: unknown, label: string): void {
  const scalar = scalarText(c.source, c.text, node as Node | undefined);
  const image = scalar && !isExpression(scalar.text) ? pythonImage(scalar.text) : undefined;
  if (!scalar || !image) return;
  const start = scalar.place.start + image.start;
  c.facts.push(
    runs(
      label,
      { source: c.source, start, end: scalar.place.start + image.end },
      { form: 'version', version: image.version, shown: scalar.text, spell: spellMinor, quote: '' },
    ),
  );
}

function readJob(c: Ctx, node: unknown): void {
  if (!isMap(node)) return;
  const container = valueOf(node, 'container');
  readImage(c, isMap(container) ? valueOf(container, 'image') : container, 'container image');
  const services = valueOf(node, 'services');
  if (isMap(services))
    for (const service of services.items)
      if (isScalar(service.key))
        readImage(c, valueOf(service.value, 'image'), `service ${String(service.key.value)} image`);
  const matrix = valueOf(valueOf(node, 'strategy'), 'matrix');
  const job: Job = { matrix: isMap(matrix) ? matrix : undefined, followed: new Set() };
  const steps = valueOf(node, 'steps');
  for (const step of isSeq(steps) ? steps.items : []) {
    const uses = valueOf(step, 'uses');
    const action =
      isScalar(uses) && typeof uses.value === 'string' ? uses.value.split('@')[0].trim().toLowerCase() : '';
    const inputs = valueOf(step, 'with');
    if (action === 'actions/setup-python') {
      const version = valueOf(inputs, 'python-version');
      // setup-python reads the file only when no version is given.
      if (isScalar(version) && version.value !== null && version.value !== '')
        readInput(c, job, version, 'setup-python python-version');
      else if (isSeq(version)) readInput(c, job, version, 'setup-python python-version');
      else readVersionFile(c, valueOf(inputs, 'python-version-file'));
    } else if (action === 'astral-sh/setup-uv') {
      readInput(c, job, valueOf(inputs, 'python-version'), 'setup-uv python-version');
    }
  }
}

/** A workflow's facts. `governed` says whether a file is read on its own (a `python-version-file` is then not read). */
export function readWorkflow(file: SourceFile, ctx: ReadContext, governed: (file: string) => boolean): Fact[] {
  // GitHub refuses a workflow with a key twice.
  const { contents, source, lines, facts } = readYamlContents(file, { uniqueKeys: true });
  const root = path.dirname(path.dirname(path.dirname(file.path)));
  const c: Ctx = { text: file.text, lines, source, facts, fs: ctx.fs, root, governed, versionFiles: new Set() };
  const jobs = valueOf(contents, 'jobs');
  if (isMap(jobs)) for (const job of jobs.items) readJob(c, job.value);
  return c.facts;
}
