import { CODE_NAMES, DOCS_URL, FINDING_CODES, type Finding, type Range, type Severity, type TextEdit } from '../core';

export type OutputFormat = 'text' | 'json' | 'sarif';

/** ANSI styling for a terminal; every function is the identity when colour is off. */
export interface Style {
  path(text: string): string;
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
}

const SGR = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const SEVERITY_SGR: Record<Severity, (text: string) => string> = {
  error: SGR(31, 39),
  warning: SGR(33, 39),
  info: SGR(36, 39),
};

export const PLAIN: Style = { path: (t) => t, severity: (_s, t) => t, dim: (t) => t };
export const COLOURED: Style = { path: SGR(1, 22), severity: (s, t) => SEVERITY_SGR[s](t), dim: SGR(2, 22) };

/** `path:line:col: severity code message`, 1-based like compilers. */
export function formatText(findings: readonly Finding[], rel: (file: string) => string, style: Style = PLAIN): string {
  return findings
    .map(
      (f) =>
        `${style.path(rel(f.file))}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${style.severity(f.severity, f.severity)} ${style.dim(f.code)} ${f.message}\n`,
    )
    .join('');
}

/** The stack of each internal error, for stderr: a defect in the engine to report, not a problem in the user's file. */
export function formatTraces(findings: readonly Finding[], rel: (file: string) => string): string {
  return findings
    .filter((f) => f.trace !== undefined)
    .map(
      (f) =>
        `stack-standard: internal error at ${rel(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}; please report it with this trace:\n${f.trace}\n`,
    )
    .join('');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `9 problems (0 errors, 9 warnings); 7 fixable with --fix`, after the text output; nothing when there are none. */
export function formatSummary(findings: readonly Finding[], style: Style = PLAIN): string {
  if (findings.length === 0) return '';
  const of = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const infos = of('info');
  const kinds = [
    count(of('error'), 'error'),
    count(of('warning'), 'warning'),
    ...(infos > 0 ? [count(infos, 'info', 'info')] : []),
  ];
  const fixable = findings.filter((f) => f.fixes.some((x) => x.isPreferred)).length;
  const worst: Severity = of('error') > 0 ? 'error' : of('warning') > 0 ? 'warning' : 'info';
  const line = `${count(findings.length, 'problem')} (${kinds.join(', ')})${fixable > 0 ? `; ${fixable} fixable with --fix` : ''}`;
  return `${style.severity(worst, line)}\n`;
}

export function formatJson(findings: readonly Finding[], rel: (file: string) => string): string {
  const edit = (e: TextEdit) => ({
    file: rel(e.file),
    range: e.range,
    newText: e.newText,
    ...(e.create ? { create: true } : {}),
  });
  const out = {
    version: 1,
    findings: findings.map((f) => ({
      file: rel(f.file),
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixes: f.fixes.map((x) => ({ title: x.title, isPreferred: x.isPreferred === true, edits: x.edits.map(edit) })),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0: every code is a rule; columns are UTF-16 code units, 1-based. */
export function formatSarif(findings: readonly Finding[], rel: (file: string) => string, version: string): string {
  const rules = CODE_NAMES.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: FINDING_CODES[code].summary },
    helpUri: `${DOCS_URL}#${code}`,
    defaultConfiguration: { level: LEVEL[FINDING_CODES[code].severity] },
  }));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: CODE_NAMES.indexOf(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: rel(f.file) }, region: region(f.range) } }],
    ...(f.fixes.length > 0
      ? {
          fixes: f.fixes.map((x) => ({
            description: { text: x.title },
            artifactChanges: groupByFile(x.edits).map(([file, edits]) => ({
              artifactLocation: { uri: rel(file) },
              replacements: edits.map((e) => ({
                deletedRegion: region(e.range),
                insertedContent: { text: e.newText },
              })),
            })),
          })),
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stack-standard',
            informationUri: 'https://github.com/stack-standard/stack-standard',
            version,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function groupByFile(edits: readonly TextEdit[]): [string, TextEdit[]][] {
  const map = new Map<string, TextEdit[]>();
  for (const e of edits) map.set(e.file, [...(map.get(e.file) ?? []), e]);
  return [...map];
}
