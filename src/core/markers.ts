// PEP 508 environment markers: parsed for validity, and evaluated only far enough to tell whether a requirement can
// apply on a Python the standard allows. Every variable except the Python version is unknown, so evaluation is
// three-valued (Kleene): a marker is "out of scope" only when it is false for every allowed Python whatever the rest.
import { clauseMatches, compareVersions, parseVersion, type Operator, type Version } from './pep440';

const VARIABLES = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system',
  'platform_version', 'platform_machine', 'platform_python_implementation', 'implementation_name',
  'implementation_version', 'extra', 'extras', 'dependency_groups',
  'os.name', 'sys.platform', 'platform.version', 'platform.machine', 'platform.python_implementation', 'python_implementation',
]);

type Operand = { kind: 'var'; name: string } | { kind: 'str'; value: string };
type MarkerOp = Operator | 'in' | 'not in';
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
      if (close < 0) return { tokens, error: { message: 'Unterminated string in marker', start: offset + i, end: offset + text.length } };
      tokens.push({ kind: 'str', text: text.slice(i + 1, close), start: offset + i, end: offset + close + 1 });
      i = close + 1;
    } else {
      const m = /^(===|==|!=|<=|>=|~=|<|>)/.exec(text.slice(i, i + 3)) ?? /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      if (!m) return { tokens, error: { message: `Unexpected '${c}' in marker`, start: offset + i, end: offset + i + 1 } };
      tokens.push({ kind: /^[A-Za-z_]/.test(m[0]) ? 'word' : 'op', text: m[0], start: offset + i, end: offset + i + m[0].length });
      i += m[0].length;
    }
  }
  return { tokens };
}

/** Parse a marker (the text after `;`). `offset` is added to error positions. */
export function parseMarker(text: string, offset = 0): { marker?: Marker; error?: MarkerError } {
  // Files repeat the same few markers; a parsed marker holds no positions, so one parse serves every copy.
  let parsed = markerCache.get(text);
  if (!parsed) {
    parsed = parseMarkerAt(text, 0);
    if (markerCache.size > 10_000) markerCache.clear();
    markerCache.set(text, parsed);
  }
  const { error } = parsed;
  return error && offset ? { error: { ...error, start: error.start + offset, end: error.end + offset } } : parsed;
}

const markerCache = new Map<string, { marker?: Marker; error?: MarkerError }>();

function parseMarkerAt(text: string, offset: number): { marker?: Marker; error?: MarkerError } {
  const { tokens, error } = tokenize(text, offset);
  if (error) return { error };
  let pos = 0;
  const end = offset + text.length;
  const fail = (message: string, t: Token | undefined): never => {
    throw { message, start: t ? t.start : end, end: t ? t.end : end } satisfies MarkerError;
  };
  const operand = (): Operand => {
    const t = tokens[pos++];
    if (t?.kind === 'str') return { kind: 'str', value: t.text };
    if (t?.kind === 'word' && VARIABLES.has(t.text)) return { kind: 'var', name: t.text.replace('.', '_') };
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
    const left = operand();
    const t = tokens[pos++];
    let op: MarkerOp;
    if (t?.kind === 'op') op = t.text as Operator;
    else if (t?.kind === 'word' && t.text === 'in') op = 'in';
    else if (t?.kind === 'word' && t.text === 'not' && tokens[pos]?.text === 'in') {
      pos++;
      op = 'not in';
    } else return fail(t ? `Expected a comparison operator, found '${t.text}'` : 'Marker ends too early', t);
    return { kind: 'compare', left, op, right: operand() };
  };
  const and = (depth: number): Marker => {
    let left = expr(depth);
    while (tokens[pos]?.kind === 'word' && tokens[pos].text === 'and') {
      pos++;
      left = { kind: 'and', left, right: expr(depth) };
    }
    return left;
  };
  const or = (depth: number): Marker => {
    let left = and(depth);
    while (tokens[pos]?.kind === 'word' && tokens[pos].text === 'or') {
      pos++;
      left = { kind: 'or', left, right: and(depth) };
    }
    return left;
  };
  try {
    const marker = or(0);
    if (pos < tokens.length) fail(`Unexpected '${tokens[pos].text}' in marker`, tokens[pos]);
    return { marker };
  } catch (e) {
    return { error: e as MarkerError };
  }
}

type Truth = boolean | undefined;

function compare(op: MarkerOp, left: string, right: string): boolean {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  const v = parseVersion(left);
  if (v && op !== '===' && parseVersion(right.replace(/\.\*$/, ''))) {
    return clauseMatches({ op, version: right.replace(/\.\*$/, ''), wildcard: right.endsWith('.*'), start: 0, end: 0 }, v);
  }
  switch (op) {
    case '==': case '===': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    default: return false;
  }
}

function operandValue(o: Operand, env: Map<string, string>): string | undefined {
  return o.kind === 'str' ? o.value : env.get(o.name);
}

function evaluate(m: Marker, env: Map<string, string>): Truth {
  if (m.kind === 'compare') {
    const l = operandValue(m.left, env);
    const r = operandValue(m.right, env);
    return l === undefined || r === undefined ? undefined : compare(m.op, l, r);
  }
  // `a and b and c` parses as a left-leaning chain; walk it in a loop so a long chain cannot overflow the stack.
  const kind = m.kind;
  const operands: Marker[] = [];
  let node: Marker = m;
  while (node.kind === kind) {
    operands.push(node.right);
    node = node.left;
  }
  operands.push(node);
  let result: Truth = kind === 'and';
  for (const operand of operands) {
    const t = evaluate(operand, env);
    if (kind === 'and') result = result === false || t === false ? false : result === true && t === true ? true : undefined;
    else result = result === true || t === true ? true : result === false && t === false ? false : undefined;
    if (result === (kind === 'or')) break;
  }
  return result;
}

const PYTHON_VARIABLES = new Set(['python_version', 'python_full_version']);
const MAX_MENTIONED = 64;

/** The versions a marker compares the Python version with (a bounded number), without a trailing `.*`. */
function mentionedPythons(marker: Marker): Version[] {
  const found = new Map<string, Version>();
  const stack: Marker[] = [marker];
  while (stack.length > 0 && found.size < MAX_MENTIONED) {
    const m = stack.pop() as Marker;
    if (m.kind !== 'compare') {
      stack.push(m.left, m.right);
      continue;
    }
    for (const [a, b] of [[m.left, m.right], [m.right, m.left]]) {
      const v = a.kind === 'var' && PYTHON_VARIABLES.has(a.name) && b.kind === 'str' ? parseVersion(b.value.replace(/\.\*$/, '')) : null;
      if (v) found.set(v.text, v);
    }
  }
  return [...found.values()];
}

/** Could the marker hold on some Python at or above `minimum` (e.g. 3.10)? Unknown variables may take any value. */
export function markerCanHoldFrom(marker: Marker, minimum: Version): boolean {
  // Parsed markers are shared between the lines that repeat them, so the answer is worth keeping with them.
  let answers = canHoldCache.get(marker);
  if (!answers) {
    answers = new Map();
    canHoldCache.set(marker, answers);
  }
  let answer = answers.get(minimum.text);
  if (answer === undefined) {
    answer = canHoldFrom(marker, minimum);
    answers.set(minimum.text, answer);
  }
  return answer;
}

const canHoldCache = new WeakMap<Marker, Map<string, boolean>>();

function canHoldFrom(marker: Marker, minimum: Version): boolean {
  const major = minimum.release[0] ?? 3;
  const firstMinor = minimum.release[1] ?? 0;
  const pythons: number[][] = [];
  for (let minor = firstMinor; minor <= firstMinor + 30; minor++) pythons.push([major, minor, 0], [major, minor, 99]);
  pythons.push([major + 1, 0, 0]);
  // A marker can name one patch release (`python_full_version == "3.11.4"`), which no fixed sample would hit.
  for (const v of mentionedPythons(marker)) {
    const [a = 0, b = 0, c = 0] = v.release;
    if (compareVersions(v, minimum) >= 0) pythons.push([a, b, c], [a, b, c + 1]);
  }
  return pythons.some(([a, b, c]) => evaluate(marker, new Map([['python_version', `${a}.${b}`], ['python_full_version', `${a}.${b}.${c}`]])) !== false);
}
