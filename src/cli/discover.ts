import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFor, nodeFileSystem } from '../core';

// Folders that hold other people's code or generated files, never the project's own.
const SKIPPED_DIRS = new Set([
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
  'site-packages',
  '.terraform',
  '.direnv',
  '.cache',
]);

function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg')) || fs.existsSync(path.join(dir, 'conda-meta'));
}

export interface Discovery {
  /** Files the engine knows how to check, in a stable order. */
  files: string[];
  /** Whether any Python source file was seen (a repository without pre-commit config then gets a finding). */
  hasPython: boolean;
}

/** Walk `root` (or take `root` itself when it is a file), skipping vendored, virtual-environment and cache folders. */
export function discoverFiles(root: string): Discovery {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat) return { files: [], hasPython: false };
  // A file given by name is checked; only folders stand for a repository (and its pre-commit config).
  if (stat.isFile()) return { files: [root], hasPython: false };
  const files: string[] = [];
  let hasPython = false;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    // A pip-compile input may be known by the lock beside it: the listing answers that without another call. Files
    // reached only through `-r`/`-c` are checked through the file that includes them.
    let names: Set<string> | undefined;
    const here = path.dirname(path.join(dir, 'x'));
    const siblings = {
      exists: (p: string) =>
        path.dirname(p) === here && (names ??= new Set(entries.map((e) => e.name))).has(path.basename(p)),
      readFile: (p: string) => nodeFileSystem.readFile(p),
    };
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.endsWith('.egg-info') && !isVirtualEnv(full)) stack.push(full);
      } else if (e.isFile()) {
        if (formatFor(full, siblings)) files.push(full);
        else if (e.name.endsWith('.py')) hasPython = true;
      }
    }
  }
  return { files: files.sort(), hasPython };
}
