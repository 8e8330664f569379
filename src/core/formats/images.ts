// Python container images named in a file (a Dockerfile's FROM, a compose service's `image`): the version in the tag,
// judged as a Python the project runs, with a fix that changes that version alone.
import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Alias, type Document, type Node } from 'yaml';
import type { Place, PythonFact, Source } from '../facts';
import type { Version } from '../versions';
import { majorMinor, pythonImage } from '../versions/runtimes';
import { scalarText } from './yamlVersions';

const spell = (v: Version) => majorMinor(v).join('.');

/**
 * The Python fact of an image reference, when it names a CPython minor version. `place(start, end)` is where the
 * reference's characters from `start` to `end` stand in the file, undefined when they are not written in one piece
 * (no edit could change them, so there is no fact); `name` says how messages name the version found there.
 */
export function imageFact(
  reference: string,
  place: (start: number, end: number) => Place | undefined,
  name: (at: Place) => { label: string; shown: string },
): PythonFact | undefined {
  const image = pythonImage(reference);
  const at = image && place(image.start, image.end);
  if (!image || !at) return undefined;
  const { label, shown } = name(at);
  const fact: PythonFact = {
    kind: 'python',
    label,
    role: 'runs',
    judgedBy: 'python',
    place: at,
    statement: { form: 'version', version: image.version, shown, spell, quote: '' },
  };
  if (reference.includes('@', image.end)) fact.frozen = 'digest';
  return fact;
}

/** Follows an alias to the node it names; other nodes come back as they are. */
export type Resolve = (node: unknown) => Node | undefined;

/**
 * The alias resolver of a document: each alias names the last node anchored with its name before it, as YAML says.
 * Built in one walk: `Alias.resolve` walks the whole document for every alias, which is quadratic in a long file.
 */
export function aliasResolver(doc: Document): Resolve {
  const targets = new Map<Alias, Node>();
  const anchored = new Map<string, Node>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  return (node) => (isAlias(node) ? targets.get(node) : isNode(node) ? node : undefined);
}

/**
 * The value of `key` in a YAML map: its own, or one a merge key (`<<: *defaults`, `<<: [*a, *b]`) brings in, as
 * docker compose and GitLab read them (a key of the map itself wins over a merged one).
 */
export function mapValue(resolve: Resolve, map: unknown, key: string, seen = new Set<unknown>()): Node | undefined {
  if (!isMap(map) || seen.has(map)) return undefined;
  seen.add(map);
  let merged: Node | undefined;
  for (const pair of map.items) {
    const name = isScalar(pair.key) ? pair.key.value : undefined;
    if (name === key) return resolve(pair.value);
    if (name !== '<<' || merged !== undefined) continue;
    const value = resolve(pair.value);
    for (const source of isSeq(value) ? value.items : [value]) merged ??= mapValue(resolve, resolve(source), key, seen);
  }
  return merged;
}

/** The Python fact of an `image:` value (a string scalar, a plain or quoted one without escapes). */
export function yamlImageFact(
  source: Source,
  text: string,
  node: Node | undefined,
  label: string,
): PythonFact | undefined {
  const scalar = scalarText(source, text, node);
  if (!scalar) return undefined;
  const { start } = scalar.place;
  return imageFact(
    scalar.text,
    (from, to) => ({ source, start: start + from, end: start + to }),
    () => ({ label, shown: scalar.text }),
  );
}
