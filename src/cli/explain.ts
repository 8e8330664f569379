// `stack-standard explain CODE`: a code's section of docs/codes.md, bundled into the CLI so it works offline.
import { CODE_NAMES, DOCS_URL, FINDING_CODES, type FindingCode } from '../core';
import CODES_DOC from '../../docs/codes.md';

/** The text of `## code` up to the next section, without the heading. */
function section(code: string): string {
  const start = CODES_DOC.indexOf(`\n## ${code}\n`);
  if (start < 0) return '';
  const body = CODES_DOC.slice(start + code.length + 5);
  const end = body.indexOf('\n## ');
  return (end < 0 ? body : body.slice(0, end)).trim();
}

function isCode(name: string): name is FindingCode {
  return (CODE_NAMES as string[]).includes(name);
}

/** The explanation of `code`, or undefined when there is no such code. */
export function explain(code: string): string | undefined {
  if (!isCode(code)) return undefined;
  const { severity, summary } = FINDING_CODES[code];
  return `${code} (default severity: ${severity})\n\n${summary}\n\n${section(code)}\n\nSee ${DOCS_URL}#${code}\n`;
}

/** Every code with its summary, for `explain` without a code. */
export function listCodes(): string {
  const width = Math.max(...CODE_NAMES.map((c) => c.length));
  return CODE_NAMES.map(
    (c) => `${c.padEnd(width)}  ${FINDING_CODES[c].severity.padEnd(7)}  ${FINDING_CODES[c].summary}\n`,
  ).join('');
}

/** The codes nearest to a mistyped one (by edit distance), for the error message. */
export function nearestCodes(name: string): string[] {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++)
        row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      previous = row;
    }
    return previous[b.length];
  };
  const scored = CODE_NAMES.map((c) => ({ c, d: distance(name.toLowerCase(), c) })).sort((x, y) => x.d - y.d);
  return scored
    .filter((s) => s.d <= Math.max(2, Math.floor(name.length / 3)))
    .slice(0, 3)
    .map((s) => s.c);
}
