// .pre-commit-config.yaml: the standard's hooks are present (a hook is its id, from whatever repository) and recent
// enough (judged where they come from a repository the standard lists for them), Python versions meet the standard,
// and the `additional_dependencies` of Python hooks are checked like requirement lines. Read with `yaml`'s document,
// which keeps exact ranges and comments and reports syntax errors without giving up on the rest of the file.
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
import { guarded } from '../internal';
import { compareVersions, parseVersion, type Version } from '../pep440';
import { checkRequirement, ruleRelated, severityOf, type RuleTarget } from '../rules/requirement';
import { repoKey } from '../standard/load';
import type { HookRule, Setting, Standard } from '../standard/model';
import { LineIndex } from '../text';
import type { Finding, Range, TextEdit } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { parseYaml, yamlErrors } from '../yamlErrors';
import { parseRequirementText } from './pep508';

export const PRECOMMIT_CONFIG = '.pre-commit-config.yaml';

const SHA = /^[0-9a-f]{7,40}$/i;
const FROZEN = /#\s*frozen:\s*(\S+)/;

interface Ctx {
  file: string;
  text: string;
  lines: LineIndex;
  findings: Finding[];
  range: (start: number, end: number) => Range;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined;
}

function get(map: unknown, key: string): { pair?: Pair; value?: Node } {
  if (!isMap(map)) return {};
  const pair = map.items.find((p): p is Pair => scalarText(p.key) === key);
  return { pair, value: (pair?.value ?? undefined) as Node | undefined };
}

/** A version from a rev or a frozen comment: `v1.4.0`, `23.1.0`. */
function revVersion(rev: string): Version | null {
  return parseVersion(rev.replace(/^v(?=\d)/, ''));
}

/** `python3.8` (the form pre-commit uses) → 3.8; other spellings (`python3`, a path) are not judged. */
function pythonOf(value: string): Version | null {
  const m = /^python(\d+\.\d+)$/.exec(value.trim());
  return m ? parseVersion(m[1]) : null;
}

/** The YAML scalar's text as written, and where it starts, when its value can be mapped back offset by offset. */
function rawContent(ctx: Ctx, node: Scalar): { text: string; start: number } | undefined {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const text = quoted ? ctx.text.slice(start + 1, end - 1) : ctx.text.slice(start, end);
  return text === String(node.value) ? { text, start: quoted ? start + 1 : start } : undefined;
}

function checkPython(ctx: Ctx, node: Node | undefined, minimum: Setting<Version>, where: string): void {
  const value = scalarText(node);
  const version = value === undefined ? null : pythonOf(value);
  if (!version || !node?.range || compareVersions(version, minimum.value) >= 0) return;
  const range = ctx.range(node.range[0], node.range[1]);
  const target = `python${minimum.value.text}`;
  ctx.findings.push({
    code: 'python-below-minimum',
    severity: severityOf('python-below-minimum'),
    message: `${where} ${value} is below the standard Python minimum ${minimum.value.text}`,
    file: ctx.file,
    range,
    fixes: [
      {
        title: `Change to ${target}`,
        isPreferred: true,
        edits: [{ file: ctx.file, range, newText: quoteLike(ctx, node, target) }],
      },
    ],
    related: ruleRelated(minimum, `The Python minimum ${minimum.value.text}`),
  });
}

/** Write `value` with the same quotes as the scalar it replaces. */
function quoteLike(ctx: Ctx, node: Node, value: string): string {
  const quote = quoteOf(ctx, node);
  return quote + value + quote;
}

/** A repository entry's `rev`, with the `# frozen: v1.2.3` comment that tells a commit SHA's version. */
interface Rev {
  text: string;
  node: Node;
  start: number;
  end: number;
  /** The comment after a SHA, from the spaces before it: a fix replacing the SHA removes it, as it would lie. */
  frozen?: { version: string; start: number; end: number };
}

function revOf(ctx: Ctx, repo: YAMLMap): Rev | undefined {
  const { value } = get(repo, 'rev');
  const text = scalarText(value);
  if (text === undefined || !value?.range) return undefined;
  const [start, end] = value.range;
  const rev: Rev = { text, node: value, start, end };
  if (!SHA.test(text)) return rev;
  const rest = ctx.text.slice(end, ctx.lines.lineEnd(ctx.lines.positionAt(start).line));
  const frozen = FROZEN.exec(rest);
  if (frozen) {
    const hash = end + frozen.index;
    let from = hash;
    while (from > end && (ctx.text[from - 1] === ' ' || ctx.text[from - 1] === '\t')) from--;
    rev.frozen = { version: frozen[1], start: from, end: hash + frozen[0].length };
  }
  return rev;
}

/** The rev as a message shows it: a SHA shortened, with its frozen version. */
function showRev(rev: Rev): string {
  return rev.frozen ? `${rev.text.slice(0, 12)} (frozen: ${rev.frozen.version})` : rev.text;
}

function revEdits(ctx: Ctx, rev: Rev, newRev: string): TextEdit[] {
  const edits: TextEdit[] = [
    { file: ctx.file, range: ctx.range(rev.start, rev.end), newText: quoteLike(ctx, rev.node, newRev) },
  ];
  if (rev.frozen) edits.push({ file: ctx.file, range: ctx.range(rev.frozen.start, rev.frozen.end), newText: '' });
  return edits;
}

function checkRev(ctx: Ctx, repo: YAMLMap, rule: HookRule, repoUrl: string): void {
  const rev = revOf(ctx, repo);
  if (!rule.minimum || !rule.rev || !rev) return;
  const sha = SHA.test(rev.text);
  const judged = sha ? rev.frozen?.version : rev.text;
  const range = ctx.range(rev.start, rev.end);
  const version = judged === undefined ? null : revVersion(judged);
  if (!version) {
    ctx.findings.push({
      code: 'hook-rev-unknown',
      severity: severityOf('hook-rev-unknown', rule),
      message: sha
        ? `${rule.id}: rev ${rev.text} is a commit SHA without a '# frozen: vX.Y.Z' comment, so its version cannot be checked against the standard minimum ${rule.minimum.text}`
        : `${rule.id}: rev '${rev.text}' is not a version, so it cannot be checked against the standard minimum ${rule.minimum.text}`,
      file: ctx.file,
      range,
      fixes: [{ title: `Change rev to ${rule.rev}`, edits: revEdits(ctx, rev, rule.rev) }],
      related: ruleRelated(rule, `The minimum for ${rule.id}`),
    });
    return;
  }
  if (compareVersions(version, rule.minimum) >= 0) return;
  ctx.findings.push({
    code: 'hook-below-minimum',
    severity: severityOf('hook-below-minimum', rule),
    message: `${rule.id} (${repoUrl}) rev ${showRev(rev)} is below the standard minimum ${rule.minimum.text}`,
    file: ctx.file,
    range,
    fixes: [{ title: `Change ${rule.id} rev to ${rule.rev}`, isPreferred: true, edits: revEdits(ctx, rev, rule.rev) }],
    related: ruleRelated(rule, `The minimum for ${rule.id}`),
  });
}

/**
 * A required hook run from a repository the standard does not list for it: that repository's tags need not be the
 * hook's versions (flake8's old GitLab home stops at 3.9.x), so the rev is not judged. The fix, offered only, moves
 * the entry to the standard's repository and rev.
 */
function checkUnlisted(ctx: Ctx, repo: YAMLMap, rule: HookRule, url: string): void {
  const urlNode = get(repo, 'repo').value;
  if (!rule.minimum || !rule.rev || !urlNode?.range) return;
  const rev = revOf(ctx, repo);
  const [target] = rule.repos;
  const range = ctx.range(urlNode.range[0], urlNode.range[1]);
  const edits = rev
    ? [{ file: ctx.file, range, newText: quoteLike(ctx, urlNode, target) }, ...revEdits(ctx, rev, rule.rev)]
    : [];
  ctx.findings.push({
    code: 'hook-repo-unknown',
    severity: severityOf('hook-repo-unknown', rule),
    message: `${rule.id} runs from ${url}, a repository the standard does not list for it, so its rev${rev ? ` ${showRev(rev)}` : ''} cannot be checked against the standard minimum ${rule.minimum.text}`,
    file: ctx.file,
    range,
    fixes: rev ? [{ title: `Change the repository to ${target} and rev to ${rule.rev}`, edits }] : [],
    related: ruleRelated(rule, `The ${rule.id} hook`),
  });
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

/** The `-` before a block sequence item that starts at `offset`, and the spaces after it; undefined when it is not on that line. */
function dashBefore(ctx: Ctx, offset: number): { column: number; gap: number } | undefined {
  let i = offset;
  while (i > 0 && (ctx.text[i - 1] === ' ' || ctx.text[i - 1] === '\t')) i--;
  if (ctx.text[i - 1] !== '-') return undefined;
  return { column: ctx.lines.positionAt(i - 1).character, gap: offset - i };
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
  style.quote.repo = quoteOf(ctx, get(first, 'repo').value);
  style.quote.rev = quoteOf(ctx, get(first, 'rev').value);
  const hooks = get(first, 'hooks').value;
  const hook = isSeq(hooks) ? (hooks.items[0] as Node | undefined) : undefined;
  style.quote.id = quoteOf(ctx, get(hook, 'id').value);
  if (isSeq(hooks) && !hooks.flow && hook?.range) {
    const hookDash = dashBefore(ctx, hook.range[0]);
    style.hooksOffset = (hookDash ? hookDash.column : column(hook.range[0]) - 2) - keyColumn;
    style.hookGap = hookDash ? hookDash.gap : 1;
  }
  return style;
}

/** One repository entry holding `rules` (hooks of that repository), in the file's block style. */
function repoBlock(rules: readonly HookRule[], style: Style, eol: string): string {
  const { quote } = style;
  const [first] = rules;
  const pad = ' '.repeat(style.itemIndent);
  const keys = ' '.repeat(style.itemIndent + 1 + style.itemGap);
  const hook = ' '.repeat(style.itemIndent + 1 + style.itemGap + Math.max(0, style.hooksOffset));
  return [
    `${pad}-${' '.repeat(style.itemGap)}repo: ${quote.repo}${first.repos[0]}${quote.repo}`,
    `${keys}rev: ${quote.rev}${first.rev ?? ''}${quote.rev}`,
    `${keys}hooks:`,
    ...rules.map((r) => `${hook}-${' '.repeat(style.hookGap)}id: ${quote.id}${r.id}${quote.id}`),
  ].join(eol);
}

function flowRepo(rules: readonly HookRule[], quote: Style['quote']): string {
  const [first] = rules;
  const hooks = rules.map((r) => `{id: ${quote.id}${r.id}${quote.id}}`).join(', ');
  return `{repo: ${quote.repo}${first.repos[0]}${quote.repo}, rev: ${quote.rev}${first.rev ?? ''}${quote.rev}, hooks: [${hooks}]}`;
}

/** Rules grouped by the repository a fix writes for them, in the standard's order. */
function byRepository(rules: readonly HookRule[]): HookRule[][] {
  const groups = new Map<string, HookRule[]>();
  for (const r of rules) groups.set(repoKey(r.repos[0]), [...(groups.get(repoKey(r.repos[0])) ?? []), r]);
  return [...groups.values()];
}

/**
 * The standard's hooks a file must run, one per id: two entries with one id (from other repositories) are one hook
 * to run, and a config running a hook id twice would run it twice.
 */
export function requiredHooks(hooks: readonly HookRule[]): HookRule[] {
  const ids = new Set<string>();
  return hooks.filter((h) => !ids.has(h.id) && ids.add(h.id));
}

/** Where a node's own text ends, before the comments and blank lines `yaml` counts into a block collection's end. */
function contentEnd(node: Node): number {
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
 * One edit adding every hook in `rules` that is missing at the same place: into `existingRepo`'s hooks, or as new
 * repository entries after the last one. Every missing hook's finding carries this same edit, so applying any or
 * all of them inserts the blocks once, in one pass.
 */
function missingHooksFix(
  ctx: Ctx,
  list: RepoList,
  rules: readonly HookRule[],
  existingRepo: YAMLMap | undefined,
): Finding['fixes'] {
  const eol = ctx.lines.eol;
  const { pair: reposPair, seq: repos } = list;
  const style = styleOf(ctx, repos);
  const names = rules.map((r) => r.id).join(', ');
  let offset: number;
  let text: string;
  if (existingRepo) {
    const hooks = get(existingRepo, 'hooks').value;
    if (!isSeq(hooks) || !hooks.range) return [];
    const firstHook = hooks.items[0] as Node | undefined;
    const q = quoteOf(ctx, get(firstHook, 'id').value) || (firstHook ? '' : style.quote.id);
    const title = `Add the ${names} hook${rules.length > 1 ? 's' : ''}`;
    if (hooks.flow || hooks.items.length === 0) {
      ({ offset, text } = flowInsert(ctx, hooks, rules.map((r) => `{id: ${q}${r.id}${q}}`).join(', ')));
      return insertion(ctx, offset, text, rules, title);
    }
    const at = afterLastItem(ctx, hooks);
    const start = firstHook?.range?.[0] ?? 0;
    const dash = dashBefore(ctx, start) ?? { column: Math.max(0, ctx.lines.positionAt(start).character - 2), gap: 1 };
    text =
      at.prefix +
      rules.map((r) => `${' '.repeat(dash.column)}-${' '.repeat(dash.gap)}id: ${q}${r.id}${q}`).join(eol) +
      at.suffix;
    if (!hooks.items.every((h) => isMap(h))) return insertion(ctx, at.offset, text, rules, title);
    return [
      { title, isPreferred: true, edits: [{ file: ctx.file, range: ctx.range(at.offset, at.offset), newText: text }] },
    ];
  }
  const groups = byRepository(rules);
  const blocks = () => groups.map((g) => repoBlock(g, style, eol)).join(eol);
  let checked = false;
  if (repos?.flow && repos.range) {
    ({ offset, text } = flowInsert(ctx, repos, groups.map((g) => flowRepo(g, style.quote)).join(', ')));
  } else if (repos && repos.items.length > 0) {
    const at = afterLastItem(ctx, repos);
    offset = at.offset;
    text = at.prefix + blocks() + at.suffix;
    checked = repos.items.every((r) => isMap(r));
  } else if (reposPair) {
    // `repos:` with nothing under it: the blocks go on the following lines.
    const keyEnd = (reposPair.key as Node).range?.[1] ?? 0;
    offset = ctx.lines.lineEnd(ctx.lines.positionAt(keyEnd).line);
    const valueRange = (reposPair.value as Node | undefined)?.range;
    if (valueRange && valueRange[1] > valueRange[0]) return [];
    text = eol + blocks();
  } else {
    offset = ctx.text.length;
    const sep = ctx.text.length === 0 || /[\r\n]$/.test(ctx.text) ? '' : eol;
    text = `${sep}repos:${eol}${blocks()}${eol}`;
  }
  const title =
    rules.length === 1
      ? `Add ${rules[0].repos[0]} with the ${rules[0].id} hook at ${rules[0].rev}`
      : `Add the missing ${names} hooks`;
  return checked
    ? [{ title, isPreferred: true, edits: [{ file: ctx.file, range: ctx.range(offset, offset), newText: text }] }]
    : insertion(ctx, offset, text, rules, title);
}

/**
 * The fix inserting `text` at `offset`, when the result is YAML that parses and runs the hooks. A block list of
 * entries has its own style copied and needs no check (parsing again would double the cost of a large file); a flow
 * list, a list with items that are not entries, or a file without `repos:` can be shaped in ways no insertion fits (a
 * top-level scalar, a flow mapping, a `]` on a line of its own), and a fix must never break a file.
 */
function insertion(
  ctx: Ctx,
  offset: number,
  text: string,
  rules: readonly HookRule[],
  title: string,
): Finding['fixes'] {
  const result = parseYaml(ctx.text.slice(0, offset) + text + ctx.text.slice(offset), false);
  const running = hookIds(result);
  if (result.errors.length > 0 || rules.some((r) => !running.has(r.id))) return [];
  return [{ title, isPreferred: true, edits: [{ file: ctx.file, range: ctx.range(offset, offset), newText: text }] }];
}

/** The repositories a config lists: under `repos:`, or the document itself in the old list format. */
function repositoryList(doc: Document): YAMLSeq | undefined {
  if (isSeq(doc.contents)) return doc.contents;
  const repos = get(doc.contents, 'repos').value;
  return isSeq(repos) ? repos : undefined;
}

/** The ids of every hook the config runs. */
function hookIds(doc: Document): Set<string> {
  const ids = new Set<string>();
  for (const repo of repositoryList(doc)?.items ?? []) {
    const hooks = get(repo, 'hooks').value;
    if (!isSeq(hooks)) continue;
    for (const hook of hooks.items) {
      const id = scalarText(get(hook, 'id').value);
      if (id !== undefined) ids.add(id);
    }
  }
  return ids;
}

/** The file a repository without one gets: the standard's hooks, at their revs. */
export function precommitConfigFor(hooks: readonly HookRule[], eol = '\n'): string {
  const blocks = byRepository(requiredHooks(hooks)).map((group) => repoBlock(group, DEFAULT_STYLE, eol));
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
  const language = scalarText(get(hook, 'language').value);
  if (language !== undefined) return PYTHON_LANGUAGES.has(language) ? 'python' : 'other';
  return required ? 'python' : 'unknown';
}

/** Each additional dependency checked like a requirement line. Of a hook whose language is unknown, only what reads as PEP 508. */
function checkDependencies(ctx: Ctx, deps: YAMLSeq, strict: boolean, standard: Standard): void {
  for (const item of deps.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
    const raw = rawContent(ctx, item);
    const value = item.value;
    const [itemStart, itemEnd] = item.range;
    // With an escape (`"pandas\x3d=1.5.3"`) offsets in the value are not offsets in the file: findings then
    // cover the whole item, and an edit there could only corrupt it, so they carry no fix.
    guarded(
      ctx.findings,
      ctx.file,
      () => ctx.range(itemStart, itemEnd),
      () => {
        const entry = parseRequirementText(raw ? raw.text : value, (o, isEnd) =>
          raw ? raw.start + o : isEnd ? itemEnd : itemStart,
        );
        if (entry.kind === 'error') {
          if (strict)
            ctx.findings.push({
              code: 'parse-error',
              severity: 'error',
              message: entry.message,
              file: ctx.file,
              range: ctx.range(entry.start, entry.end),
              fixes: [],
            });
        } else if (entry.kind === 'requirement') {
          const target: RuleTarget = { file: ctx.file, range: raw ? ctx.range : () => ctx.range(itemStart, itemEnd) };
          const found = checkRequirement(entry.req, standard, target);
          ctx.findings.push(...(raw ? found : found.map((f) => ({ ...f, fixes: [] }))));
        }
      },
    );
  }
}

/** Where the file lists its repositories: under `repos:` (the key, when there is one), or the document itself in the old format. */
interface RepoList {
  pair?: Pair;
  seq?: YAMLSeq;
}

export function analyzePrecommit(file: SourceFile, ctx: AnalysisContext): Finding[] {
  const lines = new LineIndex(file.text);
  const c: Ctx = { file: file.path, text: file.text, lines, findings: [], range: (s, e) => lines.rangeAt(s, e) };
  const doc = parseYaml(file.text, false);
  for (const e of yamlErrors(doc, file.text, lines)) {
    c.findings.push({
      code: 'parse-error',
      severity: 'error',
      message: e.message,
      file: file.path,
      range: e.range,
      fixes: [],
    });
  }
  const { standard } = ctx;
  // The format before `repos:`, a top-level list of repositories, was read by pre-commit until 3.0 and is still found.
  const legacy = isSeq(doc.contents);
  const reposPair = legacy ? undefined : get(doc.contents, 'repos').pair;
  const list: RepoList = {
    pair: reposPair,
    seq: legacy ? (doc.contents as YAMLSeq) : isSeq(reposPair?.value) ? reposPair.value : undefined,
  };
  const repos = list.seq?.items.filter((i) => isMap(i)) ?? [];
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
    const fixes: Finding['fixes'] =
      doc.errors.length === 0 &&
      parseYaml(file.text.slice(0, lineStart) + key + file.text.slice(lineStart), false).errors.length === 0
        ? [
            {
              title: 'Put the list under `repos:` (as `pre-commit migrate-config` does)',
              isPreferred: true,
              edits: [{ file: file.path, range: c.range(lineStart, lineStart), newText: key }],
            },
          ]
        : [];
    c.findings.push({
      code: 'precommit-list-format',
      severity: severityOf('precommit-list-format'),
      message: 'This config is a list of repositories without `repos:`, a format pre-commit 3 and later no longer read',
      file: file.path,
      range: missingAt,
      fixes,
    });
  }

  const python = standard.python;
  if (python) {
    checkPython(
      c,
      get(get(doc.contents, 'default_language_version').value, 'python').value,
      python,
      'default_language_version python',
    );
  }

  // The standard's hooks by id, with the repositories each may come from.
  const required = new Map<string, { rule: HookRule; keys: Set<string> }[]>();
  for (const rule of standard.precommit.hooks) {
    required.set(rule.id, [...(required.get(rule.id) ?? []), { rule, keys: new Set(rule.repos.map(repoKey)) }]);
  }
  const entries = repos.map((repo) => {
    const url = scalarText(get(repo, 'repo').value);
    const hooksNode = get(repo, 'hooks').value;
    const hooks = isSeq(hooksNode) ? hooksNode.items.filter((h): h is YAMLMap => isMap(h)) : [];
    return {
      repo,
      remote: url === undefined || url === 'local' || url === 'meta' ? undefined : { url, key: repoKey(url) },
      hooks: hooks.map((node) => ({
        node,
        id: scalarText(get(node, 'id').value),
        runs: url === 'local' ? entryTool(scalarText(get(node, 'entry').value)) : undefined,
      })),
    };
  });
  // A hook id counts as the standard's hook wherever it comes from. Its rev is judged where that is a repository the
  // standard lists for it; only a hook that runs from no such repository is reported for an unknown one.
  const running = new Set<string>();
  const judgedSomewhere = new Set<string>();
  for (const { remote, hooks } of entries) {
    for (const { id, runs } of hooks) {
      // A local hook is the tool its entry runs, whatever its id (`id: local-mypy`, `entry: uv run mypy src`).
      if (runs !== undefined) running.add(runs);
      if (id === undefined) continue;
      running.add(id);
      if (remote && required.get(id)?.some((r) => r.keys.has(remote.key))) judgedSomewhere.add(id);
    }
  }
  for (const { repo, remote, hooks } of entries) {
    const judged = new Set<string>();
    for (const { node: hook, id } of hooks)
      guarded(
        c.findings,
        file.path,
        () => c.range(hook.range?.[0] ?? 0, hook.range?.[1] ?? 0),
        () => checkHook(repo, remote, hook, id, judged),
      );
  }

  function checkHook(
    repo: YAMLMap,
    remote: { url: string; key: string } | undefined,
    hook: YAMLMap,
    id: string | undefined,
    judged: Set<string>,
  ): void {
    const rules = id === undefined ? undefined : required.get(id);
    // The rev is the entry's: judged once per hook id, against every rule listing this repository.
    if (id !== undefined && rules && remote && !judged.has(id)) {
      judged.add(id);
      const listed = rules.filter((r) => r.keys.has(remote.key));
      for (const r of listed) checkRev(c, repo, r.rule, remote.url);
      const withMinimum = judgedSomewhere.has(id) ? undefined : rules.find((r) => r.rule.minimum);
      if (withMinimum) checkUnlisted(c, repo, withMinimum.rule, remote.url);
    }
    if (python) checkPython(c, get(hook, 'language_version').value, python, `${id ?? 'hook'} language_version`);
    const deps = get(hook, 'additional_dependencies').value;
    if (isSeq(deps)) {
      const language = languageOf(hook, rules !== undefined);
      if (language !== 'other') checkDependencies(c, deps, language === 'python', standard);
    }
  }

  // A file that does not parse cannot show that a hook is absent: the hook may sit in the part that could not be read.
  const hookRules =
    doc.errors.length > 0 ? [] : requiredHooks(standard.precommit.hooks).filter((r) => !running.has(r.id));
  const missing = hookRules.map((rule) => {
    // The hook joins an entry of a repository the standard lists for it, when the file has one.
    const keys = new Set(rule.repos.map(repoKey));
    const entry = entries.find((e) => e.remote && keys.has(e.remote.key));
    return { rule, repo: entry?.repo, url: entry?.remote?.url ?? rule.repos[0] };
  });
  const fixes = new Map<YAMLMap | undefined, Finding['fixes']>();
  for (const { rule, repo, url } of missing) {
    if (!fixes.has(repo))
      fixes.set(
        repo,
        missingHooksFix(
          c,
          list,
          missing.filter((m) => m.repo === repo).map((m) => m.rule),
          repo,
        ),
      );
    c.findings.push({
      code: 'hook-missing',
      severity: severityOf('hook-missing', rule),
      message: repo
        ? `The ${rule.id} hook of ${url} is required by the standard but not enabled`
        : `The standard requires the ${rule.id} hook from ${url}, which is not configured`,
      file: file.path,
      range: missingAt,
      fixes: fixes.get(repo) ?? [],
      related: ruleRelated(rule, `The ${rule.id} hook`),
    });
  }
  return c.findings;
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
function missingPlace(ctx: Ctx, list: RepoList): Range {
  const key = (list.pair?.key as Node | undefined)?.range;
  if (key) return ctx.range(key[0], key[1]);
  const start = list.seq?.range?.[0];
  if (start === undefined) return ctx.range(0, ctx.lines.lineEnd(0));
  const end = ctx.lines.lineEnd(ctx.lines.positionAt(start).line);
  return ctx.range(start, start + ctx.text.slice(start, end).trimEnd().length);
}
