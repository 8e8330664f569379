// A one-pass TOML 1.0 reader for the common case: the files people write and the tools generate, read with
// `charCodeAt` straight into the document model, with no tokens or tree in between. It accepts only what it fully
// validates and gives up (undefined) on anything else: any syntax error, TOML 1.1 syntax, a date or time, a
// hexadecimal, octal, binary, huge or zero-led number, a duplicate or re-opened key or table, a dotted key into a
// table defined elsewhere, deep nesting, a very long string. `parseTomlDocument` then takes the recovering path
// over toml-eslint-parser, which reports what is wrong; when this reader accepts, its model is the one that path
// builds. Hand-written because no library is both fast and keeps source positions: toml-eslint-parser takes 3.8 ms
// of CPU over a 92 KB pyproject.toml with 2,000 dependencies and 1.2 ms over a 23 KB uv.lock, this reader 0.46 ms
// and 0.14 ms (0.12x); smol-toml and @ltd/j-toml keep no positions, @iarna/toml is slower, taplo is WebAssembly.

import {
  TAB,
  LF,
  CR,
  SPACE,
  QUOTE,
  HASH,
  APOSTROPHE,
  PLUS,
  COMMA,
  MINUS,
  DOT,
  ZERO,
  NINE,
  EQUALS,
  LBRACKET,
  BACKSLASH,
  RBRACKET,
  UNDERSCORE,
  LBRACE,
  RBRACE,
  DELETE,
} from './tomlChars';
import type { Span, TomlArray, TomlString, TomlTable, TomlValue } from './tomlModel';

// The reference parser spreads a string's code points into one call and recurses per nesting level: far below
// where either overflows, and far above what a manifest or lock holds.
const MAX_STRING = 10_000;
const MAX_DEPTH = 32;
const MAX_NUMBER = 64;

/** Thrown to give up; caught once, in `readTomlFast`. */
const GIVE_UP = new Error('not the common case');

/** One part of a dotted key, where it was written. */
interface KeyPart {
  name: string;
  start: number;
  end: number;
}

// The reader's state: one text read at a time, start to end, with nothing called back in between.
let text = '';
let n = 0;
/** Where the value just read ends. */
let at = 0;
/** The decoded name of the key part or string just read. */
let name = '';
/** Spans that end where the current table section ends: its table and the super-tables its header names. */
const pending: Span[] = [];

/**
 * The root table of `source` when it is valid TOML 1.0 of the common shape, built exactly as `parseTomlReference`
 * builds it; undefined for anything else. A byte-order mark must already be a space.
 */
export function readTomlFast(source: string): TomlTable | undefined {
  text = source;
  n = source.length;
  try {
    return readDocument();
  } catch {
    // Given up (or a case this reader did not foresee): the reference path decides.
    return undefined;
  } finally {
    text = '';
    pending.length = 0;
  }
}

function readDocument(): TomlTable {
  const root = newTable(0, n, 'root');
  let table = root;
  let sectionEnd = 0;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === SPACE || c === TAB || c === LF) p++;
    else if (c === CR) p = crlf(p);
    else if (c === HASH) p = skipComment(p);
    else if (c === LBRACKET) {
      closeSection(sectionEnd);
      table = readHeader(root, p);
      sectionEnd = at;
      p = lineEnd(at);
    } else {
      sectionEnd = readKeyValue(table, p, 0);
      p = lineEnd(sectionEnd);
    }
  }
  closeSection(sectionEnd);
  return root;
}

function closeSection(end: number): void {
  for (const span of pending) span.end = end;
  pending.length = 0;
}

/** After a statement: blanks, then a comment, a line break or the end. */
function lineEnd(from: number): number {
  let p = from;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === SPACE || c === TAB) p++;
    else if (c === HASH) return skipComment(p);
    else if (c === LF || c === CR) return p;
    else throw GIVE_UP;
  }
  return p;
}

/** A CR at `p` must start a CRLF: TOML has no other line break, and tomllib refuses a lone CR. */
function crlf(p: number): number {
  if (text.charCodeAt(p + 1) !== LF) throw GIVE_UP;
  return p + 2;
}

/** A comment from its `#` to the line break it stops before. */
function skipComment(from: number): number {
  for (let p = from + 1; p < n; p++) {
    const c = text.charCodeAt(p);
    if (c < SPACE || c === DELETE) {
      if (c === LF || c === CR) return p;
      if (c !== TAB) throw GIVE_UP;
    }
  }
  return n;
}

function skipBlanks(from: number): number {
  let p = from;
  for (let c = text.charCodeAt(p); c === SPACE || c === TAB; c = text.charCodeAt(++p));
  return p;
}

/** Blanks, line breaks and comments, as between the items of an array. */
function skipLines(from: number): number {
  let p = from;
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === SPACE || c === TAB || c === LF) p++;
    else if (c === CR) p = crlf(p);
    else if (c === HASH) p = skipComment(p);
    else return p;
  }
}

// -------------------------------------------------------------------------------------------------------
// Keys and tables

/** One part of a key (bare, basic or literal) at `from`; its name in `name`, its end returned. */
function readKeyPart(from: number): number {
  const c = text.charCodeAt(from);
  if (c === QUOTE || c === APOSTROPHE) {
    // A multi-line string is no key.
    if (text.charCodeAt(from + 1) === c && text.charCodeAt(from + 2) === c) throw GIVE_UP;
    return readString(from, c);
  }
  let p = from;
  for (let k = c; isBare(k); k = text.charCodeAt(++p));
  if (p === from) throw GIVE_UP;
  name = text.slice(from, p);
  return p;
}

/** A key, dotted or not: the parts before the last (undefined when there are none) and the last in `last`. */
function readKey(from: number, last: KeyPart): KeyPart[] | undefined {
  let p = readKeyPart(from);
  let start = from;
  let path: KeyPart[] | undefined;
  for (;;) {
    const end = p;
    p = skipBlanks(p);
    if (text.charCodeAt(p) !== DOT) {
      last.name = name;
      last.start = start;
      last.end = end;
      at = p;
      return path;
    }
    (path ??= []).push({ name, start, end });
    start = skipBlanks(p + 1);
    p = readKeyPart(start);
  }
}

/** `[a.b]` or `[[a.b]]` at `start`: the table its key/values go into. */
function readHeader(root: TomlTable, start: number): TomlTable {
  const many = text.charCodeAt(start + 1) === LBRACKET;
  const last: KeyPart = { name: '', start: 0, end: 0 };
  const path = readKey(skipBlanks(start + (many ? 2 : 1)), last);
  let p = at;
  if (text.charCodeAt(p) !== RBRACKET || (many && text.charCodeAt(++p) !== RBRACKET)) throw GIVE_UP;
  const end = p + 1;
  at = end;
  let parent = root;
  if (path) for (const part of path) parent = superTable(parent, part, start, end);
  const entry = parent.entries.get(last.name);
  if (many) {
    const item = sectionTable(start, end, 'array-of-tables-item');
    if (!entry) {
      const array: TomlArray = { kind: 'array', items: [item], span: { start, end } };
      pending.push(array.span);
      addEntry(parent, last, array);
    } else if (isArrayOfTables(entry.value)) {
      entry.value.items.push(item);
      pending.push(entry.value.span);
    } else throw GIVE_UP;
    return item;
  }
  if (!entry) return addEntry(parent, last, sectionTable(start, end, 'header'));
  // Only a super-table named by an earlier header may be defined after its sub-tables.
  const table = entry.value;
  if (table.kind !== 'table' || table.origin !== 'implicit') throw GIVE_UP;
  table.origin = 'header';
  table.span = { start, end };
  pending.push(table.span);
  entry.keySpan = { start: last.start, end: last.end };
  return table;
}

/** A table a header names on its way (`tool` in `[tool.black]`), made if new; an array of tables by its last item. */
function superTable(parent: TomlTable, part: KeyPart, start: number, end: number): TomlTable {
  const entry = parent.entries.get(part.name);
  if (!entry) return addEntry(parent, part, sectionTable(start, end, 'implicit'));
  const value = entry.value;
  if (value.kind === 'table') {
    // A header may open a sub-table of one made by dotted keys (`[tool.ruff.lint.isort]` after `lint.select = …`).
    if (value.origin === 'implicit' || value.origin === 'dotted') pending.push(value.span);
    else if (value.origin !== 'header') throw GIVE_UP;
    return value;
  }
  if (!isArrayOfTables(value)) throw GIVE_UP;
  return value.items[value.items.length - 1] as TomlTable;
}

/** `key = value` at `from` into `table`; returns where the value ends. */
function readKeyValue(table: TomlTable, from: number, depth: number): number {
  const last: KeyPart = { name: '', start: 0, end: 0 };
  const path = readKey(from, last);
  const p = at;
  if (text.charCodeAt(p) !== EQUALS) throw GIVE_UP;
  const value = readValue(skipBlanks(p + 1), depth);
  const end = at;
  let parent = table;
  if (path) for (const part of path) parent = dottedTable(parent, part, from, end);
  if (parent.entries.has(last.name)) throw GIVE_UP;
  addEntry(parent, last, value);
  return end;
}

// -------------------------------------------------------------------------------------------------------
// Values: each read from its first character, its end left in `at`.

function readValue(p: number, depth: number): TomlValue {
  const c = text.charCodeAt(p);
  if (c === QUOTE || c === APOSTROPHE) {
    const multiLine = text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c;
    const end = (at = multiLine ? readMultiLine(p, c) : readString(p, c));
    const quotes = multiLine ? 3 : 1;
    const string: TomlString = {
      kind: 'string',
      value: name,
      span: { start: p, end },
      style: STYLES[(c === QUOTE ? 0 : 1) + (multiLine ? 2 : 0)],
      contentSpan: { start: p + quotes, end: end - quotes },
    };
    return string;
  }
  if (c === LBRACKET) return readArray(p, depth);
  if (c === LBRACE) return readInlineTable(p, depth);
  if (c === 116 /* t */ && text.startsWith('true', p)) {
    at = p + 4;
    return { kind: 'boolean', value: true, span: { start: p, end: p + 4 } };
  }
  if (c === 102 /* f */ && text.startsWith('false', p)) {
    at = p + 5;
    return { kind: 'boolean', value: false, span: { start: p, end: p + 5 } };
  }
  return readNumber(p);
}

function readArray(start: number, depth: number): TomlArray {
  if (depth >= MAX_DEPTH) throw GIVE_UP;
  const items: TomlValue[] = [];
  let p = skipLines(start + 1);
  while (text.charCodeAt(p) !== RBRACKET) {
    items.push(readValue(p, depth + 1));
    p = skipLines(at);
    const c = text.charCodeAt(p);
    if (c === COMMA) p = skipLines(p + 1);
    else if (c !== RBRACKET) throw GIVE_UP;
  }
  at = p + 1;
  return { kind: 'array', items, span: { start, end: p + 1 } };
}

/** TOML 1.0: on one line (but for line breaks inside its values), no trailing comma. */
function readInlineTable(start: number, depth: number): TomlTable {
  if (depth >= MAX_DEPTH) throw GIVE_UP;
  const table = newTable(start, start, 'inline');
  let p = skipBlanks(start + 1);
  if (text.charCodeAt(p) !== RBRACE) {
    for (;;) {
      p = skipBlanks(readKeyValue(table, p, depth + 1));
      const c = text.charCodeAt(p);
      if (c === RBRACE) break;
      if (c !== COMMA) throw GIVE_UP;
      p = skipBlanks(p + 1);
    }
  }
  table.span.end = at = p + 1;
  return table;
}

/** A decimal integer or float, `inf` or `nan`, with an optional sign. */
function readNumber(start: number): TomlValue {
  let p = start;
  let c = text.charCodeAt(p);
  const negative = c === MINUS;
  if (negative || c === PLUS) c = text.charCodeAt(++p);
  if (c === 105 /* i */ || c === 110 /* n */) {
    const word = c === 105 ? 'inf' : 'nan';
    if (!text.startsWith(word, p)) throw GIVE_UP;
    at = p + 3;
    const value = c === 110 ? NaN : negative ? -Infinity : Infinity;
    return { kind: 'float', value, span: { start, end: p + 3 } };
  }
  if (c === ZERO) {
    c = text.charCodeAt(++p);
    // `01` is a leading zero, `00:00` a time, `0x1` another base.
    if (isDigit(c) || c === 120 /* x */ || c === 111 /* o */ || c === 98 /* b */) throw GIVE_UP;
    // The reference gives an unsigned 0 that ends the text an empty span.
    if (p === n && !negative && start === p - 1) throw GIVE_UP;
  } else p = skipDigits(p);
  let float = false;
  c = text.charCodeAt(p);
  if (c === DOT) {
    p = skipDigits(p + 1);
    c = text.charCodeAt(p);
    float = true;
  }
  if (c === 101 /* e */ || c === 69 /* E */) {
    c = text.charCodeAt(++p);
    if (c === PLUS || c === MINUS) p++;
    p = skipDigits(p);
    c = text.charCodeAt(p);
    float = true;
  }
  // A date (`1979-05-27`) or a time (`07:32:00`).
  if (c === MINUS || c === 58 /* : */ || p - start > MAX_NUMBER) throw GIVE_UP;
  at = p;
  const raw = text.slice(start, p);
  const value = Number(raw.includes('_') ? raw.replace(/_/g, '') : raw);
  // Beyond 2^53 an integer is rounded, past the largest double a float is infinite: both left to the reference.
  if (float ? !Number.isFinite(value) : !Number.isSafeInteger(value)) throw GIVE_UP;
  // `-0` is the integer 0, as the reference's `parseInt` reads it.
  return { kind: float ? 'float' : 'integer', value: float ? value : value + 0, span: { start, end: p } };
}

/** Digits at `from` with single underscores between them; returns their end. */
function skipDigits(from: number): number {
  let p = from;
  if (!isDigit(text.charCodeAt(p))) throw GIVE_UP;
  for (;;) {
    let c = text.charCodeAt(++p);
    if (c === UNDERSCORE) {
      c = text.charCodeAt(++p);
      if (!isDigit(c)) throw GIVE_UP;
    } else if (!isDigit(c)) return p;
  }
}

// -------------------------------------------------------------------------------------------------------
// Strings: each returns the offset after its closing delimiter, its decoded value in `name`.

/** A one-line basic (`"`) or literal (`'`) string at `start`. */
function readString(start: number, quote: number): number {
  let decoded = '';
  let from = start + 1;
  let p = from;
  for (;;) {
    if (p >= n) throw GIVE_UP;
    const c = text.charCodeAt(p);
    if (c === quote) break;
    if (c === BACKSLASH && quote === QUOTE) {
      decoded += text.slice(from, p);
      p = readEscape(p);
      decoded += name;
      from = p;
    } else if ((c < SPACE && c !== TAB) || c === DELETE) throw GIVE_UP;
    else p++;
  }
  if (p - start > MAX_STRING) throw GIVE_UP;
  name = decoded + text.slice(from, p);
  return p + 1;
}

/** A multi-line basic (`"""`) or literal (`'''`) string at `start`. */
function readMultiLine(start: number, quote: number): number {
  let decoded = '';
  let p = afterFirstLine(start + 3);
  let from = p;
  for (;;) {
    if (p >= n) throw GIVE_UP;
    const c = text.charCodeAt(p);
    if (c === quote) {
      const end = closingEnd(p, quote);
      if (end >= 0) {
        if (end - start > MAX_STRING) throw GIVE_UP;
        name = decoded + text.slice(from, end - 3);
        return end;
      }
      p++;
    } else if (c === BACKSLASH && quote === QUOTE) {
      decoded += text.slice(from, p);
      const next = text.charCodeAt(p + 1);
      if (next === SPACE || next === TAB || next === LF || next === CR) {
        // A line-ending backslash: the line break and all blanks and line breaks after it go.
        p = skipBlanks(p + 1);
        const b = text.charCodeAt(p);
        if (b === CR) p = crlf(p);
        else if (b === LF) p++;
        else throw GIVE_UP;
        for (let k = text.charCodeAt(p); k === SPACE || k === TAB || k === LF || k === CR; k = text.charCodeAt(p))
          p = k === CR ? crlf(p) : p + 1;
      } else {
        p = readEscape(p);
        decoded += name;
      }
      from = p;
    } else if (c === CR) {
      // The reference reads a CRLF as one line feed.
      decoded += text.slice(from, p) + '\n';
      p = from = crlf(p);
    } else if ((c < SPACE && c !== TAB && c !== LF) || c === DELETE) throw GIVE_UP;
    else p++;
  }
}

/** Past the line break right after an opening `"""` or `'''`, which is not part of the value. */
function afterFirstLine(p: number): number {
  const c = text.charCodeAt(p);
  return c === LF ? p + 1 : c === CR ? crlf(p) : p;
}

/**
 * At a quote inside a multi-line string: the end of the closing delimiter when three quotes start here, else -1.
 * Up to two more quotes belong to the value (`"""a""""` is `a"`); six in a row are an error.
 */
function closingEnd(p: number, quote: number): number {
  if (text.charCodeAt(p + 1) !== quote || text.charCodeAt(p + 2) !== quote) return -1;
  let end = p + 3;
  if (text.charCodeAt(end) === quote) end++;
  if (text.charCodeAt(end) === quote) end++;
  if (text.charCodeAt(end) === quote) throw GIVE_UP;
  return end;
}

/** A TOML 1.0 escape at the backslash `p`: its character in `name`, the offset after it returned. */
function readEscape(p: number): number {
  const c = text.charCodeAt(p + 1);
  const simple = ESCAPES[c];
  if (simple !== undefined && c < ESCAPES.length) {
    name = simple;
    return p + 2;
  }
  const length = c === 117 /* u */ ? 4 : c === 85 /* U */ ? 8 : 0;
  if (length === 0) throw GIVE_UP;
  let code = 0;
  for (let q = p + 2; q < p + 2 + length; q++) {
    const h = hexValue(text.charCodeAt(q));
    if (h < 0) throw GIVE_UP;
    code = code * 16 + h;
  }
  // Only Unicode scalar values: no surrogates, nothing past U+10FFFF.
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw GIVE_UP;
  name = String.fromCodePoint(code);
  return p + 2 + length;
}

const STYLES: readonly TomlString['style'][] = ['basic', 'literal', 'multiline-basic', 'multiline-literal'];

/** The characters of TOML 1.0's one-letter escapes, by the letter's code. */
const ESCAPES: (string | undefined)[] = [];
ESCAPES[98] = '\b';
ESCAPES[116] = '\t';
ESCAPES[110] = '\n';
ESCAPES[102] = '\f';
ESCAPES[114] = '\r';
ESCAPES[QUOTE] = '"';
ESCAPES[BACKSLASH] = '\\';

function newTable(start: number, end: number, origin: TomlTable['origin']): TomlTable {
  return { kind: 'table', entries: new Map(), span: { start, end }, origin };
}

/** A table a header makes: it ends where its section does. */
function sectionTable(start: number, end: number, origin: TomlTable['origin']): TomlTable {
  const table = newTable(start, end, origin);
  pending.push(table.span);
  return table;
}

function addEntry<T extends TomlValue>(table: TomlTable, part: KeyPart, value: T): T {
  table.entries.set(part.name, { key: part.name, keySpan: { start: part.start, end: part.end }, value });
  return value;
}

/** The table a dotted key names on its way (`a` in `a.b = 1`), made if new: only tables made so may be added to. */
function dottedTable(parent: TomlTable, part: KeyPart, start: number, end: number): TomlTable {
  const entry = parent.entries.get(part.name);
  if (!entry) return addEntry(parent, part, newTable(start, end, 'dotted'));
  const value = entry.value;
  if (value.kind !== 'table' || value.origin !== 'dotted') throw GIVE_UP;
  if (end > value.span.end) value.span.end = end;
  return value;
}

/** An array made by `[[...]]` headers, not a value: its items are tables of that origin, and it is never empty. */
function isArrayOfTables(value: TomlValue): value is TomlArray {
  if (value.kind !== 'array') return false;
  const first = value.items[0] as TomlValue | undefined;
  return first?.kind === 'table' && first.origin === 'array-of-tables-item';
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isBare(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= ZERO && c <= NINE) || c === UNDERSCORE || c === MINUS;
}

function hexValue(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
