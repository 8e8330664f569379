// The constraint dialects behind the one package rule: each reads a constraint, judges it against a minimum and
// writes the fixed constraint in the user's own style.
import {
  fixClauses,
  formatClause,
  isKept,
  judge,
  parseSpecifier,
  type Clause,
  type NewClause,
  type Verdict,
  type Version,
} from '.';
import { fixPoetry, judgePoetry, parsePoetryConstraint, type PoetryConstraint } from './poetry';
import { parseTerraformConstraint, renderTerraformConstraint } from './terraform';

export type DialectName = 'pep440' | 'poetry' | 'terraform';

/** What a constraint admits against a minimum; `any` is a constraint that admits every version (Poetry's `*`). */
export type Judgement = Verdict | 'any';

export interface DialectError {
  message: string;
  /** Offsets relative to the text. */
  start: number;
  end: number;
}

export interface Dialect<T = unknown> {
  name: DialectName;
  read(text: string): { value: T } | { error: DialectError };
  judge(value: T, minimum: Version): Judgement;
  /** Whether the constraint names one exact version (`==1.5.3`, Poetry's bare `1.5.3`): it is then "below". */
  isExact(value: T): boolean;
  /** The constraint rewritten to admit `minimum` and nothing below it, fixing an exact version at `pin`. */
  fix(text: string, value: T, minimum: Version, pin: Version): string;
}

/**
 * Write clauses back in the user's style: clauses kept from `original` (offsets relative to it) keep their exact text;
 * new ones follow its spacing (`>= 1.0`) and separator (`,` or `, `).
 */
export function renderSpecifier(original: string, clauses: (Clause | NewClause)[]): string {
  const spaced = /(===|~=|==|!=|<=|>=|<|>)\s+\S/.test(original);
  const separator = /,\s/.test(original) ? ', ' : ',';
  return clauses.map((c) => (isKept(c) ? original.slice(c.start, c.end) : formatClause(c, spaced))).join(separator);
}

// Fixed texts by minimum, pin and constraint text. Nested, keyed by the versions themselves (the standard's own objects),
// so that no key string is built and hashed per finding.
const fixes = new WeakMap<Version, WeakMap<Version, Map<string, string>>>();

/** PEP 440 specifiers (`>=1.5,<2`), as PEP 508 requirements and `requires-python` write them. */
export const PEP440: Dialect<Clause[]> = {
  name: 'pep440',
  read(text) {
    const trimmed = text.trim();
    const lead = text.length - text.trimStart().length;
    const { clauses, errors } = parseSpecifier(trimmed, 0);
    const e = errors[0];
    return e ? { error: { message: e.message, start: lead + e.start, end: lead + e.end } } : { value: clauses };
  },
  judge: (clauses, minimum) => judge(clauses, minimum),
  isExact: (clauses) =>
    clauses.length === 1 && (clauses[0].op === '==' || clauses[0].op === '===') && !clauses[0].wildcard,
  fix(text, clauses, minimum, pin) {
    // Pure, and files repeat specifiers: remembered. Offsets of read clauses are relative to the trimmed text.
    let byPin = fixes.get(minimum);
    if (!byPin) fixes.set(minimum, (byPin = new WeakMap()));
    let byText = byPin.get(pin);
    if (!byText) byPin.set(pin, (byText = new Map<string, string>()));
    let fixed = byText.get(text);
    if (fixed === undefined) {
      fixed = renderSpecifier(text.trim(), fixClauses(clauses, minimum, pin));
      if (byText.size > 50_000) byText.clear();
      byText.set(text, fixed);
    }
    return fixed;
  },
};

/** Poetry's constraints: `^1.5`, `~1.5`, `1.5.*`, `*`, `a || b`, and PEP 440 clauses. */
export const POETRY: Dialect<PoetryConstraint> = {
  name: 'poetry',
  read(text) {
    const constraint = parsePoetryConstraint(text, 0);
    return constraint.error ? { error: constraint.error } : { value: constraint };
  },
  judge(constraint, minimum) {
    const verdict = judgePoetry(constraint, minimum);
    return verdict === 'missing' ? 'any' : verdict;
  },
  isExact: (constraint) => constraint.branches.length === 1 && constraint.branches[0].style === 'exact',
  fix: (_text, constraint, minimum, pin) =>
    fixPoetry(constraint, minimum, pin, (b) => renderSpecifier(b.text, fixClauses(b.clauses, minimum, pin))),
};

/** Terraform's constraints: `~> 5.0`, `>= 1.3.0, < 2.0.0`, a bare `1.3.0`. */
export const TERRAFORM: Dialect<Clause[]> = {
  name: 'terraform',
  read(text) {
    const clauses = parseTerraformConstraint(text);
    return typeof clauses === 'string'
      ? { error: { message: clauses, start: 0, end: text.length } }
      : { value: clauses };
  },
  judge: (clauses, minimum) => judge(clauses, minimum),
  // Terraform's messages never call a constraint "below": `= 1.2.0` admits no version at or above the minimum.
  isExact: () => false,
  fix: (text, clauses, minimum, pin) => renderTerraformConstraint(text, fixClauses(clauses, minimum, pin)),
};
