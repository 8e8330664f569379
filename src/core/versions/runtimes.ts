// Python versions as runtimes and tools name them: Cloud Functions' `python310`, black's and ruff's `py310`,
// pre-commit's `python3.10`.
import { makeVersion, MAX_DIGITS, type Version } from '.';

const RUNTIME = /^python(\d)(\d+)$/;
const PY_TARGET = /^py(\d)(\d+)$/;

/** `major` and `minor` as a version, unless one has more digits than Python reads. */
function minorVersion(major: string, minor: string): Version | undefined {
  if (major.length > MAX_DIGITS || minor.length > MAX_DIGITS) return undefined;
  return makeVersion({ release: [BigInt(major), BigInt(minor)] });
}

/** `python39` → 3.9; other languages' runtimes give undefined. */
export function cloudRuntimeVersion(runtime: string): Version | undefined {
  const m = RUNTIME.exec(runtime);
  return m ? minorVersion(m[1], m[2]) : undefined;
}

/** `py38` → 3.8 (black's and ruff's targets). */
export function pyTargetVersion(target: string): Version | undefined {
  const m = PY_TARGET.exec(target);
  return m ? minorVersion(m[1], m[2]) : undefined;
}

/** `"3.8"` → 3.8 (mypy's and pyright's settings). */
export function dottedMinorVersion(text: string): Version | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  return m ? minorVersion(m[1], m[2]) : undefined;
}

// `3.10`, `3.10.4`, and the pre-releases version managers install (`3.13.0rc1`, `3.12-dev`).
const RELEASE = /^(\d+)\.(\d+)(?:\.\d+)?(?:(?:a|b|rc)\d+|-dev)?$/;

/** The minor series of a CPython version as version managers and runtimes write one (`3.10.4` → 3.10). */
export function pythonRelease(text: string): Version | undefined {
  const m = RELEASE.exec(text);
  return m ? minorVersion(m[1], m[2]) : undefined;
}

/** `python3.8` (the form pre-commit uses) → 3.8; other spellings (`python3`, a path) give undefined. */
export function interpreterVersion(name: string): Version | undefined {
  const m = /^python(\d+)\.(\d+)$/.exec(name.trim());
  return m ? minorVersion(m[1], m[2]) : undefined;
}

/** The major and minor of `v`, 0 for a missing one. */
export function majorMinor(v: Version): [bigint, bigint] {
  return [v.release[0] ?? 0n, v.release[1] ?? 0n];
}

/** Compares the major and minor of two versions only: a runtime or target names a series, not a release. */
export function compareMinor(a: Version, b: Version): number {
  const [am, an] = majorMinor(a);
  const [bm, bn] = majorMinor(b);
  return am !== bm ? (am < bm ? -1 : 1) : an !== bn ? (an < bn ? -1 : 1) : 0;
}

/** A Python container image and where its version is in the reference. */
export interface PythonImage {
  version: Version;
  /** Offsets in the reference of the version in its tag (`3.10.4` of `python:3.10.4-slim@sha256:…`). */
  start: number;
  end: number;
}

// `python:3.10-slim`, `docker.io/library/python:3.10`, `mirror.gcr.io/library/python:3.10`,
// `europe-docker.pkg.dev/proj/repo/python:3.10-slim-bookworm@sha256:…`: the last path segment is `python`, the tag
// starts with the version. `python:3` names no minor, `python:latest` no version, and `pypy:3.10` is another Python.
// The dev container images (`mcr.microsoft.com/devcontainers/python:1-3.10-bookworm`, the older
// `…/vscode/devcontainers/python:0-3.8`) put their own image version, or `dev`, before it.
const IMAGE =
  /^(?:[^\s/:@]+(?::\d+)?\/)?(?:[^\s/:@]+\/)*python:(?:(?<=\/devcontainers\/python:)(?:dev|\d+(?:\.\d+){0,2})-(?=\d+\.\d+))?((\d+)\.(\d+)(?:\.\d+)?)(?=$|[-@])/;

/** The Python version a container image reference runs, unless it names no CPython minor version. */
export function pythonImage(reference: string): PythonImage | undefined {
  const m = IMAGE.exec(reference);
  if (!m) return undefined;
  const version = minorVersion(m[2], m[3]);
  return version && { version, start: m[0].length - m[1].length, end: m[0].length };
}

/** A Google runtime base image (Cloud Run, Cloud Run functions) and how to name another Python in its form. */
export interface RuntimeImage {
  version: Version;
  /** Offsets in the reference of what a change of Python rewrites: the runtime, with its stack when one is named. */
  start: number;
  end: number;
  /** The text that replaces `start`–`end` for `version`, in the reference's own form. */
  spell: (version: Version) => string;
}

// Which Ubuntu stack carries which Pythons (https://cloud.google.com/run/docs/runtimes/python): python37–python39 on
// google-18-full only, python310–python313 on google-22, python314 on google-24. Newest first.
const STACKS: readonly [minor: bigint, stack: string][] = [
  [14n, 'google-24'],
  [10n, 'google-22'],
  [0n, 'google-18'],
];

// `python312` (gcloud's `--base-image`), `google-22/python312`, `google-22-full/python312`, and the full path
// `us-central1-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/python312`, then a tag or digest. Groups:
// 1 the stack of a full path, 2 that of a short one, 3–4 the major and minor, 5 a tag that pins one runtime build.
const RUNTIME_IMAGE =
  /^(?:(?:[^\s/:@]+(?::\d+)?\/)(?:[^\s/:@]+\/)*(google-\d+(?:-full)?)\/runtimes\/|(google-\d+(?:-full)?)\/)?python(\d)(\d+)(:python\d+_[\w.-]*)?(?=$|[:@])/;

/**
 * The Python a Google runtime base image runs. A change of Python rewrites the stack too when the stack does not carry
 * the new runtime (`google-18-full` has no python310), and drops a tag that pins a build of the old runtime.
 */
export function runtimeImage(reference: string): RuntimeImage | undefined {
  const m = RUNTIME_IMAGE.exec(reference);
  if (!m) return undefined;
  const version = minorVersion(m[3], m[4]);
  if (!version) return undefined;
  const stack = m[1] ?? m[2];
  const start = stack === undefined ? 0 : m[0].lastIndexOf(stack, m[0].length - (m[5]?.length ?? 0));
  const full = stack?.endsWith('-full') === true;
  const between = m[1] !== undefined ? '/runtimes/' : '/';
  return {
    version,
    start,
    end: m[0].length,
    spell(v) {
      const [major, minor] = majorMinor(v);
      const runtime = `python${major}${minor}`;
      if (stack === undefined) return runtime;
      const [, base] = STACKS.find(([first]) => major > 3n || minor >= first) ?? STACKS[0];
      // google-18 was published only as google-18-full.
      return `${base}${full || base === 'google-18' ? '-full' : ''}${between}${runtime}`;
    },
  };
}
