// Poetry's version constraints, translated to PEP 440 clauses for the check and written back in Poetry's own
// syntax for the fix. `^` and `~` have Poetry's meaning, not npm's: `^1.5` is `>=1.5,<2.0`, `^0.2.3` is
// `>=0.2.3,<0.3.0`, `~1.5` is `>=1.5,<1.6`; `*` is any version; `a || b` is a union.
import { remembered } from '../memo';
import { judge, overlongMessage, parseVersion, type Clause, type Verdict, type Version } from '.';

export interface PoetryBranch {
  /** The branch as written, e.g. `^1.5` or `>=1.3,<3`. */
  text: string;
  start: number;
  end: number;
  clauses: Clause[];
  /** The operator style a fix keeps; `wildcard` is a bare `1.5.*`, `exact` a bare `1.5.3`. */
  style: 'caret' | 'tilde' | 'exact' | 'wildcard' | 'any' | 'pep440';
}

export interface PoetryConstraint {
  branches: PoetryBranch[];
  error?: { message: string; start: number; end: number };
}

function clause(op: Clause['op'], version: string, wildcard = false): Clause {
  return { op, version, wildcard, start: 0, end: 0 };
}

/** The first version the constraint leaves out: bump the first non-zero given segment (or the last one given). */
function caretUpper(v: Version): string {
  const given = v.release;
  let i = given.findIndex((n) => n !== 0n);
  if (i < 0 || i >= given.length) i = given.length - 1;
  const upper = given.slice(0, i + 1);
  upper[i]++;
  return upper.join('.');
}

function tildeUpper(v: Version): string {
  const given = v.release;
  const i = given.length >= 2 ? 1 : 0;
  const upper = given.slice(0, i + 1);
  upper[i]++;
  return upper.join('.');
}

const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>|=)?\s*([\s\S]*)$/;

function parseBranch(text: string, start: number): PoetryBranch | { message: string; start: number; end: number } {
  const end = start + text.length;
  if (text === '*') return { text, start, end, clauses: [], style: 'any' };
  // As in poetry-core, `^` and `~` may stand among other constraints: `^1.5,<1.8`, `>=1.2 ~1.4`.
  const parts = text.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter(Boolean);
  const clauses: Clause[] = [];
  for (const part of parts) {
    const caret = part.startsWith('^');
    const tilde = !caret && part.startsWith('~') && !part.startsWith('~=');
    if (caret || tilde) {
      const body = part.slice(1).trim();
      const v = parseVersion(body);
      if (!v) return { message: overlongMessage(body) ?? `'${body}' is not a valid version`, start, end };
      clauses.push(clause('>=', body), clause('<', caret ? caretUpper(v) : tildeUpper(v)));
      if (parts.length === 1) return { text, start, end, clauses, style: caret ? 'caret' : 'tilde' };
      continue;
    }
    const m = OPERATOR.exec(part) as RegExpExecArray;
    const op = (m[1] === '=' || m[1] === undefined ? '==' : m[1]) as Clause['op'];
    let version = m[2].trim();
    const wildcard = version.endsWith('.*');
    if (wildcard) version = version.slice(0, -2);
    if (version === '*' && (op === '==' || op === '>=')) continue;
    if (!parseVersion(version))
      return { message: overlongMessage(version) ?? `'${part}' is not a valid Poetry version constraint`, start, end };
    clauses.push(clause(op, version, wildcard));
  }
  const bare = parts.length === 1 && clauses.length === 1 && clauses[0].op === '==' && !/^[=<>!~]/.test(text);
  return {
    text,
    start,
    end,
    clauses,
    style: clauses.length === 0 ? 'any' : bare ? (clauses[0].wildcard ? 'wildcard' : 'exact') : 'pep440',
  };
}

/** Read a Poetry constraint; `offset` is added to every position. */
export function parsePoetryConstraint(text: string, offset = 0): PoetryConstraint {
  const branches: PoetryBranch[] = [];
  let pos = 0;
  // poetry-core takes a single `|` for `||` too.
  const pieces = text.split(/(\|\|?)/);
  for (let i = 0; i < pieces.length; i += 2) {
    const raw = pieces[i];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const start = offset + pos + lead;
    pos += raw.length + (pieces[i + 1]?.length ?? 0);
    if (!body) return { branches, error: { message: 'Empty version constraint', start, end: start } };
    const branch = parseBranch(body, start);
    if ('message' in branch) return { branches, error: branch };
    branches.push(branch);
  }
  return { branches };
}

/** A union is below the minimum if any branch is, and conflicts only if every branch does. */
export function judgePoetry(constraint: PoetryConstraint, minimum: Version): Verdict | 'missing' {
  if (constraint.branches.some((b) => b.style === 'any')) return 'missing';
  const verdicts = constraint.branches.map((b) => judge(b.clauses, minimum));
  if (verdicts.includes('below-minimum')) return 'below-minimum';
  if (verdicts.every((v) => v === 'conflicts-with-minimum')) return 'conflicts-with-minimum';
  return verdicts.includes('conflicts-with-minimum') ? 'below-minimum' : 'ok';
}

/**
 * The constraint rewritten in Poetry's syntax so that it admits the minimum and nothing below: `^1.5` → `^2.0.0`,
 * `~1.5` → `~2.0.0`, an exact `1.5.3` → the pin, `1.5.*` → `2.0.*`, `*` → `>=minimum`; branches wholly below are dropped.
 */
export function fixPoetry(
  constraint: PoetryConstraint,
  minimum: Version,
  pin: Version,
  fixPep440: (b: PoetryBranch) => string,
): string {
  const verdicts = constraint.branches.map((b) => (b.style === 'any' ? 'below-minimum' : judge(b.clauses, minimum)));
  const someReachMinimum = verdicts.some((v) => v !== 'conflicts-with-minimum');
  const kept: string[] = [];
  constraint.branches.forEach((b, i) => {
    const verdict = verdicts[i];
    if (verdict === 'ok') kept.push(b.text);
    else if (verdict === 'conflicts-with-minimum' && someReachMinimum) return;
    else if (b.style === 'caret') kept.push(`^${minimum.text}`);
    else if (b.style === 'tilde') kept.push(`~${minimum.text}`);
    else if (b.style === 'exact') kept.push(pin.text);
    else if (b.style === 'any') kept.push(`>=${minimum.text}`);
    else if (b.style === 'wildcard') kept.push(fixPep440(b).replace(/^==\s*(?=[^,]*$)/, ''));
    else kept.push(fixPep440(b));
  });
  return [...new Set(kept)].join(' || ');
}

// The forms most constraints take (`^1.5`, `~1.5.3`, `1.5.3`, `>=1.2,<2`, `*`): valid without reading them.
const COMMON =
  /^(?:\*|(?:[\^~]|[<>]=?|==?|!=)?[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}(?:,(?:[<>]=?|!=)[0-9]{1,9}(?:\.[0-9]{1,9}){0,3})?)$/;

/**
 * Why Poetry cannot read `text` (offsets relative to it), or undefined. Remembered: files repeat the same few
 * constraints, and a package the standard does not know only needs this answer.
 */
export function poetryConstraintError(text: string): PoetryConstraint['error'] | undefined {
  return COMMON.test(text) ? undefined : errorOf(text);
}

const errorOf = remembered(20_000, (text) => parsePoetryConstraint(text).error);
