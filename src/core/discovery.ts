// Which files of a folder tree the engine checks, in one walk with one listing per folder: it leaves out what is not
// the project's own (dependencies, virtual environments, caches), what git ignores and what the governing standard
// excludes, and says which repository (the folder holding `.git`) each file belongs to. The CLI, the editor's
// workspace scan and its file watchers all decide here.
import path = require('node:path');
import type { Ignore } from 'ignore';
import type { DirEntry, FileSystem } from './fileSystem';
import { formatFor, FORMATS, type Format } from './formats';
import type { FileLookup } from './formats/pipCompile';
import { findStandardFile, isStandardFile, STANDARD_FILE_NAMES } from './standard/discover';
import type { Standard } from './standard/model';
import type { StandardResolver } from './standard/resolve';

// The formats whose files their text tells (`classify` has found the file's first match to be one of them).
const SNIFFING: readonly Format[] = FORMATS.filter((f: Format) => f.sniff !== undefined);

/** Folders that hold other people's code, tool state or generated files, never the project's own: never walked. */
export const SKIPPED_FOLDERS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.eggs',
  '*.egg-info',
  'site-packages',
  '.terraform',
  '.direnv',
  '.cache',
];

const SKIPPED = new Set(SKIPPED_FOLDERS.filter((name) => !name.startsWith('*')));

/** Whether a folder of this name is left out of every walk (virtual environments are known by their content too). */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED.has(name) || name.endsWith('.egg-info');
}

// git matches case-sensitively unless core.ignorecase is set, which `git init` does on the file systems that ignore
// case (macOS and Windows by default).
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/** A repository: the folder holding `.git` (a folder, or a file in a worktree or submodule). */
export interface Repository {
  /** The folder holding `.git`; outside any git repository, the folder walked. */
  root: string;
  /** Whether `root` holds `.git`. */
  git: boolean;
  /** Whether the walk met a Python source file (`*.py`) of this repository that is not ignored. */
  hasPython: boolean;
}

export interface DiscoveredFile {
  path: string;
  /** The nearest standard file (as `findStandardFile` finds it), undefined when there is none. */
  standardFile: string | undefined;
  repository: Repository;
}

export interface Discovery {
  root: string;
  /** Files of a kind the engine checks (`formatFor`, a `.in` recognised by its neighbours), in walk order. */
  files: DiscoveredFile[];
  /** Standard files (`isStandardFile`). */
  standards: string[];
  /** The repository of the root first, then those nested in it that the walk entered. */
  repositories: Repository[];
}

export interface DiscoveryOptions {
  /** Walked with `readDir`; `readFile` reads `.gitignore` files and, for a `.in`, its content. */
  fs: FileSystem;
  /** The standard of each folder, whose `exclude` is applied; without it no standard excludes anything. */
  standards?: StandardResolver;
  /** What else to leave out (the editor's exclude setting): a path, and whether it is a folder. */
  exclude?: (file: string, folder: boolean) => boolean;
}

/** The repository root of `dir`: the nearest folder (itself included) holding `.git`, else `dir`. */
export function repositoryRoot(dir: string, fs: Pick<FileSystem, 'exists'>): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.exists(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/** Patterns that apply to a folder and below, matched against paths relative to it. */
interface Rules {
  base: string;
  /** `base` with a trailing separator: a path below it, less this, is the path the patterns see. */
  prefix: string;
  matcher: Ignore;
}

let ignore: typeof import('ignore') | undefined;

function rules(base: string, text: string | readonly string[]): Rules {
  // Loaded with the first rules (a .gitignore, an exclude list): it builds its tables on load, 2 ms of a CLI start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a `require` where it is needed is what defers it
  ignore ??= require('ignore') as typeof import('ignore');
  const matcher = ignore({ ignorecase: IGNORE_CASE });
  try {
    matcher.add(text);
  } catch {
    // A .gitignore is user text: a pattern the matcher cannot take must not stop the walk (none is known to).
  }
  return { base, prefix: base.endsWith(path.sep) ? base : base + path.sep, matcher };
}

/** Whether `rules` ignore `full` (below their base); a path the matcher refuses is not ignored. */
function test(r: Rules, full: string, folder: boolean): { ignored: boolean; unignored: boolean } {
  let relative = full.slice(r.prefix.length);
  if (path.sep === '\\') relative = relative.replace(/\\/g, '/');
  try {
    return r.matcher.test(folder ? `${relative}/` : relative);
  } catch {
    return { ignored: false, unignored: false };
  }
}

function isBelow(file: string, r: Rules): boolean {
  return file.startsWith(r.prefix);
}

/** A folder about to be read, with what it inherits from the folder above. */
interface Seed {
  path: string;
  repository: Repository;
  /** The `.gitignore` files (and `.git/info/exclude`) in force, the outermost first. */
  gitignores: readonly Rules[];
  standardFile: string | undefined;
}

/** A folder read: its entries, and the rules that decide about them. */
interface Folder extends Seed {
  entries: readonly DirEntry[];
  /** What recognising a `.in` asks of its neighbours, answered from `entries`. */
  siblings: FileLookup;
  /** The gitignore rules that decide about this folder's entries, the innermost (which wins) first. */
  deciding: readonly Rules[];
  exclude: Rules | undefined;
}

/** `.git/info/exclude` of the repository at `root`; a `.git` file (worktree, submodule) names the git folder. */
function infoExclude(root: string, fs: FileSystem): string | undefined {
  let gitDir = path.join(root, '.git');
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFile(gitDir) ?? '');
  if (pointer) {
    gitDir = path.resolve(root, pointer[1]);
    // A linked worktree keeps its info/ in the main repository's git folder.
    const common = fs.readFile(path.join(gitDir, 'commondir'))?.trim();
    if (common) gitDir = path.resolve(gitDir, common);
  }
  return fs.readFile(path.join(gitDir, 'info', 'exclude'));
}

/** The walk's decisions, shared by the walk itself and the one-path check. */
class Walker {
  private readonly excludes = new Map<Standard, Rules | undefined>();

  constructor(
    readonly root: string,
    private readonly options: DiscoveryOptions,
  ) {}

  /** The root, with the repository it lies in and the `.gitignore` files above it in that repository. */
  seed(): Seed {
    const { fs } = this.options;
    const top = repositoryRoot(this.root, fs);
    const git = fs.exists(path.join(top, '.git'));
    const gitignores: Rules[] = [];
    const exclude = git ? infoExclude(top, fs) : undefined;
    if (exclude) gitignores.push(rules(top, exclude));
    for (let d = top; d !== this.root; d = path.join(d, path.relative(d, this.root).split(path.sep)[0])) {
      const text = fs.readFile(path.join(d, '.gitignore'));
      if (text) gitignores.push(rules(d, text));
    }
    return {
      path: this.root,
      repository: { root: top, git, hasPython: false },
      gitignores,
      standardFile: this.options.standards
        ? this.options.standards.nearestFor(path.join(this.root, '_'))
        : findStandardFile(path.join(this.root, '_'), fs),
    };
  }

  /** Read a folder; undefined when it cannot be read or is a virtual environment (other than the root). */
  open(seed: Seed): Folder | undefined {
    const { fs } = this.options;
    const entries = fs.readDir?.(seed.path);
    if (!entries) return undefined;
    let git: DirEntry | undefined;
    let gitignore = false;
    let vscode = false;
    let standard = STANDARD_FILE_NAMES.length;
    for (const e of entries) {
      const name = e.name;
      if (name === '.git') git = e;
      else if (name === '.gitignore') gitignore = e.isFile();
      else if (name === 'pyvenv.cfg' || name === 'conda-meta') {
        // A virtual environment is known from the listing the walk already has: no look inside another folder.
        if (seed.path !== this.root) return undefined;
      } else if (name === '.vscode') vscode = true;
      else {
        const i = STANDARD_FILE_NAMES.indexOf(name);
        if (i >= 0 && i < standard) standard = i;
      }
    }
    let { repository, gitignores, standardFile } = seed;
    if (git && seed.path !== this.root) {
      // A nested repository is a repository of its own: the outer one's .gitignore files stop at its edge.
      repository = { root: seed.path, git: true, hasPython: false };
      const exclude = infoExclude(seed.path, fs);
      gitignores = exclude ? [rules(seed.path, exclude)] : [];
    }
    const vscodeStandard = path.join(seed.path, STANDARD_FILE_NAMES[STANDARD_FILE_NAMES.length - 1]);
    if (standard < STANDARD_FILE_NAMES.length - 1) standardFile = path.join(seed.path, STANDARD_FILE_NAMES[standard]);
    else if (vscode && fs.exists(vscodeStandard)) standardFile = vscodeStandard;
    else if (git) standardFile = undefined;
    if (gitignore) {
      const text = fs.readFile(path.join(seed.path, '.gitignore'));
      if (text) gitignores = [...gitignores, rules(seed.path, text)];
    }
    // Rules that ignore this very folder (or a folder above it) would ignore all of its entries through it: such a
    // folder is walked only when a deeper file re-includes it or it is the root given, and then those rules are out.
    const deciding = gitignores.filter((r) => r.base === seed.path || !test(r, seed.path, true).ignored).reverse();
    const exclude = this.excludeRules(standardFile);
    const decidingExclude =
      exclude &&
      (exclude.base === seed.path || (isBelow(seed.path, exclude) && !test(exclude, seed.path, true).ignored))
        ? exclude
        : undefined;
    // A pip-compile input may be known by the lock beside it: the listing answers that without another call.
    let names: Set<string> | undefined;
    const siblings = {
      exists: (p: string) =>
        path.dirname(p) === seed.path && (names ??= new Set(entries.map((e) => e.name))).has(path.basename(p)),
      readFile: (p: string) => fs.readFile(p),
    };
    return { ...seed, repository, gitignores, standardFile, entries, siblings, deciding, exclude: decidingExclude };
  }

  /** The standard's `exclude` as rules at the folder of the file that set it. */
  private excludeRules(standardFile: string | undefined): Rules | undefined {
    const standard = this.options.standards?.forNearest(standardFile).inForce;
    if (!standard) return undefined;
    if (!this.excludes.has(standard)) {
      const exclude = standard.exclude;
      this.excludes.set(
        standard,
        exclude && exclude.value.length > 0 ? rules(path.dirname(exclude.source.file), exclude.value) : undefined,
      );
    }
    return this.excludes.get(standard);
  }

  /** Whether git ignores `full`, an entry of `folder`: the innermost `.gitignore` with a say decides. */
  ignored(folder: Folder, full: string, isFolder: boolean): boolean {
    for (const r of folder.deciding) {
      const result = test(r, full, isFolder);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }

  /** Whether `full`, an entry of `folder`, is left out: by git, by the standard's `exclude`, or by the caller. */
  leftOut(folder: Folder, full: string, isFolder: boolean): boolean {
    return (
      this.ignored(folder, full, isFolder) ||
      (folder.exclude !== undefined && test(folder.exclude, full, isFolder).ignored) ||
      (this.options.exclude?.(full, isFolder) ?? false)
    );
  }

  /**
   * What a file entry of `folder` is to the walk: `sniff` is a file of a kind its name cannot tell (a `.py` that may
   * hold script metadata), governed when `sniffed` says so. A `.py` also tells that the repository has Python.
   */
  classify(folder: Folder, name: string): 'governed' | 'sniff' | 'standard' | 'python' | undefined {
    const full = join(folder.path, name);
    const format = formatFor(full, folder.siblings);
    if (format) return format.sniff ? 'sniff' : 'governed';
    if (name.endsWith('.py')) return 'python';
    return isStandardFile(full) ? 'standard' : undefined;
  }

  /** Whether a `sniff` file is of its kind: it is read only now, after the cheaper tests, and not decoded if need not be. */
  sniffed(full: string): boolean {
    const marker = SNIFFING.find((f) => f.matches(full))?.sniff;
    if (marker === undefined) return false;
    const { fs } = this.options;
    return fs.contains ? fs.contains(full, marker) : (fs.readFile(full)?.includes(marker) ?? false);
  }

  /** The seed of a sub-folder, or undefined when it is left out. */
  child(folder: Folder, name: string): Seed | undefined {
    if (isSkippedFolder(name)) return undefined;
    const full = join(folder.path, name);
    if (this.leftOut(folder, full, true)) return undefined;
    const { repository, gitignores, standardFile } = folder;
    return { path: full, repository, gitignores, standardFile };
  }
}

function join(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** How many entries of a folder the walk takes between two steps: a folder of thousands is handed back in parts. */
const ENTRIES_PER_STEP = 64;

/**
 * Walk the folder `root`, yielding each folder once it is read and every `ENTRIES_PER_STEP` entries of a large one,
 * so a caller can stop between steps (the editor walks in time-boxed slices); the return value is what the walk found. Symbolic links are not followed. Files that
 * a caller names itself are not subject to any of this: a file given on the command line is checked as it is.
 */
export function* walk(root: string, options: DiscoveryOptions): Generator<string, Discovery, void> {
  const walker = new Walker(path.resolve(root), options);
  const seed = walker.seed();
  const discovery: Discovery = { root: walker.root, files: [], standards: [], repositories: [seed.repository] };
  const stack: Seed[] = [seed];
  while (stack.length > 0) {
    const next = stack.pop() as Seed;
    const folder = walker.open(next);
    if (!folder) continue;
    const { repository } = folder;
    if (repository !== next.repository) discovery.repositories.push(repository);
    let taken = 0;
    for (const e of folder.entries) {
      // Each entry may be read (a `.py` for script metadata): a thousand of them are more than one slice's work.
      if (++taken % ENTRIES_PER_STEP === 0) yield folder.path;
      if (e.isDirectory()) {
        const child = walker.child(folder, e.name);
        if (child) stack.push(child);
      } else if (e.isFile()) {
        const kind = walker.classify(folder, e.name);
        if (kind === undefined || (kind === 'python' && repository.hasPython)) continue;
        const full = join(folder.path, e.name);
        if (kind === 'standard' ? walker.ignored(folder, full, false) : walker.leftOut(folder, full, false)) continue;
        if (e.name.endsWith('.py')) repository.hasPython = true;
        if (kind === 'standard') discovery.standards.push(full);
        else if (kind === 'governed' || (kind === 'sniff' && walker.sniffed(full)))
          discovery.files.push({ path: full, standardFile: folder.standardFile, repository });
      }
    }
    yield folder.path;
  }
  return discovery;
}

/** The whole walk of `root` at once (see `walk`). */
export function discover(root: string, options: DiscoveryOptions): Discovery {
  const steps = walk(root, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Whether the walk of `root` would find `file` (a file the engine checks, or a standard file) or enter it (a folder):
 * what a file watcher asks of a path created or changed on disk. It reads the folders on the way down, as the walk
 * would.
 */
export function isDiscovered(file: string, root: string, options: DiscoveryOptions): boolean {
  const walker = new Walker(path.resolve(root), options);
  const relative = path.relative(walker.root, path.resolve(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  let seed: Seed | undefined = walker.seed();
  for (let i = 0; ; i++) {
    const folder = walker.open(seed);
    if (!folder) return false;
    if (i === parts.length - 1) {
      const name = parts[i];
      const entry = folder.entries.find((e) => e.name === name);
      if (entry?.isDirectory()) {
        const child = walker.child(folder, name);
        return child !== undefined && walker.open(child) !== undefined;
      }
      const kind = entry?.isFile() ? walker.classify(folder, name) : undefined;
      const full = join(folder.path, name);
      if (kind === 'standard') return !walker.ignored(folder, full, false);
      if (kind !== 'governed' && kind !== 'sniff') return false;
      return !walker.leftOut(folder, full, false) && (kind === 'governed' || walker.sniffed(full));
    }
    const entry = folder.entries.find((e) => e.name === parts[i]);
    seed = entry?.isDirectory() ? walker.child(folder, parts[i]) : undefined;
    if (!seed) return false;
  }
}
