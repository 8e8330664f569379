// No JavaScript HCL library keeps source offsets and recovers from a half-typed file, so we read the HCL2 our rules need.

/** UTF-16 offsets into the parsed text; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type HclExpr =
  | {
      kind: 'string';
      span: Span;
      /** Inside the quotes. */
      contentSpan: Span;
      /** Decoded value; null when it has templates. */
      value: string | null;
    }
  | {
      kind: 'heredoc';
      span: Span;
      /** The lines between the opening and the closing marker, line breaks included. */
      contentSpan: Span;
      /** Decoded value; null when it has templates or no closing marker. */
      value: string | null;
    }
  | { kind: 'number'; span: Span; value: number }
  | { kind: 'bool'; span: Span; value: boolean }
  | { kind: 'null'; span: Span }
  | { kind: 'object'; span: Span; items: HclObjectItem[] }
  | { kind: 'tuple'; span: Span; items: HclExpr[] }
  | {
      kind: 'traversal';
      span: Span;
      /** `module.m.out[0]` is ['module', 'm', 'out', '0']; a splat step is '*'. */
      path: string[];
    }
  /** Calls, conditionals, operators, for-expressions, parentheses, indexes by expression, or nothing (empty span). */
  | { kind: 'other'; span: Span };

export interface HclObjectItem {
  /** An identifier key, a string key's value, or the source text of any other key expression. */
  key: string;
  /** The key expression, quotes included. */
  keySpan: Span;
  value: HclExpr;
}

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  nameSpan: Span;
  value: HclExpr;
  span: Span;
}

export interface HclLabel {
  value: string;
  /** The label token, quotes included. */
  span: Span;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  typeSpan: Span;
  labels: HclLabel[];
  body: HclBody;
  span: Span;
  /** Offset just after `{`. */
  bodyStart: number;
  /** Offset of `}`, or -1 when unclosed. */
  bodyEnd: number;
}

export interface HclBody {
  items: (HclAttribute | HclBlock)[];
}

export interface HclError {
  message: string;
  span: Span;
  /** Another place the error is about: the first definition of an attribute set twice. */
  related?: { message: string; span: Span };
}

/** Reads `text` as far as it can; problems are reported in `errors`, sorted by offset. Never throws. */
export function parseHcl(text: string): { body: HclBody; errors: HclError[] } {
  const errors = new Errors();
  const tokens = new Lexer(text, errors).run();
  const body = new Parser(text, tokens, errors).parseBody(false);
  return { body, errors: errors.list.sort((a, b) => a.span.start - b.span.start) };
}

/** The first attribute called `name` directly in `body`. */
export function attribute(body: HclBody, name: string): HclAttribute | undefined {
  for (const item of body.items) {
    if (item.kind === 'attribute' && item.name === name) return item;
  }
  return undefined;
}

/** Blocks of `type` directly in `body` whose leading labels are `labels`. */
export function blocks(body: HclBody, type: string, ...labels: string[]): HclBlock[] {
  return body.items.filter(
    (item): item is HclBlock =>
      item.kind === 'block' && item.type === type && labels.every((label, i) => item.labels[i]?.value === label),
  );
}

const enum T {
  Eof,
  Ident,
  Number,
  String,
  Heredoc,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Question,
  Colon,
  DoubleColon,
  Dot,
  Ellipsis,
  Assign,
  Arrow,
  Eq,
  NotEq,
  Not,
  Lt,
  LtEq,
  Gt,
  GtEq,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  And,
  Or,
}

/** Real configurations nest a dozen levels; the cap keeps recursion far from the stack limit. */
const MAX_DEPTH = 100;

/** Beyond this a file is not HCL at all, and more diagnostics would only slow the editor down. */
const MAX_ERRORS = 1000;

/** Block types Terraform allows only at the top level: one at column 0 inside a block means a `}` is missing. */
const TOP_LEVEL_BLOCKS = new Set([
  'check',
  'data',
  'import',
  'locals',
  'module',
  'moved',
  'output',
  'provider',
  'removed',
  'resource',
  'terraform',
  'variable',
]);

const TAB = 9,
  LF = 10,
  VT = 11,
  FF = 12,
  CR = 13,
  SPACE = 32,
  BANG = 33,
  QUOTE = 34,
  HASH = 35,
  DOLLAR = 36,
  PERCENT = 37,
  AMP = 38,
  LPAREN = 40,
  RPAREN = 41,
  STAR = 42,
  PLUS = 43,
  COMMA = 44,
  MINUS = 45,
  DOT = 46,
  SLASH = 47,
  COLON = 58,
  LT = 60,
  EQUALS = 61,
  GT = 62,
  QUESTION = 63,
  LBRACKET = 91,
  BACKSLASH = 92,
  RBRACKET = 93,
  LBRACE = 123,
  PIPE = 124,
  RBRACE = 125,
  BOM = 0xfeff;

// Unicode's identifier classes, for a character past ASCII: built at the first one, since building them from ICU's
// tables takes half a millisecond of every CLI start.
let identifierClasses: { start: RegExp; continue: RegExp } | undefined;

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF || c === BOM;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isOpener(type: T): boolean {
  return type === T.LBrace || type === T.LBracket || type === T.LParen;
}

function isCloser(type: T): boolean {
  return type === T.RBrace || type === T.RBracket || type === T.RParen;
}

function canStartExpression(type: T): boolean {
  switch (type) {
    case T.Ident:
    case T.Number:
    case T.String:
    case T.Heredoc:
    case T.LParen:
    case T.LBracket:
    case T.LBrace:
    case T.Minus:
    case T.Not:
      return true;
    default:
      return false;
  }
}

// The binary operators from the loosest to the tightest, as HCL's spec ranks them.
const LEVELS: T[][] = [
  [T.Or],
  [T.And],
  [T.Eq, T.NotEq],
  [T.Lt, T.LtEq, T.Gt, T.GtEq],
  [T.Plus, T.Minus],
  [T.Star, T.Slash, T.Percent],
];
const PRECEDENCE = new Map<T, number>(LEVELS.flatMap((level, i) => level.map((t): [T, number] => [t, i + 1])));

function binaryPrecedence(type: T): number {
  return PRECEDENCE.get(type) ?? 0;
}

/** The punctuation token at `i` as `type | length << 8`, or -1. */
function punctuationAt(text: string, i: number): number {
  const d = text.charCodeAt(i + 1);
  switch (text.charCodeAt(i)) {
    case LBRACE:
      return T.LBrace | (1 << 8);
    case RBRACE:
      return T.RBrace | (1 << 8);
    case LBRACKET:
      return T.LBracket | (1 << 8);
    case RBRACKET:
      return T.RBracket | (1 << 8);
    case LPAREN:
      return T.LParen | (1 << 8);
    case RPAREN:
      return T.RParen | (1 << 8);
    case COMMA:
      return T.Comma | (1 << 8);
    case QUESTION:
      return T.Question | (1 << 8);
    case PLUS:
      return T.Plus | (1 << 8);
    case MINUS:
      return T.Minus | (1 << 8);
    case STAR:
      return T.Star | (1 << 8);
    case SLASH:
      return T.Slash | (1 << 8);
    case PERCENT:
      return T.Percent | (1 << 8);
    case DOT:
      return d === DOT && text.charCodeAt(i + 2) === DOT ? T.Ellipsis | (3 << 8) : T.Dot | (1 << 8);
    case COLON:
      return d === COLON ? T.DoubleColon | (2 << 8) : T.Colon | (1 << 8);
    case EQUALS:
      return d === EQUALS ? T.Eq | (2 << 8) : d === GT ? T.Arrow | (2 << 8) : T.Assign | (1 << 8);
    case BANG:
      return d === EQUALS ? T.NotEq | (2 << 8) : T.Not | (1 << 8);
    case LT:
      return d === EQUALS ? T.LtEq | (2 << 8) : T.Lt | (1 << 8);
    case GT:
      return d === EQUALS ? T.GtEq | (2 << 8) : T.Gt | (1 << 8);
    case AMP:
      return d === AMP ? T.And | (2 << 8) : -1;
    case PIPE:
      return d === PIPE ? T.Or | (2 << 8) : -1;
    default:
      return -1;
  }
}

/** Length of the identifier at `i` (letters, digits, `_` and `-`, not leading with a digit or `-`), 0 if none. */
function identifierLength(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) j++;
    else if (j > i && (isDigit(c) || c === MINUS)) j++;
    else if (c < 128) break;
    else {
      const cp = text.codePointAt(j) as number;
      identifierClasses ??= { start: /^\p{ID_Start}$/u, continue: /^\p{ID_Continue}$/u };
      if (!(j === i ? identifierClasses.start : identifierClasses.continue).test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
  }
  return j - i;
}

function lineEndFrom(text: string, i: number): number {
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

function nextLineStart(text: string, lineEnd: number): number {
  return text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
}

/** Whether `${` or `%{` opens a template in text[from, to), skipping the `$${` and `%%{` escapes. */
function hasTemplate(text: string, from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    if (c !== DOLLAR && c !== PERCENT) continue;
    const d = text.charCodeAt(i + 1);
    if (d === c && text.charCodeAt(i + 2) === LBRACE) i += 2;
    else if (d === LBRACE) return true;
  }
  return false;
}

/** The value of a template-free heredoc body; `<<-` removes the smallest indentation of its non-blank lines. */
function heredocValue(body: string, flush: boolean): string {
  let value = body;
  if (flush) {
    const lines = body.split('\n');
    const indentOf = (line: string) => line.length - line.replace(/^[ \t]+/, '').length;
    let indent = Infinity;
    for (const line of lines) if (line.trim() !== '') indent = Math.min(indent, indentOf(line));
    if (indent !== Infinity && indent > 0)
      value = lines.map((line) => line.slice(Math.min(indent, indentOf(line)))).join('\n');
  }
  return value.replace(/([$%])\1\{/g, '$1{');
}

class Errors {
  readonly list: HclError[] = [];

  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }

  add(message: string, start: number, end: number, related?: HclError['related']): void {
    if (this.list.length < MAX_ERRORS)
      this.list.push(related ? { message, span: { start, end }, related } : { message, span: { start, end } });
  }
}

/** Tokens as parallel arrays: a large file has tens of thousands, and as objects they would keep the GC busy. */
class Tokens {
  count = 0;
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when a line break (or the start of the text) separates the token from the previous one. */
  newline: Uint8Array;
  /** Strings and heredocs, by token index: the text between the delimiters, and the decoded value. */
  readonly literals = new Map<number, { contentStart: number; contentEnd: number; value: string | null }>();

  constructor(capacity: number) {
    this.types = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.newline = new Uint8Array(capacity);
  }

  push(type: T, start: number, end: number, newline: boolean): number {
    if (this.count === this.types.length) this.grow();
    const i = this.count++;
    this.types[i] = type;
    this.starts[i] = start;
    this.ends[i] = end;
    this.newline[i] = newline ? 1 : 0;
    return i;
  }

  private grow(): void {
    const size = this.types.length * 2;
    const grown = <A extends Uint8Array | Int32Array>(from: A, to: A): A => (to.set(from), to);
    this.types = grown(this.types, new Uint8Array(size));
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.newline = grown(this.newline, new Uint8Array(size));
  }
}

interface QuotedScan {
  end: number;
  closed: boolean;
  templated: boolean;
  /** A template interpolation went past a line break. */
  crossedLine: boolean;
}

class Lexer {
  private readonly tokens: Tokens;
  private nl = true;
  /** Cleared once an interpolation ran past a line break without closing: later strings then cost one line at most. */
  private multilineTemplates = true;
  /** Where each identifier-only line's text starts, built after a heredoc marker was first missed. */
  private markerLines: Map<string, number[]> | undefined;

  constructor(
    private readonly text: string,
    private readonly errors: Errors,
  ) {
    this.tokens = new Tokens(Math.max(16, text.length >> 3));
  }

  run(): Tokens {
    const { text } = this;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (c) {
        case SPACE:
        case TAB:
        case VT:
        case FF:
        case BOM:
          i++;
          continue;
        case LF:
        case CR:
          this.nl = true;
          i++;
          continue;
        case HASH:
          i = lineEndFrom(text, i);
          continue;
        case QUOTE:
          i = this.quoted(i);
          continue;
        case SLASH: {
          const d = text.charCodeAt(i + 1);
          if (d === SLASH) i = lineEndFrom(text, i);
          else if (d === STAR) i = this.blockComment(i);
          else break;
          continue;
        }
        case LT: {
          const end = text.charCodeAt(i + 1) === LT ? this.heredoc(i) : -1;
          if (end < 0) break;
          i = end;
          continue;
        }
      }
      if (isDigit(c)) {
        i = this.number(i);
        continue;
      }
      const length = identifierLength(text, i);
      if (length > 0) {
        this.push(T.Ident, i, i + length);
        i += length;
        continue;
      }
      const punctuation = punctuationAt(text, i);
      if (punctuation < 0) {
        i = this.invalid(i);
        continue;
      }
      this.push(punctuation & 0xff, i, i + (punctuation >> 8));
      i += punctuation >> 8;
    }
    // Two end tokens, so that the parser may always look one token ahead.
    this.nl = true;
    this.push(T.Eof, n, n);
    this.nl = true;
    this.push(T.Eof, n, n);
    return this.tokens;
  }

  private push(type: T, start: number, end: number): number {
    const i = this.tokens.push(type, start, end, this.nl);
    this.nl = false;
    return i;
  }

  private pushLiteral(
    type: T,
    start: number,
    end: number,
    value: string | null,
    contentStart: number,
    contentEnd: number,
  ): void {
    this.tokens.literals.set(this.push(type, start, end), { contentStart, contentEnd, value });
  }

  /** Skips a block comment. Like HCL, it is no line break even when it spans lines. */
  private blockComment(start: number): number {
    const close = this.text.indexOf('*/', start + 2);
    const end = close < 0 ? this.text.length : close + 2;
    if (close < 0) this.errors.add(`Unterminated comment (missing '*/')`, start, end);
    return end;
  }

  private number(start: number): number {
    const { text } = this;
    let i = start;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      const sign = text.charCodeAt(i + 1);
      const digits = sign === PLUS || sign === MINUS ? i + 2 : i + 1;
      if (isDigit(text.charCodeAt(digits))) {
        i = digits;
        while (isDigit(text.charCodeAt(i))) i++;
      }
    }
    this.push(T.Number, start, i);
    return i;
  }

  /** Skips a run of characters that start no token, reporting them once. */
  private invalid(start: number): number {
    const { text } = this;
    let i = start;
    do i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
    while (i < text.length && !this.startsToken(i));
    const shown = JSON.stringify(text.slice(start, Math.min(i, start + 20))).slice(1, -1) + (i - start > 20 ? '…' : '');
    const single = i - start === 1 || (i - start === 2 && (text.codePointAt(start) as number) > 0xffff);
    this.errors.add(`Unexpected character${single ? '' : 's'} '${shown}'`, start, i);
    return i;
  }

  private startsToken(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return (
      isBlank(c) ||
      isLineBreak(c) ||
      c === QUOTE ||
      c === HASH ||
      isDigit(c) ||
      punctuationAt(this.text, i) >= 0 ||
      identifierLength(this.text, i) > 0
    );
  }

  private quoted(start: number): number {
    const { text } = this;
    // Most strings hold no escapes, templates or line breaks: take them whole.
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pushLiteral(T.String, start, i + 1, text.slice(start + 1, i), start + 1, i);
        return i + 1;
      }
      if (c === BACKSLASH || c === DOLLAR || c === PERCENT || isLineBreak(c)) break;
    }
    let scan = this.scanQuoted(start, this.multilineTemplates);
    if (!scan.closed && scan.crossedLine) {
      this.multilineTemplates = false;
      scan = this.scanQuoted(start, false);
    }
    const contentEnd = scan.closed ? scan.end - 1 : scan.end;
    if (!scan.closed) this.errors.add('Unterminated string', start, scan.end);
    const value = scan.templated ? null : this.decode(start + 1, contentEnd);
    this.pushLiteral(T.String, start, scan.end, value, start + 1, contentEnd);
    return scan.end;
  }

  /**
   * Finds where the string opened at `start` ends. Interpolations may hold strings, braces and comments;
   * an explicit stack (not recursion) tracks them.
   */
  private scanQuoted(start: number, multiline: boolean): QuotedScan {
    const { text } = this;
    const n = text.length;
    // One entry per open level: -1 for a nested string, otherwise an interpolation's count of unmatched `{`.
    const stack: number[] = [];
    let templated = false;
    let crossedLine = false;
    let i = start + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      const top = stack.length === 0 ? -1 : stack[stack.length - 1];
      if (top < 0) {
        if (c === QUOTE) {
          i++;
          if (stack.length === 0) return { end: i, closed: true, templated, crossedLine };
          stack.pop();
        } else if (isLineBreak(c)) break;
        else if (c === BACKSLASH) i += isLineBreak(text.charCodeAt(i + 1)) ? 1 : 2;
        else if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === LBRACE)
          i += 3;
        else if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === LBRACE) {
          templated = true;
          stack.push(0);
          i += 2;
        } else i++;
        continue;
      }
      const d = text.charCodeAt(i + 1);
      if (c === QUOTE) {
        stack.push(-1);
        i++;
      } else if (c === LBRACE) {
        stack[stack.length - 1]++;
        i++;
      } else if (c === RBRACE) {
        if (top === 0) stack.pop();
        else stack[stack.length - 1]--;
        i++;
      } else if (isLineBreak(c)) {
        if (!multiline) break;
        crossedLine = true;
        i++;
      } else if (c === HASH || (c === SLASH && d === SLASH)) i = lineEndFrom(text, i);
      else if (c === SLASH && d === STAR) {
        i += 2;
        while (i < n && !(text.charCodeAt(i) === STAR && text.charCodeAt(i + 1) === SLASH)) {
          if (isLineBreak(text.charCodeAt(i))) {
            if (!multiline) break;
            crossedLine = true;
          }
          i++;
        }
        if (i < n && !isLineBreak(text.charCodeAt(i))) i += 2;
      } else i++;
    }
    return { end: Math.min(i, n), closed: false, templated, crossedLine };
  }

  /** The value of a template-free quoted string's content text[from, to). */
  private decode(from: number, to: number): string {
    const { text } = this;
    let out = '';
    let copied = from;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if ((c === DOLLAR || c === PERCENT) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === LBRACE) {
        out += text.slice(copied, i + 1);
        copied = i + 2;
        i++;
        continue;
      }
      if (c !== BACKSLASH || i + 1 >= to) continue;
      out += text.slice(copied, i);
      const escape = text[i + 1];
      let length = 2;
      let decoded: string | undefined;
      switch (escape) {
        case 'n':
          decoded = '\n';
          break;
        case 'r':
          decoded = '\r';
          break;
        case 't':
          decoded = '\t';
          break;
        case '"':
          decoded = '"';
          break;
        case '\\':
          decoded = '\\';
          break;
        case 'u':
        case 'U': {
          const digits = escape === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, Math.min(i + 2 + digits, to));
          const cp = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
          if (cp >= 0 && cp <= 0x10ffff) {
            decoded = String.fromCodePoint(cp);
            length += digits;
          }
          break;
        }
      }
      if (decoded === undefined) {
        this.errors.add(`Invalid escape sequence '\\${escape}'`, i, i + 2);
        decoded = text.slice(i, i + 2);
      }
      out += decoded;
      copied = i + length;
      i += length - 1;
    }
    return out + text.slice(copied, to);
  }

  /** Reads the heredoc opened at `start`; returns where lexing resumes, or -1 when `<<` opens none. */
  private heredoc(start: number): number {
    const { text } = this;
    const n = text.length;
    const flush = text.charCodeAt(start + 2) === MINUS;
    const markerStart = start + (flush ? 3 : 2);
    const markerEnd = markerStart + identifierLength(text, markerStart);
    if (markerEnd === markerStart) return -1;
    let lineEnd = markerEnd;
    while (lineEnd < n && (text.charCodeAt(lineEnd) === SPACE || text.charCodeAt(lineEnd) === TAB)) lineEnd++;
    if (lineEnd < n && !isLineBreak(text.charCodeAt(lineEnd))) return -1;
    const marker = text.slice(markerStart, markerEnd);
    const bodyStart = Math.min(nextLineStart(text, lineEnd), n);
    const close = this.findMarker(marker, bodyStart);
    if (close < 0) {
      this.errors.add(`Unterminated heredoc (missing '${marker}')`, start, n);
      this.pushLiteral(T.Heredoc, start, markerEnd, null, markerEnd, markerEnd);
      // The body may be the rest of a half-typed file: read on from the next line rather than lose it.
      this.nl = true;
      return bodyStart;
    }
    let closeLine = close;
    while (closeLine > bodyStart && !isLineBreak(text.charCodeAt(closeLine - 1))) closeLine--;
    const value = hasTemplate(text, bodyStart, closeLine)
      ? null
      : heredocValue(text.slice(bodyStart, closeLine), flush);
    this.pushLiteral(T.Heredoc, start, close + marker.length, value, bodyStart, closeLine);
    return close + marker.length;
  }

  /** Offset of the first line from `from` on holding only `marker` (blanks aside), or -1. */
  private findMarker(marker: string, from: number): number {
    if (this.markerLines) {
      const starts = this.markerLines.get(marker) ?? [];
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < starts.length ? starts[lo] : -1;
    }
    let found = -1;
    this.eachIdentifierLine(from, (start, end) => {
      const match = end - start === marker.length && this.text.startsWith(marker, start);
      if (match) found = start;
      return match;
    });
    if (found < 0) {
      // A missed marker made us read to the end; index every line once so that later lookups stay linear.
      const lines = new Map<string, number[]>();
      this.eachIdentifierLine(0, (start, end) => {
        const key = this.text.slice(start, end);
        const starts = lines.get(key);
        if (starts) starts.push(start);
        else lines.set(key, [start]);
        return false;
      });
      this.markerLines = lines;
    }
    return found;
  }

  /** Calls `visit` with the trimmed span of each line from `from` on that is one identifier, until it returns true. */
  private eachIdentifierLine(from: number, visit: (start: number, end: number) => boolean): void {
    const { text } = this;
    for (let lineStart = from; lineStart < text.length;) {
      const lineEnd = lineEndFrom(text, lineStart);
      let start = lineStart;
      while (start < lineEnd && isBlank(text.charCodeAt(start))) start++;
      let end = lineEnd;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      if (end > start && identifierLength(text, start) === end - start && visit(start, end)) return;
      lineStart = nextLineStart(text, lineEnd);
    }
  }
}

/** Recursive descent over the tokens; `p` is the current token and never moves past the end token. */
class Parser {
  private p = 0;
  private depth = 0;
  /** End of the last token read. */
  private prevEnd = 0;
  private lastErrorAt = -1;
  /** Line starts, for a message that names a line; built on the first one. */
  private lineStarts: number[] | undefined;
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly newline: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly tokens: Tokens,
    private readonly errors: Errors,
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.newline = tokens.newline;
  }

  private type(offset = 0): T {
    return this.typeAt(this.p + offset);
  }

  /** The type of token `i`: the array stores the enum's numbers. */
  private typeAt(i: number): T {
    return this.types[i];
  }

  /** Whether a line break comes before the token at `offset`. */
  private nl(offset = 0): boolean {
    return this.newline[this.p + offset] === 1;
  }

  private start(): number {
    return this.starts[this.p];
  }

  private end(): number {
    return this.ends[this.p];
  }

  private tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Reads the current token and returns its index. */
  private next(): number {
    const i = this.p;
    if (this.typeAt(i) !== T.Eof) {
      this.p++;
      this.prevEnd = this.ends[i];
    }
    return i;
  }

  private error(message: string, start: number, end: number): void {
    // One problem often trips several checks at the same token; the first message is the precise one.
    if (start === this.lastErrorAt) return;
    this.lastErrorAt = start;
    this.errors.add(message, start, end);
  }

  private describe(i: number): string {
    if (this.typeAt(i) === T.Eof) return 'end of file';
    const start = this.starts[i];
    const limit = Math.min(this.ends[i], start + 30);
    let end = start;
    while (end < limit && !isLineBreak(this.text.charCodeAt(end))) end++;
    return `'${this.text.slice(start, end)}${end < this.ends[i] ? '…' : ''}'`;
  }

  private unexpected(): void {
    this.error(`Unexpected ${this.describe(this.p)}`, this.start(), this.end());
  }

  private isWord(offset: number, word: string): boolean {
    const i = this.p + offset;
    return (
      this.typeAt(i) === T.Ident &&
      this.ends[i] - this.starts[i] === word.length &&
      this.text.startsWith(word, this.starts[i])
    );
  }

  /** A top-level block header at column 0: inside any other construct it means a closer is missing above it. */
  private atHeader(): boolean {
    if (this.type() !== T.Ident || !this.nl()) return false;
    const start = this.start();
    const before = start === 0 ? LF : this.text.charCodeAt(start - 1);
    if (!isLineBreak(before) && !(start === 1 && before === BOM)) return false;
    const after = this.type(1);
    if (this.nl(1) || (after !== T.String && after !== T.Ident && after !== T.LBrace)) return false;
    return TOP_LEVEL_BLOCKS.has(this.tokenText(this.p));
  }

  /** A line that starts an attribute or block: an unclosed bracket or parenthesis above ends before it. */
  private atBodyItem(): boolean {
    return this.type() === T.Ident && this.nl() && (this.type(1) === T.Assign || this.atBlockHeader());
  }

  private atBlockHeader(): boolean {
    return (
      this.type() === T.Ident && this.nl() && !this.nl(1) && (this.type(1) === T.LBrace || this.type(1) === T.String)
    );
  }

  /** Skips a bad stretch: the current token, then to the line's end (or, with `lineOnly` off, to a closer). */
  private skip(lineOnly: boolean): void {
    let nesting = 0;
    for (let first = true; this.type() !== T.Eof; first = false) {
      const type = this.type();
      if (!first && (this.atHeader() || (nesting === 0 && (isCloser(type) || (lineOnly && this.nl()))))) return;
      if (isOpener(type)) nesting++;
      else if (isCloser(type) && nesting > 0) nesting--;
      this.next();
    }
  }

  parseBody(inBlock: boolean): HclBody {
    const items: (HclAttribute | HclBlock)[] = [];
    // As HashiCorp's parser: an argument set twice in one body is an error at the second; blocks may repeat.
    const seen = new Map<string, HclAttribute>();
    for (;;) {
      const type = this.type();
      if (type === T.Eof || (inBlock && (type === T.RBrace || this.atHeader()))) break;
      if (type !== T.Ident) {
        this.unexpected();
        this.skip(true);
        continue;
      }
      const after = this.type(1);
      if (after === T.Assign) {
        const attribute = this.parseAttribute();
        const first = seen.get(attribute.name);
        if (first) this.redefined(attribute, first);
        else seen.set(attribute.name, attribute);
        items.push(attribute);
        // HCL wants a line break here; an item that follows on the same line is read rather than lost.
        if (!this.nl() && this.type() !== T.RBrace && this.type() !== T.Ident) {
          this.unexpected();
          this.skip(true);
        }
      } else if (!this.nl(1) && (after === T.LBrace || after === T.String || after === T.Ident)) {
        const block = this.parseBlock();
        if (block) items.push(block);
      } else {
        this.error(`Expected '=' or '{' after '${this.tokenText(this.p)}'`, this.start(), this.end());
        this.skip(true);
      }
    }
    return { items };
  }

  private redefined(attribute: HclAttribute, first: HclAttribute): void {
    if (this.errors.full) return;
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    const at = first.nameSpan.start;
    let line = 0;
    for (let hi = this.lineStarts.length - 1; line < hi;) {
      const mid = (line + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) line = mid;
      else hi = mid - 1;
    }
    const where = `line ${line + 1}, column ${at - this.lineStarts[line] + 1}`;
    const { start, end } = attribute.nameSpan;
    this.errors.add(
      `Attribute redefined: The argument "${attribute.name}" was already set at ${where}. Each argument may be set only once.`,
      start,
      end,
      {
        message: `"${attribute.name}" is first set here`,
        span: first.nameSpan,
      },
    );
  }

  private parseAttribute(): HclAttribute {
    const name = this.next();
    this.next();
    const value = this.parseValue();
    const start = this.starts[name];
    return {
      kind: 'attribute',
      name: this.tokenText(name),
      nameSpan: { start, end: this.ends[name] },
      value,
      span: { start, end: this.prevEnd },
    };
  }

  private parseBlock(): HclBlock | undefined {
    const typeToken = this.next();
    const type = this.tokenText(typeToken);
    const start = this.starts[typeToken];
    const labels: HclLabel[] = [];
    while (!this.nl() && (this.type() === T.String || this.type() === T.Ident)) {
      const i = this.next();
      const literal = this.tokens.literals.get(i);
      const value = literal
        ? (literal.value ?? this.text.slice(literal.contentStart, literal.contentEnd))
        : this.tokenText(i);
      labels.push({ value, span: { start: this.starts[i], end: this.ends[i] } });
    }
    if (this.type() !== T.LBrace || this.nl()) {
      this.error(`Expected '{' to open block '${type}'`, start, this.prevEnd);
      if (!this.nl()) this.skip(true);
      return undefined;
    }
    const open = this.next();
    let body: HclBody = { items: [] };
    if (this.depth >= MAX_DEPTH) {
      this.error(`Nesting is too deep (more than ${MAX_DEPTH} levels)`, this.starts[open], this.ends[open]);
      if (!isCloser(this.type())) this.skip(false);
    } else {
      this.depth++;
      body = this.parseBody(true);
      this.depth--;
    }
    const closed = this.type() === T.RBrace;
    const bodyEnd = closed ? this.start() : -1;
    if (closed) this.next();
    else this.error(`Unclosed block '${type}' (missing '}')`, start, this.prevEnd);
    return {
      kind: 'block',
      type,
      typeSpan: { start, end: this.ends[typeToken] },
      labels,
      body,
      span: { start, end: this.prevEnd },
      bodyStart: this.ends[open],
      bodyEnd,
    };
  }

  private other(start: number): HclExpr {
    return { kind: 'other', span: { start, end: Math.max(start, this.prevEnd) } };
  }

  /** Reports a missing expression; where line breaks end expressions (`nlEnds`), one cannot start on the next line. */
  private missing(nlEnds: boolean): HclExpr {
    if (this.type() === T.Eof || (nlEnds && this.nl()))
      this.error('Expected an expression', this.prevEnd, this.prevEnd);
    else this.error(`Expected an expression, found ${this.describe(this.p)}`, this.start(), this.end());
    return this.other(this.prevEnd);
  }

  private startsOperand(nlEnds: boolean): boolean {
    return canStartExpression(this.type()) && !(nlEnds && this.nl());
  }

  /** An attribute or object value: it starts on the same line and, outside brackets, ends with it. */
  private parseValue(): HclExpr {
    return this.parseOperand(true);
  }

  private parseOperand(nlEnds: boolean): HclExpr {
    return this.startsOperand(nlEnds) ? this.parseExpr(nlEnds) : this.missing(nlEnds);
  }

  /** Callers check `startsOperand` first, so this always reads at least one token. */
  private parseExpr(nlEnds: boolean): HclExpr {
    const start = this.start();
    if (this.depth >= MAX_DEPTH) {
      this.error(`Nesting is too deep (more than ${MAX_DEPTH} levels)`, start, this.end());
      this.skip(false);
      return this.other(start);
    }
    this.depth++;
    let expr = this.parseBinary(0, nlEnds);
    if (this.type() === T.Question && !(nlEnds && this.nl())) {
      const question = this.next();
      this.parseOperand(nlEnds);
      if (this.type() === T.Colon && !(nlEnds && this.nl())) {
        this.next();
        this.parseOperand(nlEnds);
      } else this.error(`Expected ':' in the conditional expression`, this.starts[question], this.prevEnd);
      expr = this.other(start);
    }
    this.depth--;
    return expr;
  }

  private parseBinary(minPrecedence: number, nlEnds: boolean): HclExpr {
    let left = this.parseUnary(nlEnds);
    for (;;) {
      const precedence = binaryPrecedence(this.type());
      if (precedence === 0 || precedence < minPrecedence || (nlEnds && this.nl())) return left;
      this.next();
      if (this.startsOperand(nlEnds)) this.parseBinary(precedence + 1, nlEnds);
      else this.missing(nlEnds);
      left = this.other(left.span.start);
    }
  }

  private parseUnary(nlEnds: boolean): HclExpr {
    const first = this.type();
    if (first !== T.Minus && first !== T.Not) return this.parsePostfix(nlEnds);
    const start = this.start();
    let count = 0;
    // A loop, not recursion, so that a long run of prefix operators cannot exhaust the stack.
    for (let type: T = first; type === T.Minus || type === T.Not; type = this.type()) {
      this.next();
      count++;
    }
    if (!this.startsOperand(nlEnds)) {
      this.missing(nlEnds);
      return this.other(start);
    }
    const operand = this.parsePostfix(nlEnds);
    if (count === 1 && first === T.Minus && operand.kind === 'number') {
      return { kind: 'number', span: { start, end: operand.span.end }, value: -operand.value };
    }
    return this.other(start);
  }

  private parsePostfix(nlEnds: boolean): HclExpr {
    const primary = this.parsePrimary(nlEnds);
    let path = primary.kind === 'traversal' ? primary.path : null;
    let extended = false;
    for (;;) {
      if (nlEnds && this.nl()) break;
      const type = this.type();
      if (type === T.Dot) {
        const dot = this.next();
        extended = true;
        const step = nlEnds && this.nl() ? T.Eof : this.type();
        if (step === T.Ident || step === T.Star) path?.push(this.tokenText(this.p));
        // A legacy index such as `.0`; `.0.1` arrives as one number.
        else if (step === T.Number) path?.push(...this.tokenText(this.p).split('.'));
        else {
          this.error(`Expected an attribute name after '.'`, this.starts[dot], this.ends[dot]);
          path = null;
          break;
        }
        this.next();
      } else if (type === T.LBracket) {
        const open = this.next();
        extended = true;
        if (this.type() === T.Star && this.type(1) === T.RBracket) {
          this.next();
          this.next();
          path?.push('*');
          continue;
        }
        const index: HclExpr[] = [];
        const closed = this.parseSequence(open, T.RBracket, index);
        const key = index.length === 1 ? index[0] : undefined;
        if (key?.kind === 'number') path?.push(this.text.slice(key.span.start, key.span.end));
        else if (key?.kind === 'string' && key.value !== null) path?.push(key.value);
        else path = null;
        if (!closed) break;
      } else break;
    }
    if (!extended) return primary;
    const span = { start: primary.span.start, end: this.prevEnd };
    return path ? { kind: 'traversal', span, path } : { kind: 'other', span };
  }

  private parsePrimary(nlEnds: boolean): HclExpr {
    const i = this.p;
    const span = { start: this.starts[i], end: this.ends[i] };
    switch (this.typeAt(i)) {
      case T.Number:
        this.next();
        return { kind: 'number', span, value: Number(this.tokenText(i)) };
      case T.String:
      case T.Heredoc: {
        this.next();
        const { contentStart, contentEnd, value } = this.tokens.literals.get(i) as {
          contentStart: number;
          contentEnd: number;
          value: string | null;
        };
        const kind = this.typeAt(i) === T.String ? 'string' : 'heredoc';
        return { kind, span, contentSpan: { start: contentStart, end: contentEnd }, value };
      }
      case T.Ident: {
        if ((this.type(1) === T.LParen && !(nlEnds && this.nl(1))) || this.type(1) === T.DoubleColon)
          return this.parseCall();
        this.next();
        const name = this.tokenText(i);
        if (name === 'true' || name === 'false') return { kind: 'bool', span, value: name === 'true' };
        if (name === 'null') return { kind: 'null', span };
        return { kind: 'traversal', span, path: [name] };
      }
      case T.LParen:
        this.parseSequence(this.next(), T.RParen, null);
        return this.other(span.start);
      case T.LBracket:
        return this.parseTuple();
      case T.LBrace:
        return this.parseObject();
      default:
        return this.missing(nlEnds);
    }
  }

  private parseCall(): HclExpr {
    const start = this.starts[this.next()];
    // Provider-defined functions: `provider::google::name(...)`.
    while (this.type() === T.DoubleColon && this.type(1) === T.Ident) {
      this.next();
      this.next();
    }
    if (this.type() !== T.LParen) {
      this.error(`Expected '(' after the function name`, start, this.prevEnd);
      return this.other(start);
    }
    this.parseSequence(this.next(), T.RParen, null);
    return this.other(start);
  }

  /**
   * Reads comma-separated expressions up to `closer`; line breaks don't matter inside. Stops without reading on at
   * another closer, the end, or a line that starts an attribute or block. Returns whether `closer` was read.
   */
  private parseSequence(open: number, closer: T.RBracket | T.RParen, items: HclExpr[] | null): boolean {
    for (;;) {
      const type = this.type();
      if (type === closer) {
        this.next();
        return true;
      }
      if (type === T.Eof || isCloser(type) || this.atHeader() || this.atBodyItem()) {
        const missing = closer === T.RBracket ? ']' : ')';
        this.error(`Unclosed '${this.tokenText(open)}' (missing '${missing}')`, this.starts[open], this.prevEnd);
        return false;
      }
      if (type === T.Ellipsis) {
        this.next();
        continue;
      }
      if (this.skipUnexpected(type)) continue;
      const item = this.parseExpr(false);
      items?.push(item);
      const after = this.type();
      if (after === T.Comma) this.next();
      else if (after !== closer && canStartExpression(after) && !this.atBodyItem() && !this.atHeader()) {
        this.error(`Expected ',' or '${closer === T.RBracket ? ']' : ')'}'`, this.start(), this.end());
      }
    }
  }

  private parseTuple(): HclExpr {
    const open = this.next();
    if (this.isWord(0, 'for') && this.type(1) === T.Ident) return this.parseFor(open, T.RBracket);
    const items: HclExpr[] = [];
    this.parseSequence(open, T.RBracket, items);
    return { kind: 'tuple', span: { start: this.starts[open], end: this.prevEnd }, items };
  }

  /** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
  private parseFor(open: number, closer: T.RBracket | T.RBrace): HclExpr {
    const start = this.starts[open];
    this.next();
    while (this.type() === T.Comma || (this.type() === T.Ident && !this.isWord(0, 'in'))) this.next();
    if (this.isWord(0, 'in')) {
      this.next();
      this.parseOperand(false);
    } else this.error(`Expected 'in' in the 'for' expression`, start, this.prevEnd);
    if (this.type() === T.Colon) {
      this.next();
      this.parseOperand(false);
      if (this.type() === T.Arrow) {
        this.next();
        this.parseOperand(false);
      }
      if (this.type() === T.Ellipsis) this.next();
    } else this.error(`Expected ':' in the 'for' expression`, start, this.prevEnd);
    if (this.isWord(0, 'if')) {
      this.next();
      this.parseOperand(false);
    }
    if (this.type() === closer) this.next();
    else if (closer === T.RBracket) this.parseSequence(open, closer, null);
    else this.finishObject(open, []);
    return this.other(start);
  }

  private parseObject(): HclExpr {
    const open = this.next();
    if (this.isWord(0, 'for') && this.type(1) === T.Ident) return this.parseFor(open, T.RBrace);
    const items: HclObjectItem[] = [];
    this.finishObject(open, items);
    return { kind: 'object', span: { start: this.starts[open], end: this.prevEnd }, items };
  }

  /** Reports and steps over a token that cannot start an expression; false when `type` can start one. */
  private skipUnexpected(type: T): boolean {
    if (canStartExpression(type)) return false;
    this.unexpected();
    this.next();
    return true;
  }

  /** Reads object items (`key = value` or `key: value`, separated by commas or line breaks) and the `}`. */
  private finishObject(open: number, items: HclObjectItem[]): void {
    for (;;) {
      const type = this.type();
      if (type === T.RBrace) {
        this.next();
        return;
      }
      if (type === T.Eof || isCloser(type) || this.atHeader() || this.atBlockHeader()) {
        this.error(`Unclosed '{' (missing '}')`, this.starts[open], this.prevEnd);
        return;
      }
      if (this.skipUnexpected(type)) continue;
      const key = this.parseExpr(true);
      const separator = this.type();
      if ((separator !== T.Assign && separator !== T.Colon) || this.nl()) {
        this.error(`Expected '=' or ':' after the key`, key.span.start, key.span.end);
        if (!this.nl() && !isCloser(separator)) this.skip(true);
        continue;
      }
      this.next();
      items.push({ key: this.keyText(key), keySpan: key.span, value: this.parseValue() });
      if (this.type() === T.Comma) this.next();
      else if (!this.nl() && !isCloser(this.type())) {
        this.error(`Expected ',', a line break or '}'`, this.start(), this.end());
        this.skip(true);
      }
    }
  }

  private keyText(key: HclExpr): string {
    if (key.kind === 'traversal' && key.path.length === 1) return key.path[0];
    if (key.kind === 'string') return key.value ?? this.text.slice(key.contentSpan.start, key.contentSpan.end);
    return this.text.slice(key.span.start, key.span.end);
  }
}
