// Terraform's version constraints (`~> 5.0`, `>= 1.3.0, < 2.0.0`, a bare `1.3.0`), read as PEP 440 clauses for the
// check and written back in Terraform's own syntax and spacing for the fix.
import { isKept, overlongMessage, parseVersion, type Clause, type NewClause, type Operator } from '.';

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

/** Terraform's constraint syntax as PEP 440 clauses (offsets relative to `text`), or why it cannot be read. */
export function parseTerraformConstraint(text: string): Clause[] | string {
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

/** Clauses written back in the style of `original`: kept clauses exactly, new ones with its spacing and separator. */
export function renderTerraformConstraint(original: string, clauses: (Clause | NewClause)[]): string {
  const spaced = !/(~>|>=|<=|!=|=|>|<)\d/.test(original);
  // Without a comma to copy, Terraform's own style: `>= 5.0.0, != 5.1.0` (or `>=5.0.0,!=5.1.0` when unspaced).
  const separator = original.includes(',') ? (/,\s/.test(original) ? ', ' : ',') : spaced ? ', ' : ',';
  // A bare `1.3.0` is an exact version; its replacement stays bare.
  const bare = !/(~>|>=|<=|!=|=|>|<)/.test(original);
  const render = (c: { op: Operator; version: string }) =>
    bare && c.op === '==' ? c.version : (FROM_PEP440[c.op] ?? c.op) + (spaced ? ' ' : '') + c.version;
  return clauses.map((c) => (isKept(c) ? original.slice(c.start, c.end) : render(c))).join(separator);
}
