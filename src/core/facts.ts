// What a format reads out of a file, for the rules to judge: facts with exact places and the means to write them
// back. A format never decides what is wrong and never builds a finding; a rule never reads text.
import type { FindingCode } from './codes';
import { LineIndex } from './text';
import { majorMinor } from './versions/runtimes';
import type { Dialect } from './versions/dialects';
import type { Version } from './versions';
import type { Marker } from './versions/markers';
import type { Range, RelatedInformation, TextEdit } from './types';

/** A file facts were read from: findings and edits name it by `path`; `range` turns its offsets into positions. */
export interface Source {
  path: string;
  range(start: number, end: number): Range;
}

/** A stretch of a source, in offsets of its text (without a byte-order mark). */
export interface Place {
  source: Source;
  start: number;
  end: number;
}

/** The edit replacing `place` by `newText`. */
export function editAt(place: Place, newText: string): TextEdit {
  return { file: place.source.path, range: place.source.range(place.start, place.end), newText };
}

/** A source over `text`, whose positions are its lines' (LF or CRLF). */
export function textSource(path: string, text: string): Source {
  const lines = new LineIndex(text);
  return { path, range: (start, end) => lines.rangeAt(start, end) };
}

export function rangeOf(place: Place): Range {
  return place.source.range(place.start, place.end);
}

/** A change a format offers for what it read (joining a split name, moving a list under `repos:`). */
export interface Suggestion {
  title: string;
  isPreferred: boolean;
  edits: TextEdit[];
}

/**
 * What reading found amiss: text that does not parse, text the tool ignores, a layout the tool no longer reads, or a
 * defect of the reader itself (`internal-error`, with the stack for the log).
 */
export interface ProblemFact {
  kind: 'problem';
  code: Extract<
    FindingCode,
    'parse-error' | 'ignored-text' | 'precommit-list-format' | 'internal-error' | 'yaml-float-version'
  >;
  message: string;
  place: Place;
  suggestions?: Suggestion[];
  related?: RelatedInformation[];
  stack?: string;
}

/** Why a requirement's or an image's text cannot be changed by an edit, which its findings then say. */
export type Frozen =
  /** The line pins hashes: any change needs new hashes. */
  | 'hashes'
  /** A wheel's file name states the name and the version. */
  | 'wheel'
  /** The string uses escapes, so no offset in its value is an offset in the file. */
  | 'escapes'
  /** A digest pins the image (`python:3.8@sha256:…`): the registry serves the digest, whatever the tag says. */
  | 'digest';

/** A constraint as written, at its place (inside quotes, without them). */
export interface ConstraintText {
  text: string;
  place: Place;
  /** What the reader already made of the text (PEP 440 clauses); the dialect reads it otherwise. */
  read?: unknown;
  /** The text is the string's value, not its source (it has escapes): `place` is the whole string, and no edit fits. */
  escaped?: boolean;
  /** The list it sits in is split at this character (tox's one-line `requires` at `,`): no new text may hold it. */
  splitAt?: string;
}

/** Names that live in one table, where a rename onto a name already there would write a duplicate key. */
export interface NameTable {
  /** Every key of the table, normalised. */
  names: readonly string[];
}

/** A generated lock's source, read for the rules: they judge the source's requirement and fix it there. */
export interface LockSource {
  tool: 'pip-compile' | 'uv' | 'poetry' | 'pdm' | 'pipenv';
  /** The command that regenerates the lock, for messages. */
  command: string;
  /** How messages ask for it: a pip-compile output is recompiled, a lock file (uv.lock, poetry.lock, …) re-locked. */
  verb: 'recompile' | 're-lock';
  /** The source's path, when the lock names one or a sibling `.in` exists. */
  path?: string;
  /** Whether the source could be read. */
  found: boolean;
  /** The source's requirements (a `.in` with its `-r` includes, or `[project]`), when its kind is read. */
  declarations?: PackageFact[];
  /**
   * Adds a floor (`>=2.0.0`) for `name` to the source, when its layout allows: the edit, the requirement as written
   * there (`pandas>=2.0.0`, `pandas = ">=2.0.0"`) and where it goes (`pyproject.toml`).
   */
  addRequirement?(name: string, floor: string): { edit: TextEdit; written: string; where: string } | undefined;
  /**
   * Who pulls `name` in, as far as the lock records it: the project itself (`direct`; undefined when the lock does not
   * hold the project, and then the source's declarations tell), and the locked packages that depend on it, by name.
   */
  pulledIn?(name: string): { direct?: boolean; by: string[] };
}

/**
 * A dependency on a versioned thing the standard may set a minimum for: a Python package (PEP 508, Poetry), a
 * Terraform provider or Terraform itself.
 */
export interface PackageFact {
  kind: 'package';
  /** Which table of the standard holds its rule. */
  registry: 'python' | 'terraform-provider' | 'terraform';
  /** The name as written (a provider's address, `terraform` for Terraform itself). */
  name: string;
  /** How messages name it: `pandas`, `Provider hashicorp/google version`. */
  label: string;
  /** The name in the file: a replacement's edit goes here. */
  place: Place;
  /** The dialect its constraint is (or would be) written in. */
  dialect: Dialect;
  /** The whole requirement, when a finding elsewhere points at it (a lock's source). */
  entry?: Place;
  /** The constraint, when it states one (`pandas` and `pandas ()` state none). */
  constraint?: ConstraintText;
  /** Where a missing constraint is reported, when not on the name (a Poetry table in a list of them). */
  missingAt?: Place;
  /** Writes `constraint` (`>=2.0.0`) where none is written; undefined when the file offers no place. */
  addConstraint?(constraint: string): TextEdit | undefined;
  /** A marker (PEP 508) that limits the requirement to some environments. */
  marker?: Marker;
  /** Whether the requirement can apply on Pythons from `python` up (a Poetry `python` key or `markers`). */
  appliesFrom?(python: Version): boolean;
  /** The version comes from elsewhere (a URL, a git or path source): only the name is judged. */
  direct?: boolean;
  frozen?: Frozen;
  /** The table the name is a key of, shared by its siblings. */
  table?: NameTable;
  /** Removes the whole entry, when it has its lines to itself. */
  remove?(): TextEdit | undefined;
  /** The requirement is in a generated lock: findings point to its source, and fixes go there. */
  lock?: LockSource;
}

/** How a Python version is stated. */
export type PythonStatement =
  /** A range of versions: `requires-python = ">=3.8"`, Poetry's `python = "^3.8"`. */
  | { form: 'range'; dialect: Dialect; constraint: ConstraintText }
  /**
   * One version the file runs or targets: `python3.8`, `"3.8"`, `py38`, `python39`. `shown` is the value as messages
   * show it; `spell` writes another version the way this one is written (`python3.10`, `py310`), and `quote` wraps
   * it as the place needs.
   */
  | { form: 'version'; version: Version; shown: string; spell(version: Version): string; quote: string }
  /**
   * Several targets in a list (`target-version = ["py38", "py39"]`): `keepFrom` removes or rewrites the items below
   * `wanted`, leaving one at `wanted`; no edits when the file's shape allows none that is safe.
   */
  | {
      form: 'targets';
      items: { version: Version; shown: string; place: Place }[];
      spell(version: Version): string;
      keepFrom(wanted: string, below: ReadonlySet<number>): TextEdit[];
      /** The fix drops the items below (a CI matrix, tox's envlist) rather than narrowing what a tool targets. */
      drops?: true;
    };

/**
 * What a Python statement means for the project: the versions it supports (`requires-python`, a floor), a Python it
 * runs or tests on (an image, a runtime, a CI version, `.python-version`), the version a tool targets (black's
 * `target-version`, mypy's `python_version`), or the Python a tool itself runs on (a pre-commit hook's
 * `language_version`, which says nothing of the project's code). Rules that compare files with each other read it.
 */
export type PythonRole = 'floor' | 'runs' | 'target' | 'tool';

/** A statement of which Python a project runs or supports. */
export interface PythonFact {
  kind: 'python';
  /** What states it, for messages: `requires-python`, `[tool.mypy] python_version`, `hook language_version`. */
  label: string;
  role: PythonRole;
  /**
   * Where the Python runs when a platform decides its life (a Cloud Functions, Cloud Run or App Engine runtime); the
   * end-of-life rule then uses that platform's dates rather than python.org's.
   */
  platform?: 'cloud-functions' | 'cloud-run' | 'app-engine-standard' | 'app-engine-flexible';
  /** The standard setting that judges it: the Python minimum, or the Cloud Functions runtime. */
  judgedBy: 'python' | 'cloud-functions-runtime';
  place: Place;
  statement: PythonStatement;
  /** Why no edit can change the version, when none can. */
  frozen?: Frozen;
}

/** A hook entry of a pre-commit config. */
export interface HookEntry {
  id?: string;
  /** A local hook's tool, from its `entry` (`uv run mypy src` runs mypy). */
  runs?: string;
  place: Place;
}

/** A repository entry of a pre-commit config, with its hooks. */
export interface HookRepository {
  /** The URL, unless the entry is `local` or `meta`. */
  remote?: { url: string; place: Place; quote: string };
  rev?: {
    text: string;
    place: Place;
    quote: string;
    /** The `# frozen: v1.2.3` comment after a SHA, from the spaces before it. */
    frozen?: { version: string; place: Place };
  };
  hooks: HookEntry[];
}

/** A hook of a pre-commit config, in its repository entry, in its config. */
export interface HookFact {
  kind: 'hook';
  hook: HookEntry;
  repository: HookRepository;
  config: HookConfigFact;
}

/** A pre-commit config: what it runs, and how to add what it lacks. */
export interface HookConfigFact {
  kind: 'hook-config';
  repositories: HookRepository[];
  /** Whether the whole file was read: a hook may hide in a part that was not, so none is called missing. */
  complete: boolean;
  /** Where a missing hook is reported. */
  missingAt: Place;
  /**
   * Adds hooks, all in one edit: into `repository`'s hooks, or as new repository entries (one per repository, in
   * order) after the last. Undefined when no insertion fits the file's shape.
   */
  addHooks(
    hooks: readonly { id: string; repo: string; rev: string }[],
    repository?: HookRepository,
  ): TextEdit | undefined;
}

/** A `-r`/`-c` include that could not be followed. */
export interface IncludeFact {
  kind: 'include';
  target: string;
  place: Place;
  /** `missing`: no file there; `cycle`: it leads back through `chain` (file names) to a file that includes it. */
  problem: 'missing' | 'cycle';
  chain?: string[];
}

/** A Makefile: the targets it has rules for and declares phony, and how to add the ones it lacks. */
export interface MakefileFact {
  kind: 'makefile';
  /** Each target with a rule, at its first rule's name. Pattern rules and names made of variables are left out. */
  rules: ReadonlyMap<string, Place>;
  /** The names the `.PHONY` rules list. */
  phony: ReadonlySet<string>;
  /** The files `include` (`-include`, `sinclude`) names, which are not read: a target may be defined there. */
  includes: readonly string[];
  /** A Makefile in an enclosing folder of the same repository: this one is then a sub-make's. */
  enclosedBy?: string;
  /** Whether make reads the whole file: after a `define` with no `endef` nothing is a rule, so none is called missing. */
  complete: boolean;
  /** Where a missing target is reported: the first `.PHONY` rule, else the file's start. */
  missingAt: Place;
  /** The edits adding a stub rule for each of `stubs` and a `.PHONY` entry for each of `phony`, in one change. */
  addTargets(stubs: readonly string[], phony: readonly string[]): TextEdit[];
}

export type Fact = ProblemFact | PackageFact | PythonFact | HookFact | HookConfigFact | IncludeFact | MakefileFact;

/** `3.10` as a dotted major.minor, the spelling most settings use. */
export const dottedSpelling = (v: Version): string => majorMinor(v).join('.');

/** A Python fact stating one version, written with `spell` (dotted by default) where it is replaced. */
export function versionFact(
  label: string,
  role: PythonRole,
  place: Place,
  version: Version,
  shown: string,
  spell: (v: Version) => string = dottedSpelling,
): PythonFact {
  return {
    kind: 'python',
    label,
    role,
    judgedBy: 'python',
    place,
    statement: { form: 'version', version, shown, spell, quote: '' },
  };
}
