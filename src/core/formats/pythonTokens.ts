// A small Python tokenizer, for reading a noxfile as text (never running it): names, strings (every prefix, triple
// quotes, f-string fields that hold strings of their own), numbers, operators and logical line ends, with offsets;
// comments and line continuations skipped. It never throws: an unterminated string ends at its line (or, for triple
// quotes, at the end of the text).

export interface PyToken {
  kind: 'name' | 'string' | 'number' | 'op' | 'newline';
  start: number;
  end: number;
  /** The source text (for a string, the whole literal with its prefix and quotes). */
  text: string;
  /** How many brackets are open before the token. */
  depth: number;
  /** Whether the token starts its logical line. */
  first: boolean;
  /** The column of its logical line's first token: 0 at the module's level. */
  indent: number;
}

export interface PyString extends PyToken {
  kind: 'string';
  /** Offsets of the text between the quotes. */
  contentStart: number;
  contentEnd: number;
  /** The value, when the source between the quotes is the value itself (no escape, no f-string field). */
  value?: string;
}

// Built at the first tokenize: its Unicode classes take ICU half a millisecond, which a CLI start need not pay.
let NAME: RegExp | undefined;
const NUMBER = /(?:\d[\w.]*|\.\d[\w.]*)(?:(?<=[eE])[+-]\d\w*)?/y;
const PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const OPENING = '([{';
const CLOSING = ')]}';

export function tokenize(text: string): PyToken[] {
  const name = (NAME ??= /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy);
  const tokens: PyToken[] = [];
  let depth = 0;
  let lineHasTokens = false;
  let indent = 0;
  let lineStart = 0;
  let i = 0;
  const push = (kind: PyToken['kind'], start: number, end: number, extra?: Partial<PyString>) => {
    const first = !lineHasTokens;
    if (first) indent = start - lineStart;
    tokens.push({ kind, start, end, text: text.slice(start, end), depth, first, indent, ...extra });
    lineHasTokens = true;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const end = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      if (depth === 0 && lineHasTokens) {
        push('newline', i, end);
        lineHasTokens = false;
      }
      i = end;
      if (!lineHasTokens) lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const s = readString(text, i, '');
      push('string', i, s.end, s);
      i = s.end;
      continue;
    }
    name.lastIndex = i;
    if (name.test(text)) {
      const end = name.lastIndex;
      if (PREFIX.test(text.slice(i, end)) && (text[end] === '"' || text[end] === "'")) {
        const s = readString(text, end, text.slice(i, end));
        push('string', i, s.end, s);
        i = s.end;
      } else {
        push('name', i, end);
        i = end;
      }
      continue;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      push('number', i, NUMBER.lastIndex);
      i = NUMBER.lastIndex;
      continue;
    }
    if (OPENING.includes(c)) {
      push('op', i, i + 1);
      depth++;
      i++;
      continue;
    }
    if (CLOSING.includes(c)) {
      if (depth > 0) depth--;
      push('op', i, i + 1);
      i++;
      continue;
    }
    // `==`, `+=`, `:=`, `->`: an operator followed by `=` is one token, so `=` alone is an assignment or a keyword.
    const two = text[i + 1] === '=' || (c === '-' && text[i + 1] === '>');
    push('op', i, two ? i + 2 : i + 1);
    i += two ? 2 : 1;
  }
  if (lineHasTokens) push('newline', text.length, text.length);
  return tokens;
}

/** The string literal whose opening quote is at `quoteAt`. */
function readString(
  text: string,
  quoteAt: number,
  prefix: string,
): { end: number; contentStart: number; contentEnd: number; value?: string } {
  const quote = text[quoteAt];
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
  const delimiter = triple ? quote.repeat(3) : quote;
  const contentStart = quoteAt + delimiter.length;
  const formatted = /[fFtT]/.test(prefix);
  let plain = true;
  let i = contentStart;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      plain = false;
      i += 2;
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) return { end: i, contentStart, contentEnd: i };
    if (text.startsWith(delimiter, i)) {
      const value = plain ? text.slice(contentStart, i) : undefined;
      return { end: i + delimiter.length, contentStart, contentEnd: i, value };
    }
    if (formatted && c === '{') {
      plain = false;
      if (text[i + 1] === '{') {
        i += 2;
        continue;
      }
      i = fieldEnd(text, i + 1, triple);
      continue;
    }
    i++;
  }
  return { end: text.length, contentStart, contentEnd: text.length };
}

/**
 * The offset after an f-string field's closing brace (its strings may use any quotes, as since Python 3.12); in a
 * string of one line, the field ends at the line's end at the latest.
 */
function fieldEnd(text: string, from: number, triple: boolean): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (!triple && (c === '\n' || c === '\r')) return i;
    if (c === '"' || c === "'") {
      i = readString(text, i, '').end;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  return i;
}
