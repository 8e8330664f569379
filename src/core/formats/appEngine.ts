// App Engine's `app.yaml`: the standard environment's `runtime: python310`, and the flexible environment's
// `runtime_config.runtime_version: "3.10"` (with `env: flex` and `runtime: python`), which an unquoted 3.10 turns into
// the number 3.1.
import path = require('node:path');
import { isScalar, type Scalar } from 'yaml';
import type { Fact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { cloudRuntimeVersion, dottedMinorVersion, majorMinor } from '../versions/runtimes';
import type { FileLookup } from './pipCompile';
import { floatVersionProblem, mapValue, readYamlContents, scalarText } from './yamlVersions';

export const APP_YAML = 'app.yaml';
/** Other names a service's config takes (`app-staging.yaml`, `app_worker.yaml`, `app.prod.yaml`). */
export const APP_ENGINE_GLOBS = [APP_YAML, 'app-*.yaml', 'app_*.yaml', 'app.*.yaml'];

const VARIANT = /^app[-_.][^/\\]*\.yaml$/;
// A top-level `runtime:` key, which every App Engine service config has.
const RUNTIME_KEY = /^\uFEFF?runtime[ \t]*:/m;

/**
 * `app.yaml` by its name. A variant name (`app-staging.yaml`, but not `application.yaml`) is App Engine's only when it
 * has a top-level `runtime:` key, so only those few names are read to tell, and only when `fs` can read.
 */
export function isAppEngineFile(file: string, fs?: FileLookup): boolean {
  const name = path.basename(file);
  if (name === APP_YAML) return true;
  if (!VARIANT.test(name) || fs?.readFile === undefined) return false;
  const text = fs.readFile(file);
  return text !== undefined && RUNTIME_KEY.test(text);
}

// The flexible environment's `runtime_version`: `3.10`, or a release `3.10.4`.
const FLEX_VERSION = /^(\d+\.\d+)(?:\.\d+)?$/;

const runtimeName = (v: Version) => `python${majorMinor(v).join('')}`;
const dotted = (v: Version) => majorMinor(v).join('.');

export function readAppEngine(file: SourceFile): Fact[] {
  const { contents: root, source, facts } = readYamlContents(file);
  const name = path.basename(file.path);

  const runtimeNode = mapValue(root, 'runtime');
  const runtime = scalarText(source, file.text, runtimeNode);
  const standard = runtime && cloudRuntimeVersion(runtime.text);
  if (runtime && standard)
    facts.push({
      kind: 'python',
      label: `${name} runtime`,
      role: 'runs',
      platform: 'app-engine-standard',
      judgedBy: 'python',
      place: runtime.place,
      statement: { form: 'version', version: standard, shown: runtime.text, spell: runtimeName, quote: '' },
    });

  const env = mapValue(root, 'env');
  const flexible = (isScalar(env) && (env.value === 'flex' || env.value === 'flexible')) || runtime?.text === 'python';
  if (!flexible) return facts;
  const versionNode = mapValue(mapValue(root, 'runtime_config'), 'runtime_version');
  const written = scalarText(source, file.text, versionNode);
  const m = written && FLEX_VERSION.exec(written.text);
  const version = m && dottedMinorVersion(m[1]);
  if (!written || !version) return facts;
  facts.push({
    kind: 'python',
    label: `${name} runtime_config.runtime_version`,
    role: 'runs',
    platform: 'app-engine-flexible',
    judgedBy: 'python',
    place: written.place,
    // A new version written plain would be a number again: the fix quotes it.
    statement: { form: 'version', version, shown: written.text, spell: dotted, quote: written.quote === '' ? '"' : '' },
  });
  // After the version: when both fix the one scalar, the raise (which quotes too) goes first and the fix is done once.
  facts.push(...floatVersionProblem(written, versionNode as Scalar));
  return facts;
}
