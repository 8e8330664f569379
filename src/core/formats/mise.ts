// mise's `mise.toml` / `.mise.toml`: `[tools] python = "3.10"`, a list of versions (`["3.10", "3.11"]`: the first is
// the default, every one is installed) or a table with options (`{ version = "3.10", virtualenv = ".venv" }`). mise
// takes a prefix such as `3.10` for the newest 3.10; names that are not CPython versions (`latest`, `system`,
// `ref:…`, `prefix:…`) are left alone.
import path = require('node:path');
import { editAt, type Fact, type PythonFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { majorMinor, pythonRelease } from '../versions/runtimes';
import type { ReadContext } from './context';
import { at, content, raw, tomlContext, type Ctx } from './pyproject';
import { lookup, parseTomlDocument, type TomlString, type TomlValue } from './toml';
import { separatedRemovals, versionList, type ListedVersion } from './versionLists';

export const MISE_CONFIGS = ['mise.toml', '.mise.toml'];

const DOTTED = (v: Version) => majorMinor(v).join('.');
const LABEL = '[tools] python';

/** The version string of one entry: the string itself, or a table's `version`. */
function versionString(value: TomlValue): TomlString | undefined {
  const s = value.kind === 'table' ? value.entries.get('version')?.value : value;
  return s?.kind === 'string' ? s : undefined;
}

function listed(c: Ctx, value: TomlValue): ListedVersion | undefined {
  const s = versionString(value);
  const text = s && raw(c, s);
  const version = text === undefined ? undefined : pythonRelease(text);
  return s && version && { version, shown: `"${s.value}"`, place: content(c, s) };
}

function readTools(c: Ctx, value: TomlValue | undefined): PythonFact | undefined {
  if (!value) return undefined;
  const items = value.kind === 'array' ? value.items : [value];
  const entries: (ListedVersion & { item: number })[] = [];
  items.forEach((item, i) => {
    const entry = listed(c, item);
    if (entry) entries.push({ ...entry, item: i });
  });
  if (entries.length === 0) return undefined;
  const base = { kind: 'python', label: LABEL, role: 'runs', judgedBy: 'python' } as const;
  if (entries.length === 1) {
    const [{ version, shown, place }] = entries;
    return { ...base, place, statement: { form: 'version', version, shown, spell: DOTTED, quote: '' } };
  }
  const spans = items.map((i) => ({ start: i.span.start, end: i.span.end }));
  const remove = (below: ReadonlySet<number>) =>
    separatedRemovals(spans, new Set([...below].map((i) => entries[i].item))).map((span) =>
      editAt(at(c, span.start, span.end), ''),
    );
  return { ...base, place: at(c, value.span.start, value.span.end), statement: versionList(entries, DOTTED, remove) };
}

export function readMise(file: SourceFile, ctx: ReadContext): Fact[] {
  const doc = parseTomlDocument(file.text);
  const c = tomlContext(file, doc, (name) => ctx.wants('python', name));
  const fact = readTools(c, lookup(doc, ['tools', 'python']));
  if (fact) c.facts.push(fact);
  return c.facts;
}

export function isMiseConfig(file: string): boolean {
  return MISE_CONFIGS.includes(path.basename(file));
}
