// Terraform: Cloud Functions runtimes against the standard runtime, and `terraform { required_version,
// required_providers }` against the standard's optional minimums, in Terraform's constraint syntax.
import * as path from 'node:path';
import {
  fixClauses,
  isKept,
  judge,
  MAX_DIGITS,
  overlongMessage,
  parseVersion,
  type Clause,
  type NewClause,
  type Operator,
  type Version,
} from '../pep440';
import { ruleRelated, severityOf } from '../rules/requirement';
import type { Setting } from '../standard/model';
import { guarded } from '../internal';
import { LineIndex } from '../text';
import type { Finding, Range } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { attribute, blocks, parseHcl, type HclBody, type HclExpr } from './hcl';

interface Module {
  file: string;
  text: string;
  body: HclBody;
  lines: LineIndex;
}

const RUNTIME = /^python(\d)(\d+)$/;

/** `python39` → [3, 9]; other languages' runtimes (and numbers longer than Python reads) give undefined. */
function pythonRuntime(value: string): [bigint, bigint] | undefined {
  const m = RUNTIME.exec(value);
  return m && m[2].length <= MAX_DIGITS ? [BigInt(m[1]), BigInt(m[2])] : undefined;
}

function range(m: Module, start: number, end: number): Range {
  return m.lines.rangeAt(start, end);
}

/** The `variable "name"` block of the module: this file first, then the other .tf files of its folder. */
function findVariable(
  name: string,
  here: Module,
  ctx: AnalysisContext,
): { module: Module; value: HclExpr } | undefined {
  const inModule = (m: Module) => {
    const block = blocks(m.body, 'variable', name)[0];
    const def = block && attribute(block.body, 'default');
    return def ? { module: m, value: def.value } : undefined;
  };
  const local = inModule(here);
  if (local) return local;
  const dir = path.dirname(here.file);
  for (const sibling of ctx.fs.listDir?.(dir) ?? []) {
    if (!sibling.endsWith('.tf') || path.basename(here.file) === sibling) continue;
    const file = path.join(dir, sibling);
    const text = ctx.fs.readFile(file);
    if (text === undefined) continue;
    const found = inModule({ file, text, body: parseHcl(text).body, lines: new LineIndex(text) });
    if (found) return found;
  }
  return undefined;
}

function checkRuntime(
  expr: HclExpr | undefined,
  where: string,
  here: Module,
  ctx: AnalysisContext,
  findings: Finding[],
): void {
  const rule = ctx.standard.terraform.cloudFunctionsRuntime;
  const wanted = rule && pythonRuntime(rule.value);
  if (!expr || !rule || !wanted) return;
  let target = { module: here, value: expr };
  let via = '';
  if (expr.kind === 'traversal' && expr.path[0] === 'var' && expr.path.length === 2) {
    const found = findVariable(expr.path[1], here, ctx);
    if (!found) return;
    target = found;
    via = ` (the default of variable "${expr.path[1]}", used by ${where})`;
  }
  const value = target.value;
  if (value.kind !== 'string' || value.value === null) return;
  const actual = pythonRuntime(value.value);
  if (!actual || actual[0] > wanted[0] || (actual[0] === wanted[0] && actual[1] >= wanted[1])) return;
  const r = range(target.module, value.contentSpan.start, value.contentSpan.end);
  findings.push({
    code: 'runtime-below-minimum',
    severity: severityOf('runtime-below-minimum'),
    message: `Runtime ${value.value}${via || ` of ${where}`} is older than the standard runtime ${rule.value}`,
    file: target.module.file,
    range: r,
    fixes: [
      {
        title: `Change the runtime to ${rule.value}`,
        isPreferred: true,
        edits: [{ file: target.module.file, range: r, newText: rule.value }],
      },
    ],
    related: ruleRelated(rule, `The runtime ${rule.value}`),
  });
}

const TF_OPERATOR = /^(~>|>=|<=|!=|=|>|<)?\s*(.+)$/;
const TO_PEP440: Record<string, Operator> = {
  '~>': '~=',
  '>=': '>=',
  '<=': '<=',
  '!=': '!=',
  '=': '==',
  '>': '>',
  '<': '<',
};
const FROM_PEP440: Partial<Record<Operator, string>> = { '~=': '~>', '==': '=' };

/** Terraform's constraint syntax as PEP 440 clauses; offsets are relative to `text`. */
function parseConstraint(text: string): Clause[] | string {
  const clauses: Clause[] = [];
  let pos = 0;
  for (const part of text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const body = part.trim();
    const m = TF_OPERATOR.exec(body);
    const version = m?.[2].trim() ?? '';
    if (!m || !parseVersion(version))
      return overlongMessage(version) ?? `'${body}' is not a Terraform version constraint`;
    const op = TO_PEP440[m[1] ?? '='];
    if (op === '~=' && (parseVersion(version)?.release.length ?? 0) < 2) {
      // `~> 1` allows any 1.x or later: as `>= 1`.
      clauses.push({ op: '>=', version, wildcard: false, start: pos + lead, end: pos + lead + body.length });
    } else {
      clauses.push({ op, version, wildcard: false, start: pos + lead, end: pos + lead + body.length });
    }
    pos += part.length + 1;
  }
  return clauses;
}

function renderConstraint(original: string, clauses: (Clause | NewClause)[]): string {
  const spaced = !/(~>|>=|<=|!=|=|>|<)\d/.test(original);
  // Without a comma to copy, Terraform's own style: `>= 5.0.0, != 5.1.0` (or `>=5.0.0,!=5.1.0` when unspaced).
  const separator = original.includes(',') ? (/,\s/.test(original) ? ', ' : ',') : spaced ? ', ' : ',';
  // A bare `1.3.0` is an exact version; its replacement stays bare.
  const bare = !/(~>|>=|<=|!=|=|>|<)/.test(original);
  const render = (c: { op: Operator; version: string }) =>
    bare && c.op === '==' ? c.version : (FROM_PEP440[c.op] ?? c.op) + (spaced ? ' ' : '') + c.version;
  return clauses.map((c) => (isKept(c) ? original.slice(c.start, c.end) : render(c))).join(separator);
}

function checkConstraint(
  expr: HclExpr | undefined,
  rule: Setting<Version> | undefined,
  what: string,
  m: Module,
  findings: Finding[],
): void {
  if (!expr || !rule || expr.kind !== 'string' || expr.value === null) return;
  const text = expr.value;
  const r = range(m, expr.contentSpan.start, expr.contentSpan.end);
  const clauses = parseConstraint(text);
  if (typeof clauses === 'string') {
    findings.push({ code: 'parse-error', severity: 'error', message: clauses, file: m.file, range: r, fixes: [] });
    return;
  }
  const verdict = judge(clauses, rule.value);
  if (verdict === 'ok') return;
  const newText = renderConstraint(text, fixClauses(clauses, rule.value, rule.value));
  findings.push({
    code: verdict,
    severity: severityOf(verdict),
    message:
      verdict === 'below-minimum'
        ? `${what} "${text}" admits versions below the standard minimum ${rule.value.text}`
        : `${what} "${text}" admits no version at or above the standard minimum ${rule.value.text}`,
    file: m.file,
    range: r,
    fixes: [{ title: `Change to "${newText}"`, isPreferred: true, edits: [{ file: m.file, range: r, newText }] }],
    related: ruleRelated(rule, `The minimum ${rule.value.text}`),
  });
}

export function analyzeTerraform(file: SourceFile, ctx: AnalysisContext): Finding[] {
  const { body, errors } = parseHcl(file.text);
  const m: Module = { file: file.path, text: file.text, body, lines: new LineIndex(file.text) };
  const findings: Finding[] = errors.map((e) => {
    const finding: Finding = {
      code: 'parse-error',
      severity: 'error',
      message: e.message,
      file: file.path,
      range: range(m, e.span.start, e.span.end),
      fixes: [],
    };
    if (e.related)
      finding.related = [
        {
          location: { file: file.path, range: range(m, e.related.span.start, e.related.span.end) },
          message: e.related.message,
        },
      ];
    return finding;
  });

  // Each block and setting under its own guard: a defect in one costs that one only.
  const each = (span: { start: number; end: number }, check: () => void) =>
    guarded(findings, file.path, () => range(m, span.start, span.end), check);
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions_function')) {
    each(fn.span, () =>
      checkRuntime(
        attribute(fn.body, 'runtime')?.value,
        `google_cloudfunctions_function.${fn.labels[1]?.value ?? ''}`,
        m,
        ctx,
        findings,
      ),
    );
  }
  for (const fn of blocks(body, 'resource', 'google_cloudfunctions2_function')) {
    for (const build of blocks(fn.body, 'build_config')) {
      each(build.span, () =>
        checkRuntime(
          attribute(build.body, 'runtime')?.value,
          `google_cloudfunctions2_function.${fn.labels[1]?.value ?? ''}`,
          m,
          ctx,
          findings,
        ),
      );
    }
  }

  const { terraform } = ctx.standard;
  for (const tf of blocks(body, 'terraform')) {
    each(tf.span, () =>
      checkConstraint(
        attribute(tf.body, 'required_version')?.value,
        terraform.requiredVersion,
        'required_version',
        m,
        findings,
      ),
    );
    for (const providers of blocks(tf.body, 'required_providers')) {
      for (const item of providers.body.items) each(item.span, () => checkProvider(item));
    }
  }
  return findings;

  function checkProvider(item: HclBody['items'][number]): void {
    if (item.kind !== 'attribute') return;
    const value = item.value;
    let source = `hashicorp/${item.name}`;
    let version: HclExpr | undefined;
    if (value.kind === 'object') {
      const src = value.items.find((i) => i.key === 'source')?.value;
      if (src?.kind === 'string' && src.value) source = src.value;
      version = value.items.find((i) => i.key === 'version')?.value;
    } else if (value.kind === 'string') {
      version = value;
    }
    // `registry.terraform.io/hashicorp/google` and `hashicorp/google` are the same provider.
    const address = source.toLowerCase().replace(/^registry\.terraform\.io\//, '');
    checkConstraint(version, terraform.providers.get(address), `Provider ${source} version`, m, findings);
  }
}
