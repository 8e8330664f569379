// Terraform: the Python runtimes of Cloud Functions, the Python images and base images of Cloud Run services and the
// runtimes of App Engine standard versions (each followed into a variable's default, in this file or another of its
// module), and `terraform { required_version, required_providers }` constraints, as facts.
import path = require('node:path');
import type { Fact, Place, PythonFact, Source } from '../facts';
import { internalErrorFact } from '../internal';
import { LineIndex } from '../text';
import { TERRAFORM } from '../versions/dialects';
import type { Version } from '../versions';
import { cloudRuntimeVersion, majorMinor, pythonImage, runtimeImage } from '../versions/runtimes';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { attribute, blocks, parseHcl, type HclBlock, type HclBody, type HclExpr } from './hcl';

interface Module {
  file: string;
  text: string;
  body: HclBody;
  source: Source;
  /** The module's variables with a default, by name (the first block of a name), indexed on first use. */
  defaults?: Map<string, HclExpr>;
}

function moduleOf(file: string, text: string, body: HclBody): Module {
  const lines = new LineIndex(text);
  return { file, text, body, source: { path: file, range: (s, e) => lines.rangeAt(s, e) } };
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

/** A string value, itself or through `var.name` to the module's default, and where it comes from for messages. */
interface Followed {
  module: Module;
  value: string;
  place: Place;
  /** The variable whose default it is. */
  variable?: string;
  /** The value is the text at `place` (no escapes), so an offset in one is an offset in the other. */
  exact: boolean;
}

/** `expr` as a string, following a `var.name` to the variable's default; undefined for anything else. */
function follow(expr: HclExpr | undefined, here: Module, siblings: () => Module[]): Followed | undefined {
  if (!expr) return undefined;
  let target = { module: here, value: expr };
  let variable: string | undefined;
  if (expr.kind === 'traversal' && expr.path[0] === 'var' && expr.path.length === 2) {
    const found = findVariable(expr.path[1], here, siblings);
    if (!found) return undefined;
    target = found;
    variable = expr.path[1];
  }
  const value = target.value;
  if (value.kind !== 'string' || value.value === null) return undefined;
  const place = at(target.module, value.contentSpan);
  const exact = target.module.text.slice(place.start, place.end) === value.value;
  return { module: target.module, value: value.value, place, variable, exact };
}

const runtimeName = (v: Version) => `python${majorMinor(v).join('')}`;
const dotted = (v: Version) => majorMinor(v).join('.');

/** A function's `runtime`, itself or through a variable's default, when it names a Python runtime. */
function readRuntime(found: Followed | undefined, where: string, facts: Fact[]): void {
  const version = found && cloudRuntimeVersion(found.value);
  if (!found || !version) return;
  facts.push({
    kind: 'python',
    label:
      found.variable === undefined ? `of ${where}` : `(the default of variable "${found.variable}", used by ${where})`,
    role: 'runs',
    platform: 'cloud-functions',
    judgedBy: 'cloud-functions-runtime',
    place: found.place,
    statement: { form: 'version', version, shown: found.value, spell: runtimeName, quote: '' },
  });
}

/**
 * A Python that a Cloud Run service or an App Engine version runs, judged against the Python minimum: `read` finds
 * the version in the value and says how to write another.
 */
function readPythonValue(
  found: Followed | undefined,
  what: string,
  platform: PythonFact['platform'],
  read: (value: string) => { version: Version; start: number; end: number; spell: (v: Version) => string } | undefined,
  facts: Fact[],
): void {
  const python = found?.exact && read(found.value);
  if (!found || !python) return;
  const start = found.place.start + python.start;
  facts.push({
    kind: 'python',
    label: found.variable === undefined ? what : `variable "${found.variable}" (used by ${what})`,
    role: 'runs',
    platform,
    judgedBy: 'python',
    place: { source: found.place.source, start, end: start + python.end - python.start },
    statement: { form: 'version', version: python.version, shown: found.value, spell: python.spell, quote: '' },
  });
}

/** `python310` as App Engine standard names it. */
function standardRuntime(value: string) {
  const version = cloudRuntimeVersion(value);
  return version && { version, start: 0, end: value.length, spell: runtimeName };
}

/** A container image that is a Python image (`python:3.10-slim`), by any registry. */
function containerImage(value: string) {
  const image = pythonImage(value);
  return image && { ...image, spell: dotted };
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
      facts.push(internalErrorFact(at(m, span), error));
    }
  };
  const name = (block: HclBlock) => `${block.labels[0]?.value ?? ''}.${block.labels[1]?.value ?? ''}`;
  const value = (body: HclBody, key: string) => follow(attribute(body, key)?.value, m, siblings);
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions_function'))
    each(fn.span, () => readRuntime(value(fn.body, 'runtime'), name(fn), facts));
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions2_function')) {
    // `build_config.docker_repository` names where the image goes, not what it is built on: only `runtime` is read.
    for (const build of blocks(fn.body, 'build_config'))
      each(build.span, () => readRuntime(value(build.body, 'runtime'), name(fn), facts));
  }
  for (const run of blocks(body, 'resource', 'google_cloud_run_v2_service')) {
    const where = name(run);
    for (const template of blocks(run.body, 'template')) {
      for (const container of blocks(template.body, 'containers'))
        each(container.span, () => {
          // An image the service runs as it is; a base image that automatic updates keep patched.
          readPythonValue(
            value(container.body, 'image'),
            `${where} template.containers.image`,
            undefined,
            containerImage,
            facts,
          );
          const base = value(container.body, 'base_image_uri');
          readPythonValue(base, `${where} template.containers.base_image_uri`, 'cloud-run', runtimeImage, facts);
        });
    }
    for (const build of blocks(run.body, 'build_config'))
      each(build.span, () =>
        readPythonValue(
          value(build.body, 'base_image'),
          `${where} build_config.base_image`,
          'cloud-run',
          runtimeImage,
          facts,
        ),
      );
  }
  for (const version of blocks(body, 'resource', 'google_app_engine_standard_app_version'))
    each(version.span, () =>
      readPythonValue(
        value(version.body, 'runtime'),
        `${name(version)} runtime`,
        'app-engine-standard',
        standardRuntime,
        facts,
      ),
    );

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
