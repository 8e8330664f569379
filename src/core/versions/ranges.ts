// The version line and the stretches of it a clause admits, with packaging's meaning (26.x, what pip vendors; its
// _ranges.py). A stretch is bounded by cuts that fall between versions: just below or above a version, after all of
// a version's local labels, after all of its post-releases. Exact answers about "some version in this stretch"
// need only the first version after a cut, which these cuts make easy to name.
import { bumpLast, comparePlaces, isPrerelease, makeVersion, withParts, type Place, type Version } from './pep440';
import type { Clause } from './specifiers';

export type Cut = { place: 'bottom' } | { place: 'top' } | { place: Exclude<Place, 'version'>; v: Version };

/** The versions strictly between two cuts. */
export interface Interval {
  lo: Cut;
  hi: Cut;
}

export const BOTTOM: Cut = { place: 'bottom' };
export const TOP: Cut = { place: 'top' };

const cut = (place: Exclude<Place, 'version'>, v: Version): Cut => ({ place, v });

const END = { bottom: -1, top: 1 } as const;

export function compareCuts(a: Cut, b: Cut): number {
  if (a.place === 'bottom' || a.place === 'top' || b.place === 'bottom' || b.place === 'top') {
    return (
      (a.place === 'bottom' || a.place === 'top' ? END[a.place] : 0) -
      (b.place === 'bottom' || b.place === 'top' ? END[b.place] : 0)
    );
  }
  return comparePlaces(a.v, a.place, b.v, b.place);
}

/** Whether `v` lies below the cut (no version lies on one). */
function isBelow(v: Version, c: Cut): boolean {
  if (c.place === 'top' || c.place === 'bottom') return c.place === 'top';
  return comparePlaces(v, 'version', c.v, c.place) < 0;
}

function contains(i: Interval, v: Version): boolean {
  return !isBelow(v, i.lo) && isBelow(v, i.hi);
}

const SMALLEST = makeVersion({ release: [0n], dev: 0n });
const SMALLEST_FINAL = makeVersion({ release: [0n] });

/** The first version above a lower cut, or `dense` when there is none (versions come arbitrarily close to it). */
function firstAbove(lo: Cut): Version | 'dense' {
  switch (lo.place) {
    case 'bottom':
      return SMALLEST;
    case 'below':
      return lo.v;
    case 'locals': {
      // V+local, then the next dev release or the first post-release's first dev release.
      const v = lo.v;
      if (v.dev !== null) return withParts(v, { dev: v.dev + 1n });
      return withParts(v, { post: v.post === null ? 0n : v.post + 1n, dev: 0n });
    }
    case 'posts':
      return lo.v.pre
        ? makeVersion({ epoch: lo.v.epoch, release: lo.v.release, pre: [lo.v.pre[0], lo.v.pre[1] + 1n], dev: 0n })
        : 'dense';
    default:
      return 'dense';
  }
}

/** The final (not pre-) release a pre-release leads to: `1.0rc1` → `1.0`, `1.0.post2.dev1` → `1.0.post2`. */
function nextFinal(v: Version): Version {
  return v.pre ? makeVersion({ epoch: v.epoch, release: v.release }) : withParts(v, { dev: null });
}

/** The first final release above a lower cut, or `dense` when finals come arbitrarily close to it. */
function firstFinalAbove(lo: Cut): Version | 'dense' {
  if (lo.place === 'bottom') return SMALLEST_FINAL;
  if (lo.place === 'top') return 'dense';
  const v = lo.v;
  if (isPrerelease(v)) return nextFinal(v);
  if (lo.place === 'below') return v;
  if (lo.place === 'locals') return withParts(v, { post: v.post === null ? 0n : v.post + 1n });
  // Above a final come its local versions; after its post-releases come ever longer releases (1.0.0.0.1).
  return 'dense';
}

/** Whether some version (some final release, with `finalsOnly`) lies strictly between the cuts. */
export function holdsVersion(lo: Cut, hi: Cut, finalsOnly = false): boolean {
  if (compareCuts(lo, hi) >= 0) return false;
  const first = finalsOnly ? firstFinalAbove(lo) : firstAbove(lo);
  return first === 'dense' || isBelow(first, hi);
}

function maxCut(a: Cut, b: Cut): Cut {
  return compareCuts(a, b) >= 0 ? a : b;
}

function minCut(a: Cut, b: Cut): Cut {
  return compareCuts(a, b) <= 0 ? a : b;
}

/** The versions in both lists (each sorted and disjoint), without stretches that hold no version. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = maxCut(a[i].lo, b[j].lo);
    const hi = minCut(a[i].hi, b[j].hi);
    if (holdsVersion(lo, hi)) out.push({ lo, hi });
    if (compareCuts(a[i].hi, b[j].hi) < 0) i++;
    else j++;
  }
  return out;
}

/** The part of the list between two cuts. */
export function clip(list: readonly Interval[], lo: Cut, hi: Cut): Interval[] {
  return intersect(list, [{ lo, hi }]);
}

export const EVERYTHING: readonly Interval[] = Object.freeze([{ lo: BOTTOM, hi: TOP }]);

/** The stretches a clause other than `===` admits, whatever its pre-release policy. */
export function clauseIntervals(c: Pick<Clause, 'op' | 'version' | 'wildcard'>, v: Version): Interval[] {
  const key = `${c.op}${c.version}${c.wildcard ? '.*' : ''}`;
  let found = intervalCache.get(key);
  if (!found) {
    found = intervalsOf(c, v);
    if (intervalCache.size > 20_000) intervalCache.clear();
    intervalCache.set(key, found);
  }
  return found;
}

const intervalCache = new Map<string, Interval[]>();

function complement(i: Interval): Interval[] {
  return [
    { lo: BOTTOM, hi: i.lo },
    { lo: i.hi, hi: TOP },
  ];
}

function intervalsOf(c: Pick<Clause, 'op' | 'wildcard'>, v: Version): Interval[] {
  switch (c.op) {
    case '>=':
      return [{ lo: cut('below', v), hi: TOP }];
    case '<=':
      return [{ lo: BOTTOM, hi: cut('locals', v) }];
    case '>':
      // Above V's local versions only (a dev or post release has no post-releases of its own), else above V's
      // post-releases too: `>1.0` does not admit 1.0.post1, `>1.0a1` does not admit 1.0a1.post1 but admits 1.0.
      if (v.dev !== null) return [{ lo: cut('below', withParts(v, { dev: v.dev + 1n })), hi: TOP }];
      if (v.post !== null) return [{ lo: cut('below', withParts(v, { post: v.post + 1n, dev: 0n })), hi: TOP }];
      return [{ lo: cut('posts', v), hi: TOP }];
    case '<':
      // Below V's first dev release unless V is a pre-release itself; `<1.0.post1` stops at 1.0.post1.dev0.
      return [{ lo: BOTTOM, hi: cut('below', isPrerelease(v) ? withParts(v, {}) : withParts(v, { dev: 0n })) }];
    case '~=': {
      const prefix = v.release.slice(0, -1);
      return [
        { lo: cut('below', v), hi: cut('below', makeVersion({ epoch: v.epoch, release: bumpLast(prefix), dev: 0n })) },
      ];
    }
    default: {
      // == and !=: a prefix from its first dev release to the next prefix's; an exact version with its local
      // versions unless it names a local label itself.
      const first = (release: bigint[]) => cut('below', makeVersion({ epoch: v.epoch, release, dev: 0n }));
      const matched: Interval = c.wildcard
        ? { lo: first(v.release), hi: first(bumpLast(v.release)) }
        : { lo: cut('below', v), hi: cut(v.local ? 'above' : 'locals', v) };
      return c.op === '==' ? [matched] : complement(matched);
    }
  }
}

export function inIntervals(list: readonly Interval[], v: Version): boolean {
  return list.some((i) => contains(i, v));
}

/** Some version strictly between the cuts, or undefined when there is none (or, rarely, none this can name). */
export function witness(lo: Cut, hi: Cut): Version | undefined {
  if (compareCuts(lo, hi) >= 0) return undefined;
  const first = firstAbove(lo);
  let w: Version | undefined;
  if (first !== 'dense') w = first;
  else if (lo.place === 'posts') {
    // After all of 1.0's post-releases and below anything later: 1.0.0…0.1, longer than the release above it.
    const release = lo.v.release.slice();
    while (
      release.length <
      Math.max(lo.v.release.length, hi.place === 'top' || hi.place === 'bottom' ? 0 : hi.v.release.length)
    )
      release.push(0n);
    release.push(1n);
    w = makeVersion({ epoch: lo.v.epoch, release });
  } else if (lo.place === 'above') {
    // Just above V come its local versions; words sort below numbers, and `0x` below `x`.
    const v = lo.v;
    const above = hi.place === 'top' || hi.place === 'bottom' ? undefined : hi.v;
    const label =
      above?.local && comparePlaces(above, 'version', v, 'version', true) === 0 ? above.local[0] : undefined;
    const next = label === undefined || typeof label === 'bigint' ? 'a' : `0${label}`;
    w = withParts(v, { local: v.local ? [...v.local, next] : [next] });
  }
  return w && isBelow(w, hi) ? w : undefined;
}
