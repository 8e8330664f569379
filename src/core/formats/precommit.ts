// .pre-commit-config.yaml as facts: the repositories and hooks it runs (with the means to add more in the file's own
// layout), the Python versions it names, and the `additional_dependencies` of Python hooks read like requirement
// lines. Read with `yaml`'s document, which keeps exact ranges and comments and reports syntax errors without giving
// up on the rest of the file; a config of the plain shape most have gets the same nodes from `yaml`'s lexer tokens
// (`plainYamlTree`: ~0.3x the cost of composing them, measured; on the composed document the analysis was barely
// faster than Renovate's extractor, which is that same parse).
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Fact, HookConfigFact, HookRepository, Place, Source } from '../facts';
import { internalErrorFact } from '../internal';
import { repoKey } from '../names';
import { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { interpreterVersion, majorMinor, pyTargetVersion } from '../versions/runtimes';
import { parseYaml, yamlErrors } from '../yamlErrors';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { parseRequirementText, requirementFact } from './pep508';
import { plainYamlTree } from './yamlPlainTree';
import { yamlReading, scalarText as yamlScalar } from './yamlVersions';

export const PRECOMMIT_CONFIG = '.pre-commit-config.yaml';
/** The names pre-commit looks for (`-c` aside): the first is the one it creates. */
export const PRECOMMIT_CONFIGS = [PRECOMMIT_CONFIG, '.pre-commit-config.yml'];

const SHA = /^[0-9a-f]{7,40}$/i;
// pyupgrade's `--py36-plus` … `--py314-plus` (`--py3-plus` names no minor).
const PYUPGRADE_TARGET = /^--(py\d+)-plus$/;
const FROZEN = /#\s*frozen:\s*(\S+)/;

/** A hook to add: its id, and the repository and rev it comes from. */
export interface NewHook {
  id: string;
  repo: string;
  rev: string;
}

interface Ctx {
  file: string;
  text: string;
  lines: LineIndex;
  source: Source;
  facts: Fact[];
}

function at(ctx: Ctx, start: number, end: number): Place {
  return { source: ctx.source, start, end };
}

function nodePlace(ctx: Ctx, node: Node): Place {
  const [start, end] = node.range ?? [0, 0];
  return at(ctx, start, end);
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined;
}

/** The first pair of `map` with `key`, as pre-commit's reader finds it. */
function pairOf(map: unknown, key: string): Pair | undefined {
  if (isMap(map)) for (const pair of map.items) if (scalarText(pair.key) === key) return pair;
  return undefined;
}

/** The value of `key` in `map`. */
function get(map: unknown, key: string): Node | undefined {
  return (pairOf(map, key)?.value ?? undefined) as Node | undefined;
}

/** The YAML scalar's text as written, and where it starts, when its value can be mapped back offset by offset. */
function rawContent(ctx: Ctx, node: Scalar): { text: string; start: number } | undefined {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const text = quoted ? ctx.text.slice(start + 1, end - 1) : ctx.text.slice(start, end);
  return text === String(node.value) ? { text, start: quoted ? start + 1 : start } : undefined;
}

/** `python3.8` as pre-commit names an interpreter: a Python fact, unless it is spelled otherwise (`python3`, a path). */
function readPython(ctx: Ctx, node: Node | undefined, label: string): void {
  const value = scalarText(node);
  const version = value === undefined ? undefined : interpreterVersion(value);
  if (!version || !node?.range) return;
  ctx.facts.push({
    kind: 'python',
    label,
    role: 'tool',
    judgedBy: 'python',
    place: nodePlace(ctx, node),
    statement: {
      form: 'version',
      version,
      shown: value as string,
      spell: (v: Version) => `python${majorMinor(v).join('.')}`,
      quote: quoteOf(ctx, node),
    },
  });
}

/** pyupgrade's `args: [--py38-plus]`: the oldest Python whose syntax it rewrites code for, a tool's target. */
function readPyupgradeArgs(ctx: Ctx, hook: YAMLMap): void {
  const args = get(hook, 'args');
  if (!isSeq(args)) return;
  for (const item of args.items) {
    const arg = yamlScalar(ctx.source, ctx.text, item as Node);
    const m = arg && PYUPGRADE_TARGET.exec(arg.text);
    const version = m ? pyTargetVersion(m[1]) : undefined;
    if (!arg || !version) continue;
    ctx.facts.push({
      kind: 'python',
      label: 'pyupgrade',
      role: 'target',
      judgedBy: 'python',
      place: arg.place,
      statement: {
        form: 'version',
        version,
        shown: arg.text,
        spell: (v: Version) => `--py${majorMinor(v).join('')}-plus`,
        quote: '',
      },
    });
  }
}

/** A repository entry's `rev`, with the `# frozen: v1.2.3` comment that tells a commit SHA's version. */
function revOf(ctx: Ctx, repo: YAMLMap): HookRepository['rev'] {
  const value = get(repo, 'rev');
  const text = scalarText(value);
  if (text === undefined || !value?.range) return undefined;
  const [start, end] = value.range;
  const rev: HookRepository['rev'] = { text, place: at(ctx, start, end), quote: quoteOf(ctx, value) };
  if (!SHA.test(text)) return rev;
  const rest = ctx.text.slice(end, ctx.lines.lineEnd(ctx.lines.positionAt(start).line));
  const frozen = FROZEN.exec(rest);
  if (frozen) {
    const hash = end + frozen.index;
    let from = hash;
    while (from > end && (ctx.text[from - 1] === ' ' || ctx.text[from - 1] === '\t')) from--;
    rev.frozen = { version: frozen[1], place: at(ctx, from, hash + frozen[0].length) };
  }
  return rev;
}

interface Style {
  /** Column of the `-` of a repo item. */
  itemIndent: number;
  /** Spaces between a repo item's `-` and its first key (`-   repo:` has 3). */
  itemGap: number;
  /** Spaces from a repo item's keys to the `-` of its hooks. */
  hooksOffset: number;
  /** Spaces between a hook's `-` and `id`. */
  hookGap: number;
  /** The quote each kind of value is written with in the file: repo URLs, revs and hook ids may differ. */
  quote: { repo: string; rev: string; id: string };
}

const DEFAULT_STYLE: Style = {
  itemIndent: 2,
  itemGap: 1,
  hooksOffset: 2,
  hookGap: 1,
  quote: { repo: '', rev: '', id: '' },
};

/**
 * The `-` before a block sequence item that starts at `offset`, and the spaces after it. The `-` may stand alone on an
 * earlier line (`-` then the item's keys indented under it): the gap is then what puts new keys under the item's own.
 */
function dashBefore(ctx: Ctx, offset: number): { column: number; gap: number } | undefined {
  let i = offset;
  let newline = false;
  for (; i > 0; i--) {
    const c = ctx.text[i - 1];
    if (c === '\n' || c === '\r') newline = true;
    else if (c !== ' ' && c !== '\t') break;
  }
  if (ctx.text[i - 1] !== '-') return undefined;
  const column = ctx.lines.positionAt(i - 1).character;
  if (!newline) return { column, gap: offset - i };
  return { column, gap: Math.max(1, ctx.lines.positionAt(offset).character - column - 1) };
}

function quoteOf(ctx: Ctx, node: unknown): string {
  const start = (node as Node | undefined)?.range?.[0];
  const first = start === undefined ? '' : ctx.text[start];
  return first === '"' || first === "'" ? first : '';
}

function styleOf(ctx: Ctx, repos: YAMLSeq | undefined): Style {
  const style: Style = { ...DEFAULT_STYLE, quote: { ...DEFAULT_STYLE.quote } };
  const first = repos?.items.find((i) => isMap(i));
  if (!repos || !first?.range) return style;
  const column = (offset: number) => ctx.lines.positionAt(offset).character;
  const keyColumn = column(first.range[0]);
  const dash = dashBefore(ctx, first.range[0]);
  style.itemIndent = dash ? dash.column : Math.max(0, keyColumn - 2);
  style.itemGap = dash ? dash.gap : 1;
  style.quote.repo = quoteOf(ctx, get(first, 'repo'));
  style.quote.rev = quoteOf(ctx, get(first, 'rev'));
  const hooks = get(first, 'hooks');
  const hook = isSeq(hooks) ? (hooks.items[0] as Node | undefined) : undefined;
  style.quote.id = quoteOf(ctx, get(hook, 'id'));
  if (isSeq(hooks) && !hooks.flow && hook?.range) {
    const hookDash = dashBefore(ctx, hook.range[0]);
    style.hooksOffset = (hookDash ? hookDash.column : column(hook.range[0]) - 2) - keyColumn;
    style.hookGap = hookDash ? hookDash.gap : 1;
  }
  return style;
}

/** One repository entry holding `rules` (hooks of that repository), in the file's block style. */
function repoBlock(rules: readonly NewHook[], style: Style, eol: string): string {
  const { quote } = style;
  const [first] = rules;
  const pad = ' '.repeat(style.itemIndent);
  const keys = ' '.repeat(style.itemIndent + 1 + style.itemGap);
  const hook = ' '.repeat(style.itemIndent + 1 + style.itemGap + Math.max(0, style.hooksOffset));
  return [
    `${pad}-${' '.repeat(style.itemGap)}repo: ${quote.repo}${first.repo}${quote.repo}`,
    `${keys}rev: ${quote.rev}${first.rev}${quote.rev}`,
    `${keys}hooks:`,
    ...rules.map((r) => `${hook}-${' '.repeat(style.hookGap)}id: ${quote.id}${r.id}${quote.id}`),
  ].join(eol);
}

function flowRepo(rules: readonly NewHook[], quote: Style['quote']): string {
  const [first] = rules;
  const hooks = rules.map((r) => `{id: ${quote.id}${r.id}${quote.id}}`).join(', ');
  return `{repo: ${quote.repo}${first.repo}${quote.repo}, rev: ${quote.rev}${first.rev}${quote.rev}, hooks: [${hooks}]}`;
}

/** Hooks grouped by the repository they come from, in their order. */
function byRepository(hooks: readonly NewHook[]): NewHook[][] {
  const groups = new Map<string, NewHook[]>();
  for (const h of hooks) groups.set(repoKey(h.repo), [...(groups.get(repoKey(h.repo)) ?? []), h]);
  return [...groups.values()];
}

/** Where a node's own text ends, before the comments and blank lines `yaml` counts into a block collection's end. */
export function contentEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last: unknown = node.items[node.items.length - 1];
    const inner = (isPair(last) ? (last.value ?? last.key) : last) as Node | null;
    if (inner?.range) return contentEnd(inner);
  }
  return node.range?.[1] ?? 0;
}

/**
 * Where to insert after a block collection's last item: the start of the line after it, and after the comments
 * indented into it, but before comments and keys that follow the list.
 */
function afterLastItem(ctx: Ctx, seq: YAMLSeq): { offset: number; prefix: string; suffix: string } {
  const last = seq.items[seq.items.length - 1] as Node;
  const end = last.range ? contentEnd(last) : (seq.range?.[1] ?? ctx.text.length);
  const start = last.range?.[0] ?? end;
  const dash = dashBefore(ctx, start)?.column ?? ctx.lines.positionAt(start).character - 2;
  let line = ctx.lines.positionAt(Math.max(0, end - 1)).line;
  for (let next = line + 1; next < ctx.lines.lineCount; next++) {
    const text = ctx.lines.lineText(next);
    if (!text.trimStart().startsWith('#') || text.length - text.trimStart().length <= dash) break;
    line = next;
  }
  const lineEnd = ctx.lines.lineEnd(line);
  const eol = ctx.lines.eol;
  if (lineEnd >= ctx.text.length) return { offset: ctx.text.length, prefix: eol, suffix: '' };
  return { offset: lineEnd + (ctx.text.startsWith('\r\n', lineEnd) ? 2 : 1), prefix: '', suffix: eol };
}

/** Where a new item goes in a `[...]` list: right after the last item (so a trailing comma stays last), or inside `[]`. */
function flowInsert(ctx: Ctx, seq: YAMLSeq, item: string): { offset: number; text: string } {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const [start] = seq.range ?? [0, 0];
  if (last?.range) {
    const at = ctx.lines.positionAt(last.range[0]);
    // One item per line: the new one gets a line of its own, indented like the last.
    const ownLine =
      at.line > ctx.lines.positionAt(start).line && ctx.lines.lineText(at.line).slice(0, at.character).trim() === '';
    return {
      offset: last.range[1],
      text: ownLine ? `,${ctx.lines.eol}${' '.repeat(at.character)}${item}` : `, ${item}`,
    };
  }
  // Right after the `[`: a `]` on a line of its own may sit where no item could.
  return { offset: start + 1, text: item };
}

/**
 * One edit adding every hook in `hooks` at the same place: into `existingRepo`'s hooks, or as new repository entries
 * after the last one; undefined when no insertion fits.
 */
function addHooks(
  ctx: Ctx,
  list: RepoList,
  hooks: readonly NewHook[],
  existingRepo: YAMLMap | undefined,
): TextEdit | undefined {
  const eol = ctx.lines.eol;
  const { pair: reposPair, seq: repos } = list;
  const style = styleOf(ctx, repos);
  let offset: number;
  let text: string;
  if (existingRepo) {
    const list = get(existingRepo, 'hooks');
    if (!isSeq(list) || !list.range) return undefined;
    const firstHook = list.items[0] as Node | undefined;
    const q = quoteOf(ctx, get(firstHook, 'id')) || (firstHook ? '' : style.quote.id);
    if (list.flow || list.items.length === 0) {
      ({ offset, text } = flowInsert(ctx, list, hooks.map((r) => `{id: ${q}${r.id}${q}}`).join(', ')));
      return insertion(ctx, offset, text, hooks);
    }
    const after = afterLastItem(ctx, list);
    const start = firstHook?.range?.[0] ?? 0;
    const dash = dashBefore(ctx, start) ?? { column: Math.max(0, ctx.lines.positionAt(start).character - 2), gap: 1 };
    text =
      after.prefix +
      hooks.map((r) => `${' '.repeat(dash.column)}-${' '.repeat(dash.gap)}id: ${q}${r.id}${q}`).join(eol) +
      after.suffix;
    if (!list.items.every((h) => isMap(h))) return insertion(ctx, after.offset, text, hooks);
    return insertAt(ctx, after.offset, text);
  }
  const groups = byRepository(hooks);
  const blocks = () => groups.map((g) => repoBlock(g, style, eol)).join(eol);
  let checked = false;
  if (repos?.flow && repos.range) {
    ({ offset, text } = flowInsert(ctx, repos, groups.map((g) => flowRepo(g, style.quote)).join(', ')));
  } else if (repos && repos.items.length > 0) {
    const after = afterLastItem(ctx, repos);
    offset = after.offset;
    text = after.prefix + blocks() + after.suffix;
    checked = repos.items.every((r) => isMap(r));
  } else if (reposPair) {
    // `repos:` with nothing under it: the blocks go on the following lines.
    const keyEnd = (reposPair.key as Node).range?.[1] ?? 0;
    offset = ctx.lines.lineEnd(ctx.lines.positionAt(keyEnd).line);
    const valueRange = (reposPair.value as Node | undefined)?.range;
    if (valueRange && valueRange[1] > valueRange[0]) return undefined;
    text = eol + blocks();
  } else {
    offset = ctx.text.length;
    const sep = ctx.text.length === 0 || /[\r\n]$/.test(ctx.text) ? '' : eol;
    text = `${sep}repos:${eol}${blocks()}${eol}`;
  }
  return checked ? insertAt(ctx, offset, text) : insertion(ctx, offset, text, hooks);
}

function insertAt(ctx: Ctx, offset: number, text: string): TextEdit {
  return { file: ctx.file, range: ctx.source.range(offset, offset), newText: text };
}

/**
 * The edit inserting `text` at `offset`, when the result is YAML that parses and runs the hooks. A block list of
 * entries has its own style copied and needs no check (parsing again would double the cost of a large file); a flow
 * list, a list with items that are not entries, or a file without `repos:` can be shaped in ways no insertion fits (a
 * top-level scalar, a flow mapping, a `]` on a line of its own), and a fix must never break a file.
 */
function insertion(ctx: Ctx, offset: number, text: string, hooks: readonly NewHook[]): TextEdit | undefined {
  const result = parseYaml(ctx.text.slice(0, offset) + text + ctx.text.slice(offset), false);
  const running = hookIds(result);
  if (result.errors.length > 0 || hooks.some((r) => !running.has(r.id))) return undefined;
  return insertAt(ctx, offset, text);
}

/** The repositories a config lists: under `repos:`, or the document itself in the old list format. */
function repositoryList(doc: Document): YAMLSeq | undefined {
  if (isSeq(doc.contents)) return doc.contents;
  const repos = get(doc.contents, 'repos');
  return isSeq(repos) ? repos : undefined;
}

/** The ids of every hook the config runs. */
function hookIds(doc: Document): Set<string> {
  const ids = new Set<string>();
  for (const repo of repositoryList(doc)?.items ?? []) {
    const hooks = get(repo, 'hooks');
    if (!isSeq(hooks)) continue;
    for (const hook of hooks.items) {
      const id = scalarText(get(hook, 'id'));
      if (id !== undefined) ids.add(id);
    }
  }
  return ids;
}

/** The file a repository without one gets: `hooks`, grouped by repository. */
export function precommitConfigFor(hooks: readonly NewHook[], eol = '\n'): string {
  const blocks = byRepository(hooks).map((group) => repoBlock(group, DEFAULT_STYLE, eol));
  return ['# See https://pre-commit.com for more information', 'repos:', ...blocks, ''].join(eol);
}

/** pre-commit's names for Python hooks (`python_venv` is the old alias): their additional_dependencies are pip requirements. */
const PYTHON_LANGUAGES = new Set(['python', 'python_venv']);

/**
 * What a hook's additional_dependencies are: pip requirements, another language's packages (a Go module path, an
 * npm name: not read), or unknown. The hook's `language:` says, when the config sets it (always for a local hook);
 * the standard's hooks are Python tools; a remote hook's language is in its repository, which is not read.
 */
function languageOf(hook: YAMLMap, required: boolean): 'python' | 'other' | 'unknown' {
  const language = scalarText(get(hook, 'language'));
  if (language !== undefined) return PYTHON_LANGUAGES.has(language) ? 'python' : 'other';
  return required ? 'python' : 'unknown';
}

/** Each additional dependency read like a requirement line. Of a hook whose language is unknown, only what reads as PEP 508. */
function readDependencies(ctx: Ctx, deps: YAMLSeq, strict: boolean, wants: (name: string) => boolean): void {
  for (const item of deps.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
    const raw = rawContent(ctx, item);
    const value = item.value;
    const [itemStart, itemEnd] = item.range;
    // With an escape (`"pandas\x3d=1.5.3"`) offsets in the value are not offsets in the file: the facts then cover
    // the whole item, and an edit there could only corrupt it.
    try {
      const entry = parseRequirementText(
        raw ? raw.text : value,
        (o, isEnd) => (raw ? raw.start + o : isEnd ? itemEnd : itemStart),
        wants,
      );
      if (entry.kind === 'error') {
        if (strict || entry.stack !== undefined)
          ctx.facts.push({
            kind: 'problem',
            code: entry.stack === undefined ? 'parse-error' : 'internal-error',
            message: entry.message,
            place: at(ctx, entry.start, entry.end),
            stack: entry.stack,
          });
      } else if (entry.kind === 'requirement') {
        ctx.facts.push(requirementFact(entry.req, ctx.source, entry.start, entry.end, raw ? undefined : 'escapes'));
      }
    } catch (error) {
      ctx.facts.push(internalErrorFact(at(ctx, itemStart, itemEnd), error));
    }
  }
}

/** Where the file lists its repositories: under `repos:` (the key, when there is one), or the document itself in the old format. */
interface RepoList {
  pair?: Pair;
  seq?: YAMLSeq;
}

export function readPrecommit(file: SourceFile, read: ReadContext): Fact[] {
  const lines = new LineIndex(file.text);
  const source: Source = { path: file.path, range: (s, e) => lines.rangeAt(s, e) };
  const c: Ctx = { file: file.path, text: file.text, lines, source, facts: [] };
  // The same nodes either way; a text the token reader does not take whole is composed, with its errors.
  const plain = yamlReading.fromTokens ? plainYamlTree(file.text) : undefined;
  const doc = plain ? undefined : parseYaml(file.text, false);
  const contents: unknown = plain ?? doc?.contents;
  const parsed = !doc || doc.errors.length === 0;
  if (doc)
    for (const e of yamlErrors(doc, file.text, lines))
      c.facts.push({ kind: 'problem', code: 'parse-error', message: e.message, place: at(c, e.start, e.end) });
  // The format before `repos:`, a top-level list of repositories, was read by pre-commit until 3.0 and is still found.
  const legacy = isSeq(contents);
  const reposPair = legacy ? undefined : pairOf(contents, 'repos');
  const list: RepoList = {
    pair: reposPair,
    seq: legacy ? contents : isSeq(reposPair?.value) ? reposPair.value : undefined,
  };
  const missingAt = missingPlace(c, list);
  const listStart = list.seq?.range?.[0];
  if (legacy && listStart !== undefined) {
    // pre-commit 3 stops on this format ("Expected a Config map but got a list"); `pre-commit migrate-config` only
    // puts `repos:` above the list, which YAML reads as the key of that same list. A `[...]` list must follow the
    // key on its line: YAML does not take a flow collection at the key's own indentation on the next one.
    const flow = list.seq?.flow === true;
    const lineStart = flow ? listStart : lines.lineStarts[lines.positionAt(listStart).line];
    const key = flow ? 'repos: ' : `repos:${lines.eol}`;
    // Only a file that parses gets the fix, and only when the result parses too.
    const fixable =
      parsed && parseYaml(file.text.slice(0, lineStart) + key + file.text.slice(lineStart), false).errors.length === 0;
    c.facts.push({
      kind: 'problem',
      code: 'precommit-list-format',
      message: 'This config is a list of repositories without `repos:`, a format pre-commit 3 and later no longer read',
      place: missingAt,
      suggestions: fixable
        ? [
            {
              title: 'Put the list under `repos:` (as `pre-commit migrate-config` does)',
              isPreferred: true,
              edits: [insertAt(c, lineStart, key)],
            },
          ]
        : [],
    });
  }

  readPython(c, get(get(contents, 'default_language_version'), 'python'), 'default_language_version python');

  const wants = (name: string) => read.wants('python', name);
  const nodes = new Map<HookRepository, YAMLMap>();
  const repositories: HookRepository[] = [];
  const config: HookConfigFact = {
    kind: 'hook-config',
    repositories,
    complete: parsed,
    missingAt,
    addHooks: (hooks, repository) => addHooks(c, list, hooks, repository && nodes.get(repository)),
  };
  for (const repo of list.seq?.items.filter((i) => isMap(i)) ?? []) {
    const urlNode = get(repo, 'repo');
    const url = scalarText(urlNode);
    const hooksNode = get(repo, 'hooks');
    const hooks = isSeq(hooksNode) ? hooksNode.items.filter((h): h is YAMLMap => isMap(h)) : [];
    const entry: HookRepository = {
      remote:
        url === undefined || url === 'local' || url === 'meta' || !urlNode?.range
          ? undefined
          : { url, place: nodePlace(c, urlNode), quote: quoteOf(c, urlNode) },
      rev: revOf(c, repo),
      hooks: [],
    };
    nodes.set(entry, repo);
    repositories.push(entry);
    for (const hook of hooks) {
      const id = scalarText(get(hook, 'id'));
      const hookEntry = {
        id,
        runs: url === 'local' ? entryTool(scalarText(get(hook, 'entry'))) : undefined,
        // The hook's own text, without the comments and blank lines `yaml` counts into a block map's end.
        place: at(c, hook.range?.[0] ?? 0, contentEnd(hook)),
      };
      entry.hooks.push(hookEntry);
      c.facts.push({ kind: 'hook', hook: hookEntry, repository: entry, config });
      try {
        readPython(c, get(hook, 'language_version'), `${id ?? 'hook'} language_version`);
        if (id === 'pyupgrade' || hookEntry.runs === 'pyupgrade') readPyupgradeArgs(c, hook);
        const deps = get(hook, 'additional_dependencies');
        if (isSeq(deps)) {
          const language = languageOf(hook, id !== undefined && read.requiresHook(id));
          if (language !== 'other') readDependencies(c, deps, language === 'python', wants);
        }
      } catch (error) {
        c.facts.push(internalErrorFact(hookEntry.place, error));
      }
    }
  }
  c.facts.push(config);
  return c.facts;
}

// Commands that run another command from the project's environment: the tool is what follows them.
const RUNNERS = /^(?:(?:uv|poetry|pdm|pipenv|hatch|rye)\s+run|uvx|pipx\s+run|python3?(?:\.\d+)?\s+-m)\s+/;

/** The tool a local hook's `entry` runs: `mypy` for `mypy`, `uv run mypy src` or `python -m mypy`. */
function entryTool(entry: string | undefined): string | undefined {
  if (entry === undefined) return undefined;
  let command = entry.trim();
  for (let m = RUNNERS.exec(command); m; m = RUNNERS.exec(command)) command = command.slice(m[0].length);
  const tool = /^[A-Za-z0-9][\w.-]*/.exec(command)?.[0];
  return tool === undefined ? undefined : tool.toLowerCase();
}

/** Where `hook-missing` is reported: on `repos:`, on the first line of an old-format list, else on line 1. */
function missingPlace(ctx: Ctx, list: RepoList): Place {
  const key = (list.pair?.key as Node | undefined)?.range;
  if (key) return at(ctx, key[0], key[1]);
  const start = list.seq?.range?.[0];
  if (start === undefined) return at(ctx, 0, ctx.lines.lineEnd(0));
  const end = ctx.lines.lineEnd(ctx.lines.positionAt(start).line);
  return at(ctx, start, start + ctx.text.slice(start, end).trimEnd().length);
}
