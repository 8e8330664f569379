// Cloud Build configs (`cloudbuild.yaml`, `cloudbuild.json`, `cloudbuild-prod.yaml`, …): each step's image when it is
// a Python image, the `--runtime` of `gcloud functions deploy` and the `--base-image` of `gcloud run deploy` in a
// step's `args` or `script`, a whole `${_NAME}` value followed to its `substitutions` entry. gcloud reads the JSON
// form with its YAML loader too, so both are read with `yaml`, which keeps every node's offsets.
import path = require('node:path');
import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { type Fact, type PythonFact, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { internalErrorFact } from '../internal';
import type { Version } from '../versions';
import { cloudRuntimeVersion, majorMinor, pythonImage, runtimeImage } from '../versions/runtimes';
import { deployFlags, shellWords, type Word, type Words } from './gcloud';
import { mapValue, readYamlContents, scalarText } from './yamlVersions';

const NAME = /^cloudbuild(?:[-_.][^/\\]*)?\.(?:ya?ml|json)$/;
export const CLOUDBUILD_GLOBS = ['cloudbuild*.yaml', 'cloudbuild*.yml', 'cloudbuild*.json'];

/** `cloudbuild.yaml`, `.yml`, `.json`, and variants after a separator (`cloudbuild-prod.yaml`, `cloudbuild.ci.json`). */
export function isCloudBuildFile(file: string): boolean {
  return NAME.test(path.basename(file));
}

// A value that is one substitution as a whole: `$_RUNTIME`, `${_RUNTIME}`.
const SUBSTITUTION = /^\$(?:\{(_[A-Z0-9_]+)\}|(_[A-Z0-9_]+))$/;
// Text that is a script rather than one argument.
const SCRIPT = /[\s;&|()`]/;

const dotted = (v: Version) => majorMinor(v).join('.');
const runtime = (v: Version) => `python${majorMinor(v).join('')}`;

interface Ctx {
  text: string;
  source: Source;
  file: string;
  substitutions: Node | undefined;
  facts: Fact[];
  /** Places already stated, as `start:end`: steps sharing a substitution state it once. */
  seen: Set<string>;
}

/** A scalar as one word, placed when its text can be mapped back to the file. */
function wordOf(c: Ctx, node: Node): Word | undefined {
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
  const scalar = scalarText(c.source, c.text, node);
  if (scalar) return { text: scalar.text, start: scalar.place.start, end: scalar.place.end };
  return { text: String(node.value), start: 0, end: 0, unplaced: true };
}

/** The words of a scalar that holds a script, read from its source so that every offset is the file's. */
function scriptWords(c: Ctx, node: Scalar): Words {
  const [start, end] = node.range ?? [0, 0];
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const body = c.text.indexOf('\n', start) + 1;
      return body > 0 && body < end ? shellWords(c.text.slice(body, end), body, node.type === 'BLOCK_FOLDED') : [];
    }
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return shellWords(c.text.slice(start + 1, end - 1), start + 1, true);
    default:
      return shellWords(c.text.slice(start, end), start, true);
  }
}

/** A step's `args` (a list of arguments, some of which may be scripts) and `script`, as one list of words. */
function stepWords(c: Ctx, step: Node): Words {
  const words: Words = [];
  const add = (node: unknown) => {
    if (!isScalar(node)) return;
    if (typeof node.value === 'string' && SCRIPT.test(node.value)) words.push(null, ...scriptWords(c, node), null);
    else {
      const word = wordOf(c, node);
      if (word) words.push(word);
    }
  };
  const args = mapValue(step, 'args');
  if (isSeq(args)) for (const item of args.items) add(item);
  else add(args);
  words.push(null);
  add(mapValue(step, 'script'));
  return words;
}

/** `word`, or the `substitutions` value it names as a whole (and that name). */
function resolve(c: Ctx, word: Word): { word: Word; via?: string } | undefined {
  const m = SUBSTITUTION.exec(word.text);
  if (!m) return word.unplaced ? undefined : { word };
  const name = m[1] ?? m[2];
  const value = mapValue(c.substitutions, name);
  const resolved = value && wordOf(c, value);
  return resolved && !resolved.unplaced ? { word: resolved, via: name } : undefined;
}

function push(c: Ctx, fact: PythonFact): void {
  const key = `${fact.place.start}:${fact.place.end}`;
  if (c.seen.has(key)) return;
  c.seen.add(key);
  c.facts.push(fact);
}

function readStep(c: Ctx, step: Node, index: number): void {
  const id = mapValue(step, 'id');
  const where = isScalar(id) && typeof id.value === 'string' ? `step "${id.value}"` : `step ${index + 1}`;
  const by = (what: string, via: string | undefined) =>
    via === undefined ? `${c.file} ${where}${what}` : `${c.file} substitution ${via} (used by ${where}${what})`;

  const name = mapValue(step, 'name');
  const image = name && wordOf(c, name);
  const imageAt = image && resolve(c, image);
  const python = imageAt && pythonImage(imageAt.word.text);
  if (imageAt && python) {
    const { word } = imageAt;
    push(c, {
      kind: 'python',
      label: by(' image', imageAt.via),
      role: 'runs',
      judgedBy: 'python',
      place: { source: c.source, start: word.start + python.start, end: word.start + python.end },
      statement: { form: 'version', version: python.version, shown: word.text.split('@')[0], spell: dotted, quote: '' },
    });
  }

  for (const flag of deployFlags(stepWords(c, step))) {
    const at = resolve(c, flag.value);
    if (!at) continue;
    const { word, via } = at;
    const command = `gcloud ${flag.command} deploy${flag.target === undefined ? '' : ` ${flag.target}`}`;
    if (flag.command === 'functions') {
      const version = cloudRuntimeVersion(word.text);
      if (!version) continue;
      const used = `${command} in ${c.file} ${where}`;
      push(c, {
        kind: 'python',
        label: via === undefined ? `of ${used}` : `(the substitution ${via}, used by ${used})`,
        role: 'runs',
        platform: 'cloud-functions',
        judgedBy: 'cloud-functions-runtime',
        place: { source: c.source, start: word.start, end: word.end },
        statement: { form: 'version', version, shown: word.text, spell: runtime, quote: '' },
      });
    } else {
      const base = runtimeImage(word.text);
      if (!base) continue;
      push(c, {
        kind: 'python',
        label: by(`: ${command} ${flag.flag}`, via),
        role: 'runs',
        platform: 'cloud-run',
        judgedBy: 'python',
        place: { source: c.source, start: word.start + base.start, end: word.start + base.end },
        statement: { form: 'version', version: base.version, shown: word.text, spell: base.spell, quote: '' },
      });
    }
  }
}

export function readCloudBuild(file: SourceFile): Fact[] {
  // A JSON config is read as YAML, as gcloud does, but its author wrote JSON: the message says so.
  const json = file.path.endsWith('.json');
  const { contents, source, facts } = readYamlContents(file, {
    message: (message) => (json ? message.replace(/^Invalid YAML: /, 'Invalid JSON: ') : message),
  });
  const c: Ctx = {
    text: file.text,
    source,
    file: path.basename(file.path),
    substitutions: mapValue(contents, 'substitutions'),
    facts,
    seen: new Set(),
  };
  const steps = mapValue(contents, 'steps');
  if (!isSeq(steps)) return facts;
  steps.items.forEach((step, index) => {
    // Each step under its own guard: a defect in one costs that step only.
    try {
      readStep(c, step as Node, index);
    } catch (error) {
      const [start, end] = (step as Node | null)?.range ?? [0, 0];
      facts.push(internalErrorFact({ source, start, end }, error));
    }
  });
  return facts;
}
