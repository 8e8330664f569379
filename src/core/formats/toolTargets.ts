// The Python a tool checks code for, in the tool's own file: ruff's `ruff.toml` / `.ruff.toml` (`target-version =
// "py38"`, read as `[tool.ruff]` is in pyproject.toml) and pyright's `pyrightconfig.json` (`"pythonVersion": "3.8"`,
// also per execution environment), which pyright reads as JSON with comments.
import path = require('node:path');
import { textSource, type Fact, type Source, versionFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import { dottedMinorVersion } from '../versions/runtimes';
import type { ReadContext } from './context';
import { jsonErrors, jsonStringPlace, memberValue, parseJsonc, type JsonNode } from './jsonc';
import { readPythonSetting, tomlContext } from './pyproject';
import { parseTomlDocument } from './toml';

export const RUFF_CONFIGS = ['ruff.toml', '.ruff.toml'];
export const PYRIGHT_CONFIG = 'pyrightconfig.json';

export function readRuffConfig(file: SourceFile, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(file.text);
  const c = tomlContext(file, doc, (name) => ctx.wants('python', name));
  readPythonSetting(c, doc.root.entries.get('target-version')?.value, 'ruff target-version', 'py');
  return c.facts;
}

function pyrightVersion(source: Source, node: JsonNode | undefined, label: string): Fact[] {
  const s = jsonStringPlace(source, node);
  const version = s && dottedMinorVersion(s.text);
  if (!s || !version) return [];
  return [versionFact(label, 'target', s.place, version, `"${s.text}"`)];
}

export function readPyrightConfig(file: SourceFile): Fact[] {
  const source = textSource(file.path, file.text);
  const { root, errors } = parseJsonc(file.text);
  const facts = jsonErrors(source, errors);
  facts.push(...pyrightVersion(source, memberValue(root, 'pythonVersion'), 'pythonVersion'));
  const environments = memberValue(root, 'executionEnvironments');
  if (environments?.kind === 'array')
    for (const env of environments.items)
      facts.push(...pyrightVersion(source, memberValue(env, 'pythonVersion'), 'executionEnvironments pythonVersion'));
  return facts;
}

export function isRuffConfig(file: string): boolean {
  return RUFF_CONFIGS.includes(path.basename(file));
}

export function isPyrightConfig(file: string): boolean {
  return path.basename(file) === PYRIGHT_CONFIG;
}
