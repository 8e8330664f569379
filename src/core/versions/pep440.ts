// PEP 440 versions: read, ordered and written back, every number exact. The grammar is @renovatebot/pep440's
// VERSION_PATTERN (packaging's own regular expression); its parse() turns the numbers into JS numbers, which makes
// 10^21 `1e+21` and loses exactness above 2^53, so the groups are read here, into bigints. Ordering works on the
// parsed form because the library's compare() re-parses both sides on every call (~40 µs a comparison).
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version';
import { remembered } from '../memo';

export type PreLabel = 'a' | 'b' | 'rc';

export interface Version {
  /** As written. */
  text: string;
  epoch: bigint;
  release: bigint[];
  pre: [PreLabel, bigint] | null;
  post: bigint | null;
  dev: bigint | null;
  /** Segments lower-cased; all-digit ones as numbers. */
  local: (string | bigint)[] | null;
}

/** CPython refuses to read a longer run of digits as an int, so packaging's Version cannot hold such a number. */
export const MAX_DIGITS = 4300;

const VERSION = new RegExp(`^${VERSION_PATTERN}$`, 'i');
const PRE_LABELS: Record<string, PreLabel> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};
// A run longer than this is the only way a version that matches the grammar can still be refused.
const LONG_RUN = new RegExp(`[0-9]{${MAX_DIGITS + 1}}`);

export const parseVersion: (text: string) => Version | null = remembered(50_000, (text) => read(text));

function read(text: string): Version | null {
  const groups = VERSION.exec(text)?.groups;
  if (!groups || (text.length > MAX_DIGITS && tooLong(groups))) return null;
  const preLabel = groups.pre_l;
  const postNumber = groups.post_n1 ?? groups.post_n2;
  return {
    text,
    epoch: groups.epoch ? BigInt(groups.epoch) : 0n,
    release: groups.release.split('.').map(BigInt),
    pre: preLabel ? [PRE_LABELS[preLabel.toLowerCase()], BigInt(groups.pre_n ?? 0)] : null,
    post: groups.post ? BigInt(postNumber ?? 0) : null,
    dev: groups.dev ? BigInt(groups.dev_n ?? 0) : null,
    local: groups.local
      ? groups.local
          .toLowerCase()
          .split(/[-_.]/)
          .map((s) => (/^[0-9]+$/.test(s) ? BigInt(s) : s))
      : null,
  };
}

/** Whether a numeric part is longer than Python reads; a long run of digits inside a word of the local label is fine. */
function tooLong(groups: Record<string, string | undefined>): boolean {
  const numeric = [groups.epoch, groups.release, groups.pre_n, groups.post_n1, groups.post_n2, groups.dev_n].join('.');
  if (LONG_RUN.test(numeric)) return true;
  return (groups.local ?? '').split(/[-_.]/).some((s) => s.length > MAX_DIGITS && /^[0-9]+$/.test(s));
}

/** The message for a version that only fails because a number in it is longer than Python reads, else undefined. */
export function overlongMessage(text: string): string | undefined {
  if (text.length <= MAX_DIGITS) return undefined;
  const groups = VERSION.exec(text)?.groups;
  if (!groups || !tooLong(groups)) return undefined;
  return `'${text.slice(0, 20)}…${text.slice(-8)}' has a number of more than ${MAX_DIGITS} digits, which Python cannot read as a version`;
}

/** Why `text` is not a version, for a message. */
export function invalidVersionMessage(text: string): string {
  return overlongMessage(text) ?? `'${text}' is not a valid PEP 440 version`;
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== null || v.dev !== null;
}

type Extended = bigint | number;

function order(x: Extended, y: Extended): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Release segments compared as if padded with zeros (`1.0` equals `1`). */
function compareRelease(a: readonly bigint[], b: readonly bigint[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = order(a[i] ?? 0n, b[i] ?? 0n);
    if (d !== 0) return d;
  }
  return 0;
}

const PRE_RANK: Record<PreLabel, number> = { a: 0, b: 1, rc: 2 };

/**
 * Where a point sits relative to the versions that share a key: the version itself, just below or above it, just
 * after all of its local labels, or just after all of its post-releases (every version with its epoch, release and
 * pre-release part). The last three are the places between versions that PEP 440's operators cut the line at.
 */
export type Place = 'version' | 'below' | 'above' | 'locals' | 'posts';

/** packaging's sort key, field by field: epoch, release, pre-release, post, dev, local, then the place's tie-break. */
export function comparePlaces(a: Version, ap: Place, b: Version, bp: Place, ignoreLocal = false): number {
  return (
    order(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, ap, b, bp) ||
    order(postKey(a, ap), postKey(b, bp)) ||
    order(devKey(a, ap), devKey(b, bp)) ||
    (ignoreLocal ? 0 : compareLocal(a, ap, b, bp)) ||
    order(TIE[ap], TIE[bp])
  );
}

const TIE: Record<Place, number> = { version: 0, below: -1, above: 1, locals: 0, posts: 0 };

// A dev release of a final (1.0.dev0) sorts before its pre-releases; a final and its post-releases after them.
function comparePre(a: Version, ap: Place, b: Version, bp: Place): number {
  const [ar, an] = preKey(a, ap);
  const [br, bn] = preKey(b, bp);
  return order(ar, br) || order(an, bn);
}

function preKey(v: Version, p: Place): [number, bigint] {
  if (v.pre) return [PRE_RANK[v.pre[0]], v.pre[1]];
  return p !== 'posts' && v.post === null && v.dev !== null ? [-Infinity, 0n] : [Infinity, 0n];
}

function postKey(v: Version, p: Place): Extended {
  return p === 'posts' ? Infinity : (v.post ?? -Infinity);
}

function devKey(v: Version, p: Place): Extended {
  return p === 'posts' ? Infinity : (v.dev ?? Infinity);
}

// Numeric segments sort above words; a label that extends another sorts above it; no label sorts below any.
function compareLocal(a: Version, ap: Place, b: Version, bp: Place): number {
  const aTop = ap === 'locals' || ap === 'posts';
  const bTop = bp === 'locals' || bp === 'posts';
  if (aTop || bTop) return aTop === bTop ? 0 : aTop ? 1 : -1;
  const x = a.local;
  const y = b.local;
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const s = x[i];
    const t = y[i];
    if (s === undefined || t === undefined) return s === undefined ? -1 : 1;
    if (typeof s !== typeof t) return typeof s === 'bigint' ? 1 : -1;
    if (s !== t) return s < t ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version, ignoreLocal = false): number {
  return comparePlaces(a, 'version', b, 'version', ignoreLocal);
}

/** A version from its parts, written in PEP 440's normal form (every number exactly). */
export function makeVersion(parts: Partial<Omit<Version, 'text'>> & { release: bigint[] }): Version {
  const { epoch = 0n, release, pre = null, post = null, dev = null, local = null } = parts;
  const text =
    (epoch ? `${epoch}!` : '') +
    release.join('.') +
    (pre ? `${pre[0]}${pre[1]}` : '') +
    (post === null ? '' : `.post${post}`) +
    (dev === null ? '' : `.dev${dev}`) +
    (local ? `+${local.join('.')}` : '');
  return { text, epoch, release, pre, post, dev, local };
}

/** `v` with some parts replaced (and the local label dropped unless given). */
export function withParts(v: Version, parts: Partial<Omit<Version, 'text'>>): Version {
  return makeVersion({
    epoch: v.epoch,
    release: v.release,
    pre: v.pre,
    post: v.post,
    dev: v.dev,
    local: null,
    ...parts,
  });
}

/** The release with its last segment raised by one: `1.4` → `1.5`. */
export function bumpLast(release: readonly bigint[]): bigint[] {
  const out = release.slice();
  out[out.length - 1]++;
  return out;
}
