// PEP 440 versions and specifiers. Versions are parsed by @renovatebot/pep440; ordering and clause matching are done
// here on the parsed form because the library's satisfies()/compare() re-parse both sides on every call (~40 µs),
// which alone would blow the 10 ms budget for a 5,000-line requirements file.
import { parse as parseRaw } from '@renovatebot/pep440';

export interface Version {
  text: string;
  epoch: number;
  release: number[];
  pre: [string, number] | null;
  post: [string, number] | null;
  dev: [string, number] | null;
  local: (string | number)[] | null;
}

export type Operator = '===' | '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>';

/** One `op version` clause. `start`/`end` are offsets in the text the clause was read from. */
export interface Clause {
  op: Operator;
  /** The version as written, without a trailing `.*`. */
  version: string;
  wildcard: boolean;
  start: number;
  end: number;
}

const cache = new Map<string, Version | null>();

export function parseVersion(text: string): Version | null {
  let v = cache.get(text);
  if (v === undefined) {
    const raw = parseRaw(text) as Omit<Version, 'text'> | null;
    v = raw ? { text, ...raw } : null;
    if (cache.size > 50_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}


const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

function compareRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

// A dev release of a final (1.0.dev0) sorts before its pre-releases; a final sorts after them.
function preKey(v: Version): number[] {
  if (v.pre) return [0, PRE_RANK[v.pre[0]] ?? 0, v.pre[1]];
  return v.post === null && v.dev !== null ? [-1] : [1];
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    // Compared, not subtracted: Infinity - Infinity is NaN.
    const x = a[i] ?? -Infinity;
    const y = b[i] ?? -Infinity;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compareLocal(a: Version['local'], b: Version['local']): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version, ignoreLocal = false): number {
  return (
    Math.sign(a.epoch - b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareTuples(preKey(a), preKey(b)) ||
    compareTuples(a.post ? [a.post[1]] : [], b.post ? [b.post[1]] : []) ||
    compareTuples(a.dev ? [a.dev[1]] : [Infinity], b.dev ? [b.dev[1]] : [Infinity]) ||
    (ignoreLocal ? 0 : compareLocal(a.local, b.local))
  );
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== null || v.dev !== null;
}

function sameBase(a: Version, b: Version): boolean {
  return a.epoch === b.epoch && compareRelease(a.release, b.release) === 0;
}

function prefixMatches(candidate: Version, prefix: Version): boolean {
  if (candidate.epoch !== prefix.epoch) return false;
  return prefix.release.every((n, i) => (candidate.release[i] ?? 0) === n);
}

/** Does `v` satisfy one clause, by PEP 440's rules for that operator (pre-release admission is decided by the set). */
export function clauseMatches(clause: Clause, v: Version): boolean {
  if (clause.op === '===') return clause.version.toLowerCase() === v.text.toLowerCase();
  const spec = parseVersion(clause.version);
  if (!spec) return false;
  switch (clause.op) {
    case '==':
    case '!=': {
      const eq = clause.wildcard
        ? prefixMatches(v, spec)
        : compareVersions(v, spec, spec.local === null) === 0;
      return clause.op === '==' ? eq : !eq;
    }
    case '~=': {
      const prefix: Version = { ...spec, release: spec.release.slice(0, -1), pre: null, post: null, dev: null };
      return compareVersions(v, spec, true) >= 0 && prefixMatches(v, prefix);
    }
    case '>=':
      return compareVersions(v, spec, true) >= 0;
    case '<=':
      return compareVersions(v, spec, true) <= 0;
    case '<':
      if (compareVersions(v, spec, true) >= 0) return false;
      return isPrerelease(spec) || !isPrerelease(v) || !sameBase(v, spec);
    case '>':
      if (compareVersions(v, spec, true) <= 0) return false;
      if (v.post && !spec.post && sameBase(v, spec) && !v.pre && !spec.pre) return false;
      return v.local === null || compareVersions(v, spec, true) !== 0;
  }
}

/** Pre-releases are admitted only when a clause names one (PEP 440's default). */
export function admitsPrereleases(clauses: readonly Clause[]): boolean {
  return clauses.some((c) => {
    if (c.op === '!=') return false;
    const v = parseVersion(c.version);
    return v !== null && isPrerelease(v);
  });
}

export function specifierAdmits(clauses: readonly Clause[], v: Version, prereleases = admitsPrereleases(clauses)): boolean {
  if (isPrerelease(v) && !prereleases) return false;
  return clauses.every((c) => clauseMatches(c, v));
}

function versionOf(epoch: number, release: number[]): Version {
  const text = (epoch ? `${epoch}!` : '') + release.join('.');
  return parseVersion(text) as Version;
}

function bump(v: Version, segments: number): Version {
  const release = v.release.slice(0, segments);
  while (release.length < segments) release.push(0);
  release[segments - 1]++;
  return versionOf(v.epoch, release);
}

/** `v`'s epoch and release with the given pre/post/dev parts and no local label. */
function withParts(v: Version, pre: Version['pre'], post: number | null, dev: number | null): Version {
  const text = (v.epoch ? `${v.epoch}!` : '') + v.release.join('.') + (pre ? pre.join('') : '') + (post === null ? '' : `.post${post}`) + (dev === null ? '' : `.dev${dev}`);
  return { text, epoch: v.epoch, release: v.release, pre, post: post === null ? null : ['post', post], dev: dev === null ? null : ['dev', dev], local: null };
}

/**
 * The versions where a clause's truth can change. A prefix starts at its first dev release (`1.0.*` holds
 * `1.0.dev0`), which only matters when pre-releases are admitted.
 */
function boundaries(c: Clause, prereleases: boolean): Version[] {
  const v = parseVersion(c.version);
  if (!v) return [];
  const starts = c.wildcard ? [versionOf(v.epoch, v.release), bump(v, v.release.length)] : c.op === '~=' ? [v, bump(v, Math.max(1, v.release.length - 1))] : [v];
  if (starts.length === 1 || !prereleases) return starts;
  return starts.flatMap((w) => [withParts(w, null, null, 0), w]);
}

/**
 * Versions strictly between a and b that cover every kind a clause treats differently. A final release, when one
 * fits, stands for the whole gap: every other kind is admitted only where a final would be. Otherwise the gap holds
 * a's own final (`1.0rc1` < `1.0` < `1.0.post1`), post or dev releases after a, and pre-releases before b.
 */
function between(a: Version, b: Version): Version[] {
  const release = a.release.slice();
  while (release.length < Math.max(a.release.length, b.release.length)) release.push(0);
  release.push(1);
  const final = versionOf(a.epoch, release);
  if (compareVersions(final, a) > 0 && compareVersions(final, b) < 0) return [final];
  const probes = [withParts(a, null, null, null)];
  probes.push(a.dev ? withParts(a, a.pre, a.post?.[1] ?? null, a.dev[1] + 1) : withParts(a, a.pre, (a.post?.[1] ?? -1) + 1, null));
  if (b.dev) {
    if (b.dev[1] > 0) probes.push(withParts(b, b.pre, b.post?.[1] ?? null, b.dev[1] - 1));
  } else if (b.pre || b.post) {
    probes.push(withParts(b, b.pre, b.post?.[1] ?? null, 0));
  } else {
    probes.push(withParts(b, ['rc', Number.MAX_SAFE_INTEGER], null, null));
  }
  return probes.filter((v) => compareVersions(v, a) > 0 && compareVersions(v, b) < 0);
}

export type Verdict = 'ok' | 'below-minimum' | 'conflicts-with-minimum';

/**
 * Decide by PEP 440 semantics whether a specifier admits versions below `minimum` and whether it admits any at or
 * above it. The specifier's truth only changes at its clauses' boundaries, so testing each boundary, a version
 * between each pair and one beyond either end covers every region of the version line.
 */
export function judge(clauses: readonly Clause[], minimum: Version): Verdict {
  const pre = admitsPrereleases(clauses);
  const points: Version[] = [minimum];
  for (const c of clauses) points.push(...boundaries(c, pre));
  points.sort((a, b) => compareVersions(a, b));
  const candidates: Version[] = [versionOf(0, [0])];
  for (let i = 0; i < points.length; i++) {
    candidates.push(points[i]);
    if (i + 1 < points.length) candidates.push(...between(points[i], points[i + 1]));
  }
  const top = points[points.length - 1];
  candidates.push(versionOf(top.epoch, [top.release[0] + 1]));
  let below = false;
  let above = false;
  for (const v of candidates) {
    if (!specifierAdmits(clauses, v, pre)) continue;
    if (compareVersions(v, minimum) < 0) below = true;
    else above = true;
  }
  if (!above) return 'conflicts-with-minimum';
  return below ? 'below-minimum' : 'ok';
}

const CLAUSE = /^(===|~=|==|!=|<=|>=|<|>)\s*(\S(?:.*\S)?)$/;

export interface SpecifierParse {
  clauses: Clause[];
  errors: { message: string; start: number; end: number }[];
}

// Judging costs clauses × boundaries; real specifiers have a handful of clauses, so a bound keeps any line cheap.
export const MAX_CLAUSES = 100;

// The forms parseSpecifier accepts, as one regular expression: a line whose package the standard does not know only
// needs to be valid, and one test of this is far cheaper than building its clauses. Anything it rejects is parsed
// in full for the exact error, so it may only ever be stricter than parseSpecifier, never looser.
const RELEASE = '[0-9]+(?:\\.[0-9]+)*';
const SUFFIXES = '(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const VERSION = `v?(?:[0-9]+!)?${RELEASE}${SUFFIXES}`;
const COMPATIBLE = `v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${SUFFIXES}`;
const CLAUSE_FORMS = `(?:(?:==|!=)\\s*${VERSION}${LOCAL}(?:\\.\\*)?|~=\\s*${COMPATIBLE}|(?:<=|>=|<|>)\\s*${VERSION})`;
/** A comma-separated list of clauses parseSpecifier accepts (as a pattern source, to build larger patterns from). */
export const SPECIFIER_PATTERN = `${CLAUSE_FORMS}(?:\\s*,\\s*${CLAUSE_FORMS})*`;
const VALID_SPECIFIER = new RegExp(`^\\s*${SPECIFIER_PATTERN}\\s*$`, 'i');

/** Whether parseSpecifier would accept `text` without errors (a fast check; false means "parse it to find out"). */
export function isValidSpecifier(text: string): boolean {
  if (!VALID_SPECIFIER.test(text)) return false;
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0 && commas < MAX_CLAUSES; i = text.indexOf(',', i + 1)) commas++;
  return commas < MAX_CLAUSES;
}

/** Read a comma-separated specifier such as `>=1.3, <3`. `offset` is added to every reported position. */
export function parseSpecifier(text: string, offset = 0): SpecifierParse {
  if (offset !== 0) return readSpecifier(text, offset);
  // Files and edits repeat the same specifiers (`>=2.0.0`); a parse is never changed by its users, so one serves all.
  let parsed = specifiers.get(text);
  if (!parsed) {
    parsed = readSpecifier(text, 0);
    if (specifiers.size > 20_000) specifiers.clear();
    specifiers.set(text, parsed);
  }
  return parsed;
}

const specifiers = new Map<string, SpecifierParse>();

function readSpecifier(text: string, offset: number): SpecifierParse {
  const clauses: Clause[] = [];
  const errors: SpecifierParse['errors'] = [];
  const parts = text.split(',');
  if (parts.length > MAX_CLAUSES) {
    errors.push({ message: `This specifier has ${parts.length} clauses; more than ${MAX_CLAUSES} cannot be checked`, start: offset, end: offset + text.length });
    return { clauses, errors };
  }
  let pos = 0;
  for (const part of parts) {
    const lead = part.length - part.trimStart().length;
    const body = part.trim();
    const start = offset + pos + lead;
    const end = start + body.length;
    pos += part.length + 1;
    // Checked first: CLAUSE would read `>=` alone as `>` followed by the version `=`.
    if (/^(===|~=|==|!=|<=|>=|<|>)$/.test(body)) {
      errors.push({ message: `Missing version after '${body}'`, start, end });
      continue;
    }
    const m = CLAUSE.exec(body);
    if (!m) {
      errors.push({ message: body ? `'${body}' is not a version clause such as '>=1.0'` : 'Empty version clause', start, end });
      continue;
    }
    const op = m[1] as Operator;
    let version = m[2];
    const wildcard = version.endsWith('.*');
    if (wildcard) version = version.slice(0, -2);
    const parsed = op === '===' ? null : parseVersion(version);
    if (op !== '===' && !parsed) {
      errors.push({ message: `'${m[2]}' is not a valid PEP 440 version`, start, end });
      continue;
    }
    if (wildcard && op !== '==' && op !== '!=') {
      errors.push({ message: `A '.*' wildcard is only allowed with '==' or '!=' (found '${body}')`, start, end });
      continue;
    }
    if (parsed?.local && !['==', '!='].includes(op)) {
      errors.push({ message: `A local version label is only allowed with '==' or '!=' (found '${body}')`, start, end });
      continue;
    }
    if (op === '~=' && parsed && parsed.release.length < 2) {
      errors.push({ message: `'~=' needs at least two release segments (found '${body}')`, start, end });
      continue;
    }
    clauses.push({ op, version, wildcard, start, end });
  }
  return { clauses, errors };
}

export function formatClause(c: Pick<Clause, 'op' | 'version' | 'wildcard'>, spaceAfterOp = false): string {
  return c.op + (spaceAfterOp ? ' ' : '') + c.version + (c.wildcard ? '.*' : '');
}

/** The release segments of `v` without trailing zeros, but at least `min` of them. */
function significant(v: Version, min: number): number[] {
  let n = v.release.length;
  while (n > min && v.release[n - 1] === 0) n--;
  const out = v.release.slice(0, n);
  while (out.length < min) out.push(0);
  return out;
}

/** A clause a fix writes; clauses kept from the input stay `Clause`s, with their offsets. */
export type NewClause = Pick<Clause, 'op' | 'version' | 'wildcard'>;

function excludesMinimum(c: Clause, minimum: Version): boolean {
  return !clauseMatches(c, minimum);
}

/**
 * The smallest rewrite of `clauses` that admits `minimum` and nothing below it, keeping the user's operators where
 * they can express that: an exact pin moves to `pin`, `~=1.5` keeps its segment count, lower bounds are raised,
 * upper bounds and exclusions that shut out the minimum are dropped.
 */
export function fixClauses(clauses: readonly Clause[], minimum: Version, pin: Version): (Clause | NewClause)[] {
  const lower = minimum.text;
  const exact = clauses.find((c) => (c.op === '==' && !c.wildcard) || c.op === '===');
  if (exact) {
    const rest = clauses.filter((c) => c !== exact && !excludesMinimum(c, pin) && c.op !== '~=' && !c.wildcard);
    const fixed: (Clause | NewClause)[] = [{ op: exact.op, version: pin.text, wildcard: false }, ...rest];
    return judge(asClauses(fixed), minimum) === 'ok' ? fixed : [{ op: '==', version: pin.text, wildcard: false }];
  }
  const out: (Clause | NewClause)[] = [];
  let hasLower = false;
  const raised = clauses.some((c) => (c.op === '>=' || c.op === '>') && compareVersions(parseVersion(c.version) ?? minimum, minimum) >= 0);
  for (const c of clauses) {
    const v = parseVersion(c.version);
    if (!v) continue;
    if (c.op === '>=' || c.op === '>') {
      if (compareVersions(v, minimum) >= 0) out.push(c);
      // Low floors go: replaced by one floor at the minimum, unless a floor above it already stands.
      else if (!raised && !out.some((o) => o.op === '>=' && o.version === lower)) out.push({ op: '>=', version: lower, wildcard: false });
      hasLower = true;
    } else if (c.op === '~=') {
      const segments = significant(minimum, v.release.length);
      const candidate: NewClause = { op: '~=', version: versionOf(minimum.epoch, segments).text, wildcard: false };
      out.push(judge(asClauses([candidate]), minimum) === 'ok' ? candidate : { op: '>=', version: lower, wildcard: false });
      hasLower = true;
    } else if (c.op === '==' && c.wildcard) {
      const k = v.release.length;
      const prefix = minimum.release.slice(0, k);
      const wild: NewClause = { op: '==', version: versionOf(minimum.epoch, prefix).text, wildcard: true };
      if (judge(asClauses([wild]), minimum) === 'ok') {
        out.push(wild);
        hasLower = true;
      } else if (clauseMatches(c, minimum)) {
        // The series already holds the minimum (`==1.*` for 1.24.0): keep it as the cap and add the floor.
        out.push(c);
      } else {
        out.push({ op: '>=', version: lower, wildcard: false });
        hasLower = true;
      }
    } else if (!excludesMinimum(c, minimum)) {
      out.push(c);
    }
  }
  if (!hasLower) out.unshift({ op: '>=', version: lower, wildcard: false });
  return judge(asClauses(out), minimum) === 'ok' ? out : [{ op: '>=', version: lower, wildcard: false }];
}

/** Whether a clause in fixClauses' output was kept from its input (and so has offsets into the original text). */
export function isKept(c: Clause | NewClause): c is Clause {
  return 'end' in c && c.end > c.start;
}

export function asClauses(list: readonly NewClause[]): Clause[] {
  return list.map((c) => ({ ...c, start: 0, end: 0 }));
}
