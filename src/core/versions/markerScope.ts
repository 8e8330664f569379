// Whether a marker can hold on some Python the standard allows, answered exactly for the meaning packaging 26 gives
// each comparison (markers.py `_eval_op`): the Python version and every other variable take one value from each
// stretch where some comparison's answer changes, values that answer alike are tried once, and the search stops at
// the first assignment that makes the marker true.
import { remembered } from '../memo';
import type { Marker, MarkerOp } from './markers';
import {
  clauseMatches,
  compareVersions,
  makeVersion,
  MAX_DIGITS,
  overlongMessage,
  parseSingleClause,
  parseVersion,
  stripPythonSpace,
  type Clause,
  type Version,
} from '.';
import { BOTTOM, clauseIntervals, compareCuts, TOP, witness, type Cut } from './ranges';

/** A comparison as packaging evaluates it: the environment's value for `key` against a constant, on one side. */
interface Atom {
  key: string;
  op: MarkerOp;
  constant: string;
  envOnLeft: boolean;
}

// What packaging's default environment holds; evaluating any other name (`extras`, a stray string) raises.
const ENVIRONMENT = new Set([
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'platform_python_implementation',
  'python_version',
  'sys_platform',
  'extra',
]);
// Compared as versions when the operator and value make a valid specifier; every other variable as plain text.
const VERSION_KEYS = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);
const PYTHON = new Set(['python_version', 'python_full_version']);

const FALSE = 0;
const TRUE = 1;
const ERROR = 2;
type Outcome = typeof FALSE | typeof TRUE | typeof ERROR;

/** packaging takes the key from the left variable, else from the right side: a variable, or even a string. */
function atomOf(m: Extract<Marker, { kind: 'compare' }>): Atom {
  if (m.left.kind === 'var')
    return {
      key: m.left.name,
      op: m.op,
      constant: m.right.kind === 'var' ? m.right.name : m.right.value,
      envOnLeft: true,
    };
  return {
    key: m.right.kind === 'var' ? m.right.name : m.right.value,
    op: m.op,
    constant: m.left.value,
    envOnLeft: false,
  };
}

const singleClause = remembered(10_000, parseSingleClause);

/** `Specifier.contains(lhs, prereleases=True)`. */
function specifierContains(spec: Clause, lhs: string): Outcome {
  if (spec.op === '===') return lhs.toLowerCase() === spec.version.toLowerCase() ? TRUE : FALSE;
  const text = stripPythonSpace(lhs);
  const v = parseVersion(text);
  if (!v) return overlongMessage(text) ? ERROR : FALSE;
  return clauseMatches(spec, v) ? TRUE : FALSE;
}

function evaluateAtom(a: Atom, value: string): Outcome {
  const lhs = a.envOnLeft ? value : a.constant;
  const rhs = a.envOnLeft ? a.constant : value;
  if (VERSION_KEYS.has(a.key) && a.op !== 'in' && a.op !== 'not in') {
    const spec = singleClause(a.op + rhs);
    if (spec === 'overlong') return ERROR;
    if (spec !== 'invalid') return specifierContains(spec, lhs);
  }
  switch (a.op) {
    case 'in':
      return rhs.includes(lhs) ? TRUE : FALSE;
    case 'not in':
      return rhs.includes(lhs) ? FALSE : TRUE;
    case '<':
    case '>':
      return FALSE;
    case '<=':
    case '==':
    case '>=':
      return lhs === rhs ? TRUE : FALSE;
    case '!=':
      return lhs !== rhs ? TRUE : FALSE;
    default:
      // `~=` and `===` on text have no meaning: packaging raises UndefinedComparison.
      return ERROR;
  }
}

/** One way to set a variable: the value each of its comparisons then has. */
type Setting = Uint8Array;

interface Variable {
  atoms: number[];
  settings: Setting[];
}

// Past these bounds (trials of the whole marker, comparisons worked out for one variable, Pythons to try) the answer
// is "it may hold", the safe side: the requirement stays checked. No marker people write comes near them.
const MAX_TRIALS = 20_000;
const MAX_WORK = 1_000_000;
const MAX_PYTHONS = 50_000;

export function markerCanHold(marker: Marker, minimum: Version): boolean {
  const atoms: Atom[] = [];
  const ids = new Map<string, number>();
  const atomAt = new Map<Marker, number>();
  const stack: Marker[] = [marker];
  while (stack.length > 0) {
    const m = stack.pop() as Marker;
    if (m.kind !== 'compare') {
      stack.push(m.left, m.right);
      continue;
    }
    const a = atomOf(m);
    const key = `${a.key}\0${a.op}\0${a.constant}\0${a.envOnLeft}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = atoms.length;
      ids.set(key, id);
      atoms.push(a);
    }
    atomAt.set(m, id);
  }
  const groups = new Map<string, number[]>();
  for (let id = 0; id < atoms.length; id++) {
    const key = atoms[id].key;
    // An unknown name raises on every evaluation: pip cannot tell, so neither can this.
    if (!ENVIRONMENT.has(key)) return true;
    const name = PYTHON.has(key) ? 'python' : key;
    const group = groups.get(name);
    if (group) group.push(id);
    else groups.set(name, [id]);
  }
  const variables: Variable[] = [];
  for (const [name, group] of groups) {
    const mine = group.map((id) => atoms[id]);
    const settings = new Map<string, Setting>();
    const add = (value: (key: string) => string) => {
      const setting = Uint8Array.from(mine, (a) => evaluateAtom(a, value(a.key)));
      settings.set(setting.join(''), setting);
    };
    if (name === 'python') {
      const pythons = pythonCandidates(mine, minimum);
      if (!pythons || pythons.length * mine.length > MAX_WORK) return true;
      for (const [short, full] of pythons) add((key) => (key === 'python_version' ? short : full));
    } else {
      const values = valueCandidates(name, mine);
      if (values.length * mine.length > MAX_WORK) return true;
      for (const value of values) add(() => value);
    }
    // Some value makes packaging raise: pip cannot evaluate the marker there, so it is not ruled out.
    for (const s of settings.values()) if (s.includes(ERROR)) return true;
    variables.push({ atoms: group, settings: [...settings.values()] });
  }
  variables.sort((a, b) => a.settings.length - b.settings.length);
  const truth = new Int8Array(atoms.length).fill(-1);
  let trials = 0;
  const search = (i: number): boolean => {
    trials++;
    const t = evaluate(marker, atomAt, truth);
    if (t !== -1 || trials > MAX_TRIALS) return t !== FALSE;
    const v = variables[i];
    for (const setting of v.settings) {
      v.atoms.forEach((id, k) => (truth[id] = setting[k]));
      if (search(i + 1)) return true;
    }
    for (const id of v.atoms) truth[id] = -1;
    return false;
  };
  return search(0);
}

/** Kleene's three values: 1 true, 0 false, -1 not known yet. */
function evaluate(m: Marker, atomAt: Map<Marker, number>, truth: Int8Array): number {
  if (m.kind === 'compare') return truth[atomAt.get(m) as number];
  // `a and b and c` parses as a left-leaning chain; walk it in a loop so a long chain cannot overflow the stack.
  const kind = m.kind;
  const operands: Marker[] = [];
  let node: Marker = m;
  while (node.kind === kind) {
    operands.push(node.right);
    node = node.left;
  }
  operands.push(node);
  let result = kind === 'and' ? TRUE : FALSE;
  for (const operand of operands) {
    const t = evaluate(operand, atomAt, truth);
    if (t === (kind === 'and' ? FALSE : TRUE)) return t;
    if (t === -1) result = -1;
  }
  return result;
}

function around(n: bigint): bigint[] {
  return [n - 1n, n, n + 1n].filter((x) => x >= 0n);
}

/** Whether a number's decimals hold some digits somewhere, at the end, or at the start. */
type DigitTest = (n: bigint) => boolean;

/** The test that a number's decimals hold `d` somewhere, at their end, at their start, or are `d`. */
function digits(where: 'anywhere' | 'end' | 'start' | 'all', d: string): DigitTest {
  switch (where) {
    case 'anywhere':
      return (n) => String(n).includes(d);
    case 'end':
      return (n) => String(n).endsWith(d);
    case 'start':
      return (n) => String(n).startsWith(d);
    case 'all':
      return (n) => String(n) === d;
  }
}

// How far past a number to look for one whose decimals pass a test (`7` in 3.21 … 3.29 is 3.27).
const MAX_SCAN = 20_000;

/** The first number from `from` on that passes (or, with `pass` false, fails) the test, if one is near. */
function firstFrom(from: bigint, test: DigitTest, pass: boolean): bigint | undefined {
  for (let n = from, i = 0; i < MAX_SCAN; n++, i++) if (test(n) === pass) return n;
  // Past the scan a number that starts with the digits is the first to hold them (1999 → 7000 for `7`).
  return undefined;
}

/**
 * Where `text` can be found in a Python version written with `parts` numbers (`3.10` or `3.10.2`): for each way its
 * dots can fall on the version's dots, what the decimals of each part must then be.
 */
function placesOf(text: string, parts: number): (DigitTest | undefined)[][] {
  if (!/^[0-9.]*$/.test(text)) return [];
  const pieces = text.split('.');
  const out: (DigitTest | undefined)[][] = [];
  for (let at = 0; at + pieces.length <= parts; at++) {
    const tests = Array.from({ length: parts }, (): DigitTest | undefined => undefined);
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      if (pieces.length === 1) tests[at] = digits('anywhere', piece);
      else if (i === 0) tests[at] = piece ? digits('end', piece) : undefined;
      else tests[at + i] = last ? (piece ? digits('start', piece) : undefined) : digits('all', piece);
    });
    out.push(tests);
  }
  return out;
}

/** The Python versions written with `parts` numbers that `text` holds (`"3.9 3.10"` holds 3.9, 3.10, 9.3 and 3.1). */
function versionsIn(text: string, parts: number): bigint[][] | undefined {
  if (text.length > 256) return undefined;
  const out: bigint[][] = [];
  const pattern = new RegExp(`^(0|[1-9][0-9]*)${'\\.(0|[1-9][0-9]*)'.repeat(parts - 1)}$`);
  for (let i = 0; i < text.length; i++) {
    for (let j = i + 1; j <= text.length; j++) {
      const m = pattern.exec(text.slice(i, j));
      if (m && m.slice(1).every((d) => d.length <= MAX_DIGITS)) out.push(m.slice(1).map(BigInt));
    }
  }
  return out;
}

/**
 * Pythons at or above the minimum, as [python_version, python_full_version], one for every combination of release
 * numbers the comparisons can tell apart: around each number a version comparison names, in its place (major, minor
 * or patch); around every version a text holds that the Python's version is looked for in; and where text is looked for in
 * the Python's version, from each of those numbers on, the first whose decimals can hold it and the first that
 * cannot. Undefined when there would be too many.
 */
function pythonCandidates(atoms: Atom[], minimum: Version): [string, string][] | undefined {
  const parts = atoms.some((a) => a.key === 'python_full_version') ? 3 : 2;
  const [major = 0n, minor = 0n, patch = 0n] = minimum.release;
  const base = [new Set([major, major + 1n]), new Set([0n, minor, minor + 1n]), new Set([0n, patch, patch + 1n])];
  const tests: DigitTest[][] = [[], [], []];
  const exact: bigint[][] = [];
  for (const a of atoms) {
    const width = a.key === 'python_full_version' ? 3 : 2;
    if (a.op !== 'in' && a.op !== 'not in') {
      const release = /^\s*v?(?:[0-9]+!)?([0-9]+(?:\.[0-9]+)*)/i.exec(a.constant)?.[1] ?? '';
      release
        .split('.')
        .slice(0, 3)
        .forEach((n, i) => {
          if (n.length <= MAX_DIGITS) for (const x of around(BigInt(n))) base[i].add(x);
        });
    } else if (!a.envOnLeft) {
      for (const place of placesOf(a.constant, width)) place.forEach((t, i) => t && tests[i].push(t));
    } else {
      const found = versionsIn(a.constant, width);
      if (!found) return undefined;
      exact.push(...found);
    }
  }
  // Each version a text holds, and its neighbours: one of them is a version the text does not hold.
  for (const found of exact) found.forEach((n, i) => around(n).forEach((x) => base[i].add(x)));
  for (let i = 0; i < 3; i++) {
    const from = [...base[i]];
    for (const t of tests[i]) {
      for (const b of from) {
        for (const pass of [true, false]) {
          const n = firstFrom(b, t, pass);
          if (n !== undefined) base[i].add(n);
        }
      }
    }
  }
  // Without python_full_version in the marker the patch only has to keep the Python at or above the minimum.
  const choices = [0, 1, 2].map((i) => (i < parts ? [...base[i]] : [patch]));
  if (choices[0].length * choices[1].length * choices[2].length > MAX_PYTHONS) return undefined;
  const out: [string, string][] = [];
  for (const a of choices[0]) {
    for (const b of choices[1]) {
      for (const c of choices[2]) {
        if (compareVersions(makeVersion({ release: [a, b, c] }), minimum) >= 0)
          out.push([`${a}.${b}`, `${a}.${b}.${c}`]);
      }
    }
  }
  return out;
}

/** PEP 503 normalisation: packaging compares `extra` with normalised names, and normalises the environment's too. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Values of a variable other than the Python version that cover every answer its comparisons can give: each
 * constant, the pieces of a text it may be found in, texts made of the constants it may contain, one value unlike
 * any of them, and for a version variable a version from every stretch its comparisons cut the version line into.
 */
function valueCandidates(key: string, atoms: Atom[]): string[] {
  const out = new Set(atoms.map((a) => a.constant));
  const contained: string[] = [];
  for (const a of atoms) {
    if (a.op !== 'in' && a.op !== 'not in') continue;
    if (!a.envOnLeft) contained.push(a.constant);
    else if (a.constant.length <= 24) {
      for (let i = 0; i <= a.constant.length; i++)
        for (let j = i; j <= a.constant.length; j++) out.add(a.constant.slice(i, j));
    } else for (const piece of ['', ...a.constant.split(/\s+/)]) out.add(piece);
  }
  const unused = otherThan(atoms.map((a) => a.constant));
  const kinds = [...new Set(contained)];
  if (kinds.length > 0 && kinds.length <= 5) {
    for (let mask = 1; mask < 1 << kinds.length; mask++) {
      const joined = kinds.filter((_, i) => mask & (1 << i)).join(unused);
      // With a character of its own it is found in no constant either.
      out.add(joined).add(joined + unused);
    }
  } else if (kinds.length > 5) out.add(kinds.join(unused)).add(kinds.join(unused) + unused);
  out.add(unused);
  if (VERSION_KEYS.has(key)) {
    // A value with a space makes `op + value` no specifier at all, which some comparisons answer differently;
    // `===` ignores case, text comparisons do not.
    out.add(`${unused} ${unused}`);
    for (const a of atoms) out.add(a.constant.toUpperCase()).add(a.constant.toLowerCase());
    for (const v of versionWitnesses(atoms)) out.add(v);
  }
  return key === 'extra' ? [...new Set([...out].map(canonical))] : [...out];
}

/** A character no constant holds, so a value built from it is none of them and holds none of them. */
function otherThan(constants: string[]): string {
  for (let code = 0x2460; ; code++) {
    const c = String.fromCharCode(code);
    if (!constants.some((k) => k.includes(c))) return c;
  }
}

/** A version from every stretch of the version line between the places where a comparison's answer can change. */
function versionWitnesses(atoms: Atom[]): string[] {
  const cuts: Cut[] = [BOTTOM, TOP];
  const addClause = (c: Clause) => {
    const v = c.op === '===' ? undefined : parseVersion(c.version);
    if (v) for (const i of clauseIntervals(c, v)) cuts.push(i.lo, i.hi);
  };
  for (const a of atoms) {
    if (a.op === 'in' || a.op === 'not in') continue;
    if (a.envOnLeft) {
      const spec = singleClause(a.op + a.constant);
      if (typeof spec !== 'string') addClause(spec);
    } else {
      // The value is the specifier's version here: its answer turns where the constant meets each operator's cuts.
      const v = parseVersion(stripPythonSpace(a.constant));
      if (v)
        for (const op of ['>=', '<=', '>', '<', '==', '!='] as const)
          addClause({ op, version: v.text, wildcard: false, start: 0, end: 0 });
    }
  }
  cuts.sort(compareCuts);
  const out: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const w = witness(cuts[i], cuts[i + 1]);
    const c = cuts[i];
    // The same version written differently: text comparisons of a version variable see the difference.
    if (w) out.push(w.text, `v${w.text}`, `0!${w.text}`);
    if (c.place !== 'bottom' && c.place !== 'top') out.push(c.v.text);
  }
  return out;
}

/**
 * Could the marker hold on some Python at or above `minimum` (e.g. 3.10)? Every other variable may take any value.
 * A marker that pip cannot evaluate somewhere (`os_name ~= "1"`) counts as one that can hold.
 */
export function markerCanHoldFrom(marker: Marker, minimum: Version): boolean {
  // Parsed markers are shared between the lines that repeat them, so the answer is worth keeping with them.
  let answers = canHoldCache.get(marker);
  if (!answers) {
    answers = new Map();
    canHoldCache.set(marker, answers);
  }
  let answer = answers.get(minimum.text);
  if (answer === undefined) {
    answer = markerCanHold(marker, minimum);
    answers.set(minimum.text, answer);
  }
  return answer;
}

const canHoldCache = new WeakMap<Marker, Map<string, boolean>>();
