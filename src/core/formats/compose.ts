// Compose files (`docker-compose.yml`, `compose.yaml`, their overrides) as facts: the Python image of each service,
// merge keys (`<<: *defaults`) and aliases followed as docker compose follows them.
import path = require('node:path');
import { isMap, isScalar } from 'yaml';
import type { Fact } from '../facts';
import type { SourceFile } from '../fileSystem';
import { readYamlFile } from './yamlVersions';
import { aliasResolver, mapValue, yamlImageFact } from './images';

const COMPOSE = /^(?:docker-compose|compose).*\.ya?ml$/;

/** The names docker compose reads, with the overrides and variants people add (`docker-compose.prod.yml`). */
export const COMPOSE_GLOBS = ['docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yaml', 'compose*.yml'];

export function isComposeFile(file: string): boolean {
  return COMPOSE.test(path.basename(file));
}

export function readCompose(file: SourceFile): Fact[] {
  const { doc, source, facts } = readYamlFile(file);
  const resolve = aliasResolver(doc);
  const services = mapValue(resolve, doc.contents, 'services');
  if (!isMap(services)) return facts;
  const seen = new Set<string>();
  for (const pair of services.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (name === undefined || name === '<<') continue;
    const fact = yamlImageFact(
      source,
      file.text,
      mapValue(resolve, resolve(pair.value), 'image'),
      `Service ${name} image`,
    );
    if (fact && !seen.has(`${fact.place.start}`)) {
      seen.add(`${fact.place.start}`);
      facts.push(fact);
    }
  }
  return facts;
}
