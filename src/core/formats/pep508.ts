// PEP 508 requirement strings, as they appear in requirements files, pyproject.toml and pre-commit hooks' extra
// dependencies, with offsets mapped back to the file they were read from.
import { parseMarker, type Marker } from '../versions/markers';
import {
  isValidSpecifier,
  MAX_CLAUSES,
  MAX_DIGITS,
  parseRequirementSpecifier,
  SPECIFIER_PATTERN,
  type Clause,
  type SpecifierParse,
} from '../versions';
import type { Frozen, LockSource, PackageFact, ProblemFact, Source } from '../facts';
import { internalErrorFact } from '../internal';
import { PEP440 } from '../versions/dialects';

/** A PEP 508 requirement as read, in offsets of its file. */
export interface RequirementRef {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Where a missing specifier is inserted: just after the name and its extras. */
  insertAt: number;
  specifier?: { text: string; start: number; end: number; clauses: Clause[] };
  marker?: Marker;
  /** `name @ url`: the URL decides the version, so only the name is checked. */
  direct?: boolean;
  /** The line pins hashes: a version change needs new hashes, so there is no automatic fix. */
  hashed?: boolean;
}

/**
 * The package fact of a requirement read from `source`; `start` and `end` span the whole requirement. With `frozen`
 * no edit fits it (its string has escapes, or a wheel's file name states it).
 */
export function requirementFact(
  req: RequirementRef,
  source: Source,
  start: number,
  end: number,
  frozen?: Frozen,
  lock?: LockSource,
): PackageFact {
  const spec = req.specifier;
  const insertAt = req.insertAt;
  return {
    kind: 'package',
    registry: 'python',
    name: req.name,
    label: req.name,
    place: { source, start: req.nameStart, end: req.nameEnd },
    entry: { source, start, end },
    dialect: PEP440,
    constraint:
      spec && spec.clauses.length > 0
        ? { text: spec.text, place: { source, start: spec.start, end: spec.end }, read: spec.clauses }
        : undefined,
    addConstraint: (text) => ({
      file: source.path,
      range: source.range(insertAt, insertAt),
      newText: text,
    }),
    marker: req.marker,
    direct: req.direct,
    frozen: frozen ?? (req.hashed ? 'hashes' : undefined),
    lock,
  };
}

/** Turns an offset in the parsed text into a file offset; an end offset may map differently at a joined line. */
export type OffsetMap = (offset: number, isEnd: boolean) => number;

export type Pep508Entry =
  | { kind: 'requirement'; req: RequirementRef; start: number; end: number }
  /**
   * A valid requirement of a package the caller said it does not check (see `known`): nothing more is read. `plain`
   * when the skim read it: a name, extras and PEP 440 clauses (no `===`) before any marker, then spaces and tabs.
   */
  | { kind: 'unchecked'; plain?: true }
  | { kind: 'reference'; start: number; end: number }
  /** `stack` is set when the error is the reader's own defect rather than the text's. */
  | { kind: 'error'; message: string; start: number; end: number; stack?: string };

const UNCHECKED: Pep508Entry = Object.freeze({ kind: 'unchecked' });
const PLAIN: Pep508Entry = Object.freeze({ kind: 'unchecked', plain: true });

// A package name (or extra) as pip's tokenizer reads one, `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: it may end in `_`, a word
// character, but not in `.` or `-`. Sticky, so `lastIndex` gives its end without building a match array.
const IDENTIFIER = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?';
const NAME_AT = new RegExp(IDENTIFIER, 'y');

// What a skimmed specifier reads as: shared by every package the standard does not know, and never changed.
const SKIMMED: SpecifierParse = Object.freeze({
  clauses: Object.freeze([]) as unknown as Clause[],
  errors: Object.freeze([]) as unknown as SpecifierParse['errors'],
});

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

// `[extra, other]` (or `[]`): names separated by commas, read in place from `lastIndex`.
const EXTRAS = new RegExp(`\\[[ \\t]*(?:${IDENTIFIER}(?:[ \\t]*,[ \\t]*${IDENTIFIER})*)?[ \\t]*\\]`, 'y');

function skipBlanks(text: string, pos: number, end = text.length): number {
  while (pos < end && isBlank(text.charCodeAt(pos))) pos++;
  return pos;
}

function fail(message: string, start: number, end: number, base: number, map: OffsetMap): Pep508Entry {
  return { kind: 'error', message, start: map(base + start, false), end: map(base + end, true) };
}

/** The marker after `;` (from `start` to the end of `text`), or the error that stops it. */
function readMarker(
  text: string,
  start: number,
  base: number,
  map: OffsetMap,
): { marker?: Marker; error?: Pep508Entry } {
  const from = skipBlanks(text, start);
  let to = text.length;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  if (from === to) return { error: fail("Expected an environment marker after ';'", start, text.length, base, map) };
  const body = text.slice(from, to);
  // Files repeat one marker on many lines in a row: the same text as last time needs no lookup. Compared as a slice:
  // `startsWith` at an offset cost more than the lookup it was to spare.
  if (body === lastMarker.text && lastMarker.read.marker) return lastMarker.read;
  const parsed = parseMarker(body, from);
  if (parsed.error) return { error: fail(parsed.error.message, parsed.error.start, parsed.error.end, base, map) };
  lastMarker = { text: body, read: { marker: parsed.marker } };
  return lastMarker.read;
}

let lastMarker: { text: string; read: { marker?: Marker } } = { text: '', read: {} };

// What may follow a package name in a requirement made only of parts parseRequirement accepts (extras, a
// specifier), up to `;` or the end; read in place from `lastIndex`.
const PLAIN_REST = new RegExp(
  `[ \\t]*(?:\\[[ \\t]*(?:${IDENTIFIER}(?:[ \\t]*,[ \\t]*${IDENTIFIER})*)?[ \\t]*\\][ \\t]*)?(?:${SPECIFIER_PATTERN}[ \\t]*)?(?=;|$)`,
  'iy',
);

// The commonest plain rest: no extras and clauses of digits and dots (`==1.2.3`, `>=1.0,<2`), or nothing. What it
// matches PLAIN_REST matches too, up to the same place (neither reaches past a `;`); tested first, it spares a run
// over such a file compiling PLAIN_REST, whose first use costs some 3 ms, a twentieth of a CLI start.
const SIMPLE_CLAUSE = '(?:==|!=|<=|>=|<|>)[ \\t]*[0-9]+(?:\\.[0-9]+)*';
const SIMPLE_REST = new RegExp(`[ \\t]*(?:${SIMPLE_CLAUSE}(?:[ \\t]*,[ \\t]*${SIMPLE_CLAUSE})*[ \\t]*)?(?=;|$)`, 'y');

/**
 * For a package the caller does not check, the cheap way through from the end of its name: one expression and the
 * marker cache, no objects. Undefined when the text needs the full reading (it is not plain).
 */
function skim(text: string, nameEnd: number, base: number, map: OffsetMap): Pep508Entry | undefined {
  // Past the clause limit the specifier is an error, which the full reading gives; so may be a number longer than
  // Python reads, which only a text of more than MAX_DIGITS characters can hold.
  if (text.length > MAX_DIGITS || (text.length > 3 * MAX_CLAUSES && text.split(',').length > MAX_CLAUSES))
    return undefined;
  let end: number;
  SIMPLE_REST.lastIndex = nameEnd;
  if (SIMPLE_REST.test(text)) end = SIMPLE_REST.lastIndex;
  else {
    PLAIN_REST.lastIndex = nameEnd;
    if (!PLAIN_REST.test(text)) return undefined;
    end = PLAIN_REST.lastIndex;
  }
  return end === text.length ? PLAIN : (readMarker(text, end + 1, base, map).error ?? PLAIN);
}

/**
 * Parse one requirement starting at `base` in `text`'s line; `map` turns offsets into file offsets. With `known`, a
 * package it rejects is only validated: a valid one comes back as `unchecked`, an invalid one as its error; so every
 * requirement that comes back is one `known` accepts, asked once. Written without closures: it runs once per line of
 * a 5,000-line file.
 */
export function parseRequirement(
  text: string,
  base: number,
  hashed: boolean,
  map: OffsetMap,
  known?: (name: string) => boolean,
): Pep508Entry {
  // Blanks may stand before the name (a requirement on its own line of a `"""` string) as well as after it all.
  const nameStart = skipBlanks(text, 0);
  NAME_AT.lastIndex = nameStart;
  if (!NAME_AT.test(text))
    return fail(`'${text}' is not a requirement: expected a package name`, 0, text.length, base, map);
  const nameEnd = NAME_AT.lastIndex;
  const name = text.slice(nameStart, nameEnd);
  const checked = known === undefined || known(name);
  if (!checked) {
    const skimmed = skim(text, nameEnd, base, map);
    if (skimmed) return skimmed;
  }
  let pos = skipBlanks(text, nameEnd);
  let insertAt = nameEnd;
  // Extras are validated, not kept: no rule asks for them.
  if (text[pos] === '[') {
    EXTRAS.lastIndex = pos;
    if (!EXTRAS.test(text)) {
      const close = text.indexOf(']', pos);
      if (close < 0) return fail("Missing ']' after the extras", pos, text.length, base, map);
      return fail(`Invalid extras '${text.slice(pos, close + 1)}'`, pos, close + 1, base, map);
    }
    insertAt = EXTRAS.lastIndex;
    pos = skipBlanks(text, insertAt);
  }
  let specifier: RequirementRef['specifier'];
  let markerStart = -1;
  let direct = false;
  if (text[pos] === '@') {
    // `name @ url`: the URL decides the version, so only the name is checked. The URL runs to the next blank.
    direct = true;
    const urlStart = skipBlanks(text, pos + 1);
    let urlEnd = urlStart;
    while (urlEnd < text.length && !isBlank(text.charCodeAt(urlEnd))) urlEnd++;
    if (urlEnd === urlStart) return fail("Expected a URL after '@'", pos, text.length, base, map);
    // pip reads `url;marker` as one URL; PEP 508 wants the marker apart, and a URL cannot hold a marker's quotes.
    for (let semi = text.indexOf(';', urlStart + 1); semi >= 0 && semi < urlEnd; semi = text.indexOf(';', semi + 1)) {
      if (parseMarker(text.slice(semi + 1, urlEnd)).marker)
        return fail("A URL requirement needs a space before ';'", semi, urlEnd, base, map);
    }
    const after = skipBlanks(text, urlEnd);
    if (after < text.length) {
      if (text[after] !== ';')
        return fail(
          `Unexpected '${text.slice(after).trim()}' after the URL: expected ';' and a marker`,
          after,
          text.length,
          base,
          map,
        );
      markerStart = after + 1;
    }
  } else {
    const semi = text.indexOf(';', pos);
    let specEnd = semi >= 0 ? semi : text.length;
    let specStart = pos;
    if (text[pos] === '(') {
      const close = text.indexOf(')', pos);
      if (close < 0 || close > specEnd) return fail("Missing ')' after the version specifier", pos, specEnd, base, map);
      const after = skipBlanks(text, close + 1, specEnd);
      if (after < specEnd)
        return fail(
          `Unexpected '${text.slice(after, specEnd).replace(/[ \t]+$/, '')}' after the version specifier`,
          close + 1,
          specEnd,
          base,
          map,
        );
      specStart = pos + 1;
      specEnd = close;
    }
    const from = skipBlanks(text, specStart, specEnd);
    let to = specEnd;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (to > from) {
      const specText = text.slice(from, to);
      if (specText.includes('${') && /\$\{[A-Za-z0-9_]+\}/.test(specText)) {
        // The version comes from the environment; nothing can be judged before pip expands it.
        return { kind: 'reference', start: map(base, false), end: map(base + text.length, true) };
      }
      if (!/^[<>=!~,]/.test(specText))
        return fail(
          `Unexpected '${specText}' after '${name}': expected a version specifier, '@ url' or ';'`,
          from,
          to,
          base,
          map,
        );
      // The standard says nothing about this package: the specifier only has to be valid, so its clauses are not read.
      const parsed: SpecifierParse =
        !checked && isValidSpecifier(specText) ? SKIMMED : parseRequirementSpecifier(specText);
      if (parsed.errors.length > 0) {
        const e = parsed.errors[0];
        return fail(e.message, from + e.start, from + e.end, base, map);
      }
      if (checked)
        specifier = {
          text: specText,
          start: map(base + from, false),
          end: map(base + to, true),
          clauses: parsed.clauses,
        };
    } else {
      // `pkg ()`: a floor goes inside the parentheses, where a specifier belongs.
      if (specStart > pos) insertAt = specStart;
    }
    if (semi >= 0) markerStart = semi + 1;
  }
  const read = markerStart >= 0 ? readMarker(text, markerStart, base, map) : undefined;
  if (read?.error) return read.error;
  if (!checked) return UNCHECKED;
  const req: RequirementRef = {
    name,
    nameStart: map(base + nameStart, false),
    nameEnd: map(base + nameEnd, true),
    insertAt: map(base + insertAt, false),
    marker: read?.marker,
  };
  if (direct) req.direct = true;
  else {
    req.specifier = specifier;
    req.hashed = hashed;
  }
  return { kind: 'requirement', req, start: map(base, false), end: map(base + text.length, true) };
}

/**
 * Parse one PEP 508 requirement string (as in pyproject.toml); `map` turns an offset in `text` into a file offset.
 * `known` works as for parseRequirement.
 */
export function parseRequirementText(text: string, map: OffsetMap, known?: (name: string) => boolean): Pep508Entry {
  return parseRequirement(text, 0, false, map, known);
}

/**
 * Requirement strings at their offsets in `source`'s text (the items of a list in a configuration file) as facts: the
 * requirement of each package a rule wants, and an error for each string that is not a requirement.
 */
export function requirementFacts(
  source: Source,
  items: readonly { text: string; start: number }[],
  wants: (name: string) => boolean,
): (PackageFact | ProblemFact)[] {
  const facts: (PackageFact | ProblemFact)[] = [];
  for (const item of items) {
    try {
      const entry = parseRequirementText(item.text, (o) => item.start + o, wants);
      if (entry.kind === 'error')
        facts.push({
          kind: 'problem',
          code: entry.stack === undefined ? 'parse-error' : 'internal-error',
          message: entry.message,
          place: { source, start: entry.start, end: entry.end },
          stack: entry.stack,
        });
      else if (entry.kind === 'requirement') facts.push(requirementFact(entry.req, source, entry.start, entry.end));
    } catch (error) {
      const place = { source, start: item.start, end: item.start + item.text.length };
      facts.push(internalErrorFact(place, error));
    }
  }
  return facts;
}
