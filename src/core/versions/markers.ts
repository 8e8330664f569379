// PEP 508 environment markers: read with pip's grammar (packaging's tokenizer and parser), except that a string may
// not hold a backslash, as PEP 508's grammar says (packaging hands such strings to Python's literal_eval). Evaluated
// only as far as the check needs: can the marker hold on some Python the standard allows, whatever the platform?
import { remembered } from '../memo';
import type { Operator } from './specifiers';

// The names packaging's tokenizer knows, each with the variable it stands for.
const VARIABLES = new Map<string, string>([
  ...[
    'python_version',
    'python_full_version',
    'os_name',
    'sys_platform',
    'platform_release',
    'platform_system',
    'platform_version',
    'platform_machine',
    'platform_python_implementation',
    'implementation_name',
    'implementation_version',
    'extra',
    'extras',
    'dependency_groups',
  ].map((n) => [n, n] as const),
  ['os.name', 'os_name'],
  ['sys.platform', 'sys_platform'],
  ['platform.version', 'platform_version'],
  ['platform.machine', 'platform_machine'],
  ['platform.python_implementation', 'platform_python_implementation'],
  ['python_implementation', 'platform_python_implementation'],
]);

export type Operand = { kind: 'var'; name: string } | { kind: 'str'; value: string };
export type MarkerOp = Operator | 'in' | 'not in';
export type Marker =
  | { kind: 'compare'; left: Operand; op: MarkerOp; right: Operand }
  | { kind: 'and' | 'or'; left: Marker; right: Marker };

export interface MarkerError {
  message: string;
  start: number;
  end: number;
}

interface Token {
  kind: 'op' | 'str' | 'word' | '(' | ')';
  text: string;
  start: number;
  end: number;
}

const MAX_DEPTH = 64;

function tokenize(text: string, offset: number): { tokens: Token[]; error?: MarkerError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, start: offset + i, end: offset + i + 1 });
      i++;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0)
        return {
          tokens,
          error: { message: 'Unterminated string in marker', start: offset + i, end: offset + text.length },
        };
      const value = text.slice(i + 1, close);
      const bad = /[\\\n\r\0]/.exec(value);
      if (bad) {
        const at = offset + i + 1 + bad.index;
        const message =
          bad[0] === '\\'
            ? 'A marker string cannot hold a backslash (PEP 508 strings have no escapes)'
            : 'A marker string cannot hold a line break or a NUL character';
        return { tokens, error: { message, start: at, end: at + 1 } };
      }
      tokens.push({ kind: 'str', text: value, start: offset + i, end: offset + close + 1 });
      i = close + 1;
    } else {
      const m =
        /^(===|==|!=|<=|>=|~=|<|>)/.exec(text.slice(i, i + 3)) ?? /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      if (!m)
        return { tokens, error: { message: `Unexpected '${c}' in marker`, start: offset + i, end: offset + i + 1 } };
      tokens.push({
        kind: /^[A-Za-z_]/.test(m[0]) ? 'word' : 'op',
        text: m[0],
        start: offset + i,
        end: offset + i + m[0].length,
      });
      i += m[0].length;
    }
  }
  return { tokens };
}

/** Parse a marker (the text after `;`). `offset` is added to error positions. */
export function parseMarker(text: string, offset = 0): { marker?: Marker; error?: MarkerError } {
  // Files repeat the same few markers; a parsed marker holds no positions, so one parse serves every copy.
  const parsed = readMarker(text);
  const { error } = parsed;
  return error && offset ? { error: { ...error, start: error.start + offset, end: error.end + offset } } : parsed;
}

const readMarker = remembered(10_000, (text): { marker?: Marker; error?: MarkerError } => parseMarkerAt(text, 0));

/** PEP 503 normalisation, which packaging applies to the values an `extra` is compared with. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** How the recursive reader leaves at the first error; caught at the top, so it never escapes. */
class MarkerSyntaxError extends Error {
  constructor(readonly detail: MarkerError) {
    super(detail.message);
  }
}

function parseMarkerAt(text: string, offset: number): { marker?: Marker; error?: MarkerError } {
  const { tokens, error } = tokenize(text, offset);
  if (error) return { error };
  let pos = 0;
  const end = offset + text.length;
  const fail = (message: string, t: Token | undefined): never => {
    throw new MarkerSyntaxError({ message, start: t ? t.start : end, end: t ? t.end : end });
  };
  const operand = (): Operand => {
    const t = tokens[pos++];
    if (t?.kind === 'str') return { kind: 'str', value: t.text };
    const name = t?.kind === 'word' ? VARIABLES.get(t.text) : undefined;
    if (name) return { kind: 'var', name };
    return fail(t ? `'${t.text}' is not a marker variable or a quoted string` : 'Marker ends too early', t);
  };
  const expr = (depth: number): Marker => {
    if (depth > MAX_DEPTH) fail('Marker nests too deeply', tokens[pos]);
    if (tokens[pos]?.kind === '(') {
      pos++;
      const inner = or(depth + 1);
      if (tokens[pos]?.kind !== ')') fail("Missing ')' in marker", tokens[pos]);
      pos++;
      return inner;
    }
    let left = operand();
    const t = tokens[pos++];
    let op: MarkerOp;
    if (t?.kind === 'op') op = t.text as Operator;
    else if (t?.kind === 'word' && t.text === 'in') op = 'in';
    else if (t?.kind === 'word' && t.text === 'not' && tokens[pos]?.text === 'in') {
      pos++;
      op = 'not in';
    } else return fail(t ? `Expected a comparison operator, found '${t.text}'` : 'Marker ends too early', t);
    let right = operand();
    // As packaging does when it parses: the other side of `extra` becomes a normalised name, even a variable's.
    const value = (o: Operand) => (o.kind === 'var' ? o.name : o.value);
    if (left.kind === 'var' && left.name === 'extra') right = { kind: 'str', value: canonical(value(right)) };
    else if (right.kind === 'var' && right.name === 'extra') left = { kind: 'str', value: canonical(value(left)) };
    return { kind: 'compare', left, op, right };
  };
  // `a and b and c` (or `or`): operands joined from the left, `and` binding tighter than `or`.
  const joined =
    (kind: 'and' | 'or', operand: (depth: number) => Marker) =>
    (depth: number): Marker => {
      let left = operand(depth);
      while (tokens[pos]?.kind === 'word' && tokens[pos].text === kind) {
        pos++;
        left = { kind, left, right: operand(depth) };
      }
      return left;
    };
  const and = joined('and', expr);
  const or = joined('or', and);
  try {
    const marker = or(0);
    if (pos < tokens.length) fail(`Unexpected '${tokens[pos].text}' in marker`, tokens[pos]);
    return { marker };
  } catch (e) {
    if (e instanceof MarkerSyntaxError) return { error: e.detail };
    throw e;
  }
}
