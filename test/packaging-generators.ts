// Generators for the differential test against Python's packaging (test/unit/packaging-differential.test.ts):
// specifier sets, markers and requirement strings from the edges of their grammars, each with what the test needs to
// know about it, worked out here from how it was built (never from the engine under test).
import { pick } from './helpers';

export type Random = () => number;

/** A version by its parts. Numbers stay small (0–3) so a universe of neighbours covers every gap between them. */
export interface Parts {
  epoch: number;
  release: number[];
  pre: ['a' | 'b' | 'rc', number] | null;
  post: number | null;
  dev: number | null;
  local: string[] | null;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

function int(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** packaging's str(Version): the normal form. */
export function normal(v: Parts): string {
  let text = (v.epoch ? `${v.epoch}!` : '') + v.release.join('.');
  if (v.pre) text += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== null) text += `.post${v.post}`;
  if (v.dev !== null) text += `.dev${v.dev}`;
  if (v.local) text += '+' + v.local.map((s) => (/^[0-9]+$/.test(s) ? String(Number(s)) : s.toLowerCase())).join('.');
  return text;
}

export function isPre(v: Parts): boolean {
  return v.pre !== null || v.dev !== null;
}

const base = (v: Parts, parts: Partial<Parts> = {}): Parts => ({
  epoch: v.epoch,
  release: v.release,
  pre: null,
  post: null,
  dev: null,
  local: null,
  ...parts,
});

/** One of the many ways PEP 440 lets the same version be written. */
export function spell(v: Parts, random: Random): string {
  let text = chance(random, 0.1) ? pick(random, ['v', 'V']) : '';
  if (v.epoch) text += `${v.epoch}!`;
  else if (chance(random, 0.04)) text += '0!';
  text += v.release.map((n) => (chance(random, 0.05) ? `0${n}` : String(n))).join('.');
  let implicitPre = false;
  if (v.pre) {
    const [label, n] = v.pre;
    const spelled = pick(
      random,
      { a: ['a', 'alpha', 'A', 'Alpha'], b: ['b', 'beta', 'B'], rc: ['rc', 'c', 'pre', 'preview', 'RC'] }[label],
    );
    text += pick(random, ['', '', '.', '-', '_']) + spelled;
    implicitPre = n === 0 && chance(random, 0.3);
    if (!implicitPre) text += pick(random, ['', '', '.', '-', '_']) + n;
  }
  if (v.post !== null) {
    const n = v.post;
    const forms = [`.post${n}`, `post${n}`, `-post${n}`, `_post${n}`, `.rev${n}`, `r${n}`, `.post.${n}`, `.POST-${n}`];
    // `1.0a-1` reads as a1: a dash and a number only stand for a post-release after an explicit pre-release number.
    if (!implicitPre) forms.push(`-${n}`);
    if (n === 0) forms.push('.post', 'post', '-r');
    text += pick(random, forms);
  }
  if (v.dev !== null) {
    const n = v.dev;
    const forms = [`.dev${n}`, `dev${n}`, `-dev${n}`, `_dev${n}`, `.dev.${n}`, `.DEV${n}`];
    if (n === 0) forms.push('.dev', 'dev');
    text += pick(random, forms);
  }
  if (v.local)
    text += '+' + v.local.map((s) => (chance(random, 0.2) ? s.toUpperCase() : s)).join(pick(random, ['.', '-', '_']));
  return text;
}

export function randomVersion(random: Random): Parts {
  const v: Parts = {
    epoch: chance(random, 0.1) ? 1 : 0,
    release: Array.from({ length: 1 + int(random, 3) }, () => int(random, 4)),
    pre: chance(random, 0.3) ? [pick(random, ['a', 'b', 'rc'] as const), int(random, 3)] : null,
    post: chance(random, 0.25) ? int(random, 3) : null,
    dev: chance(random, 0.2) ? int(random, 3) : null,
    local: chance(random, 0.12) ? pick(random, [['x'], ['ubuntu', '1'], ['0'], ['abc2'], ['01']]) : null,
  };
  return v;
}

/** Versions with the edges every run should meet, then random ones. */
export function versionPool(random: Random, size: number): Parts[] {
  const r = (release: number[], parts: Partial<Parts> = {}): Parts => ({
    epoch: 0,
    release,
    pre: null,
    post: null,
    dev: null,
    local: null,
    ...parts,
  });
  const fixed = [
    r([0]),
    r([1, 0]),
    r([1, 0, 0]),
    r([1, 2]),
    r([2, 1, 3]),
    r([1, 0], { pre: ['a', 1] }),
    r([1, 0], { pre: ['rc', 1] }),
    r([1, 0], { post: 1 }),
    r([1, 0], { dev: 1 }),
    r([1, 0], { pre: ['a', 1], post: 1 }),
    r([1, 0], { pre: ['b', 2], dev: 0 }),
    r([1, 0], { post: 1, dev: 1 }),
    r([1, 0], { local: ['x'] }),
    r([1, 0], { post: 1, local: ['x'] }),
    r([1, 0], { epoch: 1 }),
    r([0], { dev: 0 }),
  ];
  const pool = [...fixed];
  while (pool.length < size) pool.push(randomVersion(random));
  return pool;
}

/** The versions around `v` where a clause naming `v` (or a neighbour of it) can change its answer. */
export function neighbourhood(v: Parts): string[] {
  let trimmed = v.release.length;
  while (trimmed > 1 && v.release[trimmed - 1] === 0) trimmed--;
  const releases: number[][] = [v.release, [...v.release, 1], v.release.slice(0, trimmed)];
  v.release.forEach((n, i) => {
    for (const d of [-1, 1]) {
      const r = v.release.slice(0, i + 1);
      r[i] = n + d;
      if (r[i] >= 0) releases.push(r);
    }
  });
  const out: Parts[] = [];
  for (const release of releases) {
    const b: Parts = { epoch: v.epoch, release, pre: null, post: null, dev: null, local: null };
    out.push(b, base(b, { dev: 0 }), base(b, { post: 0 }));
  }
  // The other epoch, and the prefix `==V.*` and `~=V` end at.
  out.push(
    base({ ...v, epoch: 1 - v.epoch }),
    base({ ...v, epoch: 1 - v.epoch }, { dev: 0 }),
    base(v, { release: [...v.release, 0, 1] }),
  );
  const suffixes: Partial<Parts>[] = [
    { dev: 1 },
    { pre: ['a', 0] },
    { pre: ['a', 1] },
    { pre: ['rc', 1] },
    { pre: ['rc', 1], post: 1 },
    { pre: ['a', 1], post: 0, dev: 0 },
    { post: 0, dev: 0 },
    { post: 1 },
    { post: 1, dev: 0 },
    { local: ['x'] },
    { local: ['0'] },
    { post: 1, local: ['x'] },
    { dev: 0, local: ['x'] },
  ];
  for (const s of suffixes) out.push(base(v, s));
  out.push(
    v,
    { ...v, local: null },
    { ...v, local: ['x'] },
    { ...v, local: [...(v.local ?? []), 'x'] },
    { ...v, local: ['a'] },
  );
  const near = (n: number) => [n - 1, n + 1].filter((x) => x >= 0);
  if (v.pre) {
    for (const n of near(v.pre[1]))
      out.push(
        { ...v, pre: [v.pre[0], n], local: null },
        { ...v, pre: [v.pre[0], n], post: null, dev: 0, local: null },
      );
    out.push(
      { ...v, post: 0, dev: 0, local: null },
      { ...v, post: 0, dev: null, local: null },
      { ...v, post: 3, dev: null, local: null },
    );
  }
  if (v.post !== null)
    for (const n of near(v.post)) out.push({ ...v, post: n, local: null }, { ...v, post: n, dev: 0, local: null });
  else out.push({ ...v, post: 0, local: null }, { ...v, post: 0, dev: 0, local: null });
  if (v.dev !== null)
    for (const n of near(v.dev)) out.push({ ...v, dev: n, local: null }, { ...v, dev: n, local: ['x'] });
  else out.push({ ...v, dev: 0, local: null });
  return out.map(normal);
}

// ---------------------------------------------------------------------------------------------------------------
// Specifier sets

export type Operator = '===' | '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>';
const OPERATORS: Operator[] = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/** A clause built to be valid, with its version's parts and its text in normal form. */
export interface GoodClause {
  text: string;
  /** What packaging's Specifier holds once its version is in normal form (`===` keeps its text). */
  normal: string;
  /** Does this clause open the set to pre-releases (a clause other than != and ==V.* naming one)? */
  opensPrereleases: boolean;
  /** The version the clause names, when it names one. */
  parts?: Parts;
  /** The exact string a `===` clause admits, when it is a version. */
  arbitrary?: string;
  /** That string is not in normal form: packaging before 26.1 normalised the candidate first (pypa/packaging#1124). */
  spelled?: boolean;
}

const space = (random: Random) => pick(random, ['', '', '', ' ', '\t', '  ']);

export function goodClause(random: Random, pool: Parts[]): GoodClause {
  const op = pick(random, OPERATORS);
  let v = pick(random, pool);
  if (op === '===') {
    if (chance(random, 0.2)) {
      const text = pick(random, ['foo', 'Foo-1', '1.0-beta.x', '', 'latest']);
      return { text: `===${space(random)}${text}`, normal: `===${text}`, opensPrereleases: false };
    }
    // The text itself is what `===` admits: two spellings per version keep the reference's work small.
    const spelled = chance(random, 0.5);
    const text = spelled ? `v${normal(v).toUpperCase()}` : normal(v);
    return {
      text: `===${space(random)}${text}`,
      normal: `===${text}`,
      opensPrereleases: isPre(v),
      parts: v,
      arbitrary: text,
      spelled,
    };
  }
  if ((op === '==' || op === '!=') && chance(random, 0.25)) {
    // A prefix: release numbers only.
    const prefix: Parts = { epoch: v.epoch, release: v.release, pre: null, post: null, dev: null, local: null };
    return {
      text: `${op}${space(random)}${spell(prefix, random)}.*`,
      normal: `${op}${normal(prefix)}.*`,
      opensPrereleases: false,
      parts: prefix,
    };
  }
  if (op !== '==' && op !== '!=') v = { ...v, local: null };
  if (op === '~=' && v.release.length < 2) v = { ...v, release: [...v.release, int(random, 3)] };
  return {
    text: `${op}${space(random)}${spell(v, random)}`,
    normal: `${op}${normal(v)}`,
    opensPrereleases: op !== '!=' && isPre(v),
    parts: v,
  };
}

/** A clause from just outside the grammar (some of them turn out valid after all: validity is packaging's call). */
export function badClause(random: Random, pool: Parts[]): string {
  const v = spell(pick(random, pool), random);
  return pick(random, [
    `==1.0a1.*`,
    `==1.0+x.*`,
    `==1.0.dev1.*`,
    `!=1.0.post1.*`,
    `==1.*.*`,
    `==1.*.0`,
    `>=1.0.*`,
    `~=1.0.*`,
    `<1.*`,
    `>=1.0+x`,
    `<1.0+x`,
    `~=1.0+x`,
    `>1.0+abc`,
    `<=${v}+x`,
    `~=1`,
    `~=${int(random, 4)}`,
    `=1.0`,
    `=>1.0`,
    `<>1.0`,
    `!1.0`,
    `~1.0`,
    `=~1.0`,
    `>=`,
    `==`,
    `<`,
    `~=`,
    `===x y`,
    `===a)`,
    `===a;b`,
    `1.0`,
    `>=1.0.`,
    `>=1..0`,
    `>=1.0-`,
    `>=1.0+`,
    `>=x`,
    `>=1.0 2`,
    `> =1.0`,
    `>= 1. 0`,
    `>=1.0_`,
    `>=1.0a1a2`,
    `>=1.0.post1.post2`,
    `>=1.0dev1.post1`,
    `>=-1`,
    `>=1!`,
    `>=!1`,
    `==1.0+`,
    `==1.0+x..y`,
    `>=1.0 ;`,
    `>=v`,
    `>=1.0e1`,
    `==1.0+x_`,
    `>=1.0\n`,
    `>=1.0-1-1`,
    `~=1.0.post`,
  ]);
}

export interface GeneratedSet {
  text: string;
  /** Built only of good clauses: packaging should accept it, and the test knows its pre-release policy. */
  good?: { clauses: GoodClause[]; prereleases: boolean };
}

/** A specifier set as requires-python holds one (packaging's SpecifierSet grammar: empty pieces are skipped). */
export function specifierSet(random: Random, pool: Parts[]): GeneratedSet {
  const n = 1 + int(random, 3);
  const bad = chance(random, 0.15);
  const good: GoodClause[] = [];
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    if (bad && i === n - 1) pieces.push(badClause(random, pool));
    else {
      const c = goodClause(random, pool);
      good.push(c);
      pieces.push(c.text);
    }
  }
  let text = pieces.map((p) => space(random) + p + space(random)).join(',');
  if (chance(random, 0.05)) text += ',';
  if (chance(random, 0.03)) text = ',' + text;
  if (chance(random, 0.03)) text = text.replace(',', ',,');
  return { text, good: bad ? undefined : { clauses: good, prereleases: good.some((c) => c.opensPrereleases) } };
}

// ---------------------------------------------------------------------------------------------------------------
// Markers

const PYTHON_VARIABLES = ['python_version', 'python_full_version'];
const STRING_VALUES: Record<string, string[]> = {
  os_name: ['nt', 'posix', 'java'],
  'os.name': ['nt', 'posix'],
  sys_platform: ['linux', 'win32', 'darwin', 'cygwin'],
  'sys.platform': ['linux', 'win32'],
  platform_system: ['Linux', 'Windows', 'Darwin'],
  platform_machine: ['x86_64', 'aarch64', 'AMD64'],
  'platform.machine': ['x86_64', 'arm64'],
  platform_version: ['1', '#1 SMP'],
  'platform.version': ['1'],
  platform_python_implementation: ['CPython', 'PyPy'],
  'platform.python_implementation': ['CPython'],
  python_implementation: ['CPython', 'PyPy'],
  implementation_name: ['cpython', 'pypy'],
  extra: ['dev', 'Test_Extra', 'test-extra', 'a.b'],
};
const VERSION_VALUES: Record<string, string[]> = {
  python_version: [
    '3.10',
    '3.9',
    '3.11',
    '3.12',
    '3',
    '4',
    '2.7',
    '3.10.0',
    '3.40',
    '3.41',
    '3.1',
    '3.*',
    '3.11.*',
    '3.10 3.11',
    'foo',
  ],
  python_full_version: [
    '3.10.0',
    '3.10.5',
    '3.11.4',
    '3.9.18',
    '3.12.0rc1',
    '3.10.*',
    '3.11.4.*',
    '3.13.0+local',
    '3.10.0 3.11.2',
    'foo',
  ],
  platform_release: ['5', '5.15.0', '6.1', '1.0a1', 'x', '5.*'],
  implementation_version: ['3.10.0', '7.3.13', '3.11', '3.12.0b1'],
};
const MARKER_OPERATORS = ['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'];

/** Python versions to try: 3.10.0 to 3.40.1, a few beyond, and around every version-like run of digits in the marker. */
export function pythonsFor(marker: string): string[] {
  const out = new Set(['4.0.0', '4.1.2', '5.0.0']);
  for (let minor = 10; minor <= 40; minor++) out.add(`3.${minor}.0`).add(`3.${minor}.1`);
  // Every position, so `10.0` inside `3.10.0` counts too: `python_version in "3.10.0"` holds on Python 10.0.
  for (const m of marker.matchAll(/(?=([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?)/g)) {
    const [a, b, c] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    // Digits before or after a run matter where the marker looks for text inside the version (`"3.9.18" in ...`).
    for (const [x, y, z] of [
      [a, b, c],
      [a, b - 1, 0],
      [a, b + 1, 0],
      [a, b, c + 1],
      [a, b, Math.max(0, c - 1)],
      [a + 1, 0, 0],
      [a, b * 10, 0],
      [a, b * 10 + 9, 0],
      [a + 10, b, c],
      [a, b, c * 10],
    ]) {
      if (y >= 0 && (x > 3 || (x === 3 && y >= 10))) out.add(`${x}.${y}.${z}`);
    }
  }
  return [...out];
}

/** PEP 503 normalisation (what packaging makes of an extra's name). */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const ALIASES: Record<string, string> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

/** The environment key a variable (as written) reads; both Python versions count as one, `python`. */
function keyOf(variable: string): string {
  const name = ALIASES[variable] ?? variable;
  return PYTHON_VARIABLES.includes(name) ? 'python' : name;
}

export interface GeneratedMarker {
  text: string;
  /** Built from the grammar's comparisons, with what to try: whether it can hold is compared too. */
  evaluated: boolean;
  /** A string in it holds a backslash: PEP 508 refuses it, packaging reads it (a deliberate difference). */
  backslash?: boolean;
  /** Each comparison on its own, with the environment key it reads. */
  atoms?: { text: string; key: string }[];
  /** Environment values to try for each key other than the Python version. */
  values?: Record<string, string[]>;
  /** Compared by packaging before 26.0 in a way it has changed since (pypa/packaging#939). */
  changedIn26?: boolean;
  /**
   * Compares `extra` with a name not in normal form: packaging 26.0 to 26.2 normalise it only outside parentheses
   * (pypa/packaging#1246), before and after that everywhere.
   */
  extraName?: boolean;
}

function quote(random: Random, value: string): string {
  const q = value.includes('"') ? "'" : value.includes("'") ? '"' : pick(random, ['"', "'"]);
  return q + value + q;
}

interface Atom {
  text: string;
  key: string;
  /** The text the variable is compared with (another variable's name, for two variables). */
  constant: string;
  /** `in`/`not in`: whether the variable's value is looked for in the constant, or the constant in the value. */
  inside?: 'value' | 'constant';
  changedIn26: boolean;
  /** Compares two variables: packaging turns the one beside `extra` into a string (see GeneratedMarker.extraName). */
  twoVariables?: boolean;
}

function atom(random: Random, variable: string): Atom {
  const values = VERSION_VALUES[variable] ?? STRING_VALUES[variable];
  const versionKey = variable in VERSION_VALUES;
  let op = pick(random, MARKER_OPERATORS);
  if (!versionKey && chance(random, 0.6)) op = pick(random, ['==', '!=', 'in', 'not in']);
  let value = pick(random, values);
  if ((op === 'in' || op === 'not in') && chance(random, 0.6))
    value = [value, pick(random, values)].join(pick(random, [' ', ',', ' ']));
  const sp = () => pick(random, [' ', ' ', '\t', '  ', '']);
  const opText = op === 'not in' ? `not${pick(random, [' ', '\t', '  '])}in` : op;
  // Tight spacing around a word operator would glue it to its neighbours.
  const around = op === 'in' || op === 'not in' ? () => pick(random, [' ', '\t']) : sp;
  // packaging before 26.0 (pypa/packaging#939) tried every comparison as a version first, raising on a value that
  // is none, and ordered text as Python orders strings; since then only version variables are compared as versions,
  // and text has no order. Where both raise, or both answer alike for every value tried, the old answer still counts.
  const key = keyOf(variable);
  const ordered = ['<', '<=', '>', '>='].includes(op);
  const contains = op === 'in' || op === 'not in';
  const plainVersion = /^[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?$/.test(value);
  const changedIn26 =
    key === 'python'
      ? ordered && !plainVersion
      : versionKey
        ? !contains
        : ordered || ((op === '==' || op === '!=') && /^[0-9]/.test(value));
  const form = random();
  if (form < 0.85)
    return {
      text: `${variable}${around()}${opText}${around()}${quote(random, value)}`,
      key,
      constant: value,
      changedIn26,
      inside: contains ? 'value' : undefined,
    };
  // The value on the right: its operator and the variable's value make the specifier.
  const reversedChanged = key === 'python' ? !contains && !plainVersion : !contains;
  if (form < 0.95)
    return {
      text: `${quote(random, value)}${around()}${opText}${around()}${variable}`,
      key,
      constant: value,
      changedIn26: reversedChanged,
      inside: contains ? 'constant' : undefined,
    };
  const other = pick(random, Object.keys(STRING_VALUES));
  const text = `${variable}${around()}${opText}${around()}${other}`;
  // `x == extra` reads as `"x" == extra`: packaging turns the other side of `extra` into a normalised name.
  const inside = op === 'in' || op === 'not in' ? 'value' : undefined;
  if (other === 'extra' && variable !== 'extra')
    return {
      text,
      key: 'extra',
      constant: ALIASES[variable] ?? variable,
      changedIn26: true,
      inside: inside && 'constant',
      twoVariables: true,
    };
  return { text, key, constant: ALIASES[other] ?? other, changedIn26: true, inside, twoVariables: true };
}

const BAD_MARKERS = [
  'foo == "1"',
  'python_version = "3"',
  'python_version <> "3"',
  'python_version >= 3.8',
  'python_version >= "3.8',
  "python_version >= '3.8",
  'python_version >= "3.8" and',
  'python_version >= "3.8" or',
  '',
  '()',
  '(python_version >= "3.8"',
  'python_version >= "3.8")',
  'python_version "3.8"',
  'python_version not "3"',
  'os_name notin "x"',
  'os_name=="a"andos_name=="b"',
  'os_name == "a" AND os_name == "b"',
  'os_name == """x"""',
  'os.release == "1"',
  'platform.system == "Linux"',
  'python_version >= "3.8" & os_name == "nt"',
  'os_name == "a" xor "b"',
  'extra_ == "a"',
  'python_versions >= "3"',
  'os_name =="a"\r',
  'os_name == "a\nb"',
  'python_version >= "3.8" and and os_name == "nt"',
  'in "x"',
  'os_name in',
  'not in "x"',
  'os_name\u00a0== "a"',
  'os_name == ("a")',
  'os_name == "a" or',
  'os_name == "a") and (os_name == "b"',
  'os_name == "a" and (os_name == "b"',
  '"a" == "b" == "c"',
  'os_name not in in "x"',
  'os_name ==',
  '== "a"',
  'os_name === ',
  '(os_name == "a") (os_name == "b")',
];

// Valid, and evaluated the same by every packaging, but kept out of the search: they raise there, or name no variable.
const ODD_MARKERS = [
  'os_name == ""',
  '  os_name == "a"  ',
  '(((os_name == "a")))',
  '"a" == "b"',
  '"a" == "os_name"',
  'os_name == os_name',
  'extra == "Dev_Tools"',
];

export function marker(random: Random): GeneratedMarker {
  if (chance(random, 0.08)) return { text: pick(random, BAD_MARKERS), evaluated: false };
  if (chance(random, 0.02)) return { text: pick(random, ODD_MARKERS), evaluated: false };
  if (chance(random, 0.02)) {
    const text = pick(random, [
      'os_name == "a\\\\b"',
      "sys_platform == 'C:\\\\x'",
      'python_version == "3\\\\.10"',
      'extra == "a\\\\"',
    ]);
    return { text, evaluated: false, backslash: true };
  }
  // A Python version (most of the time) and at most two other variables, so that trying them all stays cheap.
  const variables: string[] = [];
  if (chance(random, 0.8))
    variables.push(
      pick(random, [
        ...PYTHON_VARIABLES,
        ...PYTHON_VARIABLES,
        ...PYTHON_VARIABLES,
        'platform_release',
        'implementation_version',
      ]),
    );
  const others = Object.keys(STRING_VALUES);
  for (let i = int(random, variables.length ? 3 : 2); i >= 0 && variables.length < 3; i--)
    variables.push(pick(random, others));
  const n = 1 + int(random, 4);
  const atoms = Array.from({ length: n }, () => atom(random, pick(random, variables)));
  let text = atoms[0].text;
  for (let i = 1; i < n; i++) {
    const join = pick(random, ['and', 'or']);
    const next = chance(random, 0.2) ? `(${atoms[i].text})` : atoms[i].text;
    text = chance(random, 0.15) ? `(${text}) ${join} ${next}` : `${text} ${join} ${next}`;
  }
  if (chance(random, 0.1)) text = `(${text})`;
  if (chance(random, 0.05)) text = text.replace(/ and /, '\tand\t');
  const values: Record<string, string[]> = {};
  for (const a of atoms) {
    if (a.key === 'python') continue;
    // Every text compared with the variable, every piece of one it may be found in, texts made of those it may
    // contain, and something none of them is.
    const set = new Set<string>(values[a.key] ?? ['zz top', '']);
    const mine = atoms.filter((b) => b.key === a.key);
    const contained = mine.filter((b) => b.inside === 'constant').map((b) => b.constant);
    if (contained.length > 0)
      set
        .add(contained.join(' '))
        .add(contained.join(''))
        .add(`${contained.join(' ')} zz`);
    for (const c of contained) set.add(`${c} zz`);
    for (const b of mine) {
      const c = b.constant;
      set.add(c);
      // Its words and its short pieces: a value found in one constant and not another is one of those.
      if (b.inside === 'value') {
        for (const word of c.split(/[ ,]/)) set.add(word);
        for (let i = 0; i < c.length; i++)
          for (let j = i + 1; j <= Math.min(c.length, i + 3); j++) set.add(c.slice(i, j));
      }
      if (a.key === 'platform_release' || a.key === 'implementation_version') {
        for (const m of c.matchAll(/[0-9]+(?:\.[0-9]+)*/g)) for (const x of versionNeighbours(m[0])) set.add(x);
        // The same version spelled otherwise, which text comparisons tell apart.
        for (const word of c.split(/[ ,]/)) set.add(`v${word}`).add(word.toUpperCase());
      }
    }
    values[a.key] = [...new Set([...set].map((x) => (a.key === 'extra' ? canonicalName(x) : x)))];
  }
  const extraName = atoms.some(
    (a) => a.key === 'extra' && (a.twoVariables || canonicalName(a.constant) !== a.constant),
  );
  return {
    text,
    evaluated: true,
    atoms: atoms.map((a) => ({ text: a.text, key: a.key })),
    values,
    changedIn26: atoms.some((a) => a.changedIn26),
    extraName,
  };
}

function versionNeighbours(text: string): string[] {
  const release = text.split('.').map(Number);
  const out = [text, `${text}.0`, `${text}.1`, `${text}.dev0`, `${text}a1`, `${text}.post1`, `${text}+x`];
  release.forEach((n, i) => {
    for (const d of [-1, 1]) {
      const r = release.slice(0, i + 1);
      r[i] = n + d;
      if (r[i] >= 0) out.push(r.join('.'));
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Requirement strings

export interface GeneratedRequirement {
  text: string;
  /** One of the two forms PEP 508 refuses and packaging accepts (see the test). */
  deliberate?: 'url-marker' | 'backslash';
  /** Its marker compares `extra` with a name not in normal form (see GeneratedMarker). */
  extraName?: boolean;
}

const NAMES = [
  'pkg',
  'Pkg',
  'a',
  'A1',
  'my-pkg',
  'my_pkg',
  'my.pkg',
  'pkg_',
  'pkg-',
  'pkg.',
  '-pkg',
  '_pkg',
  '1pkg',
  'p-k_g.1',
  'pkg2',
  'Ωpkg',
];
const EXTRAS = [
  '',
  '',
  '',
  '[a]',
  '[a,b]',
  '[ a , b ]',
  '[]',
  '[ ]',
  '[a,]',
  '[,a]',
  '[a b]',
  '[a_]',
  '[a-]',
  '[a.b-c_d]',
  '[a',
  '[a]]',
  '[Security,Socks]',
  '[\ta\t]',
];
const URLS = [
  'https://example.com/pkg-1.0.tar.gz',
  'file:///tmp/pkg.whl',
  'git+https://github.com/a/b@v1.0#egg=pkg',
  'https://x/a;b',
  'https://x/a.whl#sha256=abc',
  './local/dir',
];

export function requirement(random: Random, pool: Parts[]): GeneratedRequirement {
  const lead = chance(random, 0.1) ? pick(random, [' ', '\t', '  ']) : '';
  const tail = chance(random, 0.1) ? pick(random, [' ', '\t', '  ']) : '';
  const name = pick(random, NAMES);
  const extras = pick(random, EXTRAS);
  const sp = () => pick(random, ['', '', ' ', '\t']);
  const markerText: GeneratedMarker | undefined = chance(random, 0.35) ? marker(random) : undefined;
  const form = random();
  if (form < 0.15) {
    const url = chance(random, 0.05) ? '' : pick(random, URLS);
    const at = pick(random, ['@', ' @ ', '@ ', ' @', ' @\t']);
    if (url.includes('://') && chance(random, 0.05)) {
      // `url;marker`: pip reads the marker as part of the URL (which runs to the next blank).
      const tight = pick(random, [
        'python_version>"3"',
        "os_name=='nt'",
        'sys_platform!="win32"',
        'python_full_version>="3.10"',
        '(extra=="dev")',
      ]);
      return {
        text: `${lead}pkg${pick(random, ['', '[a]', '[a, b]'])}${at}${url};${tight}${tail}`,
        deliberate: 'url-marker',
      };
    }
    const tailMarker = markerText ? `${pick(random, [' ', ' ', '\t'])};${sp()}${markerText.text}` : '';
    if (markerText?.backslash)
      return { text: `${lead}pkg${at}https://example.com/pkg.whl ;${markerText.text}${tail}`, deliberate: 'backslash' };
    return { text: `${lead}${name}${extras}${at}${url}${tailMarker}${tail}`, extraName: markerText?.extraName };
  }
  let spec = '';
  if (form < 0.85) {
    const n = 1 + int(random, 3);
    const pieces = Array.from({ length: n }, () =>
      chance(random, 0.1) ? badClause(random, pool) : goodClause(random, pool).text,
    );
    spec = pieces.map((p) => sp() + p + sp()).join(',');
    if (chance(random, 0.06)) spec += ',' + sp();
    if (chance(random, 0.03)) spec = spec.replace(',', ',,');
    if (chance(random, 0.02)) spec = ',' + spec;
    if (chance(random, 0.15)) spec = `${sp()}(${spec})`;
  } else if (chance(random, 0.2)) spec = pick(random, ['()', ' ( )', '(', ' )', 'latest', '1.0', ' foo']);
  const tailMarker = markerText
    ? `${sp()};${sp()}${markerText.text}`
    : chance(random, 0.02)
      ? pick(random, [';', ' ; ', ';  '])
      : '';
  if (markerText?.backslash)
    return {
      text: `${lead}pkg${pick(random, ['', '>=1.0', ' (>=1.0)'])} ;${markerText.text}${tail}`,
      deliberate: 'backslash',
    };
  return { text: `${lead}${name}${extras}${sp()}${spec}${tailMarker}${tail}`, extraName: markerText?.extraName };
}
