// The `stack-standard` command as installed (dist/cli.js). It runs the CLI's bundle, dist/cli-main.js, from the V8
// code cache the build made of it (scripts/build.mjs): compiling that megabyte of code is most of what a small check
// costs over a bare `node`. A cache that does not fit (made of another bundle, or by another Node or V8 flags, which
// V8 itself checks) is passed over, and the bundle is compiled as `require` would compile it.
import fs = require('node:fs');
import { createRequire } from 'node:module';
import path = require('node:path');
import vm = require('node:vm');

/** What the CLI's bundle exports. */
export type CliBundle = typeof import('./main');

/** The bundle's last line, as the build writes it: `//# build <id>`, an id of the bundle's content. */
const BUILD_MARK = '\n//# build ';

export interface LoadedBundle {
  file: string;
  /** The build's id of the bundle, undefined for a bundle without one. */
  id: string | undefined;
  script: vm.Script;
  exports: CliBundle;
}

/** Where the code cache of `bundle` is kept. */
export function cacheFile(bundle: string): string {
  return `${bundle}.cache`;
}

/** The cache's first line: the id of the bundle it was made of. */
function header(id: string): Buffer {
  return Buffer.from(`${id}\n`, 'latin1');
}

/** The code cache made of this very bundle, if the build left one. */
function readCache(bundle: string, id: string | undefined): Buffer | undefined {
  if (id === undefined) return undefined;
  let data: Buffer;
  try {
    data = fs.readFileSync(cacheFile(bundle));
  } catch {
    return undefined;
  }
  const expected = header(id);
  return data.subarray(0, expected.length).equals(expected) ? data.subarray(expected.length) : undefined;
}

/** Compiles the bundle (from its code cache when `useCache` and V8 takes it) and runs its top level. */
export function loadBundle(file: string, useCache: boolean): LoadedBundle {
  // esbuild writes ASCII but for comments (its charset is ASCII), so Latin-1 reads the code as written, without a
  // UTF-8 decoding, and as a one-byte string even when a comment holds a `…`, which UTF-8 would make twice the size.
  const source = fs.readFileSync(file, 'latin1');
  const mark = source.lastIndexOf(BUILD_MARK);
  const id = mark < 0 ? undefined : source.slice(mark + BUILD_MARK.length).trim();
  // The wrapper of a CommonJS module, as Node's own loader gives it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: useCache ? readCache(file, id) : undefined,
  });
  const module = { exports: {} as CliBundle };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return { file, id, script, exports: module.exports };
}

/**
 * Writes the code cache of a loaded bundle: what V8 has compiled of it so far, under the bundle's id. V8 checks no
 * checksum of what it reads back, so the file appears whole or not at all.
 */
export function writeCache(bundle: LoadedBundle): void {
  if (bundle.id === undefined) throw new Error(`${bundle.file} has no build id`);
  const file = cacheFile(bundle.file);
  fs.writeFileSync(`${file}.${process.pid}`, Buffer.concat([header(bundle.id), bundle.script.createCachedData()]));
  fs.renameSync(`${file}.${process.pid}`, file);
}

if (require.main === module) loadBundle(path.join(__dirname, 'cli-main.js'), true).exports.main();
