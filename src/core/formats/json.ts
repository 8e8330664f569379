// JSON with the offsets of every key and value, for files whose findings sit on a value (Pipfile.lock). Nothing
// installed keeps offsets and stays fast: the `yaml` package reads JSON with ranges but takes about 13 ms of processor
// time over pipenv's own 1,602-line Pipfile.lock, and JSON.parse keeps none. This reader takes about 0.5 ms there. It
// never throws: at the first syntax error it stops, and what it read up to there stays in the tree.

export interface JsonSpan {
  start: number;
  end: number;
}

export interface JsonString {
  kind: 'string';
  value: string;
  span: JsonSpan;
  /** Between the quotes. */
  contentSpan: JsonSpan;
}

export interface JsonObject {
  kind: 'object';
  entries: JsonEntry[];
  span: JsonSpan;
}

export interface JsonArray {
  kind: 'array';
  items: JsonValue[];
  span: JsonSpan;
}

/** A number, `true`, `false` or `null`, as written. */
export interface JsonScalar {
  kind: 'scalar';
  text: string;
  span: JsonSpan;
}

export interface JsonEntry {
  key: string;
  keySpan: JsonSpan;
  value: JsonValue;
}

export type JsonValue = JsonString | JsonObject | JsonArray | JsonScalar;

export interface JsonError {
  message: string;
  offset: number;
}

// Deeper than this, a file is not data but an attack on the stack.
const MAX_DEPTH = 512;

class Stop extends Error {
  constructor(readonly at: JsonError) {
    super(at.message);
  }
}

/** The value `text` holds, as far as it could be read, and the first syntax error, if any. */
export function parseJson(text: string): { value?: JsonValue; error?: JsonError } {
  let pos = 0;
  let root: JsonValue | undefined;
  const fail = (message: string, offset = pos): never => {
    throw new Stop({ message, offset: Math.min(offset, text.length) });
  };
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else return;
    }
  };
  const str = (): JsonString => {
    const start = pos;
    let escapes = false;
    for (pos++; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        escapes = true;
        pos++;
      } else if (c < 32) fail('A string cannot hold a line break or control character', pos);
    }
    if (pos >= text.length) fail('Unterminated string', start);
    pos++;
    const raw = text.slice(start, pos);
    let value = raw.slice(1, -1);
    if (escapes) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        fail('Invalid escape in a string', start);
      }
    }
    return { kind: 'string', value, span: { start, end: pos }, contentSpan: { start: start + 1, end: pos - 1 } };
  };
  const value = (depth: number, attach: (v: JsonValue) => void): void => {
    if (depth > MAX_DEPTH) fail('Nested too deeply');
    space();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      const node: JsonObject = { kind: 'object', entries: [], span: { start, end: text.length } };
      attach(node);
      pos++;
      space();
      if (text[pos] === '}') {
        node.span.end = ++pos;
        return;
      }
      for (;;) {
        space();
        if (text[pos] !== '"') fail('Expected a key in double quotes');
        const key = str();
        space();
        if (text[pos] !== ':') fail("Expected ':' after the key");
        pos++;
        value(depth + 1, (v) => node.entries.push({ key: key.value, keySpan: key.span, value: v }));
        space();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          node.span.end = ++pos;
          return;
        }
        fail("Expected ',' or '}'");
      }
    }
    if (c === '[') {
      const node: JsonArray = { kind: 'array', items: [], span: { start, end: text.length } };
      attach(node);
      pos++;
      space();
      if (text[pos] === ']') {
        node.span.end = ++pos;
        return;
      }
      for (;;) {
        value(depth + 1, (v) => node.items.push(v));
        space();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          node.span.end = ++pos;
          return;
        }
        fail("Expected ',' or ']'");
      }
    }
    if (c === '"') {
      attach(str());
      return;
    }
    const scalar = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 400));
    if (!scalar) fail(pos >= text.length ? 'Unexpected end of the file' : 'Expected a value');
    pos += (scalar as RegExpExecArray)[0].length;
    attach({ kind: 'scalar', text: (scalar as RegExpExecArray)[0], span: { start, end: pos } });
  };
  try {
    value(0, (v) => (root = v));
    space();
    if (pos < text.length) fail('Text after the end of the value');
    return { value: root };
  } catch (e) {
    if (e instanceof Stop) return { value: root, error: e.at };
    throw e;
  }
}

/** The value at `key` of an object. */
export function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value?.kind === 'object' ? value.entries.find((e) => e.key === key)?.value : undefined;
}
