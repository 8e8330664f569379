// The lock files of uv (uv.lock), Poetry (poetry.lock) and PDM (pdm.lock): each `[[package]]` the standard has a rule
// for becomes a fact at its locked version, which the rules judge there and fix in pyproject.toml. A lock is never
// edited. Which locked packages depend on it (who pulls it in) is worked out only when a finding asks.
//
// Locks are large and nearly all file hashes: toml-eslint-parser takes about 120 ms of processor time over pydantic's
// 4,151-line uv.lock, and 3 ms over one package's 137 lines of wheels. So the file is skimmed: its `[[package]]`
// headers found by a line search and each name read from the line after its header (where all three tools write it),
// and only the packages the standard knows are parsed, without their `sdist`, `wheels` and `files` arrays (about
// 1 ms for that whole lock).
import type { Fact, LockSource, PackageFact, Place, Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { normalizeName } from '../names';
import { LineIndex } from '../text';
import { parseSpecifier } from '../versions';
import { PEP440 } from '../versions/dialects';
import { parseMarker } from '../versions/markers';
import type { ReadContext } from './context';
import { pyprojectLockSource } from './lockSources';
import { lookup, parseTomlDocument, type TomlDocument, type TomlString, type TomlValue } from './toml';

export const UV_LOCK = 'uv.lock';
export const POETRY_LOCK = 'poetry.lock';
export const PDM_LOCK = 'pdm.lock';

/** One `[[package]]`: its offsets, where its sub-tables (`[package.dependencies]`) start, and its name when skimmed. */
interface Section {
  start: number;
  end: number;
  /** The first `[package.…]` header, or `end`. */
  tailStart: number;
  name?: string;
}

/** A section's own part, parsed alone: offsets in it are relative to `offset`. */
interface Part {
  doc: TomlDocument;
  offset: number;
}

/** A section parsed: its head (the keys after `[[package]]`, without the file arrays) and its sub-tables. */
interface Parsed {
  head: Part;
  tail?: Part;
  /** The `[[package]]` table of the head. */
  table?: TomlValue;
}

/** What differs between the three tools' locks. */
interface LockKind {
  tool: 'uv' | 'poetry' | 'pdm';
  /** The project itself (uv writes the workspace's members with the packages): `root` for the one at the lock. */
  member?(p: Parsed): 'root' | 'member' | undefined;
  /** Whether the version comes from a git, path or URL source, not an index: only the name is judged. */
  direct(p: Parsed): boolean;
  /** The environments the locked version is for, as a PEP 508 marker. */
  marker?(p: Parsed): string | undefined;
  /** The names of the packages it depends on (read when a finding asks who pulls a package in). */
  dependencies(p: Parsed): string[];
  /**
   * Where the tool writes a dependency's name, as group 1 of a global pattern: the places a package may name its
   * dependencies, found in one pass over the file (a superset: each candidate is then read properly).
   */
  mentions: RegExp;
}

function string(value: TomlValue | undefined): TomlString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

function strings(value: TomlValue | undefined): string[] {
  return value?.kind === 'array' ? value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
}

/** `name` of each `{ name = "…" }` in the arrays given. */
function names(...arrays: (TomlValue | undefined)[]): string[] {
  return arrays.flatMap((a) => (a?.kind === 'array' ? a.items.flatMap(nameOf) : []));
}

function nameOf(item: TomlValue): string[] {
  const name = item.kind === 'table' ? string(item.entries.get('name')?.value) : undefined;
  return name ? [name.value] : [];
}

/** Every array that is a value of the table at `keys` (the groups of `[package.dev-dependencies]`). */
function groups(part: Part | undefined, keys: string[]): TomlValue[] {
  const table = part && lookup(part.doc, keys);
  return table?.kind === 'table' ? [...table.entries.values()].map((e) => e.value) : [];
}

function lookupIn(p: Parsed, key: string): TomlValue | undefined {
  return p.table?.kind === 'table' ? p.table.entries.get(key)?.value : undefined;
}

const UV: LockKind = {
  tool: 'uv',
  mentions: /\{ name = "([^"]+)"/g,
  member(p) {
    const source = lookupIn(p, 'source');
    if (source?.kind !== 'table') return undefined;
    const at = string(source.entries.get('editable')?.value) ?? string(source.entries.get('virtual')?.value);
    return at === undefined ? undefined : at.value === '.' ? 'root' : 'member';
  },
  direct(p) {
    const source = lookupIn(p, 'source');
    return source?.kind === 'table' && ['git', 'url', 'path', 'directory'].some((k) => source.entries.has(k));
  },
  marker(p) {
    const markers = strings(lookupIn(p, 'resolution-markers'));
    return markers.length > 0 ? markers.map((m) => `(${m})`).join(' or ') : undefined;
  },
  dependencies: (p) =>
    names(
      lookupIn(p, 'dependencies'),
      ...groups(p.tail, ['package', 'optional-dependencies']),
      ...groups(p.tail, ['package', 'dev-dependencies']),
    ),
};

const POETRY: LockKind = {
  tool: 'poetry',
  // The keys of `[package.dependencies]` (and every other key, which the reading leaves out).
  mentions: /^([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*=/gm,
  direct(p) {
    const type = p.tail && string(lookup(p.tail.doc, ['package', 'source', 'type']));
    return type !== undefined && ['git', 'directory', 'file', 'url'].includes(type.value);
  },
  dependencies(p) {
    const table = p.tail && lookup(p.tail.doc, ['package', 'dependencies']);
    return table?.kind === 'table' ? [...table.entries.keys()] : [];
  },
};

const PDM: LockKind = {
  tool: 'pdm',
  // The PEP 508 strings of `dependencies`, one a line.
  mentions: /^[ \t]+"([A-Za-z0-9][A-Za-z0-9._-]*)/gm,
  direct: (p) => ['git', 'url', 'path'].some((k) => lookupIn(p, k) !== undefined),
  marker: (p) => string(lookupIn(p, 'marker'))?.value,
  // PEP 508 strings: the name is what comes before the first character a name cannot hold.
  dependencies: (p) =>
    strings(lookupIn(p, 'dependencies')).map((r) => /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(r)?.[1] ?? ''),
};

const HEADER_NAME = /\[\[package\]\][ \t]*\r?\nname[ \t]*=[ \t]*"([^"\\\r\n]*)"/y;

/** The `[[package]]` sections, by a search for lines that start with `[`: where each starts, ends and has sub-tables. */
function scanSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  const close = (at: number) => {
    if (!current) return;
    current.end = at;
    if (current.tailStart < 0) current.tailStart = at;
    sections.push(current);
    current = undefined;
  };
  for (let at = text.startsWith('[') ? 0 : text.indexOf('\n[') + 1; at > 0 || (at === 0 && text.startsWith('['));) {
    if (text.startsWith('[[package]]', at)) {
      close(at);
      current = { start: at, end: text.length, tailStart: -1 };
      HEADER_NAME.lastIndex = at;
      const m = HEADER_NAME.exec(text);
      if (m) current.name = m[1];
    } else if (text.startsWith('[package.', at) || text.startsWith('[[package.', at)) {
      if (current && current.tailStart < 0) current.tailStart = at;
    } else close(at);
    const next = text.indexOf('\n[', at);
    at = next < 0 ? -1 : next + 1;
  }
  close(text.length);
  return sections;
}

// The arrays of file names and hashes that make up most of a lock, and that say nothing about versions.
const FILE_ARRAYS = /^(?:sdist|wheels|files)[ \t]*=/;
// What a package depends on, which only the question of who pulls a package in needs.
const DEPENDENCIES = /^dependencies[ \t]*=/;

/** Where a section's head ends: its first file array (or, `brief`, its dependencies), else its first sub-table. */
function headEnd(text: string, section: Section, brief: boolean): number {
  for (let line = text.indexOf('\n', section.start) + 1; line > 0 && line < section.tailStart;) {
    const start = text.slice(line, line + 16);
    if (FILE_ARRAYS.test(start) || (brief && DEPENDENCIES.test(start))) return line;
    const next = text.indexOf('\n', line);
    line = next < 0 ? -1 : next + 1;
  }
  return section.tailStart;
}

/** The `[package.source]` sub-table of a section (Poetry's), from its header to the next one. */
function sourceTableSpan(text: string, section: Section): { start: number; end: number } | undefined {
  // Only the section's own headers are looked at: a search on through the file, for every package, is quadratic.
  for (let header = text.indexOf('\n[', section.tailStart - 1); header >= 0 && header < section.end;) {
    const next = text.indexOf('\n[', header + 1);
    if (text.startsWith('[package.source]', header + 1))
      return { start: header + 1, end: next < 0 || next >= section.end ? section.end : next + 1 };
    header = next;
  }
  return undefined;
}

function readTomlLock(file: SourceFile, ctx: ReadContext, kind: LockKind): Fact[] {
  const text = file.text;
  let lines: LineIndex | undefined;
  const source: Source = {
    path: file.path,
    range: (s, e) => (lines ??= new LineIndex(text)).rangeAt(s, e),
  };
  const at = (start: number, end: number): Place => ({ source, start, end });
  const facts: Fact[] = [];
  const sections = scanSections(text);
  const part = (start: number, end: number): Part => ({
    doc: parseTomlDocument(text.slice(start, end)),
    offset: start,
  });
  const parsed = (head: Part, tail?: Part): Parsed => ({ head, tail, table: lookup(head.doc, ['package', 0]) });
  // What judging a version needs (name, version, source, markers), and all of it (what it depends on), each parsed once.
  const briefs = new Map<Section, Parsed>();
  const brief = (section: Section): Parsed => {
    let p = briefs.get(section);
    if (!p) {
      const span = kind.tool === 'poetry' ? sourceTableSpan(text, section) : undefined;
      p = parsed(part(section.start, headEnd(text, section, true)), span && part(span.start, span.end));
      briefs.set(section, p);
    }
    return p;
  };
  const wholes = new Map<Section, Parsed>();
  const whole = (section: Section): Parsed => {
    let p = wholes.get(section);
    if (!p) {
      const tail = section.tailStart < section.end ? part(section.tailStart, section.end) : undefined;
      p = parsed(part(section.start, headEnd(text, section, false)), tail);
      wholes.set(section, p);
    }
    return p;
  };
  const problems = (part: Part | undefined) => {
    if (!part) return;
    for (const e of part.doc.errors) {
      const place = at(part.offset + e.span.start, part.offset + e.span.end);
      facts.push({ kind: 'problem', code: 'parse-error', message: e.message, place });
    }
  };

  // Built once for the file; its manifest is read only when a finding needs it.
  const lock: LockSource = pyprojectLockSource(file.path, kind.tool, ctx);
  lock.pulledIn = (name) => pulledIn(name);
  const pulled = new Map<string, { direct?: boolean; by: string[] }>();
  let index: Map<string, Section[]> | undefined;
  let knowsRoot: boolean | undefined;
  const pulledIn = (name: string) => {
    const wanted = normalizeName(name);
    let answer = pulled.get(wanted);
    if (answer) return answer;
    // The sections that mention the name anywhere are the only ones that can depend on it.
    const by: string[] = [];
    let direct = false;
    index ??= mentionIndex(text, sections, kind.mentions);
    for (const section of index.get(wanted) ?? []) {
      const p = whole(section);
      if (normalizeName(section.name ?? string(lookupIn(p, 'name'))?.value ?? '') === wanted) continue;
      if (!kind.dependencies(p).some((d) => normalizeName(d) === wanted)) continue;
      const member = kind.member?.(p);
      if (member === 'root') direct = true;
      else by.push(string(lookupIn(p, 'name'))?.value ?? section.name ?? '?');
    }
    // Only uv writes the project into its lock; for the others the manifest says what is direct.
    knowsRoot ??= kind.member !== undefined && /source = \{ (?:editable|virtual) = "\." \}/.test(text);
    answer = { direct: knowsRoot ? direct : undefined, by };
    pulled.set(wanted, answer);
    return answer;
  };

  for (const section of sections) {
    if (section.name !== undefined && !ctx.wants('python', section.name)) continue;
    const p = brief(section);
    const name = string(lookupIn(p, 'name'));
    // What was parsed (a package the standard knows, or one whose name could not be skimmed) has its text checked.
    problems(p.head);
    problems(p.tail);
    if (!name || !ctx.wants('python', name.value)) continue;
    const version = string(lookupIn(p, 'version'));
    if (!version || kind.member?.(p)) continue;
    const clauses = parseSpecifier(`==${version.value}`);
    if (clauses.errors.length > 0) continue;
    const shift = p.head.offset;
    const marker = kind.marker?.(p);
    const fact: PackageFact = {
      kind: 'package',
      registry: 'python',
      name: name.value,
      label: name.value,
      place: at(shift + name.contentSpan.start, shift + name.contentSpan.end),
      dialect: PEP440,
      // The lock installs exactly this version: it is judged as the pin `==version`.
      constraint: {
        text: `==${version.value}`,
        place: at(shift + version.contentSpan.start, shift + version.contentSpan.end),
        read: clauses.clauses,
      },
      direct: kind.direct(p),
      lock,
    };
    const parsedMarker = marker === undefined ? undefined : parseMarker(marker).marker;
    if (parsedMarker) fact.marker = parsedMarker;
    facts.push(fact);
  }
  return facts;
}

/** The sections that may depend on each name (normalised), from one pass of `pattern` over the file, in order. */
function mentionIndex(text: string, sections: readonly Section[], pattern: RegExp): Map<string, Section[]> {
  const index = new Map<string, Section[]>();
  for (const m of text.matchAll(pattern)) {
    const section = sectionAt(sections, m.index);
    if (!section) continue;
    const name = normalizeName(m[1]);
    const list = index.get(name);
    if (!list) index.set(name, [section]);
    else if (list[list.length - 1] !== section) list.push(section);
  }
  return index;
}

function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export const readUvLock = (file: SourceFile, ctx: ReadContext): Fact[] => readTomlLock(file, ctx, UV);
export const readPoetryLock = (file: SourceFile, ctx: ReadContext): Fact[] => readTomlLock(file, ctx, POETRY);
export const readPdmLock = (file: SourceFile, ctx: ReadContext): Fact[] => readTomlLock(file, ctx, PDM);
