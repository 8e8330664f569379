import path = require('node:path');
import type { FileSystem } from '../fileSystem';

/** The names a standard file may have, in the order they are preferred within one folder. */
export const STANDARD_FILE_NAMES = [
  'stack-standard.yaml',
  'stack-standard.yml',
  'stack-standard.json',
  '.stack-standard.yaml',
  '.stack-standard.yml',
  '.vscode/stack-standard.yaml',
];

/** Every standard file, as one glob for a file watcher. */
export const STANDARD_GLOB = `**/{${STANDARD_FILE_NAMES.join(',')}}`;

export function isStandardFile(file: string): boolean {
  const normal = file.replace(/\\/g, '/');
  return STANDARD_FILE_NAMES.some((name) => normal === name || normal.endsWith('/' + name));
}

/**
 * The nearest standard file walking up from `file`'s folder, stopping at the repository root (the first folder
 * holding `.git`) or at `stopAt`; undefined means the built-in standard applies.
 */
export function findStandardFile(file: string, fs: FileSystem, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    for (const name of STANDARD_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.exists(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || fs.exists(path.join(dir, '.git')) || (stopAt && path.resolve(stopAt) === dir))
      return undefined;
    dir = parent;
  }
}
