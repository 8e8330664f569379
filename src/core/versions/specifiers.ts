// PEP 440 version specifiers as text: `>=1.3, <3` read into clauses with offsets, with packaging's rules for what is
// valid. Two grammars share the clause rules: a specifier set on its own (requires-python, packaging's SpecifierSet:
// empty pieces between commas are skipped) and the specifier of a PEP 508 requirement (pip's tokenizer: clauses
// separated by commas, one trailing comma allowed, only spaces and tabs around them).
import { remembered } from '../memo';
import { invalidVersionMessage, MAX_DIGITS, parseVersion } from './pep440';

export type Operator = '===' | '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>';

/** One `op version` clause. `start`/`end` are offsets in the text the clause was read from. */
export interface Clause {
  op: Operator;
  /** The version as written, without a trailing `.*`. */
  version: string;
  wildcard: boolean;
  start: number;
  end: number;
}

export interface SpecifierError {
  message: string;
  start: number;
  end: number;
}

export interface SpecifierParse {
  clauses: Clause[];
  errors: SpecifierError[];
}

// Judging costs clauses × boundaries; real specifiers have a handful of clauses, so a bound keeps any line cheap.
export const MAX_CLAUSES = 100;

// Python's `\s` (what packaging's regular expressions and str.strip() mean by whitespace), which JS's `\s` is not.
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)/;

/** `text` without what Python's str.strip() strips (as packaging's Version reads its input). */
export function stripPythonSpace(text: string): string {
  return strip(text).body;
}

/** Strip what Python's str.strip() strips, returning the text and how much went from its start. */
function strip(text: string): { body: string; lead: number } {
  const lead = LEADING_SPACE.exec(text)?.[0].length ?? 0;
  const tail = lead === text.length ? 0 : (TRAILING_SPACE.exec(text)?.[0].length ?? 0);
  return { body: text.slice(lead, text.length - tail), lead };
}

// packaging's specifier token, alternatives and quantifiers in its order, so a match at a position takes exactly
// the text pip's tokenizer takes there (`===` runs on over commas: its version is anything without spaces).
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const WS = `[${PY_SPACE}]*`;
export const TOKEN_SOURCE =
  `(?:===${WS}[^${PY_SPACE};)]*` +
  `|(?:==|!=)${WS}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})?` +
  `|~=${WS}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV}` +
  `|(?:<=|>=|<|>)${WS}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*${PRE}${POST}${DEV})`;
const TOKEN = new RegExp(TOKEN_SOURCE, 'iy');

/**
 * Whether the whole of `body` is one token, as `^token$` would say: the token's quantifiers are greedy and its
 * alternatives exclusive, so the first match from the start is the longest there is. One expression, not a second
 * anchored copy: compiling it cost a millisecond of every CLI start.
 */
export function isWholeClause(body: string): boolean {
  TOKEN.lastIndex = 0;
  return TOKEN.test(body) && TOKEN.lastIndex === body.length;
}

/**
 * One clause (already stripped) by packaging's Specifier rules, or why it is not one. Validity is packaging's own
 * pattern; the checks after it only name the reason.
 */
function readClause(body: string, start: number): Clause | SpecifierError {
  const end = start + body.length;
  const fail = (message: string): SpecifierError => ({ message, start, end });
  const op = OPERATOR.exec(body)?.[1] as Operator | undefined;
  const rest = op ? body.slice(op.length).replace(LEADING_SPACE, '') : '';
  const wildcard = op !== '===' && rest.endsWith('.*');
  const version = wildcard ? rest.slice(0, -2) : rest;
  if (op && isWholeClause(body)) {
    // The pattern holds, so only a number longer than Python reads can stop the version.
    if (op !== '===' && !parseVersion(version)) return fail(invalidVersionMessage(version));
    return { op, version, wildcard, start, end };
  }
  if (!op) return fail(body ? `'${body}' is not a version clause such as '>=1.0'` : 'Empty version clause');
  if (op === '===') return fail(`'===' takes a version without spaces, ';' or ')' (found '${body}')`);
  if (!rest) return fail(`Missing version after '${op}'`);
  const parsed = parseVersion(version);
  if (!parsed) return fail(`'${rest}' is not a valid PEP 440 version`);
  if (wildcard && op !== '==' && op !== '!=')
    return fail(`A '.*' wildcard is only allowed with '==' or '!=' (found '${body}')`);
  if (wildcard)
    return fail(
      `A '.*' wildcard can only follow release numbers, not a pre-, post-, dev- or local part (found '${body}')`,
    );
  if (parsed.local) return fail(`A local version label is only allowed with '==' or '!=' (found '${body}')`);
  return fail(
    op === '~='
      ? `'~=' needs at least two release segments (found '${body}')`
      : `'${body}' is not a valid version clause`,
  );
}

function isError(c: Clause | SpecifierError): c is SpecifierError {
  return 'message' in c;
}

function tooManyClauses(count: number, start: number, end: number): SpecifierError {
  return { message: `This specifier has ${count} clauses; more than ${MAX_CLAUSES} cannot be checked`, start, end };
}

/**
 * Read a specifier set such as `>=1.3, <3`, as packaging's SpecifierSet does (requires-python): comma-separated
 * clauses, empty pieces skipped. `offset` is added to every reported position.
 */
export function parseSpecifier(text: string, offset = 0): SpecifierParse {
  if (offset !== 0) return readSet(text, offset);
  // Files and edits repeat the same specifiers (`>=2.0.0`); a parse is never changed by its users, so one serves all.
  return readSetOnce(text);
}

const readSetOnce = remembered(20_000, (text) => readSet(text, 0));

function readSet(text: string, offset: number): SpecifierParse {
  const clauses: Clause[] = [];
  const errors: SpecifierError[] = [];
  const parts = text.split(',');
  if (parts.length > MAX_CLAUSES)
    return { clauses, errors: [tooManyClauses(parts.length, offset, offset + text.length)] };
  let pos = offset;
  for (const part of parts) {
    const { body, lead } = strip(part);
    if (body) {
      const c = readClause(body, pos + lead);
      if (isError(c)) errors.push(c);
      else clauses.push(c);
    }
    pos += part.length + 1;
  }
  return { clauses, errors };
}

/**
 * One specifier such as `>=3.10` (what a marker comparison makes of its operator and value): the clause, `invalid`,
 * or `overlong` when only a number longer than Python reads stops it (packaging accepts the text, then fails on it).
 */
export function parseSingleClause(text: string): Clause | 'invalid' | 'overlong' {
  const body = strip(text).body;
  const c = readClause(body, 0);
  if (!isError(c)) return c;
  return isWholeClause(body) ? 'overlong' : 'invalid';
}

const LOCAL_TRAIL = /\+[a-z0-9]+(?:[-_.][a-z0-9]+)*/y;

function skipBlanks(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return pos;
}

/**
 * Read the specifier of a PEP 508 requirement (between the name or extras and `;`, without parentheses and outer
 * blanks) as pip does: clause tokens separated by commas, at most one trailing comma. `offset` is added to positions.
 */
export function parseRequirementSpecifier(text: string, offset = 0): SpecifierParse {
  const parsed = readRequirementSpecifierOnce(text);
  if (offset === 0) return parsed;
  const shift = <T extends { start: number; end: number }>(x: T): T => ({
    ...x,
    start: x.start + offset,
    end: x.end + offset,
  });
  return { clauses: parsed.clauses.map(shift), errors: parsed.errors.map(shift) };
}

const readRequirementSpecifierOnce = remembered(20_000, (text) => readRequirementSpecifier(text));

function readRequirementSpecifier(text: string): SpecifierParse {
  const tokens: [number, number][] = [];
  let pos = 0;
  let failed = -1;
  while (pos < text.length) {
    TOKEN.lastIndex = pos;
    if (!TOKEN.test(text)) break;
    tokens.push([pos, TOKEN.lastIndex]);
    pos = TOKEN.lastIndex;
    LOCAL_TRAIL.lastIndex = pos;
    if (text.startsWith('.*', pos) || LOCAL_TRAIL.test(text)) {
      failed = pos;
      break;
    }
    pos = skipBlanks(text, pos);
    if (text[pos] !== ',') break;
    pos = skipBlanks(text, pos + 1);
  }
  if (failed < 0 && pos < text.length) failed = pos;
  if (failed >= 0) return { clauses: [], errors: [pieceError(text, failed, tokens)] };
  // SpecifierSet then splits what the tokens hold at commas (a `===` token can hold several clauses).
  const clauses: Clause[] = [];
  const errors: SpecifierError[] = [];
  for (const [from, to] of tokens) {
    let start = from;
    for (const piece of text.slice(from, to).split(',')) {
      if (piece) {
        const c = readClause(piece, start);
        if (isError(c)) errors.push(c);
        else clauses.push(c);
      }
      start += piece.length + 1;
    }
  }
  if (clauses.length > MAX_CLAUSES) return { clauses: [], errors: [tooManyClauses(clauses.length, 0, text.length)] };
  return { clauses, errors };
}

/** The reason the reading stopped at `at`: what is wrong with the comma-separated piece there. */
function pieceError(text: string, at: number, tokens: [number, number][]): SpecifierError {
  const last = tokens[tokens.length - 1];
  if (last && text.startsWith('===', last[0]) && text[last[1] - 1] === ',' && at > last[1]) {
    // `=== 1.0, <2`: the arbitrary version runs on to the next space, commas included.
    return {
      message:
        `'===' takes everything up to the next space as its version, commas too: ` +
        `write '${text.slice(last[0], last[1])}${text.slice(at).trim()}' without the space after the comma`,
      start: last[0],
      end: text.length,
    };
  }
  const from = text.lastIndexOf(',', at - 1) + 1;
  const comma = text.indexOf(',', at);
  const to = comma < 0 ? text.length : comma;
  const lead = skipBlanks(text, from) - from;
  const body = text.slice(from + lead, to).replace(/[ \t]+$/, '');
  // An empty piece is shown by the commas around it (an empty range can fall between two joined lines).
  if (!body)
    return {
      message: 'Empty version clause',
      start: Math.max(0, from - 1),
      end: text[to] === ',' ? to + 1 : Math.max(to, from),
    };
  const c = readClause(body, from + lead);
  if (isError(c)) return c;
  return { message: `Unexpected '${text.slice(at).trim()}' in the version specifier`, start: at, end: text.length };
}

// The forms parseRequirementSpecifier accepts, as one regular expression: a line whose package the standard does
// not know only needs to be valid, and one test of this is far cheaper than building its clauses. Anything it
// rejects is read in full for the exact error, so it may only ever be stricter than the full reading, never looser:
// `===` and a trailing comma are left to the full reading, and so is any text long enough to hold a number longer
// than Python reads (MAX_DIGITS): shorter text cannot, so the pattern need not bound its numbers (bounding them
// made every test of it several times slower).
const NUM = '[0-9]+';
const SUFFIXES =
  `(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?:${NUM})?)?` +
  `(?:-${NUM}|[-_.]?(?:post|rev|r)[-_.]?(?:${NUM})?)?` +
  `(?:[-_.]?dev[-_.]?(?:${NUM})?)?`;
const FAST_LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const HEAD = `[ \\t]*v?(?:${NUM}!)?`;
const CLAUSE_FORMS =
  `(?:(?:==|!=)${HEAD}${NUM}(?:\\.${NUM})*(?:\\.\\*|${SUFFIXES}${FAST_LOCAL})` +
  `|~=${HEAD}${NUM}(?:\\.${NUM})+${SUFFIXES}` +
  `|(?:<=|>=|<|>)${HEAD}${NUM}(?:\\.${NUM})*${SUFFIXES})`;
/** A comma-separated list of clauses parseRequirementSpecifier accepts (as a pattern source, to build larger ones). */
export const SPECIFIER_PATTERN = `${CLAUSE_FORMS}(?:[ \\t]*,[ \\t]*${CLAUSE_FORMS})*`;
const VALID_SPECIFIER = new RegExp(`^[ \\t]*${SPECIFIER_PATTERN}[ \\t]*$`, 'i');

/** Whether parseRequirementSpecifier would accept `text` without errors (fast; false means "read it to find out"). */
export function isValidSpecifier(text: string): boolean {
  if (text.length > MAX_DIGITS || !VALID_SPECIFIER.test(text)) return false;
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0 && commas < MAX_CLAUSES; i = text.indexOf(',', i + 1)) commas++;
  return commas < MAX_CLAUSES;
}

export function formatClause(c: Pick<Clause, 'op' | 'version' | 'wildcard'>, spaceAfterOp = false): string {
  return c.op + (spaceAfterOp ? ' ' : '') + c.version + (c.wildcard ? '.*' : '');
}
