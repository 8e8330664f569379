// Python versions in YAML values (a workflow's `python-version`, `app.yaml`'s `runtime_version`, a compose `image`).
// An unquoted `3.10` is the float 3.1 to every YAML reader, so the tool gets Python 3.1: a problem of its own, with a
// fix that quotes it, while the rules judge the version the user meant.
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { editAt, type Fact, type Place, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { LineIndex } from '../text';
import { parseYaml, yamlErrors } from '../yamlErrors';
import { plainYamlTree } from './yamlPlainTree';

/** The text of a scalar as written, and where it is (inside its quotes, if any). */
export interface YamlScalarText {
  text: string;
  place: Place;
  /** The quote around it in the file, or '' for a plain scalar. */
  quote: '' | '"' | "'";
}

/**
 * The written text of a single-line scalar: a plain one as written (so `3.10` stays `3.10`), a quoted one without
 * escapes between its quotes. Undefined for anything else (a block scalar, an escape, a multi-line value).
 */
export function scalarText(source: Source, text: string, node: Node | undefined | null): YamlScalarText | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const written = text.slice(start, end);
  if (written === '' || written.includes('\n')) return undefined;
  if (node.type === 'PLAIN') return { text: written, place: { source, start, end }, quote: '' };
  if (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return undefined;
  const inner = written.slice(1, -1);
  if (inner !== String(node.value)) return undefined;
  return {
    text: inner,
    place: { source, start: start + 1, end: end - 1 },
    quote: node.type === 'QUOTE_DOUBLE' ? '"' : "'",
  };
}

// A number whose fraction ends in 0 loses it as a float: `3.10` → 3.1, `3.0` → 3, `3.100` → 3.1.
const TRAILING_ZERO = /^\d+\.\d*0$/;

/** `yaml-float-version` for a plain scalar that YAML reads as a float other than what is written. */
export function floatVersionProblem(scalar: YamlScalarText, node: Scalar): Fact[] {
  if (scalar.quote !== '' || typeof node.value !== 'number' || !TRAILING_ZERO.test(scalar.text)) return [];
  const quoted = `"${scalar.text}"`;
  return [
    {
      kind: 'problem',
      code: 'yaml-float-version',
      message: `YAML reads ${scalar.text} as the number ${String(node.value)}, so this asks for Python ${String(node.value)}: quote it, ${quoted}`,
      place: scalar.place,
      suggestions: [{ title: `Quote it: ${quoted}`, isPreferred: true, edits: [editAt(scalar.place, quoted)] }],
    },
  ];
}

/** The value of `key` in a YAML map: of its last pair, as PyYAML reads a repeated key. */
export function mapValue(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (let i = node.items.length - 1; i >= 0; i--) {
    const pair = node.items[i];
    if (isScalar(pair.key) && pair.key.value === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** A YAML file read whole: its document, its source, and its syntax errors as `parse-error` facts at their place. */
export function readYamlFile(
  file: SourceFile,
  message: (text: string) => string = (text) => text,
  uniqueKeys = false,
): { doc: Document; source: Source; lines: LineIndex; facts: Fact[] } {
  const lines = new LineIndex(file.text);
  const source: Source = { path: file.path, range: (s, e) => lines.rangeAt(s, e) };
  const doc = parseYaml(file.text, uniqueKeys);
  const facts: Fact[] = yamlErrors(doc, file.text, lines).map((e) => ({
    kind: 'problem',
    code: 'parse-error',
    message: message(e.message),
    place: { source, start: e.start, end: e.end },
  }));
  return { doc, source, lines, facts };
}

/** Whether files of the usual block shape are read from `yaml`'s lexer tokens: tests turn it off to compare both ways. */
export const yamlReading = { fromTokens: true };

/** Whether a map anywhere in the tree names a key twice (what `uniqueKeys` makes an error). */
function repeatsKey(node: unknown): boolean {
  if (isSeq(node)) return node.items.some(repeatsKey);
  if (!isMap(node)) return false;
  const keys = new Set<unknown>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (keys.has(key) || repeatsKey(pair.value)) return true;
    keys.add(key);
  }
  return false;
}

/**
 * A YAML file's root node, as `readYamlFile` gives it in `doc.contents`, with its syntax errors as facts. A file of
 * the usual block shape is read from `yaml`'s tokens, about twice as fast as its composed document (see
 * yamlPlainTree); any other is composed. With `uniqueKeys`, a file that repeats a key is composed, for the error.
 */
export function readYamlContents(
  file: SourceFile,
  options: { message?: (text: string) => string; uniqueKeys?: boolean } = {},
): { contents: unknown; source: Source; lines: LineIndex; facts: Fact[] } {
  const plain = yamlReading.fromTokens ? plainYamlTree(file.text) : undefined;
  if (plain && !(options.uniqueKeys && repeatsKey(plain))) {
    const lines = new LineIndex(file.text);
    return { contents: plain, source: { path: file.path, range: (s, e) => lines.rangeAt(s, e) }, lines, facts: [] };
  }
  const { doc, source, lines, facts } = readYamlFile(file, options.message, options.uniqueKeys);
  return { contents: doc.contents, source, lines, facts };
}
