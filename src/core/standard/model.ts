import type { Version } from '../versions';
import type { Location, Severity } from '../types';

/** Where a rule was set: an entry of a standard file, or of the built-in standard (file `builtin`). */
export type RuleSource = Location;

export interface PackageRule {
  /** The name as the standard spells it. */
  name: string;
  minimum?: Version;
  /** The version written where the user's style is an exact pin; defaults to the minimum. */
  pin?: Version;
  replacedBy?: string;
  reason?: string;
  severity?: Severity;
  source: RuleSource;
}

export interface HookRule {
  /**
   * The repositories whose hook with this id is this hook (its own, a mirror, an old name), all tagged with the same
   * versions. The first is the one a fix writes when it adds the hook.
   */
  repos: string[];
  id: string;
  minimum?: Version;
  /** The tag a fix writes; defaults to the minimum. */
  rev?: string;
  severity?: Severity;
  source: RuleSource;
}

export interface Setting<T> {
  value: T;
  source: RuleSource;
}

export interface Standard {
  /** The oldest Python allowed: `python.minimum`, or `python` itself in its short form. */
  python?: Setting<Version>;
  /**
   * The Python deployments use (`python.runtime`): what a fix of a runtime past its end of life writes. Never below
   * `python`; unset, it is `python` (see `pythonRuntime`).
   */
  pythonRuntime?: Setting<Version>;
  /** By PEP 503 normalised name. */
  packages: Map<string, PackageRule>;
  terraform: {
    cloudFunctionsRuntime?: Setting<string>;
    requiredVersion?: Setting<Version>;
    /** By source address, lower case (`hashicorp/google`). */
    providers: Map<string, Setting<Version>>;
  };
  precommit: { hooks: HookRule[] };
  /**
   * The targets a repository's Makefile must have rules for (`make test`); a repository without a Makefile is not
   * asked for one. The most specific file that sets `targets` replaces what the files it extends set.
   */
  makefile?: { targets?: Setting<string[]>; severity?: Severity };
  /**
   * Files not checked, as ruff's `exclude`: gitignore-style patterns relative to the folder of the standard file that
   * set them (its `source`). The most specific file that sets `exclude` replaces what the files it extends set.
   */
  exclude?: Setting<string[]>;
  /** The files this standard was read from, the most specific last; `builtin` for the built-in one. */
  files: string[];
}

export function emptyStandard(): Standard {
  return { packages: new Map(), terraform: { providers: new Map() }, precommit: { hooks: [] }, files: [] };
}

/** The Python deployments use: `python.runtime`, else the minimum. */
export function pythonRuntime(standard: Standard): Setting<Version> | undefined {
  return standard.pythonRuntime ?? standard.python;
}

/** A standard file's content once the schema has accepted it. */
export interface StandardJson {
  python?: string | { minimum?: string; runtime?: string };
  packages?: Record<
    string,
    string | null | { minimum?: string; pin?: string; replacedBy?: string; reason?: string; severity?: Severity }
  > | null;
  terraform?: {
    cloudFunctionsRuntime?: string;
    requiredVersion?: string;
    providers?: Record<string, string> | null;
  } | null;
  precommit?: {
    hooks?: { repo: string | string[]; id: string; minimum?: string; rev?: string; severity?: Severity }[] | null;
  } | null;
  exclude?: string[] | null;
  makefile?: { targets?: string[] | null; severity?: Severity } | null;
}
