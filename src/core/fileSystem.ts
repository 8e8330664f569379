import { basename, dirname, resolve } from 'node:path';
import type { Decoded, FileEncoding } from './encoding';
import { stripBom } from './text';

/** What the engine needs from a file system; the editor can serve open documents' unsaved text through it. */
export interface FileSystem {
  /** The file's text; a byte-order mark, if any, is dropped by the reader. */
  readFile(path: string): string | undefined;
  /**
   * The file's text with how its bytes were read (encoding, bytes that could not be read). Only a file system that
   * has the bytes serves it; otherwise `readFile` is used and nothing is known about the bytes.
   */
  readDecoded?(path: string): Decoded | undefined;
  exists(path: string): boolean;
  /**
   * Whether the file holds `marker` (ASCII), from its bytes, without decoding it: a walk asks this of many files whose
   * kind their text decides. Optional: `readFile` answers otherwise.
   */
  contains?(path: string, marker: string): boolean;
  /** The names in a folder; optional, for rules that look at a file's neighbours (a Terraform module's variables). */
  listDir?(path: string): string[];
  /**
   * A folder's entries with their kinds, in one call; undefined when it cannot be read. Discovery walks with it. A
   * symbolic link is neither a file nor a folder here, so the walk does not follow it.
   */
  readDir?(path: string): readonly DirEntry[] | undefined;
}

/** A file to analyse. */
export interface SourceFile {
  /** The path as the caller names it; findings and edits use it unchanged. */
  path: string;
  /** The text without a byte-order mark. */
  text: string;
  /** How the file's bytes were read, when they were (an editor's document has no bytes): invalid sequences, encoding. */
  encoding?: FileEncoding;
}

/** One entry of a folder listing (a `fs.Dirent` is one). */
export interface DirEntry {
  readonly name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The file as a source to analyse, with its encoding when the file system knows it. */
export function readSource(fs: FileSystem, path: string): SourceFile | undefined {
  const decoded = fs.readDecoded?.(path);
  if (decoded) return { path, text: decoded.text, encoding: decoded.encoding };
  const text = fs.readFile(path);
  return text === undefined ? undefined : { path, text: stripBom(text) };
}

/** A file system that serves changed texts over `base`: fixes are worked out in memory, pass after pass. */
export interface OverlayFileSystem extends FileSystem {
  /** Replace (or create) a file's text, without its byte-order mark. */
  write(path: string, text: string): void;
  /** Every file written, by resolved path, with its latest text. */
  readonly changes: ReadonlyMap<string, string>;
}

export function overlayFileSystem(base: FileSystem): OverlayFileSystem {
  const changes = new Map<string, string>();
  // Files the fixes created, by folder: a later pass's walk finds them in their folder's listing.
  const created = new Map<string, Set<string>>();
  return {
    changes,
    write(file, text) {
      const resolved = resolve(file);
      if (!changes.has(resolved) && !base.exists(resolved)) {
        const names = created.get(dirname(resolved)) ?? new Set<string>();
        created.set(dirname(resolved), names.add(basename(resolved)));
      }
      changes.set(resolved, text);
    },
    readFile(file) {
      return changes.get(resolve(file)) ?? base.readFile(file);
    },
    // A changed file's text is the fixes' own, with no bytes behind it; an unchanged one keeps what its bytes said.
    readDecoded: base.readDecoded && ((file) => (changes.has(resolve(file)) ? undefined : base.readDecoded?.(file))),
    exists(file) {
      return changes.has(resolve(file)) || base.exists(file);
    },
    // A walk asks this of every `.py`: the base answers from a few bytes of an unchanged file, without reading it whole.
    contains:
      base.contains &&
      ((file, marker) => {
        const changed = changes.get(resolve(file));
        return changed === undefined ? (base.contains?.(file, marker) ?? false) : changed.includes(marker);
      }),
    listDir(dir) {
      const names = new Set(base.listDir?.(dir) ?? []);
      for (const file of changes.keys()) if (dirname(file) === resolve(dir)) names.add(basename(file));
      return [...names];
    },
    readDir:
      base.readDir &&
      ((dir) => {
        const entries = base.readDir?.(dir);
        const added = created.get(resolve(dir));
        if (!added) return entries;
        const listed = new Set((entries ?? []).map((e) => e.name));
        return [...(entries ?? []), ...[...added].filter((name) => !listed.has(name)).map(fileEntry)];
      }),
  };
}

function fileEntry(name: string): DirEntry {
  return { name, isFile: () => true, isDirectory: () => false };
}
