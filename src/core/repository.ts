// Repositories as wholes: the files a walk found, grouped by the repository they belong to, each analysed once, with
// the findings about a repository as a whole (the standard's pre-commit hooks need a config file).
import path = require('node:path');
import { examine, unsuppressed } from './analyze';
import { discover, type DiscoveredFile, type Discovery, type Repository } from './discovery';
import type { Decoded } from './encoding';
import { readSource, type FileSystem } from './fileSystem';
import { remembered } from './memo';
import { formatFor } from './formats';
import type { Fact } from './facts';
import { PRECOMMIT_CONFIG } from './formats/precommit';
import { Readings } from './readings';
import { compareForReading, compareKeyed, readingKey } from './readingOrder';
import { judgeRepository } from './rules/repository';
import { judgeStandard } from './rules/standard';
import { BUILTIN_NAME } from './standard/builtin';
import { isStandardFile } from './standard/discover';
import type { Standard } from './standard/model';
import type { ResolvedStandard, StandardResolver } from './standard/resolve';
import { comparePositions } from './text';
import type { Finding, Range } from './types';
import { defaultToday } from './versions/lifecycle';

/**
 * The repository-wide findings of a repository, from the facts of its files the caller has (an editor keeps them per
 * file). A finding about the repository as a whole is on `at` when given, else on the missing config's own path.
 */
export function checkRepository(
  root: string,
  hasPythonFiles: boolean,
  standard: Standard,
  fs: FileSystem,
  at?: string,
  files: ReadonlyMap<string, readonly Fact[]> = new Map(),
): Finding[] {
  return repositoryFindings(
    judgeRepository({ root, hasPython: hasPythonFiles, exists: (f) => fs.exists(f), files, anchor: at }, standard),
    fs,
  );
}

/**
 * Repository findings less those an ignore comment silences. A finding about the repository as a whole is shown on a
 * file only to be seen (the editor's anchor): that file's comments do not speak for it.
 */
function repositoryFindings(findings: readonly Finding[], fs: FileSystem): Finding[] {
  const whole = findings.filter((f) => f.code === 'precommit-config-missing');
  return [
    ...whole,
    ...unsuppressed(
      findings.filter((f) => !whole.includes(f)),
      (f) => fs.readFile(f),
    ),
  ];
}

// Every finding of a file names the same path; an absolute one resolves the same whatever the working folder.
const normalized = remembered(4096, (file) => path.resolve(file));
const resolved = (file: string) => (path.isAbsolute(file) ? normalized(file) : path.resolve(file));

/** What makes two findings the same finding: a `-r` include's findings come back from every file that includes it. */
export function findingKey(f: { file: string; range: Range; code: string; message: string }): string {
  // Several findings can share a place (every missing hook is on `repos:`); the same one reached twice cannot.
  const { start, end } = f.range;
  return `${resolved(f.file)}:${start.line}:${start.character}:${end.line}:${end.character}:${f.code}:${f.message}`;
}

/** `file` relative to `base`, with `/` between its parts (the file's name when it is `base` itself). */
export function relativePath(file: string, base: string): string {
  return (path.relative(base, path.resolve(base, file)) || path.basename(file)).split(path.sep).join('/');
}

// A plain comparison of UTF-16 code units, for sorting paths where only a stable order matters.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface FileFindings {
  file: string;
  findings: Finding[];
}

/**
 * Findings grouped by file: files in the order of their paths relative to `base` (with `/`, in reading order), each
 * file's findings by position, then code; findings that tie keep the order they came in.
 */
export function groupFindings(findings: readonly Finding[], base: string): FileFindings[] {
  // Each file's relative path and its sort key once, not at every comparison.
  const relatives = new Map<string, string>();
  const byFile = new Map<string, FileFindings & { relative: string; key: string | undefined }>();
  for (const f of findings) {
    let relative = relatives.get(f.file);
    if (relative === undefined) relatives.set(f.file, (relative = relativePath(f.file, base)));
    let group = byFile.get(relative);
    if (!group) byFile.set(relative, (group = { file: f.file, relative, key: readingKey(relative), findings: [] }));
    group.findings.push(f);
  }
  return [...byFile.values()]
    .sort((a, b) => compareKeyed(a.relative, a.key, b.relative, b.key))
    .map(({ file, findings: list }) => ({
      file,
      findings: list.sort(
        (a, b) => comparePositions(a.range.start, b.range.start) || compareForReading(a.code, b.code),
      ),
    }));
}

/** A repository with what the walks found in it. */
export interface RepositoryFiles extends Repository {
  /** The files of a kind the engine checks, in the order of their paths. */
  files: DiscoveredFile[];
}

/**
 * The repositories of several walks, each once. Outside any git repository a folder walked stands for itself, unless
 * it lies inside another folder walked: then the outermost of those stands for both.
 */
export function groupRepositories(discoveries: readonly Discovery[]): RepositoryFiles[] {
  const tops = discoveries.map((d) => d.repositories[0].root);
  const groups = new Map<string, RepositoryFiles>();
  const groupOf = (repository: Repository): RepositoryFiles => {
    const outer = repository.git
      ? undefined
      : tops
          .filter((top) => top !== repository.root && repository.root.startsWith(top + path.sep))
          .sort((a, b) => a.length - b.length)[0];
    const root = outer ?? repository.root;
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { root, git: repository.git, hasPython: false, files: [] }));
    return group;
  };
  for (const d of discoveries) {
    for (const r of d.repositories) groupOf(r).hasPython ||= r.hasPython;
    for (const f of d.files) groupOf(f.repository).files.push(f);
  }
  for (const group of groups.values()) {
    const seen = new Set<string>();
    group.files = group.files
      .filter((f) => !seen.has(f.path) && seen.add(f.path))
      .sort((a, b) => compareText(a.path, b.path));
  }
  return [...groups.values()];
}

/** `fs` reading each file once: a file the run checks and others include (or a lock's source) is read from it once. */
function readingOnce(fs: FileSystem): FileSystem {
  const texts = new Map<string, string | undefined>();
  const decoded = new Map<string, Decoded | undefined>();
  const once = <V>(answers: Map<string, V>, file: string, read: () => V): V => {
    if (!answers.has(file)) answers.set(file, read());
    return answers.get(file) as V;
  };
  return {
    readFile: (file) => once(texts, file, () => fs.readFile(file)),
    readDecoded: fs.readDecoded && ((file) => once(decoded, file, () => fs.readDecoded?.(file))),
    exists: (file) => fs.exists(file),
    contains: fs.contains && ((file, marker) => fs.contains?.(file, marker) ?? false),
    listDir: fs.listDir && ((dir) => fs.listDir?.(dir) ?? []),
    readDir: fs.readDir && ((dir) => fs.readDir?.(dir)),
  };
}

export interface CheckOptions {
  fs: FileSystem;
  standards: StandardResolver;
  /** The folder the files are sorted relative to (the CLI's working folder). */
  relativeTo: string;
  /** The day end-of-life dates are judged on; `defaultToday()` when not given. */
  today?: Date;
  /**
   * Readings kept from an earlier check of the same run (the CLI's passes of fixes): a file whose text did not change
   * is not read into facts again. A check keeps its own otherwise.
   */
  readings?: Readings;
}

export interface RepositoryCheck {
  /** Findings by file, in order (see `groupFindings`). */
  files: FileFindings[];
  /** A standard that cannot be used, with its errors: the check stopped there and `files` is empty. */
  invalid?: ResolvedStandard;
  /** Findings about the built-in standard that governed a file, which has no file of its own to show them on. */
  builtin: Finding[];
}

/**
 * Check `roots` (folders, walked with `discover`, and files, checked as they are even when ignored or excluded):
 * every file of a kind the engine checks is analysed once, with the standard that governs it, and each repository
 * met gets its repository-wide findings, each standard used its own. Findings reached twice (an include of two
 * files) are reported once.
 */
export function checkRepositories(roots: readonly string[], options: CheckOptions): RepositoryCheck {
  const { standards } = options;
  const fs = readingOnce(options.fs);
  // A requirements file that others include is read into facts and judged once in the run, not once per includer.
  const readings = options.readings ?? new Readings(true);
  const today = options.today ?? defaultToday();
  const discoveries: Discovery[] = [];
  // Folder by folder as given, each one's files in path order; a file named twice is analysed once.
  const queue = new Map<string, string | undefined | null>();
  for (const root of roots.map((r) => path.resolve(r))) {
    if (!fs.readDir?.(root)) {
      if (!queue.has(root)) queue.set(root, null);
      continue;
    }
    const discovery = discover(root, { fs, standards });
    discoveries.push(discovery);
    for (const f of [...discovery.files].sort((a, b) => compareText(a.path, b.path)))
      if (!queue.has(f.path)) queue.set(f.path, f.standardFile);
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const factsOf = new Map<string, Fact[]>();
  const add = (found: Finding[]) => {
    for (const f of found) {
      const key = findingKey(f);
      if (!seen.has(key)) findings.push(f);
      seen.add(key);
    }
  };
  const used = new Set<Standard>();
  for (const [file, standardFile] of queue) {
    // A standard file named on the command line (as the pre-commit hook does) is checked itself.
    if (standardFile === null && isStandardFile(file) && !formatFor(file)) {
      const loaded = standards.load(file);
      if (loaded.errors.length > 0) return { files: [], invalid: loaded, builtin: [] };
      used.add(loaded.standard);
      continue;
    }
    const governing = standardFile === null ? standards.forFile(file) : standards.forNearest(standardFile);
    if (governing.errors.length > 0) return { files: [], invalid: governing, builtin: [] };
    used.add(governing.standard);
    const source = readSource(fs, file);
    if (source === undefined) continue;
    const { facts, findings: found } = examine(source, { standard: governing.standard, fs, today, readings });
    // The repository's rules compare Python facts only; the rest (every requirement of a lock) is not kept.
    const python = facts.filter((f) => f.kind === 'python');
    if (python.length > 0) factsOf.set(file, python);
    add(found);
  }
  for (const repository of groupRepositories(discoveries)) {
    const governing = standards.forFile(path.join(repository.root, PRECOMMIT_CONFIG));
    if (governing.errors.length > 0) continue;
    used.add(governing.standard);
    const files = new Map(
      repository.files.flatMap((f) => (factsOf.has(f.path) ? [[f.path, factsOf.get(f.path) ?? []]] : [])),
    );
    const view = { root: repository.root, hasPython: repository.hasPython, exists: (f: string) => fs.exists(f), files };
    add(repositoryFindings(judgeRepository(view, governing.standard), fs));
  }
  // Each standard's own findings once, on the standard file that sets the version; the built-in standard's apart.
  const builtin: Finding[] = [];
  const builtinSeen = new Set<string>();
  for (const standard of used)
    for (const f of judgeStandard(standard, today)) {
      if (f.file !== BUILTIN_NAME) add([f]);
      else if (!builtinSeen.has(f.message) && builtinSeen.add(f.message)) builtin.push(f);
    }
  return { files: groupFindings(findings, options.relativeTo), builtin };
}
