// PEP 508 requirement strings, as they appear in requirements files, pyproject.toml and pre-commit hooks' extra
// dependencies, with offsets mapped back to the file they were read from.
import { parseMarker, type Marker } from '../markers';
import { isValidSpecifier, parseSpecifier, type SpecifierParse } from '../pep440';
import type { RequirementRef } from '../rules/requirement';

/** Turns an offset in the parsed text into a file offset; an end offset may map differently at a joined line. */
export type OffsetMap = (offset: number, isEnd: boolean) => number;

export type Pep508Entry =
  | { kind: 'requirement'; req: RequirementRef; start: number; end: number }
  | { kind: 'reference'; start: number; end: number }
  | { kind: 'error'; message: string; start: number; end: number };

export const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/**
 * Parse one requirement starting at `base` in `text`'s line; `map` turns offsets into file offsets. With `known`,
 * the clauses of a package it rejects are only validated, not read (its `specifier.clauses` is empty).
 */
export function parseRequirement(text: string, base: number, hashed: boolean, map: OffsetMap, known?: (name: string) => boolean): Pep508Entry {
  const at = (o: number) => map(base + o, false);
  const atEnd = (o: number) => map(base + o, true);
  const error = (message: string, s: number, e: number): Pep508Entry => ({ kind: 'error', message, start: at(s), end: atEnd(e) });
  const m = NAME.exec(text);
  if (!m) return error(`'${text}' is not a requirement: expected a package name`, 0, text.length);
  const name = m[0];
  let pos = name.length;
  let insertAt = pos;
  const skip = () => {
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
  };
  skip();
  if (text[pos] === '[') {
    const close = text.indexOf(']', pos);
    if (close < 0) return error("Missing ']' after the extras", pos, text.length);
    const extras = text.slice(pos + 1, close).split(',').map((x) => x.trim());
    if (extras.some((x) => !NAME.test(x) || NAME.exec(x)?.[0] !== x) && !(extras.length === 1 && extras[0] === '')) {
      return error(`Invalid extras '${text.slice(pos, close + 1)}'`, pos, close + 1);
    }
    pos = close + 1;
    insertAt = pos;
  }
  skip();
  let specifier: RequirementRef['specifier'];
  let markerText: string | undefined;
  let markerStart = 0;
  if (text[pos] === '@') {
    // `name @ url`: the URL decides the version, so only the name is checked.
    const semi = text.search(/\s;/);
    if (semi >= 0) {
      markerStart = text.indexOf(';', semi) + 1;
      markerText = text.slice(markerStart);
    }
    const req: RequirementRef = { name, nameStart: at(0), nameEnd: atEnd(name.length), insertAt: at(insertAt), direct: true };
    return finishMarker({ kind: 'requirement', req, start: at(0), end: atEnd(text.length) });
  }
  const semi = text.indexOf(';', pos);
  let specEnd = semi >= 0 ? semi : text.length;
  let specStart = pos;
  if (text[pos] === '(') {
    const close = text.indexOf(')', pos);
    if (close < 0 || close > specEnd) return error("Missing ')' after the version specifier", pos, specEnd);
    if (text.slice(close + 1, specEnd).trim()) return error(`Unexpected '${text.slice(close + 1, specEnd).trim()}' after the version specifier`, close + 1, specEnd);
    specStart = pos + 1;
    specEnd = close;
  }
  const raw = text.slice(specStart, specEnd);
  const lead = raw.length - raw.trimStart().length;
  const specText = raw.trim();
  if (specText) {
    const offset = specStart + lead;
    if (/\$\{[A-Za-z0-9_]+\}/.test(specText)) {
      // The version comes from the environment; nothing can be judged before pip expands it.
      return { kind: 'reference', start: at(0), end: atEnd(text.length) };
    }
    if (!/^[<>=!~]/.test(specText)) return error(`Unexpected '${specText}' after '${name}': expected a version specifier, '@ url' or ';'`, offset, offset + specText.length);
    // The standard says nothing about this package: the specifier only has to be valid, so its clauses are not read.
    const skim = known !== undefined && !known(name) && isValidSpecifier(specText);
    const parsed: SpecifierParse = skim ? { clauses: [], errors: [] } : parseSpecifier(specText, 0);
    if (parsed.errors.length > 0) {
      const e = parsed.errors[0];
      return error(e.message, offset + e.start, offset + e.end);
    }
    specifier = { text: specText, start: at(offset), end: atEnd(offset + specText.length), clauses: parsed.clauses };
  }
  if (semi >= 0) {
    markerStart = semi + 1;
    markerText = text.slice(markerStart);
  }
  const req: RequirementRef = { name, nameStart: at(0), nameEnd: atEnd(name.length), insertAt: at(insertAt), specifier, hashed };
  return finishMarker({ kind: 'requirement', req, start: at(0), end: atEnd(text.length) });

  function finishMarker(entry: Pep508Entry & { kind: 'requirement' }): Pep508Entry {
    if (markerText === undefined) return entry;
    const lead = markerText.length - markerText.trimStart().length;
    const body = markerText.trim();
    if (!body) return error("Expected an environment marker after ';'", markerStart, text.length);
    const parsed = parseMarker(body, markerStart + lead);
    if (parsed.error) return error(parsed.error.message, parsed.error.start, parsed.error.end);
    entry.req.marker = parsed.marker as Marker;
    return entry;
  }
}

/** Parse one PEP 508 requirement string (as in pyproject.toml); `map` turns an offset in `text` into a file offset. */
export function parseRequirementText(text: string, map: OffsetMap): Pep508Entry {
  return parseRequirement(text, 0, false, map);
}
