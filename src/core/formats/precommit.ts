// .pre-commit-config.yaml: the standard's hooks are present and recent enough, Python versions meet the standard,
// and `additional_dependencies` are checked like requirement lines. Read with `yaml`'s document, which keeps exact
// ranges and comments and reports syntax errors without giving up on the rest of the file.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { compareVersions, parseVersion, type Version } from '../pep440';
import { checkRequirement, ruleRelated, severityOf, type RuleTarget } from '../rules/requirement';
import { repoKey } from '../standard/load';
import type { HookRule } from '../standard/model';
import { LineIndex } from '../text';
import type { Finding, Range } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { parseRequirementText } from './requirements';

export const PRECOMMIT_CONFIG = '.pre-commit-config.yaml';

const SHA = /^[0-9a-f]{7,40}$/i;
const FROZEN = /#\s*frozen:\s*(\S+)/;

interface Ctx {
  file: string;
  text: string;
  lines: LineIndex;
  findings: Finding[];
  range(start: number, end: number): Range;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function get(map: unknown, key: string): { pair?: Pair; value?: Node } {
  if (!isMap(map)) return {};
  const pair = (map as YAMLMap).items.find((p) => scalarText(p.key) === key) as Pair | undefined;
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

function checkPython(ctx: Ctx, node: Node | undefined, minimum: Setting, where: string): void {
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
    fixes: [{ title: `Change to ${target}`, isPreferred: true, edits: [{ file: ctx.file, range, newText: quoteLike(ctx, node, target) }] }],
    related: ruleRelated(minimum, `The Python minimum ${minimum.value.text}`),
  });
}

type Setting = { value: Version; source: HookRule['source'] };

/** Write `value` with the same quotes as the scalar it replaces. */
function quoteLike(ctx: Ctx, node: Node, value: string): string {
  const first = ctx.text[node.range?.[0] ?? 0];
  return first === '"' || first === "'" ? first + value + first : value;
}

function checkRev(ctx: Ctx, repo: YAMLMap, rule: HookRule, repoUrl: string): void {
  const { value } = get(repo, 'rev');
  const rev = scalarText(value);
  if (!rule.minimum || !rule.rev || rev === undefined || !value?.range) return;
  const [start, end] = value.range;
  const lineEnd = ctx.lines.lineEnd(ctx.lines.positionAt(start).line);
  const rest = ctx.text.slice(end, lineEnd);
  const frozen = FROZEN.exec(rest);
  const judged = SHA.test(rev) ? (frozen ? frozen[1] : undefined) : rev;
  const range = ctx.range(start, end);
  const version = judged === undefined ? null : revVersion(judged);
  if (!version) {
    ctx.findings.push({
      code: 'hook-rev-unknown',
      severity: severityOf('hook-rev-unknown', rule),
      message: SHA.test(rev)
        ? `${rule.id}: rev ${rev} is a commit SHA without a '# frozen: vX.Y.Z' comment, so its version cannot be checked against the standard minimum ${rule.minimum.text}`
        : `${rule.id}: rev '${rev}' is not a version, so it cannot be checked against the standard minimum ${rule.minimum.text}`,
      file: ctx.file,
      range,
      fixes: [{ title: `Change rev to ${rule.rev}`, edits: [{ file: ctx.file, range, newText: quoteLike(ctx, value, rule.rev) }] }],
      related: ruleRelated(rule, `The minimum for ${rule.id}`),
    });
    return;
  }
  if (compareVersions(version, rule.minimum) >= 0) return;
  const edits = [{ file: ctx.file, range, newText: quoteLike(ctx, value, rule.rev) }];
  if (frozen && SHA.test(rev)) {
    // The SHA goes, so its frozen comment would lie: it goes too (with the spaces before it).
    const hash = end + rest.indexOf(frozen[0]);
    let from = hash;
    while (from > end && (ctx.text[from - 1] === ' ' || ctx.text[from - 1] === '\t')) from--;
    edits.push({ file: ctx.file, range: ctx.range(from, hash + frozen[0].length), newText: '' });
  }
  ctx.findings.push({
    code: 'hook-below-minimum',
    severity: severityOf('hook-below-minimum', rule),
    message: `${rule.id} (${repoUrl}) rev ${frozen && SHA.test(rev) ? `${rev.slice(0, 12)} (frozen: ${judged})` : rev} is below the standard minimum ${rule.minimum.text}`,
    file: ctx.file,
    range,
    fixes: [{ title: `Change ${rule.id} rev to ${rule.rev}`, isPreferred: true, edits }],
    related: ruleRelated(rule, `The minimum for ${rule.id}`),
  });
}

interface Style {
  /** Column of the `-` of a repo item. */
  itemIndent: number;
  /** Spaces from a repo item's keys to the `-` of its hooks. */
  hooksOffset: number;
  quote: string;
}

function styleOf(ctx: Ctx, repos: YAMLSeq | undefined): Style {
  const style: Style = { itemIndent: 2, hooksOffset: 2, quote: '' };
  const first = repos?.items.find((i) => isMap(i)) as YAMLMap | undefined;
  if (!repos || !first?.range) return style;
  const column = (offset: number) => ctx.lines.positionAt(offset).character;
  const keyColumn = column(first.range[0]);
  style.itemIndent = Math.max(0, keyColumn - 2);
  const url = get(first, 'repo').value;
  if (url?.range && (ctx.text[url.range[0]] === '"' || ctx.text[url.range[0]] === "'")) style.quote = ctx.text[url.range[0]];
  const hooks = get(first, 'hooks').value;
  if (isSeq(hooks) && !hooks.flow && hooks.items[0] && (hooks.items[0] as Node).range) {
    style.hooksOffset = column((hooks.items[0] as Node).range![0]) - 2 - keyColumn;
  }
  return style;
}

function repoBlock(rule: HookRule, style: Style, eol: string): string {
  const q = (s: string) => style.quote + s + style.quote;
  const pad = ' '.repeat(style.itemIndent);
  const keys = ' '.repeat(style.itemIndent + 2);
  const hook = ' '.repeat(style.itemIndent + 2 + Math.max(0, style.hooksOffset));
  return [`${pad}- repo: ${q(rule.repo)}`, `${keys}rev: ${q(rule.rev ?? '')}`, `${keys}hooks:`, `${hook}- id: ${q(rule.id)}`].join(eol);
}

function flowRepo(rule: HookRule, quote: string): string {
  const q = (s: string) => quote + s + quote;
  return `{repo: ${q(rule.repo)}, rev: ${q(rule.rev ?? '')}, hooks: [{id: ${q(rule.id)}}]}`;
}

/** Where to insert after a block collection's last item: the start of the line after it. */
function afterLastItem(ctx: Ctx, seq: YAMLSeq): { offset: number; prefix: string; suffix: string } {
  const last = seq.items[seq.items.length - 1] as Node;
  const end = last.range?.[2] ?? seq.range?.[1] ?? ctx.text.length;
  const lineEnd = ctx.lines.lineEnd(ctx.lines.positionAt(Math.max(0, end - 1)).line);
  const eol = ctx.lines.eol;
  if (lineEnd >= ctx.text.length) return { offset: ctx.text.length, prefix: eol, suffix: '' };
  return { offset: lineEnd + (ctx.text.startsWith('\r\n', lineEnd) ? 2 : 1), prefix: '', suffix: eol };
}

function missingHookFix(ctx: Ctx, doc: Document, rule: HookRule, existingRepo: YAMLMap | undefined): Finding['fixes'] {
  const eol = ctx.lines.eol;
  const reposPair = get(doc.contents, 'repos');
  const repos = isSeq(reposPair.value) ? (reposPair.value as YAMLSeq) : undefined;
  const style = styleOf(ctx, repos);
  const q = (s: string) => style.quote + s + style.quote;
  let offset: number;
  let text: string;
  if (existingRepo) {
    const hooks = get(existingRepo, 'hooks').value;
    if (!isSeq(hooks) || !hooks.range) return [];
    if (hooks.flow || hooks.items.length === 0) {
      const close = hooks.range[1] - 1;
      offset = close;
      text = (hooks.items.length > 0 ? ', ' : '') + `{id: ${q(rule.id)}}`;
    } else {
      const at = afterLastItem(ctx, hooks);
      const column = ctx.lines.positionAt((hooks.items[0] as Node).range?.[0] ?? 0).character;
      offset = at.offset;
      text = at.prefix + `${' '.repeat(Math.max(0, column - 2))}- id: ${q(rule.id)}` + at.suffix;
    }
    return [{ title: `Add the ${rule.id} hook`, isPreferred: true, edits: [{ file: ctx.file, range: ctx.range(offset, offset), newText: text }] }];
  }
  if (repos?.flow && repos.range) {
    offset = repos.range[1] - 1;
    while (offset > repos.range[0] && ctx.text[offset] !== ']') offset--;
    text = (repos.items.length > 0 ? ', ' : '') + flowRepo(rule, style.quote);
  } else if (repos && repos.items.length > 0) {
    const at = afterLastItem(ctx, repos);
    offset = at.offset;
    text = at.prefix + repoBlock(rule, style, eol) + at.suffix;
  } else if (reposPair.pair) {
    // `repos:` with nothing under it: the block goes on the following lines.
    const keyEnd = (reposPair.pair.key as Node).range?.[1] ?? 0;
    offset = ctx.lines.lineEnd(ctx.lines.positionAt(keyEnd).line);
    const valueRange = (reposPair.value as Node | undefined)?.range;
    if (valueRange && valueRange[1] > valueRange[0]) return [];
    text = eol + repoBlock(rule, style, eol);
  } else {
    offset = ctx.text.length;
    const sep = ctx.text.length === 0 || /[\r\n]$/.test(ctx.text) ? '' : eol;
    text = `${sep}repos:${eol}${repoBlock(rule, style, eol)}${eol}`;
  }
  return [{ title: `Add ${rule.repo} with the ${rule.id} hook at ${rule.rev}`, isPreferred: true, edits: [{ file: ctx.file, range: ctx.range(offset, offset), newText: text }] }];
}

/** The file a repository without one gets: the standard's hooks, at their revs. */
export function precommitConfigFor(hooks: readonly HookRule[], eol = '\n'): string {
  const style: Style = { itemIndent: 2, hooksOffset: 2, quote: '' };
  const byRepo = new Map<string, HookRule[]>();
  for (const h of hooks) byRepo.set(repoKey(h.repo), [...(byRepo.get(repoKey(h.repo)) ?? []), h]);
  const blocks = [...byRepo.values()].map((group) => {
    const [first, ...more] = group;
    return [repoBlock(first, style, eol), ...more.map((h) => `      - id: ${h.id}`)].join(eol);
  });
  return ['# See https://pre-commit.com for more information', 'repos:', ...blocks, ''].join(eol);
}

export function analyzePrecommit(file: SourceFile, ctx: AnalysisContext): Finding[] {
  const lines = new LineIndex(file.text);
  const c: Ctx = { file: file.path, text: file.text, lines, findings: [], range: (s, e) => lines.rangeAt(s, e) };
  const doc = parseDocument(file.text, { prettyErrors: false, uniqueKeys: false });
  for (const e of doc.errors) {
    c.findings.push({ code: 'parse-error', severity: 'error', message: `Invalid YAML: ${e.message.split('\n')[0]}`, file: file.path, range: c.range(e.pos[0], e.pos[1]), fixes: [] });
  }
  const { standard } = ctx;
  const reposEntry = get(doc.contents, 'repos');
  const repos = isSeq(reposEntry.value) ? (reposEntry.value.items.filter((i) => isMap(i)) as YAMLMap[]) : [];
  const reposKeyRange = reposEntry.pair ? (reposEntry.pair.key as Node).range : undefined;
  const missingAt = reposKeyRange ? c.range(reposKeyRange[0], reposKeyRange[1]) : c.range(0, lines.lineEnd(0));

  const python = standard.python;
  if (python) {
    checkPython(c, get(get(doc.contents, 'default_language_version').value, 'python').value, python, 'default_language_version python');
  }

  for (const repo of repos) {
    const url = scalarText(get(repo, 'repo').value);
    if (url === undefined || url === 'local' || url === 'meta') continue;
    const hooks = get(repo, 'hooks').value;
    const ids = isSeq(hooks) ? hooks.items.filter((h) => isMap(h)).map((h) => h as YAMLMap) : [];
    const rules = standard.precommit.hooks.filter((r) => repoKey(r.repo) === repoKey(url));
    for (const rule of rules) if (ids.some((h) => scalarText(get(h, 'id').value) === rule.id)) checkRev(c, repo, rule, url);
    for (const hook of ids) {
      if (python) checkPython(c, get(hook, 'language_version').value, python, `${scalarText(get(hook, 'id').value) ?? 'hook'} language_version`);
      const deps = get(hook, 'additional_dependencies').value;
      if (!isSeq(deps)) continue;
      for (const item of deps.items) {
        if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
        const raw = rawContent(c, item);
        const base = raw ? raw.start : item.range[0];
        const entry = parseRequirementText(raw ? raw.text : item.value, (o) => base + (raw ? o : 0));
        if (entry.kind === 'error') {
          c.findings.push({ code: 'parse-error', severity: 'error', message: entry.message, file: file.path, range: c.range(entry.start, entry.end), fixes: [] });
        } else if (entry.kind === 'requirement') {
          const target: RuleTarget = { file: file.path, range: c.range };
          c.findings.push(...checkRequirement(entry.req, standard, target));
        }
      }
    }
  }

  for (const rule of standard.precommit.hooks) {
    const repo = repos.find((r) => repoKey(scalarText(get(r, 'repo').value) ?? '') === repoKey(rule.repo));
    const hooks = repo ? get(repo, 'hooks').value : undefined;
    const has = isSeq(hooks) && hooks.items.some((h) => scalarText(get(h, 'id').value) === rule.id);
    if (has) continue;
    c.findings.push({
      code: 'hook-missing',
      severity: severityOf('hook-missing', rule),
      message: repo ? `The ${rule.id} hook of ${rule.repo} is required by the standard but not enabled` : `The standard requires the ${rule.id} hook from ${rule.repo}, which is not configured`,
      file: file.path,
      range: missingAt,
      fixes: missingHookFix(c, doc, rule, repo),
      related: ruleRelated(rule, `The ${rule.id} hook`),
    });
  }
  return c.findings;
}
