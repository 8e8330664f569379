// A TOML document model that keeps exact source positions and survives a file that is mid-edit.
// toml-eslint-parser gives exact ranges but stops at the first syntax error, so the broken part is blanked
// out with spaces and the text parsed again: one line of a multi-line array, else the statement, else its
// whole table section. The file is read as TOML 1.0, as tomllib and the build front-ends read pyproject.toml.
// A valid file of the usual shape (nearly all of them) is read by tomlFast.ts instead, into the same model.

import { parseTOML, ParseError, type AST } from 'toml-eslint-parser';
import {
  TAB,
  LF,
  CR,
  SPACE,
  QUOTE,
  HASH,
  APOSTROPHE,
  COMMA,
  EQUALS,
  LBRACKET,
  BACKSLASH,
  RBRACKET,
  LBRACE,
  RBRACE,
} from './tomlChars';
import { readTomlFast } from './tomlFast';
import type { Span, TomlArray, TomlDocument, TomlError, TomlString, TomlTable, TomlValue } from './tomlModel';

export type {
  Span,
  TomlArray,
  TomlBoolean,
  TomlDateTime,
  TomlDocument,
  TomlEntry,
  TomlError,
  TomlNumber,
  TomlString,
  TomlTable,
  TomlTableOrigin,
  TomlValue,
} from './tomlModel';

/**
 * Parses TOML 1.0 as tomllib does: TOML 1.1 syntax, a lone CR and a date or time Python cannot hold are errors.
 * Never throws: a syntax error is reported and the broken statement left out (only the broken line, inside a
 * multi-line array); if its table section still fails, the section goes too. Every other table keeps its values
 * and exact spans.
 */
export function parseTomlDocument(text: string): TomlDocument {
  // Most files are valid and of the usual shape: read in one pass, the same model at a fraction of the cost.
  const root = readTomlFast(withoutBom(text));
  return root ? { root, errors: [] } : parseTomlReference(text);
}

/** The same reading through toml-eslint-parser, recovering from errors: what `parseTomlDocument` falls back on. */
export function parseTomlReference(text: string): TomlDocument {
  const errors: TomlError[] = [];
  const body = parseRecovering(withoutBom(text), errors);
  return { root: buildRoot(body, { text, errors }), errors };
}

/** The parser rejects a byte-order mark; a space in its place keeps every offset. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** The value at `path`: strings name table keys, numbers index arrays (an array of tables included). */
export function lookup(from: TomlDocument | TomlValue, path: readonly (string | number)[]): TomlValue | undefined {
  let value: TomlValue | undefined = 'root' in from ? from.root : from;
  for (const segment of path) {
    if (value === undefined) return undefined;
    if (typeof segment === 'number') value = value.kind === 'array' ? value.items[segment] : undefined;
    else value = value.kind === 'table' ? value.entries.get(segment)?.value : undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Recovery

// A file with this many broken statements is not being edited but pasted or garbled: past the first
// limit each error takes its whole section, past the second everything from its section on, so the
// number of full parses stays bounded.
const STATEMENT_ATTEMPTS = 16;
const STATEMENTS_PER_SECTION = 3;
const SECTION_ATTEMPTS = 48;

/** How much an attempt blanks, from least to most. */
type Level = 'line' | 'statement' | 'section' | 'tail' | 'all';
const LEVELS: readonly Level[] = ['line', 'statement', 'section', 'tail', 'all'];

/** Where and why a parse failed; no index when the parser gave none (a stack overflow). */
interface Failure {
  index?: number;
  message: string;
  /** What to underline, when the error's token is not it. */
  span?: Span;
  /** The least to blank before parsing again, when less than the line or statement will do. */
  blank?: Span;
  /** A parser error, which may be TOML 1.1 syntax. */
  parser?: boolean;
}

const TOML_1_0 = { tomlVersion: '1.0' } as const;

function parseRecovering(source: string, errors: TomlError[]): AST.TOMLTopLevelTable['body'] {
  let masked = source;
  // What each section (by its header's offset, -1 for the root) has lost so far. A new error in a statement already
  // blanked is a consequence of the first and widens the blank; one in another statement is a second typo, reported
  // and blanked on its own, up to a few per section (a person mid-edit keeps the rest of the table).
  const repairs = new Map<number, { level: Level; statement: number; statements: number }>();
  for (let attempt = 1; ; attempt++) {
    let failure: Failure | undefined;
    let body: AST.TOMLTopLevelTable['body'] | undefined;
    try {
      const ast = parseTOML(masked, TOML_1_0);
      // Nothing here reads the tokens and comments, half of what the tree holds: let go before the model is built, a
      // collection meanwhile does not copy them.
      ast.tokens = [];
      ast.comments = [];
      body = ast.body[0].body;
      failure = unreadableDateTime(masked, body);
    } catch (error) {
      failure =
        error instanceof ParseError
          ? { index: error.index, message: error.message, parser: true }
          : { message: String(error) };
    }
    // The parser takes a lone CR for a line break in places; tomllib refuses it everywhere.
    const cr = masked.includes('\r') ? masked.search(LONE_CR) : -1;
    if (cr >= 0 && (failure?.index === undefined || failure.index > cr))
      failure = {
        index: cr,
        message: LONE_CR_MESSAGE,
        span: { start: cr, end: cr + 1 },
        blank: { start: cr, end: cr },
      };
    if (!failure) return body ?? [];

    // Blanked text is plain space, so an outline of what is left sees exactly the statements still there.
    const statements = outline(masked);
    const culprit = locate(masked, statements, failure);
    const statement = statements[culprit.index] as Statement | undefined;
    const header = statement ? (statements[sectionHeader(statements, culprit.index)]?.start ?? -1) : -1;
    const previous = repairs.get(header);
    const at = statement?.start ?? -1;
    const fresh = !previous || (previous.statement !== at && previous.statements < STATEMENTS_PER_SECTION);
    // An error the parser meets again at the same place (an unterminated string runs to the end whatever is blanked)
    // is the same error, reported once.
    const repeated = errors.some(
      (e) => e.message === culprit.message && e.span.start === culprit.span.start && e.span.end === culprit.span.end,
    );
    if (fresh && !repeated) errors.push({ message: culprit.message, span: culprit.span });

    let level: Level;
    if (!statement) level = 'all';
    else if (attempt > SECTION_ATTEMPTS) level = 'tail';
    else if (attempt > STATEMENT_ATTEMPTS || statement.header) level = 'section';
    else if (fresh) level = culprit.line ? 'line' : 'statement';
    // Blanking one line of a statement was not enough: the statement goes, then the section.
    else level = previous?.level === 'line' && previous.statement === at ? 'statement' : 'section';
    repairs.set(header, { level, statement: at, statements: (previous?.statements ?? 0) + (fresh ? 1 : 0) });

    // Widen until something new is blanked: each attempt parses strictly less text, so the loop ends.
    for (let l = LEVELS.indexOf(level); ; l++) {
      if (l === LEVELS.length) return [];
      const range = blankRange(statements, culprit, LEVELS[l], masked.length);
      if (!range) continue;
      const next = blank(masked, range.start, range.end);
      if (next !== masked) {
        masked = next;
        break;
      }
    }
  }
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_MESSAGE = 'A carriage return (CR) must be followed by a line feed (LF): TOML has no other line break';

// A year 0 or a leap second: valid RFC 3339, but Python's datetime cannot hold it, so tomllib refuses it.
const UNREADABLE_DATE_TIME = /(?:^|[^0-9])0000-\d\d-\d\d|\d\d:\d\d:60/;

/** The first date or time value tomllib cannot read; the walk only runs where the text has one. */
function unreadableDateTime(text: string, body: AST.TOMLTopLevelTable['body']): Failure | undefined {
  // Two plain searches rule out nearly every file before the expression runs over the whole text.
  if ((!text.includes('0000-') && !text.includes(':60')) || !UNREADABLE_DATE_TIME.test(text)) return undefined;
  let found: Failure | undefined;
  const visit = (node: AST.TOMLNode): void => {
    if (found) return;
    switch (node.type) {
      case 'TOMLTable':
      case 'TOMLInlineTable':
        node.body.forEach(visit);
        break;
      case 'TOMLKeyValue':
        visit(node.value);
        break;
      case 'TOMLArray':
        node.elements.forEach(visit);
        break;
      case 'TOMLValue': {
        if (node.kind === 'string' || node.kind === 'integer' || node.kind === 'float' || node.kind === 'boolean')
          break;
        const raw = text.slice(node.range[0], node.range[1]);
        const year0 = /^0000-/.test(raw);
        if (year0 || /\d\d:\d\d:60/.test(raw)) {
          const why = year0 ? 'the year 0' : 'a leap second';
          found = {
            index: node.range[0],
            message: `tomllib cannot read ${why} (Python's datetime has no such value)`,
            span: spanOf(node),
          };
        }
        break;
      }
      default:
        break;
    }
  };
  body.forEach(visit);
  return found;
}

function parses(text: string, tomlVersion: '1.0' | '1.1'): boolean {
  try {
    parseTOML(text, { tomlVersion });
    return true;
  } catch {
    return false;
  }
}

/**
 * When the failed statement is TOML 1.1 (which the parser also reads) but not 1.0, what to say and underline:
 * pip's tomllib reads 1.0 only, so such a file works in a 1.1 editor and breaks the build.
 */
function tomlVersionError(
  text: string,
  statement: Statement,
  failure: Failure,
): { message: string; span: Span } | undefined {
  const at = failure.index ?? 0;
  const source = text.slice(statement.start, statement.end);
  if (parses(source, '1.0') || !parses(source, '1.1')) return undefined;
  const valueSpan = () => {
    let start = at;
    while (start > 0 && !isSpace(text.charCodeAt(start - 1)) && !isTokenStop(text.charCodeAt(start - 1))) start--;
    return { start, end: tokenSpan(text, at).end };
  };
  let what: string;
  let span: Span;
  if (text.charCodeAt(at - 1) === BACKSLASH && (text[at] === 'e' || text[at] === 'x')) {
    what = text[at] === 'e' ? 'The escape \\e' : 'The escape \\xHH';
    span = { start: at - 1, end: at + (text[at] === 'e' ? 1 : 3) };
  } else if (failure.message.startsWith('Trailing comma')) {
    what = 'A trailing comma in an inline table';
    const comma = text.lastIndexOf(',', at);
    span = { start: comma, end: comma + 1 };
  } else if (failure.message.startsWith('No newlines')) {
    what = 'A line break inside an inline table';
    const brace = text.lastIndexOf('{', at);
    span = { start: brace, end: brace + 1 };
  } else if (/\d\d:\d\d$/.test(text.slice(Math.max(0, at - 5), at))) {
    what = 'A time without seconds';
    span = valueSpan();
  } else {
    what = `${failure.message}: this`;
    span = tokenSpan(text, at);
  }
  return { message: `${what} is TOML 1.1 syntax, which tomllib and pip (TOML 1.0) do not accept`, span };
}

interface Culprit {
  /** The statement to blank; -1 for none found, when everything goes. */
  index: number;
  /** The one line of a multi-line array or inline table (or the one character) to try blanking first. */
  line?: Span;
  message: string;
  span: Span;
}

// The library's own wording, for an error the parser only noticed on a later line.
const UNFINISHED_MESSAGES: Record<Unfinished, string> = {
  string: 'Unterminated string constant',
  'multiline-string': 'Unterminated string constant',
  array: 'Unterminated array',
  'inline-table': 'Unterminated inline table',
  'table-key': 'Unterminated table-key',
  equals: 'Expected equal (=) token',
  value: 'Unspecified values are invalid',
};

function locate(text: string, statements: Statement[], failure: Failure): Culprit {
  if (failure.index === undefined) return unplaced(text, statements);
  const culprit = locateAt(text, statements, failure.index, failure.message);
  if (failure.span) {
    // A lone CR outside every statement (on a line of its own) is blanked alone; inside one, the statement goes.
    const blank = failure.blank;
    const outside = blank !== undefined && !statements.some((s) => s.start <= blank.start && blank.start <= s.end);
    return { ...culprit, message: failure.message, span: failure.span, line: outside ? blank : culprit.line };
  }
  if (failure.parser && text.charCodeAt(failure.index) === 0xfeff) {
    return {
      ...culprit,
      message: 'A byte-order mark (U+FEFF) may only start the file',
      span: { start: failure.index, end: failure.index + 1 },
    };
  }
  const statement = statements[culprit.index] as Statement | undefined;
  const newer = failure.parser && statement ? tomlVersionError(text, statement, failure) : undefined;
  // The TOML 1.1 construct is the statement itself: it goes whole.
  return newer ? { ...culprit, ...newer, line: undefined } : culprit;
}

function locateAt(text: string, statements: Statement[], at: number, message: string): Culprit {
  // A statement left open (unclosed bracket, string or header, missing `=` or value) makes the parser read on
  // into later lines, so the first such statement before the error is the one to blame.
  let containing = -1;
  for (let i = 0; i < statements.length && statements[i].start <= at; i++) {
    const s = statements[i];
    if (s.unfinished) {
      const { kind, at: opened } = s.unfinished;
      const inside = at <= s.end;
      const shown = inside ? message : UNFINISHED_MESSAGES[kind];
      // Inside a multi-line value the parser's own position is the better pointer; past it, the opening is.
      if (inside && (kind === 'array' || kind === 'inline-table' || kind === 'multiline-string')) {
        return { index: i, line: elementLine(text, s, at), message: shown, span: tokenSpan(text, at) };
      }
      const line = kind === 'string' ? elementLine(text, s, opened) : undefined;
      return { index: i, line, message: shown, span: { start: opened, end: trimmedLineEnd(text, opened) } };
    }
    containing = i;
  }
  if (containing < 0 && statements.length > 0) containing = 0;
  const line =
    containing < 0 || at > statements[containing].end ? undefined : elementLine(text, statements[containing], at);
  return { index: containing, line, message, span: tokenSpan(text, at) };
}

/** The line holding `at` when it is a later line of a multi-line array or inline table: one item, worth blanking alone. */
function elementLine(text: string, statement: Statement, at: number): Span | undefined {
  if (!statement.itemLines || at <= lineEnd(text, statement.start)) return undefined;
  return { start: text.lastIndexOf('\n', at - 1) + 1, end: lineEnd(text, at) };
}

// The parser recurses per nesting level and spreads a token's characters into one call, so a deep value or a
// very long token (beyond some 100,000 characters) overflows the stack, and the error carries no position.
const DEEP = 100;

function unplaced(text: string, statements: Statement[]): Culprit {
  let deepest = -1;
  let longest = -1;
  statements.forEach((s, i) => {
    if (deepest < 0 || s.depth > statements[deepest].depth) deepest = i;
    if (longest < 0 || s.end - s.start > statements[longest].end - statements[longest].start) longest = i;
  });
  if (longest < 0) return { index: -1, message: 'Too long to parse', span: { start: 0, end: text.length } };
  const deep = statements[deepest].depth >= DEEP;
  const s = statements[deep ? deepest : longest];
  return {
    index: deep ? deepest : longest,
    message: deep ? 'Nested too deeply to parse' : 'Too long to parse',
    span: { start: s.contentStart, end: s.contentEnd },
  };
}

function sectionHeader(statements: Statement[], index: number): number {
  for (let i = index; i >= 0; i--) if (statements[i].header) return i;
  return -1;
}

/** The offsets `level` covers around the culprit; undefined when the level does not apply. */
function blankRange(statements: Statement[], culprit: Culprit, level: Level, length: number): Span | undefined {
  const index = culprit.index;
  if (level === 'line') return culprit.line;
  if (index < 0 || level === 'all') return { start: 0, end: length };
  if (level === 'statement') return { start: statements[index].start, end: statements[index].end };
  const first = statements[Math.max(sectionHeader(statements, index), 0)];
  if (level === 'tail') return { start: first.start, end: length };
  let last = index;
  while (last + 1 < statements.length && !statements[last + 1].header) last++;
  return { start: first.start, end: statements[last].end };
}

/** `text` with [start, end) turned to spaces, line breaks kept so every other offset stays put. */
function blank(text: string, start: number, end: number): string {
  // A CR belongs to the line break only right before LF; a lone CR is an error and goes.
  const stop = end < text.length ? end + 1 : end;
  const middle = text.slice(start, stop).replace(/\r(?!\n)|[^\r\n]/g, ' ');
  return text.slice(0, start) + middle + text.slice(stop);
}

/** The token at `at` (up to a space or `,]}=`), else the one ending there; empty between tokens. */
function tokenSpan(text: string, at: number): Span {
  let end = at;
  while (end < text.length && !isTokenStop(text.charCodeAt(end))) end++;
  if (end > at) return { start: at, end };
  let start = at;
  while (start > 0 && !isSpace(text.charCodeAt(start - 1)) && !isLineBreak(text.charCodeAt(start - 1))) start--;
  return { start, end: at };
}

function isTokenStop(c: number): boolean {
  return isSpace(c) || isLineBreak(c) || c === COMMA || c === RBRACKET || c === RBRACE || c === EQUALS;
}

function trimmedLineEnd(text: string, from: number): number {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  while (end > from && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === CR)) end--;
  return end;
}

// ---------------------------------------------------------------------------------------------------------
// Outline: a tolerant line-level lexer that splits the text into top-level statements, so an error offset
// can be traced back to the statement that caused it. Only run once the parser has failed.

type Unfinished = 'string' | 'multiline-string' | 'array' | 'inline-table' | 'table-key' | 'equals' | 'value';

interface Statement {
  /** Start of its first line. */
  start: number;
  /** End of its last line, before the LF. */
  end: number;
  /** Its first line without indentation or trailing blanks, for a message about the whole statement. */
  contentStart: number;
  contentEnd: number;
  header: boolean;
  /** Left open at the end: the parser then reads on into the next lines. */
  unfinished?: { kind: Unfinished; at: number };
  /** Deepest bracket nesting of its value. */
  depth: number;
  /** An array or inline table over several lines, with no multi-line string whose content a blank would change. */
  itemLines: boolean;
}

const KEY = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')`;
const DOTTED_KEY = String.raw`${KEY}(?:[ \t]*\.[ \t]*${KEY})*`;
// A bare first segment that cannot be a value, so `[true]`, `[1]` or `["a"]` inside an array are not mistaken for headers.
const FIRST_KEY = String.raw`(?!(?:true|false|inf|nan)[ \t]*[.\]])[A-Za-z_][A-Za-z0-9_-]*`;
const HEADER_LIKE = new RegExp(
  String.raw`[ \t]*\[\[?[ \t]*${FIRST_KEY}(?:[ \t]*\.[ \t]*${KEY})*[ \t]*\]\]?[ \t]*(?:#[^\n]*)?(?:\r?\n|\r?$)`,
  'y',
);
const KEY_VALUE_LIKE = new RegExp(String.raw`[ \t]*${DOTTED_KEY}[ \t]*=`, 'y');

/** Per-statement state of the scan. */
interface Scan {
  statement: Statement;
  /** Offsets of the `[` and `{` still open in the value. */
  brackets: number[];
  /** Offset of the `=` after the key, -1 before it. */
  equalsAt: number;
  /** Anything but blanks after the `=`. */
  sawValue: boolean;
  /** Offset of the first string that never closes, -1 for none. */
  stringAt: number;
  /** Inside a multi-line string that never closes: the lines after it are its content until one looks like a statement. */
  openString: boolean;
  /** Crossed a line break inside a multi-line string. */
  spansString: boolean;
  /** The last character outside strings and comments, or a quote for a string. */
  last: number;
}

function outline(text: string): Statement[] {
  const statements: Statement[] = [];
  const n = text.length;
  let open: Scan | undefined;
  let lineStart = 0;
  while (lineStart < n) {
    let eol = lineEnd(text, lineStart);
    // An unclosed bracket or multi-line string would swallow the rest of the file; a line that can only be a
    // header or a key ends it.
    if (open && looksLikeNewStatement(text, lineStart, open)) {
      finish(text, open);
      open = undefined;
    }
    if (open?.openString) {
      open.statement.end = eol;
      lineStart = eol + 1;
      continue;
    }
    let from = lineStart;
    if (!open) {
      const first = skipSpaces(text, lineStart, eol);
      if (first >= eol || (first === eol - 1 && text.charCodeAt(first) === CR)) {
        lineStart = eol + 1;
        continue;
      }
      const statement: Statement = {
        start: lineStart,
        end: eol,
        contentStart: first,
        contentEnd: trimmedLineEnd(text, first),
        header: false,
        depth: 0,
        itemLines: false,
      };
      statements.push(statement);
      const c = text.charCodeAt(first);
      if (c === LBRACKET || c === HASH) {
        if (c === LBRACKET) scanHeader(text, statement, first, eol);
        lineStart = eol + 1;
        continue;
      }
      open = {
        statement,
        brackets: [],
        equalsAt: -1,
        sawValue: false,
        stringAt: -1,
        openString: false,
        spansString: false,
        last: 0,
      };
      from = first;
    }
    eol = scanLine(text, open, from, eol);
    open.statement.end = eol;
    if (open.brackets.length === 0 && !open.openString) {
      finish(text, open);
      open = undefined;
    }
    lineStart = eol + 1;
  }
  if (open) finish(text, open);
  return statements;
}

function finish(text: string, scan: Scan): void {
  const { statement, brackets } = scan;
  statement.itemLines = !scan.spansString && !scan.openString && statement.end > lineEnd(text, statement.start);
  if (scan.stringAt >= 0)
    statement.unfinished = { kind: scan.openString ? 'multiline-string' : 'string', at: scan.stringAt };
  else if (brackets.length > 0)
    statement.unfinished = {
      kind: text.charCodeAt(brackets[0]) === LBRACKET ? 'array' : 'inline-table',
      at: brackets[0],
    };
  else if (scan.equalsAt < 0) statement.unfinished = { kind: 'equals', at: statement.contentStart };
  else if (!scan.sawValue) statement.unfinished = { kind: 'value', at: scan.equalsAt };
}

function looksLikeNewStatement(text: string, lineStart: number, scan: Scan): boolean {
  HEADER_LIKE.lastIndex = lineStart;
  if (HEADER_LIKE.test(text)) return true;
  // A key after `{` or `,` continues an inline table written over lines (TOML 1.1, reported as such as one statement);
  // inside an array or a string it starts a new statement.
  const inInlineTable = !scan.openString && text.charCodeAt(scan.brackets[scan.brackets.length - 1]) === LBRACE;
  if (inInlineTable && (scan.last === LBRACE || scan.last === COMMA)) return false;
  KEY_VALUE_LIKE.lastIndex = lineStart;
  return KEY_VALUE_LIKE.test(text);
}

/** Scans a key/value line from `from`; returns the end of the line it stopped on (later when a multi-line string spans lines). */
function scanLine(text: string, scan: Scan, from: number, eol: number): number {
  let p = from;
  while (p < eol) {
    const c = text.charCodeAt(p);
    if (c === HASH) return eol;
    if (c === QUOTE || c === APOSTROPHE) {
      const multiLine = text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c;
      const close = multiLine ? multiLineStringEnd(text, p + 3, c) : stringEnd(text, p + 1, eol, c);
      if (close < 0) {
        if (scan.stringAt < 0) scan.stringAt = p;
        scan.openString = multiLine;
        return eol;
      }
      scan.sawValue = scan.equalsAt >= 0;
      scan.last = c;
      p = close;
      if (p > eol) {
        scan.spansString = true;
        eol = lineEnd(text, p);
      }
      continue;
    }
    if (scan.equalsAt < 0) {
      if (c === EQUALS) scan.equalsAt = p;
    } else if (c !== SPACE && c !== TAB && c !== CR) {
      scan.sawValue = true;
      scan.last = c;
      if (c === LBRACKET || c === LBRACE) {
        scan.brackets.push(p);
        scan.statement.depth = Math.max(scan.statement.depth, scan.brackets.length);
      } else if ((c === RBRACKET || c === RBRACE) && scan.brackets.length > 0) {
        scan.brackets.pop();
      }
    }
    p++;
  }
  return eol;
}

function scanHeader(text: string, statement: Statement, first: number, eol: number): void {
  statement.header = true;
  const arrayOfTables = text.charCodeAt(first + 1) === LBRACKET;
  for (let p = first + (arrayOfTables ? 2 : 1); p < eol; p++) {
    const c = text.charCodeAt(p);
    if (c === HASH) break;
    if (c === QUOTE || c === APOSTROPHE) {
      const close = stringEnd(text, p + 1, eol, c);
      if (close < 0) break;
      p = close - 1;
    } else if (c === RBRACKET) {
      if (!arrayOfTables || text.charCodeAt(p + 1) === RBRACKET) return;
      break;
    }
  }
  statement.unfinished = { kind: 'table-key', at: first };
}

/** Offset after the closing quote of a one-line string whose content starts at `from`, or -1. */
function stringEnd(text: string, from: number, eol: number, quote: number): number {
  for (let p = from; p < eol; p++) {
    const c = text.charCodeAt(p);
    if (c === quote) return p + 1;
    if (c === BACKSLASH && quote === QUOTE) p++;
  }
  return -1;
}

/** Offset after the closing delimiter of a multi-line string whose content starts at `from`, or -1. */
function multiLineStringEnd(text: string, from: number, quote: number): number {
  for (let p = from; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === BACKSLASH && quote === QUOTE) p++;
    else if (c === quote && text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote) {
      // Up to two more quotes belong to the content: `"""a""""` is `a"`.
      let end = p + 3;
      while (end < p + 5 && text.charCodeAt(end) === quote) end++;
      return end;
    }
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  return lf < 0 ? text.length : lf;
}

function skipSpaces(text: string, from: number, end: number): number {
  let p = from;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  return p;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

// ---------------------------------------------------------------------------------------------------------
// Model: one walk over the parser's tree.

// Far beyond any real file, and well inside the stack: the walk recurses once or twice per level.
const MAX_NESTING = 1000;

interface Build {
  text: string;
  errors: TomlError[];
}

function buildRoot(body: AST.TOMLTopLevelTable['body'], build: Build): TomlTable {
  const root: TomlTable = {
    kind: 'table',
    entries: new Map(),
    span: { start: 0, end: build.text.length },
    origin: 'root',
  };
  for (const node of body) {
    if (node.type === 'TOMLKeyValue') addKeyValue(root, node, build, 0);
    else addHeaderTable(root, node, build);
  }
  return root;
}

/** The table the last part of a dotted key goes into: the parts before it are tables, made on the way as `origin`. */
function parentOf(from: TomlTable, node: AST.TOMLTable | AST.TOMLKeyValue, origin: 'implicit' | 'dotted'): TomlTable {
  const keys = node.key.keys;
  let parent = from;
  for (let i = 0; i < keys.length - 1; i++) parent = descend(parent, keys[i], origin, node.range[0], node.range[1]);
  return parent;
}

function addHeaderTable(root: TomlTable, node: AST.TOMLTable, build: Build): void {
  const start = node.range[0];
  const end = node.range[1];
  const parent = parentOf(root, node, 'implicit');
  const last = node.key.keys[node.key.keys.length - 1];
  const name = keyName(last);
  const existing = parent.entries.get(name);
  let table: TomlTable;
  if (node.kind === 'array') {
    table = { kind: 'table', entries: new Map(), span: { start, end }, origin: 'array-of-tables-item' };
    if (existing?.value.kind === 'array') {
      existing.value.items.push(table);
      existing.value.span.end = end;
    } else {
      parent.entries.set(name, {
        key: name,
        keySpan: spanOf(last),
        value: { kind: 'array', items: [table], span: { start, end } },
      });
    }
  } else if (existing?.value.kind === 'table') {
    // A super-table defined after its sub-tables: `[a.b]` then `[a]`.
    table = existing.value;
    table.origin = 'header';
    table.span = { start, end };
    existing.keySpan = spanOf(last);
  } else {
    table = { kind: 'table', entries: new Map(), span: { start, end }, origin: 'header' };
    parent.entries.set(name, { key: name, keySpan: spanOf(last), value: table });
  }
  for (const kv of node.body) addKeyValue(table, kv, build, 0);
}

function addKeyValue(table: TomlTable, node: AST.TOMLKeyValue, build: Build, depth: number): void {
  const keys = node.key.keys;
  // Most keys are one part: no tables to make on the way.
  const parent = keys.length === 1 ? table : parentOf(table, node, 'dotted');
  const last = keys[keys.length - 1];
  const name = keyName(last);
  parent.entries.set(name, { key: name, keySpan: spanOf(last), value: convert(node.value, build, depth) });
}

/** The table `key` names inside `table`, created if new; an array of tables stands for its last item. */
function descend(
  table: TomlTable,
  key: AST.TOMLBare | AST.TOMLQuoted,
  origin: 'dotted' | 'implicit',
  start: number,
  end: number,
): TomlTable {
  const name = keyName(key);
  const value = table.entries.get(name)?.value;
  if (value?.kind === 'table') {
    if ((value.origin === 'dotted' || value.origin === 'implicit') && end > value.span.end) value.span.end = end;
    return value;
  }
  if (value?.kind === 'array') {
    const item = value.items[value.items.length - 1];
    if (item?.kind === 'table') return item;
  }
  const created: TomlTable = { kind: 'table', entries: new Map(), span: { start, end }, origin };
  table.entries.set(name, { key: name, keySpan: spanOf(key), value: created });
  return created;
}

function convert(node: AST.TOMLContentNode, build: Build, depth: number): TomlValue {
  switch (node.type) {
    case 'TOMLValue':
      return node.kind === 'string' ? stringOf(node) : scalarOf(node, build);
    case 'TOMLArray': {
      const array: TomlArray = { kind: 'array', items: [], span: spanOf(node) };
      if (tooDeep(node, build, depth)) return array;
      for (const element of node.elements) array.items.push(convert(element, build, depth + 1));
      return array;
    }
    case 'TOMLInlineTable': {
      const table: TomlTable = { kind: 'table', entries: new Map(), span: spanOf(node), origin: 'inline' };
      if (tooDeep(node, build, depth)) return table;
      for (const kv of node.body) addKeyValue(table, kv, build, depth + 1);
      return table;
    }
  }
}

function stringOf(node: AST.TOMLStringValue): TomlString {
  const start = node.range[0];
  const end = node.range[1];
  const quotes = node.multiline ? 3 : 1;
  return {
    kind: 'string',
    value: node.value,
    span: { start, end },
    style: node.multiline ? (node.style === 'basic' ? 'multiline-basic' : 'multiline-literal') : node.style,
    contentSpan: { start: start + quotes, end: end - quotes },
  };
}

function scalarOf(node: Exclude<AST.TOMLValue, AST.TOMLStringValue>, build: Build): TomlValue {
  switch (node.kind) {
    case 'integer':
    case 'float':
      return { kind: node.kind, value: node.value, span: spanOf(node) };
    case 'boolean':
      return { kind: 'boolean', value: node.value, span: spanOf(node) };
    default:
      return { kind: 'datetime', raw: build.text.slice(node.range[0], node.range[1]), span: spanOf(node) };
  }
}

/** Past MAX_NESTING a value is kept empty and reported. */
function tooDeep(node: AST.TOMLArray | AST.TOMLInlineTable, build: Build, depth: number): boolean {
  if (depth < MAX_NESTING) return false;
  build.errors.push({ message: 'Nested too deeply to read', span: spanOf(node) });
  return true;
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

function spanOf(node: { range: [number, number] }): Span {
  return { start: node.range[0], end: node.range[1] };
}
