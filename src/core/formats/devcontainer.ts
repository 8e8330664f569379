// A dev container's `devcontainer.json` (`.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
// or `.devcontainer.json`), JSON with comments: the Python of its `image`
// (`mcr.microsoft.com/devcontainers/python:1-3.10-bookworm`) and the `version` of the Python feature
// (`"ghcr.io/devcontainers/features/python:1": { "version": "3.10" }`, or the string alone as its version). The
// feature's other values (`latest`, `os-provided`, `none`) name no version.
import path = require('node:path');
import { textSource, type Fact, type PythonFact, type Source, versionFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { majorMinor, pythonImage, pythonRelease } from '../versions/runtimes';
import { jsonErrors, jsonStringPlace, memberValue, parseJsonc, type JsonNode } from './jsonc';

export const DEVCONTAINER_GLOBS = [
  '.devcontainer/devcontainer.json',
  '.devcontainer/*/devcontainer.json',
  '.devcontainer.json',
];

// The feature by its OCI reference, at any tag or digest, and the short id of the first feature releases.
const PYTHON_FEATURE = /^(?:ghcr\.io\/devcontainers\/features\/python(?:[:@].*)?|python)$/;

const DOTTED = (v: Version) => majorMinor(v).join('.');

function imageFact(source: Source, node: JsonNode | undefined): PythonFact | undefined {
  const s = jsonStringPlace(source, node);
  const image = s && pythonImage(s.text);
  if (!s || !image) return undefined;
  const start = s.place.start + image.start;
  return {
    kind: 'python',
    label: 'image',
    role: 'runs',
    judgedBy: 'python',
    place: { source, start, end: s.place.start + image.end },
    statement: { form: 'version', version: image.version, shown: s.text, spell: DOTTED, quote: '' },
  };
}

function featureFact(source: Source, node: JsonNode | undefined): PythonFact | undefined {
  const s = jsonStringPlace(source, node?.kind === 'object' ? memberValue(node, 'version') : node);
  const version = s && pythonRelease(s.text);
  if (!s || !version) return undefined;
  return versionFact('Python feature version', 'runs', s.place, version, `"${s.text}"`);
}

export function readDevcontainer(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const { root, errors } = parseJsonc(file.text);
  const facts = jsonErrors(source, errors);
  const image = imageFact(source, memberValue(root, 'image'));
  if (image) facts.push(image);
  const features = memberValue(root, 'features');
  if (features?.kind === 'object')
    for (const member of features.members) {
      if (!PYTHON_FEATURE.test(member.key.value)) continue;
      const fact = featureFact(source, member.value);
      if (fact) facts.push(fact);
    }
  return facts;
}

export function isDevcontainer(file: string): boolean {
  const name = path.basename(file);
  if (name === '.devcontainer.json') return true;
  if (name !== 'devcontainer.json') return false;
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] === '.devcontainer' || parts[parts.length - 3] === '.devcontainer';
}
