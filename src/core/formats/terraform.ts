// Terraform: the Python runtimes of Cloud Functions (followed into a variable's default, in this file or another of
// its module) and `terraform { required_version, required_providers }` constraints, as facts.
import * as path from 'node:path';
import type { Fact, Place, Source } from '../facts';
import { internalErrorMessage, stackOf } from '../internal';
import { LineIndex } from '../text';
import { TERRAFORM } from '../versions/dialects';
import { cloudRuntimeVersion, majorMinor } from '../versions/runtimes';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { attribute, blocks, parseHcl, type HclBody, type HclExpr } from './hcl';

interface Module {
  file: string;
  body: HclBody;
  source: Source;
  /** The module's variables with a default, by name (the first block of a name), indexed on first use. */
  defaults?: Map<string, HclExpr>;
}

function moduleOf(file: string, text: string, body: HclBody): Module {
  const lines = new LineIndex(text);
  return { file, body, source: { path: file, range: (s, e) => lines.rangeAt(s, e) } };
}

function at(m: Module, span: { start: number; end: number }): Place {
  return { source: m.source, start: span.start, end: span.end };
}

/** The default of `variable "name"` in `m`. Indexed once: a file with many functions looks up many variables. */
function defaultOf(m: Module, name: string): HclExpr | undefined {
  if (!m.defaults) {
    m.defaults = new Map();
    const seen = new Set<string>();
    for (const block of blocks(m.body, 'variable')) {
      const label = block.labels[0]?.value;
      if (label === undefined || seen.has(label)) continue;
      seen.add(label);
      const def = attribute(block.body, 'default');
      if (def) m.defaults.set(label, def.value);
    }
  }
  return m.defaults.get(name);
}

/** The `variable "name"` default of the module: this file first, then the other .tf files of its folder. */
function findVariable(
  name: string,
  here: Module,
  siblings: () => Module[],
): { module: Module; value: HclExpr } | undefined {
  for (const m of [here, ...siblings()]) {
    const value = defaultOf(m, name);
    if (value) return { module: m, value };
  }
  return undefined;
}

/** The other .tf files of `here`'s folder, each read once. */
function siblingsOf(here: Module, ctx: ReadContext): () => Module[] {
  let found: Module[] | undefined;
  return () => {
    if (found) return found;
    found = [];
    const dir = path.dirname(here.file);
    for (const sibling of ctx.fs.listDir?.(dir) ?? []) {
      if (!sibling.endsWith('.tf') || path.basename(here.file) === sibling) continue;
      const file = path.join(dir, sibling);
      const text = ctx.fs.readFile(file);
      if (text !== undefined) found.push(moduleOf(file, text, parseHcl(text).body));
    }
    return found;
  };
}

/** A function's `runtime`, itself or through a variable's default, when it names a Python runtime. */
function readRuntime(
  expr: HclExpr | undefined,
  where: string,
  here: Module,
  siblings: () => Module[],
  facts: Fact[],
): void {
  if (!expr) return;
  let target = { module: here, value: expr };
  let label = `of ${where}`;
  if (expr.kind === 'traversal' && expr.path[0] === 'var' && expr.path.length === 2) {
    const found = findVariable(expr.path[1], here, siblings);
    if (!found) return;
    target = found;
    label = `(the default of variable "${expr.path[1]}", used by ${where})`;
  }
  const value = target.value;
  if (value.kind !== 'string' || value.value === null) return;
  const version = cloudRuntimeVersion(value.value);
  if (!version) return;
  facts.push({
    kind: 'python',
    label,
    role: 'runs',
    platform: 'cloud-functions',
    judgedBy: 'cloud-functions-runtime',
    place: at(target.module, value.contentSpan),
    statement: {
      form: 'version',
      version,
      shown: value.value,
      spell: (v) => `python${majorMinor(v).join('')}`,
      quote: '',
    },
  });
}

/** A version constraint the rules want, as a package fact; one Terraform cannot read, as a problem. */
function readConstraint(
  expr: HclExpr | undefined,
  registry: 'terraform' | 'terraform-provider',
  name: string,
  label: string,
  m: Module,
  facts: Fact[],
): void {
  if (!expr || expr.kind !== 'string' || expr.value === null) return;
  const place = at(m, expr.contentSpan);
  const read = TERRAFORM.read(expr.value);
  if ('error' in read) {
    facts.push({ kind: 'problem', code: 'parse-error', message: read.error.message, place });
    return;
  }
  facts.push({
    kind: 'package',
    registry,
    name,
    label,
    place,
    entry: place,
    dialect: TERRAFORM,
    constraint: { text: expr.value, place, read: read.value },
  });
}

export function readTerraform(file: SourceFile, ctx: ReadContext): Fact[] {
  const { body, errors } = parseHcl(file.text);
  const m = moduleOf(file.path, file.text, body);
  const siblings = siblingsOf(m, ctx);
  const facts: Fact[] = errors.map((e) => ({
    kind: 'problem',
    code: 'parse-error',
    message: e.message,
    place: at(m, e.span),
    related: e.related && [
      {
        location: { file: file.path, range: m.source.range(e.related.span.start, e.related.span.end) },
        message: e.related.message,
      },
    ],
  }));

  // Each block and setting under its own guard: a defect in one costs that one only.
  const each = (span: { start: number; end: number }, read: () => void) => {
    try {
      read();
    } catch (error) {
      facts.push({
        kind: 'problem',
        code: 'internal-error',
        message: internalErrorMessage(error),
        place: at(m, span),
        stack: stackOf(error),
      });
    }
  };
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions_function')) {
    const where = `google_cloudfunctions_function.${fn.labels[1]?.value ?? ''}`;
    each(fn.span, () => readRuntime(attribute(fn.body, 'runtime')?.value, where, m, siblings, facts));
  }
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions2_function')) {
    const where = `google_cloudfunctions2_function.${fn.labels[1]?.value ?? ''}`;
    for (const build of blocks(fn.body, 'build_config'))
      each(build.span, () => readRuntime(attribute(build.body, 'runtime')?.value, where, m, siblings, facts));
  }

  for (const tf of blocks(body, 'terraform')) {
    if (ctx.wants('terraform', 'terraform'))
      each(tf.span, () =>
        readConstraint(
          attribute(tf.body, 'required_version')?.value,
          'terraform',
          'terraform',
          'required_version',
          m,
          facts,
        ),
      );
    for (const providers of blocks(tf.body, 'required_providers')) {
      for (const item of providers.body.items) each(item.span, () => readProvider(item));
    }
  }
  return facts;

  function readProvider(item: HclBody['items'][number]): void {
    if (item.kind !== 'attribute') return;
    const value = item.value;
    let source = `hashicorp/${item.name}`;
    let version: HclExpr | undefined;
    if (value.kind === 'object') {
      const src = value.items.find((i) => i.key === 'source')?.value;
      if (src?.kind === 'string' && src.value) source = src.value;
      version = value.items.find((i) => i.key === 'version')?.value;
    } else if (value.kind === 'string') {
      version = value;
    }
    // `registry.terraform.io/hashicorp/google` and `hashicorp/google` are the same provider.
    const address = source.toLowerCase().replace(/^registry\.terraform\.io\//, '');
    if (ctx.wants('terraform-provider', address))
      readConstraint(version, 'terraform-provider', address, `Provider ${source} version`, m, facts);
  }
}
