// The file system on disk, read the way each file's own tool reads its bytes. It knows the formats (which of them read
// UTF-8 only), so it sits above them; the `FileSystem` interface the formats use sits below.
import fs = require('node:fs');
import { decode, type Decoded } from './encoding';
import type { FileSystem } from './fileSystem';
import { formatFor } from './formats';

/**
 * A file's bytes as the tool that reads it does: requirements files (and the files they include, whatever their
 * name) as pip does; a kind whose tool reads only UTF-8 ignores a PEP 263 comment (a byte-order mark still counts,
 * and the format reports the encoding).
 */
export function decodeFile(path: string, bytes: Uint8Array): Decoded {
  const format = formatFor(path);
  return decode(bytes, { declarations: format?.utf8Only === undefined && !format?.anyBytes });
}

function readDecoded(path: string): Decoded | undefined {
  try {
    return decodeFile(path, fs.readFileSync(path));
  } catch {
    return undefined;
  }
}

// One buffer for every `contains`: a walk asks it of thousands of files, which then allocate nothing.
const CHUNK = Buffer.alloc(64 * 1024);

/** Whether the file's bytes hold `marker`, read a chunk at a time (a marker across two chunks is found too). */
function contains(path: string, marker: string): boolean {
  const needle = Buffer.from(marker, 'latin1');
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    let carry = 0;
    for (let position = 0; ;) {
      const asked = CHUNK.length - carry;
      const read = fs.readSync(fd, CHUNK, carry, asked, position);
      if (read === 0) return false;
      position += read;
      const end = carry + read;
      if (CHUNK.subarray(0, end).indexOf(needle) >= 0) return true;
      // A regular file gives less than was asked only at its end: no second call to learn there is nothing left (a
      // walk sniffs every `.py`, most of them a few kilobytes).
      if (read < asked) return false;
      carry = Math.min(needle.length - 1, end);
      CHUNK.copyWithin(0, end - carry, end);
    }
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readDecoded(path)?.text,
  readDecoded,
  contains,
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
  readDir(path) {
    try {
      return fs.readdirSync(path, { withFileTypes: true });
    } catch {
      return undefined;
    }
  },
};
