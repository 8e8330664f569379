// tox: the Pythons a project tests on, from the environment names of `envlist` (their Python factor: `py38`,
// `py3.10`, `3.12`, `cpython311`) and from `basepython`, in tox.ini and in setup.cfg's `[tox:tox]`; `requires` as
// package requirements. tox 4's rules: a value's inline `#` comments are dropped, `envlist` entries are separated by
// commas and lines, and `{a,b}` groups (with `{8-12}` ranges) multiply an entry into several environments.
//
// The fix drops each entry below the minimum. An entry that braces multiply is narrowed instead, when its Python
// factor comes from one alternative of one group: that alternative is dropped (`py3{8,9,10}` keeps `py3{10}`); when
// the factor is spread over several groups (`py{3,4}{8,9}`) or a range (`py3{8-12}`) holds versions on both sides of
// the minimum, the finding comes without a fix.
import path = require('node:path');
import { editAt, textSource, type Fact, type Place, type PythonFact, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { TextEdit } from '../types';
import type { Version } from '../versions';
import { compareMinor, dottedMinorVersion, interpreterVersion, majorMinor } from '../versions/runtimes';
import { makeVersion, MAX_DIGITS } from '../versions';
import type { ReadContext } from './context';
import { iniProblems, option, parseIni, type IniDocument, type IniLine, type IniOption, type IniSection } from './ini';
import { pylintFacts } from './iniTools';
import { requirementFacts } from './pep508';
import { lineRemovals, separatedRemovals, versionList, type ListedVersion } from './versionLists';

/** How an environment name writes its Python: `py38`, `py3.8`, `3.8`, `cpython38`; a raise writes the same way. */
interface PythonStyle {
  prefix: string;
  dot: boolean;
}

/** The Python factor of a tox environment name, at its offsets in the name. */
export interface ToxPython {
  version: Version;
  start: number;
  end: number;
  style: PythonStyle;
}

// tox's PY_FACTORS_RE and PY_FACTORS_RE_EXPLICIT_VERSION, for CPython only (`pypy39` is another Python): `py38`,
// `py3.10`, `py312t`, `cpython311`, and `3.12` (alone, after `cpython-`, or as a factor). tox reads `py3` as a major
// version only, which names no minor to judge.
const FACTOR = /^(py|cpython)([2-9])(\.?)(\d{1,2})t?d?$/;
const EXPLICIT = /^([23])\.(\d+)t?d?$/;

const bare: PythonStyle = { prefix: '', dot: true };

// A list names a handful of Pythons many times over: each is made once.
const VERSIONS = new Map<string, Version>();

function minor(major: string, minor: string): Version | undefined {
  if (minor.length > MAX_DIGITS) return undefined;
  const key = `${major}.${minor}`;
  let version = VERSIONS.get(key);
  if (!version) VERSIONS.set(key, (version = makeVersion({ release: [BigInt(major), BigInt(minor)] })));
  return version;
}

/** A factor that names a CPython version, with its length (flags such as `t` are not part of the version). */
function factorPython(factor: string): { version: Version; length: number; style: PythonStyle } | undefined {
  const m = FACTOR.exec(factor);
  if (m) {
    const version = minor(m[2], m[4]);
    return (
      version && { version, length: m[1].length + 1 + m[3].length + m[4].length, style: { prefix: m[1], dot: !!m[3] } }
    );
  }
  const e = EXPLICIT.exec(factor);
  const version = e && minor(e[1], e[2]);
  return version ? { version, length: e[1].length + 1 + e[2].length, style: bare } : undefined;
}

/** The CPython version an environment name runs on (tox reads it from the name), unless it names none or another. */
export function toxPython(name: string): ToxPython | undefined {
  if (name.startsWith('cpython-')) {
    const whole = factorPython(name.slice(8));
    if (whole?.style === bare) return { ...whole, start: 8, end: 8 + whole.length };
  }
  let start = 0;
  for (const factor of name.split('-')) {
    const found = factorPython(factor);
    if (found) return { version: found.version, style: found.style, start, end: start + found.length };
    start += factor.length + 1;
  }
  return undefined;
}

/** Writes `v` the way `style` does: `py310`, `py3.10`, `3.10`. */
export function spellToxPython(style: PythonStyle): (v: Version) => string {
  return (v) => {
    const [major, minorPart] = majorMinor(v);
    return `${style.prefix}${major}${style.dot ? '.' : ''}${minorPart}`;
  };
}

/** A stretch of an `envlist` entry: text as written, or a `{…}` group of alternatives. */
type Part =
  | { kind: 'text'; text: string; start: number }
  | { kind: 'group'; start: number; end: number; alternatives: Alternative[] };

/** One alternative of a group; a range (`8-12`) stands for several, all at its place. */
interface Alternative {
  texts: string[];
  start: number;
  end: number;
}

/** An entry of `envlist`, between commas or lines. */
interface Entry {
  start: number;
  end: number;
  parts: Part[];
}

// tox's bounds for an open range (`{10-}`, `{-13}`), from its factor.py.
const RANGE_MIN = 10;
const RANGE_MAX = 14;

function rangeTexts(text: string): string[] {
  const m = /^(\d*)-(\d*)$/.exec(text);
  if (!m || (m[1] === '' && m[2] === '') || m[1].length > 4 || m[2].length > 4) return [text];
  const from = m[1] === '' ? RANGE_MIN : Number(m[1]);
  const to = m[2] === '' ? RANGE_MAX : Number(m[2]);
  const step = from <= to ? 1 : -1;
  const out: string[] = [];
  for (let n = from; ; n += step) {
    out.push(String(n));
    if (n === to) break;
  }
  return out;
}

/** The entries of one line of `envlist` (`from`–`to` in `text`, comments already cut off). */
function lineEntries(text: string, from: number, to: number): Entry[] {
  const entries: Entry[] = [];
  let parts: Part[] = [];
  let literal = from;
  const flush = (end: number) => {
    if (end > literal) parts.push({ kind: 'text', text: text.slice(literal, end), start: literal });
  };
  const finish = (end: number) => {
    flush(end);
    // tox strips the entry: blanks at its edges are not part of it.
    const first = parts[0];
    if (first?.kind === 'text') {
      const trimmed = first.text.trimStart();
      first.start += first.text.length - trimmed.length;
      first.text = trimmed;
    }
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text = last.text.trimEnd();
    parts = parts.filter((p) => p.kind === 'group' || p.text !== '');
    if (parts.length > 0) {
      const start = parts[0].start;
      const tail = parts[parts.length - 1];
      entries.push({ start, end: tail.kind === 'text' ? tail.start + tail.text.length : tail.end, parts });
    }
    parts = [];
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ',') {
      finish(i);
      literal = i + 1;
    } else if (c === '{') {
      const close = text.indexOf('}', i + 1);
      if (close < 0 || close >= to || close === i + 1) continue;
      flush(i);
      const alternatives: Alternative[] = [];
      let a = i + 1;
      for (let j = i + 1; j <= close; j++) {
        if (j < close && text[j] !== ',') continue;
        let s = a;
        let e = j;
        while (s < e && /\s/.test(text[s])) s++;
        while (e > s && /\s/.test(text[e - 1])) e--;
        alternatives.push({ texts: rangeTexts(text.slice(s, e)), start: s, end: e });
        a = j + 1;
      }
      parts.push({ kind: 'group', start: i, end: close + 1, alternatives });
      i = close;
      literal = close + 1;
    }
  }
  finish(to);
  return entries;
}

/** One environment an entry stands for: its name, and which alternative of each group it took. */
interface Env {
  entry: number;
  name: string;
  choices: number[][];
  /** For each character of the name, the part it came from. */
  origins: Int32Array;
}

const MAX_ENVS = 4096;

function expand(entry: Entry, index: number): Env[] {
  // Most entries are plain text: one environment, every character from the one part.
  const [only] = entry.parts;
  if (entry.parts.length === 1 && only.kind === 'text')
    return [{ entry: index, name: only.text, choices: [], origins: new Int32Array(only.text.length) }];
  let envs: { name: string; choices: number[][]; origins: number[] }[] = [{ name: '', choices: [], origins: [] }];
  entry.parts.forEach((part, p) => {
    if (part.kind === 'text') {
      for (const env of envs) {
        env.name += part.text;
        for (let k = 0; k < part.text.length; k++) env.origins.push(p);
      }
      return;
    }
    const next: typeof envs = [];
    for (const env of envs)
      part.alternatives.forEach((alt, a) =>
        alt.texts.forEach((t, r) => {
          if (next.length >= MAX_ENVS) return;
          next.push({
            name: env.name + t,
            choices: [...env.choices, [a, r]],
            origins: [...env.origins, ...Array<number>(t.length).fill(p)],
          });
        }),
      );
    envs = next;
  });
  return envs.map((e) => ({ entry: index, name: e.name, choices: e.choices, origins: Int32Array.from(e.origins) }));
}

/** A Python entry of a list, for the fix: where it is, and whether raising it in place writes a whole factor. */
interface Item extends ListedVersion {
  /** The place is the factor itself (not an alternative's text): a raise may rewrite it. */
  exact: boolean;
  style: PythonStyle;
}

/**
 * The `envlist` statement: each entry's Python factor below the minimum is reported, and the fix drops the entries
 * (or narrows the groups) that run it. Undefined when no entry names a Python.
 */
export function envListFact(
  source: Source,
  text: string,
  lines: readonly IniLine[],
  label: string,
): PythonFact | undefined {
  const entries: Entry[] = [];
  for (const line of lines) {
    // A factor-conditional line (`linux: py38`) is tox's filter syntax, not a list entry.
    if (/^[^:]*:(\s|$)/.test(line.text)) continue;
    entries.push(...lineEntries(text, line.start, line.start + commentFree(line.text)));
  }
  const items: Item[] = [];
  const keys = new Map<string, number>();
  const envs: { env: Env; item: number }[] = [];
  entries.forEach((entry, index) => {
    for (const env of expand(entry, index)) {
      const py = toxPython(env.name);
      if (!py) continue;
      const found = placeOf(entry, env, py);
      if (!found) continue;
      const shown = env.name.slice(py.start, py.end);
      const key = `${found.start}:${found.end}:${shown}`;
      let item = keys.get(key);
      if (item === undefined) {
        item = items.length;
        keys.set(key, item);
        items.push({ version: py.version, shown, place: { source, ...found }, exact: found.exact, style: py.style });
      }
      envs.push({ env, item });
    }
  });
  if (items.length === 0) return undefined;
  let newest = 0;
  items.forEach((item, i) => {
    if (compareMinor(item.version, items[newest].version) > 0) newest = i;
  });
  const removals = (removed: ReadonlySet<number>): TextEdit[] | undefined =>
    envListRemovals(source, text, entries, envs, removed);
  const list = versionList(items, spellToxPython(items[newest].style), (removed) => removals(removed) ?? []);
  return {
    kind: 'python',
    label,
    role: 'runs',
    judgedBy: 'python',
    place: { source, start: items[0].place.start, end: items[items.length - 1].place.end },
    statement: {
      ...list,
      keepFrom(wanted, below) {
        const raise = below.size === items.length;
        const others = raise ? new Set([...items.keys()].filter((i) => i !== newest)) : below;
        // A raise rewrites the newest entry's factor in place, which an alternative's text is not.
        if ((raise && !items[newest].exact) || removals(others) === undefined) return [];
        return list.keepFrom(wanted, below);
      },
    },
  };
}

/** The length of a value line without its comment, as tox cuts it: from an unescaped `#` (with the blanks before). */
function commentFree(line: string): number {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
    if (i > 0 && line[i - 1] === '\\') continue;
    let end = i;
    while (end > 0 && /\s/.test(line[end - 1])) end--;
    return end;
  }
  return line.length;
}

/**
 * Where an environment's Python factor is written: the factor itself when it is plain text of the entry, the
 * alternative it comes from when one group supplies part of it, the whole entry otherwise.
 */
function placeOf(entry: Entry, env: Env, py: ToxPython): { start: number; end: number; exact: boolean } | undefined {
  const parts = new Set<number>();
  for (let i = py.start; i < py.end; i++) parts.add(env.origins[i]);
  const groups = [...parts].filter((p) => entry.parts[p].kind === 'group');
  if (groups.length === 0) {
    // Within one text part: the factor's characters are the part's, offset for offset.
    const [p] = parts;
    const part = entry.parts[p];
    if (parts.size !== 1 || part.kind !== 'text') return { start: entry.start, end: entry.end, exact: false };
    let first = 0;
    while (env.origins[first] !== p) first++;
    const start = part.start + (py.start - first);
    return { start, end: start + (py.end - py.start), exact: true };
  }
  if (groups.length > 1) return { start: entry.start, end: entry.end, exact: false };
  const group = entry.parts[groups[0]];
  if (group.kind !== 'group') return undefined;
  const index = entry.parts.slice(0, groups[0]).filter((p) => p.kind === 'group').length;
  const alt = group.alternatives[env.choices[index][0]];
  return { start: alt.start, end: alt.end, exact: false };
}

/** The edits that take the environments of the `removed` items out of the list, or undefined when none can. */
function envListRemovals(
  source: Source,
  text: string,
  entries: Entry[],
  envs: { env: Env; item: number }[],
  removed: ReadonlySet<number>,
): TextEdit[] | undefined {
  const byEntry = entries.map(() => [] as { env: Env; goes: boolean }[]);
  for (const { env, item } of envs) byEntry[env.entry].push({ env, goes: removed.has(item) });
  // Environments without a Python factor stay: an entry holding one is narrowed, never dropped whole.
  const allEnvs = entries.map((entry, i) => expand(entry, i));
  const edits: TextEdit[] = [];
  const dropped = new Set<number>();
  for (let e = 0; e < entries.length; e++) {
    const goes = new Set(byEntry[e].filter((x) => x.goes).map((x) => x.env.name));
    if (goes.size === 0) continue;
    if (allEnvs[e].every((env) => goes.has(env.name))) {
      dropped.add(e);
      continue;
    }
    // Narrow: drop each alternative every environment taking it goes with.
    const groups = entries[e].parts.filter((p): p is Extract<Part, { kind: 'group' }> => p.kind === 'group');
    const cut = groups.map(() => new Set<number>());
    groups.forEach((group, g) =>
      group.alternatives.forEach((_, a) => {
        const taking = allEnvs[e].filter((env) => env.choices[g][0] === a);
        if (taking.length > 0 && taking.every((env) => goes.has(env.name))) cut[g].add(a);
      }),
    );
    // Every environment that goes must lose an alternative; none that stays may.
    if (!allEnvs[e].every((env) => !goes.has(env.name) || env.choices.some(([a], g) => cut[g].has(a))))
      return undefined;
    groups.forEach((group, g) => {
      for (const span of separatedRemovals(group.alternatives, cut[g])) edits.push(editAt({ source, ...span }, ''));
    });
  }
  for (const span of lineRemovals(text, entries, dropped, '#')) edits.push(editAt({ source, ...span }, ''));
  return edits;
}

/** `basepython = python3.8` (a list in tox 4: each entry, the first found wins): one fact per Python it names. */
export function basePythonFacts(source: Source, o: IniOption, label: string): PythonFact[] {
  const facts: PythonFact[] = [];
  for (const line of o.lines) {
    const length = commentFree(line.text);
    const entries = line.text.slice(0, length).split(',');
    let offset = line.start;
    for (const raw of entries) {
      const trimmed = raw.trim();
      const start = offset + raw.indexOf(trimmed);
      offset += raw.length + 1;
      if (!trimmed || /^[^:]*:(\s|$)/.test(trimmed)) continue;
      const read = basePython(trimmed);
      if (!read) continue;
      const place: Place = { source, start, end: start + trimmed.length };
      facts.push({
        kind: 'python',
        label,
        role: 'runs',
        judgedBy: 'python',
        place,
        statement: { form: 'version', version: read.version, shown: trimmed, spell: read.spell, quote: '' },
      });
    }
  }
  return facts;
}

/** A `basepython` entry: `python3.8`, or an environment-name spelling (`py38`, `3.8`). */
export function basePython(text: string): { version: Version; spell: (v: Version) => string } | undefined {
  const interpreter = interpreterVersion(text);
  if (interpreter) return { version: interpreter, spell: (v) => `python${majorMinor(v).join('.')}` };
  const dotted = dottedMinorVersion(text);
  if (dotted) return { version: dotted, spell: (v) => majorMinor(v).join('.') };
  const py = toxPython(text);
  return py && py.start === 0 && py.end === text.length
    ? { version: py.version, spell: spellToxPython(py.style) }
    : undefined;
}

/** Whether a section configures test environments: `[testenv]`, `[testenv:name]`. */
function isTestEnv(name: string): boolean {
  return name === 'testenv' || name.startsWith('testenv:');
}

/**
 * The Python facts of tox's sections in an INI document: `core` is `tox` in tox.ini and `tox:tox` in setup.cfg. The
 * requirements of `requires` are left to the caller, which knows how its file reads them.
 */
export function toxFacts(source: Source, text: string, doc: IniDocument, core: string): Fact[] {
  const facts: Fact[] = [];
  for (const section of doc.sections) {
    if (section.name === core) {
      const list = option(section, 'env_list', 'envlist');
      const fact = list && envListFact(source, text, list.lines, `[${section.name}] ${list.key}`);
      if (fact) facts.push(fact);
    } else if (isTestEnv(section.name)) {
      const base = option(section, 'base_python', 'basepython');
      if (base) facts.push(...basePythonFacts(source, base, `[${section.name}] ${base.key}`));
    }
  }
  return facts;
}

/**
 * tox's `requires` as requirement facts: split by lines, or at commas on one line (tox's `to_list`), where a
 * constraint can then hold no comma.
 */
export function toxRequires(source: Source, section: IniSection | undefined, ctx: ReadContext): Fact[] {
  const items = requiresItems(section);
  const facts = requirementFacts(source, items.list, (name) => ctx.wants('python', name));
  if (items.oneLine) for (const f of facts) if (f.kind === 'package' && f.constraint) f.constraint.splitAt = ',';
  return facts;
}

function requiresItems(section: IniSection | undefined): { list: { text: string; start: number }[]; oneLine: boolean } {
  const o = option(section, 'requires');
  if (!o) return { list: [], oneLine: false };
  const out: { text: string; start: number }[] = [];
  const lines = o.lines.filter((l) => l.text !== '');
  const split = lines.length > 1 ? ['\n'] : [','];
  for (const line of lines) {
    const length = commentFree(line.text);
    const pieces = split[0] === ',' ? line.text.slice(0, length).split(',') : [line.text.slice(0, length)];
    let offset = line.start;
    for (const piece of pieces) {
      const trimmed = piece.trim();
      if (trimmed) out.push({ text: trimmed, start: offset + piece.indexOf(trimmed) });
      offset += piece.length + 1;
    }
  }
  return { list: out, oneLine: split[0] === ',' };
}

/** tox.ini: tox's sections, and pylint's `[pylint.*]` sections, which pylint reads there too. */
export function readToxIni(file: SourceFile, ctx: ReadContext): Fact[] {
  const source = textSource(file.path, file.text);
  const doc = parseIni(file.text);
  const core = doc.sections.find((s) => s.name === 'tox');
  return [
    ...iniProblems(source, doc),
    ...toxFacts(source, file.text, doc, 'tox'),
    ...toxRequires(source, core, ctx),
    ...pylintFacts(source, doc, true, true),
  ];
}

export function isToxIni(file: string): boolean {
  return path.basename(file) === 'tox.ini';
}
