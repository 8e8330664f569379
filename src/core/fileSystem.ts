import * as fs from 'node:fs';

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
