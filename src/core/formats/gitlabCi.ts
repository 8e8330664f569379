// `.gitlab-ci.yml` as facts: the Python images a pipeline runs, in the top-level `image:`/`services:`, `default:` and
// each job (hidden template jobs too, which others extend), as a string or `{ name: … }`; merge keys followed.
import path = require('node:path');
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Fact, Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { LineIndex } from '../text';
import { parseYamlStream, yamlErrors } from '../yamlErrors';
import { aliasResolver, mapValue, yamlImageFact } from './images';

export const GITLAB_CI = '.gitlab-ci.yml';

// Top-level keys that are not jobs and hold no image.
const KEYWORDS = new Set([
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  'before_script',
  'after_script',
  'cache',
]);

export function isGitlabCi(file: string): boolean {
  return path.basename(file) === GITLAB_CI;
}

export function readGitlabCi(file: SourceFile): Fact[] {
  const lines = new LineIndex(file.text);
  const source: Source = { path: file.path, range: (s, e) => lines.rangeAt(s, e) };
  const facts: Fact[] = [];
  const seen = new Set<number>();
  // A pipeline may start with a `spec:` header document; the pipeline is the document after `---`.
  for (const doc of parseYamlStream(file.text, false)) {
    for (const e of yamlErrors(doc, file.text, lines))
      facts.push({
        kind: 'problem',
        code: 'parse-error',
        message: e.message,
        place: { source, start: e.start, end: e.end },
      });
    readPipeline(doc);
  }
  return facts;

  function readPipeline(doc: Document): void {
    const resolve = aliasResolver(doc);
    const add = (node: Node | undefined, label: string) => {
      // `image: { name: python:3.10, entrypoint: [""] }` names the image under `name`.
      const image = isScalar(node) ? node : mapValue(resolve, node, 'name');
      const fact = yamlImageFact(source, file.text, image, label);
      if (fact && !seen.has(fact.place.start)) {
        seen.add(fact.place.start);
        facts.push(fact);
      }
    };
    const readImages = (holder: Node | undefined, image: string, service: string) => {
      add(mapValue(resolve, holder, 'image'), image);
      const services = mapValue(resolve, holder, 'services');
      if (isSeq(services)) for (const item of services.items) add(resolve(item), service);
    };
    const top = doc.contents ?? undefined;
    readImages(top, 'Image', 'Service');
    if (!isMap(top)) return;
    for (const pair of top.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (name === undefined || name === 'image' || name === 'services' || name === '<<' || KEYWORDS.has(name))
        continue;
      const job = resolve(pair.value);
      if (name === 'default') readImages(job, 'Default image', 'Default service');
      else readImages(job, `Job ${name} image`, `Job ${name} service`);
    }
  }
}
