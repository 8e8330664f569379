import * as fs from 'node:fs';

/** What the engine needs from a file system; the editor can serve open documents' unsaved text through it. */
export interface FileSystem {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
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
};
