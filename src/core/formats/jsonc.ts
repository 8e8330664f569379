// JSON with comments (JSONC), as pyright and the dev container tools read it: `//` and `/* */` comments and trailing
// commas allowed, everything else strict JSON. A tree with exact offsets that survives a file mid-edit: an error is
// reported where it is, and the parse goes on with the next member or item.
//
// Hand-written, because the libraries at hand were measured worse for this: `yaml` reads JSON as YAML 1.2 but not
// its comments, takes invalid JSON without a word (`{'a': 1}`, `{"a": , "b": 1}`), and a missing comma makes it build
// another tree (`{"a": 1 "b": 2}` reads as `{"a": {"1 \"b\"": 2}}`) with messages about YAML's implicit keys;
// `toml-eslint-parser` is for TOML; and no JSONC parser is a dependency.
import type { Fact, Place, Source } from '../facts';

/** A JSON value at `[start, end)` of the text. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

export interface JsonObject {
  kind: 'object';
  start: number;
  end: number;
  members: JsonMember[];
}

export interface JsonMember {
  key: JsonString;
  /** Absent when the member is cut short (`"a":` and nothing readable after it). */
  value?: JsonNode;
}

export interface JsonArray {
  kind: 'array';
  start: number;
  end: number;
  items: JsonNode[];
}

export interface JsonString {
  kind: 'string';
  start: number;
  end: number;
  /** Decoded. */
  value: string;
  /** The text between the quotes is the value itself (no escapes): an offset in one is an offset in the other. */
  verbatim: boolean;
}

export interface JsonScalar {
  kind: 'number' | 'boolean' | 'null';
  start: number;
  end: number;
}

export interface JsonError {
  message: string;
  start: number;
  end: number;
}

// Far beyond any real file, and well inside the stack: the parse recurses once per level.
const MAX_NESTING = 500;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A character as a message names it. */
function shown(c: string): string {
  return c === "'" ? 'a single quote' : `'${c}'`;
}

class Parser {
  pos = 0;
  readonly errors: JsonError[] = [];

  constructor(readonly text: string) {}

  error(message: string, start: number, end = start + 1): void {
    this.errors.push({
      message: `Invalid JSON: ${message}`,
      start,
      end: Math.min(Math.max(end, start), this.text.length),
    });
  }

  /** Skips blanks and comments; an unterminated block comment runs to the end. */
  trivia(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.pos++;
      else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        const lf = t.indexOf('\n', this.pos);
        this.pos = lf < 0 ? t.length : lf;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf('*/', this.pos + 2);
        if (close < 0) {
          this.error('a comment that never ends: expected */', this.pos, this.pos + 2);
          this.pos = t.length;
        } else this.pos = close + 2;
      } else break;
    }
  }

  value(depth: number): JsonNode | undefined {
    this.trivia();
    const t = this.text;
    const start = this.pos;
    if (start >= t.length) {
      this.error('expected a value', Math.max(0, t.length - 1), t.length);
      return undefined;
    }
    const c = t[start];
    if (c === '{' || c === '[') {
      if (depth >= MAX_NESTING) {
        this.error('nested too deeply to read', start);
        this.pos = t.length;
        return undefined;
      }
      return c === '{' ? this.object(depth) : this.array(depth);
    }
    if (c === '"') return this.string();
    NUMBER.lastIndex = start;
    if (c === '-' || (c >= '0' && c <= '9')) {
      if (NUMBER.test(t)) {
        this.pos = NUMBER.lastIndex;
        return { kind: 'number', start, end: this.pos };
      }
    }
    WORD.lastIndex = start;
    if (WORD.test(t)) {
      this.pos = WORD.lastIndex;
      const word = t.slice(start, this.pos);
      if (word === 'true' || word === 'false') return { kind: 'boolean', start, end: this.pos };
      if (word === 'null') return { kind: 'null', start, end: this.pos };
      this.error(`unexpected '${word}': a string needs double quotes`, start, this.pos);
      return undefined;
    }
    this.error(`expected a value, found ${shown(c)}`, start);
    return undefined;
  }

  string(): JsonString {
    const t = this.text;
    const start = this.pos;
    let value = '';
    let verbatim = true;
    let p = start + 1;
    let from = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (p >= t.length || c === 10 || c === 13) {
        this.error('a string that never ends: expected "', start, p);
        value += t.slice(from, p);
        this.pos = p;
        return { kind: 'string', start, end: p, value, verbatim: false };
      }
      if (c === 34) break;
      if (c === 92) {
        verbatim = false;
        value += t.slice(from, p);
        const e = t[p + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
          value += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
          p += 6;
        } else if (e !== undefined && e in ESCAPES) {
          value += ESCAPES[e];
          p += 2;
        } else {
          this.error(`invalid escape '\\${e ?? ''}'`, p, p + 2);
          p += e === undefined || e === '\n' || e === '\r' ? 1 : 2;
        }
        from = p;
        continue;
      }
      if (c < 32) {
        this.error('a control character in a string must be escaped', p);
        verbatim = false;
      }
      p++;
    }
    value += t.slice(from, p);
    this.pos = p + 1;
    return { kind: 'string', start, end: this.pos, value, verbatim };
  }

  object(depth: number): JsonObject {
    const t = this.text;
    const node: JsonObject = { kind: 'object', start: this.pos, end: this.pos, members: [] };
    this.pos++;
    for (;;) {
      this.trivia();
      if (this.pos >= t.length) {
        this.error('an object that never ends: expected }', node.start);
        break;
      }
      const c = t[this.pos];
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c !== '"') {
        this.error(`expected a property name in double quotes, found ${shown(c)}`, this.pos);
        if (!this.skipTo('}')) break;
        continue;
      }
      const key = this.string();
      const member: JsonMember = { key };
      node.members.push(member);
      this.trivia();
      if (t[this.pos] !== ':') {
        this.error(`expected ':' after "${key.value}"`, key.start, key.end);
        if (!this.skipTo('}')) break;
        continue;
      }
      this.pos++;
      member.value = this.value(depth + 1);
      if (!this.next('}')) break;
    }
    node.end = this.pos;
    return node;
  }

  array(depth: number): JsonArray {
    const t = this.text;
    const node: JsonArray = { kind: 'array', start: this.pos, end: this.pos, items: [] };
    this.pos++;
    for (;;) {
      this.trivia();
      if (this.pos >= t.length) {
        this.error('an array that never ends: expected ]', node.start);
        break;
      }
      if (t[this.pos] === ']') {
        this.pos++;
        break;
      }
      const item = this.value(depth + 1);
      if (item) node.items.push(item);
      else if (!this.skipTo(']')) break;
      if (!this.next(']')) break;
    }
    node.end = this.pos;
    return node;
  }

  /**
   * After a member or item: a comma (a trailing one is allowed), or the closing bracket, which is left for the caller.
   * A missing comma is reported and assumed when a value follows. False when the collection cannot go on.
   */
  next(close: string): boolean {
    this.trivia();
    const c = this.text[this.pos];
    if (c === ',') {
      this.pos++;
      return true;
    }
    if (c === close || c === undefined) return true;
    this.error(`expected ',' or '${close}'`, this.pos);
    // What can start the next member (a key) or item: a comma was left out.
    if (c === '"' || (close === ']' && (c === '{' || c === '[' || /[-0-9tfn]/.test(c)))) return true;
    return this.skipTo(close);
  }

  /** Skips what cannot be read up to the next `,` (consumed) or `close` (left), over strings and nested brackets. */
  skipTo(close: string): boolean {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '"') {
        const before = this.errors.length;
        this.string();
        this.errors.length = before;
        continue;
      }
      if (c === '/' && (t[this.pos + 1] === '/' || t[this.pos + 1] === '*')) {
        this.trivia();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && depth > 0) depth--;
      else if (depth === 0 && c === ',') {
        this.pos++;
        return true;
      } else if (depth === 0 && (c === close || c === '}' || c === ']')) return c === close;
      this.pos++;
    }
    return false;
  }
}

/** The document's value (undefined for a file with none) and every error, in order. Never throws. */
export function parseJsonc(text: string): { root?: JsonNode; errors: JsonError[] } {
  const parser = new Parser(text);
  parser.trivia();
  if (parser.pos >= text.length) return { errors: parser.errors };
  const root = parser.value(0);
  parser.trivia();
  if (parser.pos < text.length) parser.error('unexpected text after the end of the document', parser.pos, text.length);
  return { root, errors: parser.errors };
}

/** The value of `key` in an object (the last one, as JSON.parse keeps it). */
export function memberValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const m of node.members) if (m.key.value === key) found = m.value;
  return found;
}

/** A JSON string's place between its quotes, when it has no escapes (so an edit there writes what it means). */
export function jsonStringPlace(
  source: Source,
  node: JsonNode | undefined,
): { text: string; place: Place } | undefined {
  if (node?.kind !== 'string' || !node.verbatim || node.end - node.start < 2) return undefined;
  return { text: node.value, place: { source, start: node.start + 1, end: node.end - 1 } };
}

/** JSON syntax errors as facts, at their places. */
export function jsonErrors(source: Source, errors: readonly { message: string; start: number; end: number }[]): Fact[] {
  return errors.map((e) => ({
    kind: 'problem',
    code: 'parse-error',
    message: e.message,
    place: { source, start: e.start, end: e.end },
  }));
}
