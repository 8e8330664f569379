import * as fs from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** What the engine needs from a file system; the editor can serve open documents' unsaved text through it. */
export interface FileSystem {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** The names in a folder; optional, for rules that look at a file's neighbours (a Terraform module's variables). */
  listDir?(path: string): string[];
}

export const nodeFileSystem: FileSystem = {
  readFile(path) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists(path) {
    return fs.existsSync(path);
  },
  listDir(path) {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  },
};

/** A file system that serves changed texts over `base`: fixes are worked out in memory, pass after pass. */
export interface OverlayFileSystem extends FileSystem {
  /** Replace (or create) a file's text, without its byte-order mark. */
  write(path: string, text: string): void;
  /** Every file written, by resolved path, with its latest text. */
  readonly changes: ReadonlyMap<string, string>;
}

export function overlayFileSystem(base: FileSystem): OverlayFileSystem {
  const changes = new Map<string, string>();
  return {
    changes,
    write(file, text) {
      changes.set(resolve(file), text);
    },
    readFile(file) {
      return changes.get(resolve(file)) ?? base.readFile(file);
    },
    exists(file) {
      return changes.has(resolve(file)) || base.exists(file);
    },
    listDir(dir) {
      const names = new Set(base.listDir?.(dir) ?? []);
      for (const file of changes.keys()) if (dirname(file) === resolve(dir)) names.add(basename(file));
      return [...names];
    },
  };
}
