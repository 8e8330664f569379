// A specifier against a minimum: does it admit versions below it, any at or above it, and the smallest rewrite that
// admits the minimum and nothing below. Worked out exactly on the version line (ranges.ts), not by probing versions.
import { compareVersions, isPrerelease, makeVersion, parseVersion, type Version } from './pep440';
import {
  BOTTOM,
  clauseIntervals,
  clip,
  EVERYTHING,
  holdsVersion,
  inIntervals,
  intersect,
  TOP,
  type Cut,
  type Interval,
} from './ranges';
import type { Clause } from './specifiers';

/**
 * Whether the set admits pre-releases: when a clause other than `!=` or a `==V.*` prefix names one, as packaging
 * 24.2 and later decide it (`SpecifierSet.prereleases`), which is what current pip uses.
 */
export function admitsPrereleases(clauses: readonly Clause[]): boolean {
  return clauses.some((c) => {
    if (c.op === '!=' || (c.op === '==' && c.wildcard)) return false;
    const v = parseVersion(c.version);
    return v !== null && isPrerelease(v);
  });
}

/** Does `v` satisfy one clause (pre-release admission is decided by the whole set)? */
export function clauseMatches(c: Clause, v: Version): boolean {
  if (c.op === '===') return c.version.toLowerCase() === v.text.toLowerCase();
  const spec = parseVersion(c.version);
  return spec !== null && inIntervals(clauseIntervals(c, spec), v);
}

export function specifierAdmits(
  clauses: readonly Clause[],
  v: Version,
  prereleases = admitsPrereleases(clauses),
): boolean {
  if (isPrerelease(v) && !prereleases) return false;
  return clauses.every((c) => clauseMatches(c, v));
}

/** The stretches of the version line every clause other than `===` admits. */
function admitted(clauses: readonly Clause[]): Interval[] {
  let list: readonly Interval[] = EVERYTHING;
  for (const c of clauses) {
    if (c.op === '===') continue;
    const v = parseVersion(c.version);
    if (!v) return [];
    list = intersect(list, clauseIntervals(c, v));
    if (list.length === 0) break;
  }
  return list as Interval[];
}

export type Verdict = 'ok' | 'below-minimum' | 'conflicts-with-minimum';

/** Decide by PEP 440's semantics whether a specifier admits versions below `minimum`, and any at or above it. */
export function judge(clauses: readonly Clause[], minimum: Version): Verdict {
  const pre = admitsPrereleases(clauses);
  const arbitrary = clauses.find((c) => c.op === '===');
  let below: boolean;
  let above: boolean;
  if (arbitrary) {
    // `===` admits one string at most: the version it names, if the other clauses admit it too.
    const v = parseVersion(arbitrary.version);
    if (!v || !specifierAdmits(clauses, v, pre)) return 'conflicts-with-minimum';
    below = compareVersions(v, minimum) < 0;
    above = !below;
  } else {
    const list = admitted(clauses);
    const at: Cut = { place: 'below', v: minimum };
    const some = (lo: Cut, hi: Cut) => clip(list, lo, hi).some((i) => holdsVersion(i.lo, i.hi, !pre));
    below = some(BOTTOM, at);
    above = some(at, TOP);
  }
  if (!above) return 'conflicts-with-minimum';
  return below ? 'below-minimum' : 'ok';
}

/** A clause a fix writes; clauses kept from the input stay `Clause`s, with their offsets. */
export type NewClause = Pick<Clause, 'op' | 'version' | 'wildcard'>;

export function asClauses(list: readonly NewClause[]): Clause[] {
  return list.map((c) => ({ ...c, start: 0, end: 0 }));
}

/** Whether a clause in fixClauses' output was kept from its input (and so has offsets into the original text). */
export function isKept(c: Clause | NewClause): c is Clause {
  return 'end' in c && c.end > c.start;
}

/** The release segments of `v` without trailing zeros, but at least `min` of them. */
function significant(v: Version, min: number): bigint[] {
  let n = v.release.length;
  while (n > min && v.release[n - 1] === 0n) n--;
  const out = v.release.slice(0, n);
  while (out.length < min) out.push(0n);
  return out;
}

const floor = (minimum: Version): NewClause => ({ op: '>=', version: minimum.text, wildcard: false });

/**
 * The smallest rewrite of `clauses` that admits `minimum` and nothing below it, keeping the user's operators where
 * they can express that: an exact pin moves to `pin`, `~=1.5` keeps its segment count, lower bounds are raised,
 * upper bounds and exclusions that shut out the minimum are dropped.
 */
export function fixClauses(clauses: readonly Clause[], minimum: Version, pin: Version): (Clause | NewClause)[] {
  const ok = (list: readonly NewClause[]) => judge(asClauses(list), minimum) === 'ok';
  const exact = clauses.find((c) => (c.op === '==' && !c.wildcard) || c.op === '===');
  if (exact) {
    // `===`'s version runs to the next space, so nothing may follow it; it pins one string, which needs no company.
    const rest =
      exact.op === '==='
        ? []
        : clauses.filter((c) => c !== exact && clauseMatches(c, pin) && c.op !== '~=' && !c.wildcard && c.op !== '===');
    const fixed: (Clause | NewClause)[] = [{ op: exact.op, version: pin.text, wildcard: false }, ...rest];
    if (ok(fixed)) return fixed;
    const pinned: NewClause = { op: '==', version: pin.text, wildcard: false };
    return ok([pinned]) ? [pinned] : [floor(minimum)];
  }
  const out: (Clause | NewClause)[] = [];
  let hasLower = false;
  const raised = clauses.some(
    (c) => (c.op === '>=' || c.op === '>') && compareVersions(parseVersion(c.version) ?? minimum, minimum) >= 0,
  );
  for (const c of clauses) {
    const v = parseVersion(c.version);
    if (!v) continue;
    if (c.op === '>=' || c.op === '>') {
      if (compareVersions(v, minimum) >= 0) out.push(c);
      // Low floors go: replaced by one floor at the minimum, unless a floor above it already stands.
      else if (!raised && !out.some((o) => o.op === '>=' && o.version === minimum.text)) out.push(floor(minimum));
      hasLower = true;
    } else if (c.op === '~=') {
      const release = significant(minimum, v.release.length);
      const candidate: NewClause = {
        op: '~=',
        version: makeVersion({ epoch: minimum.epoch, release }).text,
        wildcard: false,
      };
      out.push(ok([candidate]) ? candidate : floor(minimum));
      hasLower = true;
    } else if (c.op === '==' && c.wildcard) {
      const release = minimum.release.slice(0, v.release.length);
      const wild: NewClause = {
        op: '==',
        version: makeVersion({ epoch: minimum.epoch, release }).text,
        wildcard: true,
      };
      if (ok([wild])) {
        out.push(wild);
        hasLower = true;
      } else if (clauseMatches(c, minimum)) {
        // The series already holds the minimum (`==1.*` for 1.24.0): keep it as the cap and add the floor.
        out.push(c);
      } else {
        out.push(floor(minimum));
        hasLower = true;
      }
    } else if (clauseMatches(c, minimum)) {
      out.push(c);
    }
  }
  if (!hasLower) out.unshift(floor(minimum));
  return ok(out) ? out : [floor(minimum)];
}
