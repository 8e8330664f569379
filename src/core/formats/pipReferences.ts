// Requirements that are a path, a URL or an archive rather than a name, read as pip reads them (`parse_req_from_line`
// and `parse_editable` in pip's req/constructors.py, `Link` in models/link.py): the project name pip sees without
// building anything comes from an `#egg=` fragment or from a wheel's file name, which also fixes the version.
import { parseMarker, type Marker } from '../versions/markers';
import { parseSpecifier, parseVersion } from '../versions';
import type { OffsetMap, Pep508Entry, RequirementRef } from './pep508';

/** A wheel: its file name decides the name and the exact version, so findings on it carry no fix. */
export type WheelEntry = { kind: 'wheel'; req: RequirementRef; start: number; end: number };
export type ReferenceEntry = Pep508Entry | WheelEntry;

const VCS_SCHEMES = new Set([
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
]);
// pip's `is_url`.
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
// pip's ARCHIVE_EXTENSIONS.
const ARCHIVES = new Set([
  '.zip',
  '.whl',
  '.tar.bz2',
  '.tbz',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
  '.tar.gz',
  '.tgz',
  '.tar',
]);
const ARCHIVE_LAST = new Set([...'lpzra2'].map((c) => c.charCodeAt(0)));
// What follows the last dot of each archive extension (`gz` of `.tar.gz`).
const ARCHIVE_TAILS = new Set([...ARCHIVES].map((e) => e.slice(e.lastIndexOf('.') + 1)));
// A PEP 508 requirement with a URL (`name @ url`): its name counts as written, it is not a bare reference.
export const NAMED_URL = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*@/;
const EGG = /[#&]egg=([^&]*)/;
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
// An environment variable pip expands (upper-case names only); what it stands for is unknown here.
export const ENV_VAR = /\$\{[A-Z0-9_]+\}/;

/** urllib's scheme of `text`, lower-cased, or '' when it has none. */
function schemeOf(text: string): string {
  const colon = text.indexOf(':');
  if (colon <= 0) return '';
  const scheme = text.slice(0, colon);
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) ? scheme.toLowerCase() : '';
}

/** pip's `is_url`: a scheme pip downloads from or checks out. */
export function isUrl(text: string): boolean {
  return text.includes(':') && URL_SCHEMES.has(schemeOf(text));
}

/** pip's `_looks_like_path`: a path separator, or a leading dot. */
export function looksLikePath(text: string): boolean {
  return text.charCodeAt(0) === 46 || text.includes('/') || text.includes('\\');
}

function baseNameStart(text: string, end = text.length): number {
  return Math.max(text.lastIndexOf('/', end - 1), text.lastIndexOf('\\', end - 1)) + 1;
}

/** pip's `is_archive_file` of `text` up to `end`: the extension of the last path part (`.tar.gz` whole) is an archive's. */
export function isArchive(text: string, end = text.length): boolean {
  // The last letter of every archive extension, or '2': a cheap test before the string work.
  if (!ARCHIVE_LAST.has(text.charCodeAt(end - 1) | 32)) return false;
  const dot = text.lastIndexOf('.', end - 1);
  // Then what follows the last dot, before the path work: a specifier ending `,<2` passes the first test, not this.
  if (!ARCHIVE_TAILS.has(text.slice(dot + 1, end).toLowerCase())) return false;
  const base = baseNameStart(text, end);
  // A leading dot starts a name (`.whl` alone), not an extension, as in posixpath.splitext.
  if (dot <= base || /^\.+$/.test(text.slice(base, dot))) return false;
  let ext = text.slice(dot, end).toLowerCase();
  if (dot - 4 > base && text.slice(dot - 4, dot).toLowerCase() === '.tar') ext = `.tar${ext}`;
  return ARCHIVES.has(ext);
}

/** pip's `strip_extras`: a path's trailing `[extra]`. */
function withoutExtras(text: string): string {
  if (!text.endsWith(']')) return text;
  const m = /^(.+)(\[[^\]]+\])$/.exec(text);
  return m ? m[1].trimEnd() : text;
}

/** Whether pip reads `text` (the requirement part of a line) as a path, a URL or an archive rather than a name. */
export function isReference(text: string): boolean {
  // Most lines are plain requirements: a name first, and no path or URL punctuation anywhere.
  if (isAlphanumeric(text.charCodeAt(0)) && !text.includes('/') && !text.includes('\\') && !text.includes(':')) {
    const semi = text.indexOf(';');
    return isArchive(withoutExtras((semi < 0 ? text : text.slice(0, semi)).trimEnd()));
  }
  if (NAMED_URL.test(text)) return false;
  const semi = text.indexOf(isUrl(text) ? '; ' : ';');
  const target = (semi < 0 ? text : text.slice(0, semi)).trim();
  return isUrl(target) || looksLikePath(target) || isArchive(withoutExtras(target));
}

/**
 * isReference for a text that reads as a plain requirement (a name, extras and PEP 440 clauses before any marker, then
 * only spaces and tabs): with no path or URL punctuation there, it is a reference only as an archive (`pkg-1.0.zip`),
 * told without copying the text, as most lines of a large file need.
 */
export function isPlainReference(text: string): boolean {
  let end = text.indexOf(';');
  if (end < 0) end = text.length;
  while (end > 0 && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  const last = text.charCodeAt(end - 1);
  // Extras to strip, or a text that does not start with its name: the whole test.
  if (last === 93 || !isAlphanumeric(text.charCodeAt(0))) return isReference(text);
  return isArchive(text, end);
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/** Where the file name of a URL's path sits in it: after the last '/', before any query or fragment. */
function urlFileName(url: string): [number, number] {
  let from = url.indexOf(':') + 1;
  if (url.startsWith('//', from)) {
    const slash = url.slice(from + 2).search(/[/?#]/);
    from = slash < 0 ? url.length : from + 2 + slash;
  }
  const stop = url.slice(from).search(/[?#]/);
  let end = stop < 0 ? url.length : from + stop;
  while (end > from && url[end - 1] === '/') end--;
  return [Math.max(from, url.lastIndexOf('/', end - 1) + 1), end];
}

function fail(message: string, start: number, end: number, base: number, map: OffsetMap): Pep508Entry {
  return { kind: 'error', message, start: map(base + start, false), end: map(base + end, true) };
}

/** packaging's `parse_wheel_filename`, as far as pip needs it here: the name part and the version part. */
function readWheel(name: string): { name: [number, number]; version: [number, number] } | { error: string } {
  const stem = name.slice(0, -4);
  const dashes = stem.split('-').length - 1;
  if (dashes !== 4 && dashes !== 5)
    return { error: `Invalid wheel file name '${name}': pip expects name-version-python-abi-platform.whl` };
  const parts = stem.split('-');
  if (parts[0].includes('__') || !/^[\p{L}\p{N}_.]+$/u.test(parts[0]))
    return { error: `Invalid project name '${parts[0]}' in the wheel file name '${name}'` };
  if (!parseVersion(parts[1])) return { error: `Invalid version '${parts[1]}' in the wheel file name '${name}'` };
  if (dashes === 5 && !/^[0-9]/.test(parts[2]))
    return { error: `Invalid build number '${parts[2]}' in the wheel file name '${name}'` };
  return { name: [0, parts[0].length], version: [parts[0].length + 1, parts[0].length + 1 + parts[1].length] };
}

/**
 * Read a reference (`isReference` said so) starting at `base` of its line. With `editable`, it is the value of `-e`,
 * which pip reads with `parse_editable`: a local folder or a VCS URL, named by `#egg=` unless it is a local path.
 * `known` works as for parseRequirement.
 */
export function readReference(
  text: string,
  base: number,
  map: OffsetMap,
  known?: (name: string) => boolean,
  editable = false,
): ReferenceEntry {
  const url = isUrl(text);
  let end = text.length;
  let marker: Marker | undefined;
  if (!editable) {
    // A URL may hold ';', so pip cuts its marker off only at "; ".
    const semi = text.indexOf(url ? '; ' : ';');
    if (semi >= 0) {
      end = semi;
      const body = text.slice(semi + 1);
      const from = semi + 1 + body.length - body.trimStart().length;
      const markerText = body.trim();
      // pip takes an empty marker as none.
      if (markerText) {
        const parsed = parseMarker(markerText, from);
        if (parsed.error) return fail(parsed.error.message, parsed.error.start, parsed.error.end, base, map);
        marker = parsed.marker;
      }
    }
  }
  const target = text.slice(0, end).trimEnd();
  const local = url ? '' : withoutExtras(target);
  const scheme = schemeOf(target);
  const egg = EGG.exec(target);
  if (egg && !PROJECT_NAME.test(egg[1]) && !ENV_VAR.test(egg[1])) {
    const fragment = egg[1];
    const hint = /[<>=]/.test(fragment)
      ? 'pip ignores versions in a URL reference; remove them'
      : /\[.*\]/.test(fragment)
        ? 'write name[extra] @ URL instead'
        : 'it can only be a project name';
    const at = egg.index + 5;
    return fail(
      `The egg fragment '${fragment}' is invalid: ${hint}`,
      fragment ? at : egg.index,
      at + fragment.length,
      base,
      map,
    );
  }
  if (editable) {
    const vcs = VCS_SCHEMES.has(scheme) || /^(?:bzr|git|hg|svn):/i.test(target);
    if (!vcs && scheme !== 'file') {
      if (scheme && target.startsWith('//', scheme.length + 1)) {
        return fail(
          `pip installs in editable mode only a local project folder or a VCS URL (git+, hg+, svn+, bzr+), not '${target}'`,
          0,
          target.length,
          base,
          map,
        );
      }
      if (isArchive(local))
        return fail(
          `pip installs in editable mode only a local project folder, not the archive '${target}'`,
          0,
          target.length,
          base,
          map,
        );
    }
    if (vcs && !egg)
      return fail(
        `pip cannot tell the project name of the editable '${target}': add #egg=name, or write name @ URL`,
        0,
        target.length,
        base,
        map,
      );
  }
  const whole: Pep508Entry = { kind: 'reference', start: map(base, false), end: map(base + text.length, true) };
  const [fileStart, fileEnd] = url ? urlFileName(target) : [baseNameStart(local), local.length];
  const fileName = target.slice(fileStart, fileEnd);
  if (!editable && fileName.endsWith('.whl')) {
    if (ENV_VAR.test(fileName) || fileName.includes('%')) return whole;
    const wheel = readWheel(fileName);
    if ('error' in wheel) return fail(wheel.error, fileStart, fileEnd, base, map);
    const name = fileName.slice(...wheel.name);
    const version = fileName.slice(...wheel.version);
    if (known && !known(name)) return { kind: 'unchecked' };
    const clauses = parseSpecifier(`==${version}`).clauses;
    if (clauses.length !== 1) return whole;
    const [vStart, vEnd] = [fileStart + wheel.version[0], fileStart + wheel.version[1]];
    const req: RequirementRef = {
      name,
      nameStart: map(base + fileStart, false),
      nameEnd: map(base + fileStart + wheel.name[1], true),
      insertAt: map(base + vEnd, false),
      specifier: { text: `==${version}`, start: map(base + vStart, false), end: map(base + vEnd, true), clauses },
      marker,
    };
    return { kind: 'wheel', req, start: whole.start, end: whole.end };
  }
  if (!egg || ENV_VAR.test(egg[1])) return whole;
  if (known && !known(egg[1])) return { kind: 'unchecked' };
  const at = egg.index + 5;
  const nameEnd = map(base + at + egg[1].length, true);
  // The URL or the folder decides the version: only the name is checked.
  const req: RequirementRef = {
    name: egg[1],
    nameStart: map(base + at, false),
    nameEnd,
    insertAt: nameEnd,
    marker,
    direct: true,
  };
  return { kind: 'requirement', req, start: whole.start, end: whole.end };
}
