import path = require('node:path');
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { FileSystem } from '../fileSystem';
import { normalizeName, repoKey } from '../names';
import { overlongMessage, parseVersion, type Version } from '../versions';
import { compareMinor, dottedMinorVersion } from '../versions/runtimes';
import { fileStart, LineIndex } from '../text';
import type { Finding, Range } from '../types';
import { parseYaml, yamlErrors } from '../yamlErrors';
import { BUILTIN_NAME, BUILTIN_STANDARD } from './builtin';
import { minimumVersion } from './formats';
import { COMPILED_BUILTIN, type CompiledLayer } from './compiled';
import { emptyStandard, type HookRule, type RuleSource, type Standard, type StandardJson } from './model';
import validateSchema from './schema-validator.generated';

export interface LoadedStandard {
  standard: Standard;
  /** `standard-invalid` findings, each at the line and column of the offending entry. */
  errors: Finding[];
}

function validate(value: unknown): ErrorObject[] {
  return validateSchema(value) ? [] : (validateSchema.errors ?? []);
}

/** One standard file as the loader applies it: its name and where each of its entries is. */
interface Layer {
  file: string;
  /** The range of `key: value` for a mapping entry, or of the item for a sequence entry. */
  entryRange(keyPath: (string | number)[]): Range;
}

/** A layer read from YAML text, whose nodes the error messages point into. */
interface ParsedLayer extends Layer {
  doc: Document;
  lines: LineIndex;
}

function parsedLayer(file: string, doc: Document, lines: LineIndex): ParsedLayer {
  return {
    file,
    doc,
    lines,
    entryRange(keyPath) {
      const { parent, pair, node } = locate(doc, keyPath);
      const start = (pair?.key as Node | undefined)?.range?.[0] ?? node?.range?.[0] ?? parent?.range?.[0] ?? 0;
      const end = node?.range?.[1] ?? start;
      return lines.rangeAt(start, end);
    },
  };
}

// No key of a valid standard holds a space (the schema's patterns say so).
const keyOf = (keyPath: readonly (string | number)[]) => keyPath.join(' ');

/**
 * The built-in standard's layer as the build compiles it (`compileBuiltin`): every entry's range looked up, so a run
 * neither parses nor validates it.
 */
function compiledLayer(compiled: CompiledLayer): Layer {
  const ranges = new Map(compiled.ranges);
  return {
    file: BUILTIN_NAME,
    // A copy: the compiled ranges outlive this load, the rules and findings given out may not.
    entryRange(keyPath) {
      const range = ranges.get(keyOf(keyPath));
      return range ? { start: { ...range.start }, end: { ...range.end } } : fileStart();
    },
  };
}

// The built-in layer compiled from its YAML at its first use, where the build has not compiled it (the sources run as
// they are): every standard that extends it shares it. Null when the YAML has errors, which each load then reports.
let compiledAtRun: CompiledLayer | null | undefined;

/** The built-in layer parsed and validated once: by the build, else at its first use; undefined when it has errors. */
function builtinLayer(): CompiledLayer | undefined {
  if (COMPILED_BUILTIN) return COMPILED_BUILTIN;
  if (compiledAtRun === undefined) {
    try {
      compiledAtRun = compileBuiltin();
    } catch {
      compiledAtRun = null;
    }
  }
  return compiledAtRun ?? undefined;
}

/** A standard file's layer without errors, with the text it was read from. */
interface ValidLayer {
  text: string;
  layer: ParsedLayer;
  value: StandardJson;
}

// Each standard file's layer as last read without errors: the standards that extend one base share its parse and
// validation, and the editor, which loads every standard again after one changed, parses only what changed.
const validLayers = new Map<string, ValidLayer>();

class Loader {
  readonly errors: Finding[] = [];
  /** The built-in layer as this loader read it from its YAML, for `compileBuiltin`. */
  builtinRead: ValidLayer | undefined;
  private readonly stack: string[] = [];

  /** `fromYaml`: the built-in standard is read from its YAML, as `compileBuiltin` must, not from its compiled layer. */
  constructor(
    private readonly fs: FileSystem,
    private readonly fromYaml = false,
  ) {}

  load(file: string, into: Standard, from?: { layer: ParsedLayer; node: Node }): void {
    const isBuiltin = file === BUILTIN_NAME;
    // Parsed and validated once, and it extends nothing. Its lists become the rules' own: a copy each time.
    const compiled = isBuiltin && !this.fromYaml ? builtinLayer() : undefined;
    if (compiled) {
      this.apply(compiledLayer(compiled), structuredClone(compiled.value), into);
      into.files.push(file);
      return;
    }
    if (this.stack.includes(file)) {
      const chain = [...this.stack.slice(this.stack.indexOf(file)), file].map((f) => displayName(f)).join(' → ');
      this.report(from, `extends cycle: ${chain}`);
      return;
    }
    const text = isBuiltin ? BUILTIN_STANDARD : this.fs.readFile(file);
    if (text === undefined) {
      this.report(from, `Standard file not found: ${file}`, file);
      return;
    }
    const read = this.read(file, text);
    if (!read) return;
    const { layer, value } = read;
    this.stack.push(file);
    const ext = layer.doc.get('extends', true) as Node | undefined;
    const entries = isSeq(ext) ? ext.items : ext ? [ext] : [];
    for (const entry of entries) {
      if (!isScalar(entry)) continue;
      const name = String(entry.value);
      const target = name === BUILTIN_NAME ? BUILTIN_NAME : path.resolve(path.dirname(file), name);
      this.load(target, into, { layer, node: entry });
    }
    this.stack.pop();
    // The layer's lists become the rules' own: a copy, as the layer is kept for the next standard that reads it.
    this.apply(layer, structuredClone(value), into);
    into.files.push(file);
    if (isBuiltin) this.builtinRead = read;
  }

  /** A standard file's text parsed and validated, or undefined after reporting its errors. */
  private read(file: string, text: string): ValidLayer | undefined {
    const known = validLayers.get(file);
    if (known?.text === text) return known;
    const lines = new LineIndex(text);
    const doc = parseYaml(text, true);
    const layer = parsedLayer(file, doc, lines);
    if (doc.errors.length > 0) {
      for (const e of yamlErrors(doc, text, lines)) this.error(layer, e.range, e.message);
      return undefined;
    }
    const value: unknown = doc.toJS() ?? {};
    const problems = validate(value);
    // ajv reports a bad property name twice: as the inner `pattern` failure and as `propertyNames`; keep the latter.
    for (const p of problems) if (p.propertyName === undefined) this.schemaError(layer, p);
    if (problems.length > 0 || typeof value !== 'object') return undefined;
    const valid = { text, layer, value: value as StandardJson };
    validLayers.set(file, valid);
    return valid;
  }

  /** Apply one validated layer over what the layers before it set. */
  private apply(layer: Layer, value: StandardJson, into: Standard): void {
    const source = (keyPath: (string | number)[]): RuleSource => ({
      file: layer.file,
      range: layer.entryRange(keyPath),
    });
    if (value.python !== undefined) this.applyPython(layer, value.python, into, source);

    for (const [name, raw] of Object.entries(value.packages ?? {})) {
      const spec = typeof raw === 'string' ? { minimum: raw } : (raw ?? {});
      const minimum = spec.minimum ? (minimumVersion(spec.minimum) ?? undefined) : undefined;
      into.packages.set(normalizeName(name), {
        name,
        minimum,
        pin: spec.pin ? (parseVersion(spec.pin.trim()) ?? undefined) : minimum,
        replacedBy: spec.replacedBy,
        reason: spec.reason,
        severity: spec.severity,
        source: source(['packages', name]),
      });
    }

    const terraform = value.terraform;
    if (terraform) {
      if (terraform.cloudFunctionsRuntime !== undefined) {
        into.terraform.cloudFunctionsRuntime = {
          value: terraform.cloudFunctionsRuntime,
          source: source(['terraform', 'cloudFunctionsRuntime']),
        };
      }
      if (terraform.requiredVersion !== undefined) {
        into.terraform.requiredVersion = {
          value: minimumVersion(terraform.requiredVersion) as Version,
          source: source(['terraform', 'requiredVersion']),
        };
      }
      for (const [address, minimum] of Object.entries(terraform.providers ?? {})) {
        into.terraform.providers.set(address.toLowerCase(), {
          value: minimumVersion(minimum) as Version,
          source: source(['terraform', 'providers', address]),
        });
      }
    }

    value.precommit?.hooks?.forEach((h, i) => {
      const rule: HookRule = {
        repos: typeof h.repo === 'string' ? [h.repo] : h.repo,
        id: h.id,
        minimum: h.minimum ? (minimumVersion(h.minimum) ?? undefined) : undefined,
        rev: h.rev ?? h.minimum?.trim().replace(/^>=\s*/, ''),
        severity: h.severity,
        source: source(['precommit', 'hooks', i]),
      };
      // A later entry for the same hook id and any of the same repositories replaces the earlier ones, in the place
      // of the first: an organisation restating black under one of its repositories gets one black rule, not two.
      const keys = new Set(rule.repos.map(repoKey));
      const hooks = into.precommit.hooks;
      const same = hooks.filter((x) => x.id === rule.id && x.repos.some((r) => keys.has(repoKey(r))));
      if (same.length === 0) hooks.push(rule);
      else
        into.precommit.hooks = hooks
          .filter((x) => x === same[0] || !same.includes(x))
          .map((x) => (x === same[0] ? rule : x));
    });

    if (value.exclude !== undefined) this.applyExclude(layer, value.exclude ?? [], into);

    const makefile = value.makefile;
    if (makefile?.targets !== undefined)
      into.makefile = {
        ...into.makefile,
        targets: { value: makefile.targets ?? [], source: source(['makefile', 'targets']) },
      };
    if (makefile?.severity !== undefined) into.makefile = { ...into.makefile, severity: makefile.severity };
  }

  /**
   * `python: "3.10"` is the minimum; `python: { minimum, runtime }` says both. A minimum raised above the runtime of the
   * layers below takes the runtime with it; a runtime below the minimum is an error at its entry.
   */
  private applyPython(
    layer: Layer,
    python: NonNullable<StandardJson['python']>,
    into: Standard,
    source: (keyPath: (string | number)[]) => RuleSource,
  ): void {
    const minimum = typeof python === 'string' ? python : python.minimum;
    if (minimum !== undefined) {
      into.python = {
        value: minimumVersion(minimum) as Version,
        source: source(typeof python === 'string' ? ['python'] : ['python', 'minimum']),
      };
      if (into.pythonRuntime && compareMinor(into.pythonRuntime.value, into.python.value) < 0)
        into.pythonRuntime = undefined;
    }
    if (typeof python === 'string' || python.runtime === undefined) return;
    const at = source(['python', 'runtime']);
    const runtime = dottedMinorVersion(python.runtime);
    const floor = into.python?.value;
    if (!runtime)
      this.error(
        layer,
        at.range,
        `python.runtime: ${overlongMessage(python.runtime) ?? `'${python.runtime}' is not a Python version`}`,
      );
    else if (floor && compareMinor(runtime, floor) < 0)
      this.error(layer, at.range, `python.runtime ${python.runtime} is below the Python minimum ${floor.text}`);
    else into.pythonRuntime = { value: runtime, source: at };
  }

  /** `exclude` replaces what the layers below set; a pattern that cannot work is an error at its entry. */
  private applyExclude(layer: Layer, patterns: string[], into: Standard): void {
    const kept = patterns.filter((pattern, i) => {
      const problem = excludeProblem(pattern);
      if (problem) this.error(layer, layer.entryRange(['exclude', i]), `exclude: ${problem}`);
      return !problem;
    });
    into.exclude = { value: kept, source: { file: layer.file, range: layer.entryRange(['exclude']) } };
  }

  private schemaError(layer: ParsedLayer, e: ErrorObject): void {
    const keyPath = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = keyPath.length > 0 ? keyPath.join('.') : 'the standard';
    const { pair, node } = locate(layer.doc, keyPath);
    const valueRange = node?.range ?? (pair?.key as Node | undefined)?.range ?? [0, 0];
    let range = layer.lines.rangeAt(valueRange[0], valueRange[1]);
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const child = locate(layer.doc, [...keyPath, key]).pair?.key as Node | undefined;
        if (child?.range) range = layer.lines.rangeAt(child.range[0], child.range[1]);
        message = `Unknown key '${key}' in ${where}`;
        break;
      }
      case 'propertyNames': {
        const key = String(e.params.propertyName);
        const child = locate(layer.doc, [...keyPath, key]).pair?.key as Node | undefined;
        if (child?.range) range = layer.lines.rangeAt(child.range[0], child.range[1]);
        message = `'${key}' is not a valid name in ${where}`;
        break;
      }
      case 'type': {
        const actual = isScalar(node) ? node.value : undefined;
        message = `${where} must be ${describeType(e.params.type)}`;
        // The hint is for versions; an exclude pattern is no version.
        if (typeof actual === 'number' && keyPath[0] !== 'exclude')
          message += ` (quote versions: unquoted ${String(actual)} is read as a number)`;
        break;
      }
      case 'format': {
        const text = String(isScalar(node) ? node.value : '');
        message = `${where}: ${overlongMessage(text.trim().replace(/^>=\s*/, '')) ?? `'${text}' is not a valid PEP 440 version`}`;
        break;
      }
      case 'enum':
        message = `${where} must be one of ${(e.params.allowedValues as string[]).join(', ')}`;
        break;
      case 'minItems':
      case 'minLength':
        message = `${where} must not be empty`;
        break;
      case 'required':
        message = `${where} is missing '${String(e.params.missingProperty)}'`;
        break;
      case 'pattern':
        message = `${where}: '${String(isScalar(node) ? node.value : '')}' does not have the expected form (${String(e.params.pattern)})`;
        break;
      default:
        message = `${where} ${e.message ?? 'is invalid'}`;
    }
    this.error(layer, range, message);
  }

  /** An error at the `extends` entry that led here, or, for the file asked for itself, at its start. */
  private report(
    from: { layer: ParsedLayer; node: Node } | undefined,
    message: string,
    file = this.stack[0] ?? BUILTIN_NAME,
  ): void {
    if (!from) {
      this.errors.push(invalid(file, fileStart(), message));
      return;
    }
    const r = from.node.range ?? [0, 0];
    this.error(from.layer, from.layer.lines.rangeAt(r[0], r[1]), message);
  }

  private error(layer: Layer, range: Range, message: string): void {
    this.errors.push(invalid(layer.file, range, message));
  }
}

/** Why a gitignore-style `exclude` pattern cannot do what it says, or undefined when it can. */
function excludeProblem(pattern: string): string | undefined {
  if (/[\r\n]/.test(pattern)) return 'a pattern is one line; give each pattern its own entry';
  if (pattern.startsWith('#'))
    return `'${pattern}' starts with #, which gitignore reads as a comment; write \\${pattern} for a name that starts with #`;
  if (/(^|\/)\.\.(\/|$)/.test(pattern.replace(/^!/, '')))
    return `'${pattern}' reaches outside this file's folder; patterns are relative to it, as in a .gitignore there`;
  return undefined;
}

function invalid(file: string, range: Range, message: string): Finding {
  return { code: 'standard-invalid', severity: 'error', message, file, range, fixes: [] };
}

function describeType(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type]).map((t) =>
    t === 'object' ? 'a mapping' : t === 'null' ? 'empty' : t === 'array' ? 'a list' : `a ${String(t)}`,
  );
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
}

function displayName(file: string): string {
  return file === BUILTIN_NAME ? file : path.basename(file);
}

function locate(doc: Document, keyPath: (string | number)[]): { parent?: Node; pair?: Pair; node?: Node } {
  let current: unknown = doc.contents;
  let parent: Node | undefined;
  let pair: Pair | undefined;
  for (const key of keyPath) {
    parent = current as Node;
    pair = undefined;
    if (isMap(current)) {
      pair = current.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      current = pair?.value;
    } else if (isSeq(current)) {
      current = current.items[Number(key)];
    } else {
      return { parent };
    }
  }
  return { parent, pair, node: (current ?? undefined) as Node | undefined };
}

/** Read a standard file (or `builtin`), following `extends`. Never throws; problems come back as findings. */
export function loadStandard(file: string, fs: FileSystem): LoadedStandard {
  const loader = new Loader(fs);
  const standard = emptyStandard();
  loader.load(file, standard);
  return { standard, errors: loader.errors };
}

/**
 * The built-in standard parsed, validated and its every entry located, for the build to bundle in place of ./compiled
 * (scripts/esbuild-options.mjs). Throws when the built-in standard has errors: a build must not ship a broken one.
 */
export function compileBuiltin(): CompiledLayer {
  const loader = new Loader({ readFile: () => undefined, exists: () => false }, true);
  loader.load(BUILTIN_NAME, emptyStandard());
  const { errors, builtinRead } = loader;
  if (errors.length > 0 || !builtinRead)
    throw new Error(`the built-in standard is invalid: ${errors.map((e) => e.message).join('; ')}`);
  const { layer, value } = builtinRead;
  if (layer.doc.has('extends')) throw new Error('the built-in standard cannot extend another');
  const ranges: [string, Range][] = [];
  const visit = (node: unknown, keyPath: (string | number)[]) => {
    if (keyPath.length > 0) ranges.push([keyOf(keyPath), layer.entryRange(keyPath)]);
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...keyPath, i]));
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) visit(item, [...keyPath, key]);
  };
  visit(value, []);
  return { value, ranges };
}

let builtin: Standard | undefined;

export function builtinStandard(): Standard {
  builtin ??= loadStandard(BUILTIN_NAME, { readFile: () => undefined, exists: () => false }).standard;
  return builtin;
}
