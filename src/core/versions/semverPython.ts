// Python version specs as actions/setup-python reads them: node-semver ranges over Python versions (`3.10`, `3.10.x`,
// `~3.10`, `>=3.10 <3.13`, `3.10 - 3.12`), after the action's own spellings are turned into semver as it does
// (`3.13.0rc1`, `3.13-dev`, free-threaded `3.13t`). uv's PEP 440 requests (`>=3.10,<3.13`, `==3.10.*`, `~=3.10`) are
// read alike. Judged by the lowest minor a spec admits; read by the `semver` package, which the action itself uses.
// The two functions alone: the package's index would bring all of semver into the extension's bundle.
import type { Version } from '.';
import { remembered } from '../memo';
import { compareMinor, dottedMinorVersion, majorMinor } from './runtimes';

/** A spec the rules can judge: the lowest minor it admits, and how to write it so that it admits nothing older. */
export interface PythonSpec {
  version: Version;
  /** Whether the spec is one version written bare (`3.9`, `3.9.1`, `3.13t`): a raise writes it as a bare `3.10`. */
  bare: boolean;
  /** The spec with every lower bound below `minimum` raised to it, in its own spelling (`>=3.8 <3.12` → `>=3.10 <3.12`). */
  raise: (minimum: Version) => string;
}

const BARE = /^\d+\.\d+(?:\.\d+)?(?:t|(?:a|b|rc)\d*|-[0-9A-Za-z.]+)?$/;
// One comparator: operator, spaces, `major.minor`, an optional patch or wildcard, a pre-release or free-threaded mark.
const COMPARATOR =
  /(>=|<=|~=|==|~>|!=|[<>=~^]|v)?(\s*)(\d+)\.(\d+)(\.(?:\d+|[xX*]))?(t|(?:a|b|rc)\d*|-[0-9A-Za-z.]+)?/g;
const UPPER = new Set(['<', '<=', '!=']);

/** The spec in node-semver's syntax, as setup-python hands it to the tool cache. */
function semverOf(text: string): string {
  return (
    text
      .trim()
      .replace(/^(\d+\.\d+(?:\.\d+)?)t$/, '$1')
      .replace(/^(\d+\.\d+)t-dev$/, '$1-dev')
      .replace(/^(\d+)\.(\d+)-dev$/, '~$1.$2.0-0')
      .replace(/(\d+\.\d+\.\d+)((?:a|b|rc)\d*)/g, '$1-$2')
      // uv's PEP 440: exclusions never decide the lowest version, and the other operators have a semver twin.
      .replace(/!=\s*[\d.*xX]+/g, '')
      .replace(/,/g, ' ')
      .replace(/~=/g, '>=')
      .replace(/==/g, '=')
      .replace(/\.\*/g, '.x')
  );
}

interface Semver {
  minVersion: typeof import('semver/ranges/min-version');
  validRange: typeof import('semver/ranges/valid');
}

let semver: Semver | undefined;

/** semver's modules, loaded at the first spec: they build some forty regular expressions, 2 ms of a CLI start. */
function loadSemver(): Semver {
  /* eslint-disable @typescript-eslint/no-require-imports -- a `require` where it is needed is what defers it */
  semver ??= {
    minVersion: require('semver/ranges/min-version') as Semver['minVersion'],
    validRange: require('semver/ranges/valid') as Semver['validRange'],
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return semver;
}

/** The lowest major.minor `text` admits; undefined when it is no range, admits nothing, or has no lower bound. */
function lowestMinor(text: string): Version | undefined {
  const { minVersion, validRange } = loadSemver();
  const range = validRange(semverOf(text));
  const lowest = range === null ? null : minVersion(range);
  if (!lowest || lowest.major === 0) return undefined;
  return dottedMinorVersion(`${lowest.major}.${lowest.minor}`);
}

/**
 * The spec `text` names, unless it names no Python minor (`3.x`, `3`), is not a CPython version (`pypy3.9`), or has
 * no lower bound (`<3.12`, which setup-python resolves to the newest it has).
 */
export const pythonSpec = remembered(10_000, (text): PythonSpec | undefined => {
  if (!/\d\.\d/.test(text) || text.length > 200) return undefined;
  const version = lowestMinor(text);
  if (!version) return undefined;
  return { version, bare: BARE.test(text.trim()), raise: (minimum) => raised(text, minimum) };
});

function raised(text: string, minimum: Version): string {
  const [major, minor] = majorMinor(minimum);
  const wanted = `${major}.${minor}`;
  const candidate = text.replace(
    COMPARATOR,
    (whole, op: string | undefined, space: string, ma: string, mi: string, tail: string | undefined, at: number) => {
      const lower = !UPPER.has(op ?? '') && !(op === undefined && /\s-\s*$/.test(text.slice(0, at)));
      const version = dottedMinorVersion(`${ma}.${mi}`);
      if (!lower || !version || compareMinor(version, minimum) >= 0) return whole;
      const wildcard = tail && /[xX*]/.test(tail) ? tail : '';
      return `${op === '>' ? '>=' : (op ?? '')}${space}${wanted}${wildcard}`;
    },
  );
  // An upper bound below the minimum leaves nothing admitted: the range then starts at the minimum, open above.
  const lowest = lowestMinor(candidate);
  return lowest && compareMinor(lowest, minimum) >= 0 ? candidate : `>=${wanted}`;
}
