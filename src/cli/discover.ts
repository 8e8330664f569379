import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFor } from '../core/formats';

// Folders that hold other people's code or generated files, never the project's own requirements.
const SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.eggs', 'site-packages', '.terraform', '.direnv', '.cache',
]);

function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg')) || fs.existsSync(path.join(dir, 'conda-meta'));
}

/** Files under `root` (or `root` itself) that the engine knows how to check, in a stable order. */
export function discoverFiles(root: string): string[] {
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [root];
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.endsWith('.egg-info') && !isVirtualEnv(full)) subdirs.push(full);
      } else if (e.isFile() && formatFor(e.name)) {
        found.push(full);
      }
    }
    stack.push(...subdirs.sort().reverse());
  }
  return found.sort();
}
