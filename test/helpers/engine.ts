// The engine as unit tests drive it: one file checked, and one run of the fixer, planned as `--fix` plans a pass.
import { strict as assert } from 'node:assert';
import {
  analyze,
  builtinStandard,
  comparePositions,
  nodeFileSystem,
  planFixes,
  stripBom,
  type FileSystem,
  type Finding,
  type FindingCode,
  type Range,
  type Standard,
} from '../../src/core';

/** A file system over an in-memory map of absolute paths to contents. */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  return {
    readFile: (file) => (Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined),
    exists: (file) => Object.prototype.hasOwnProperty.call(files, file),
  };
}

/** A warning as the engine reports it, with its preferred fix (the edits, all in `file`) if it has one. */
export function warning(
  code: FindingCode,
  file: string,
  where: Range,
  message: string,
  fix?: { title: string; edits: [Range, string][] },
): Finding {
  const fixes = fix
    ? [{ title: fix.title, isPreferred: true, edits: fix.edits.map(([r, newText]) => ({ file, range: r, newText })) }]
    : [];
  return { code, severity: 'warning', message, file, range: where, fixes };
}

export interface CheckOptions {
  /** The standard to check against: the built-in one by default. */
  standard?: Standard;
  /**
   * What the analysis may read besides the text it is given (included files, a lock's source, a module's variables),
   * by path or as a file system. By default the disk when no text is given, else nothing.
   */
  files?: Record<string, string> | FileSystem;
}

export interface FixOptions extends CheckOptions {
  /** Edits that overlap one made in this run wait for the next, as with `--fix`; by default they fail the test. */
  overlapsWait?: boolean;
}

function fileSystem(files: CheckOptions['files'], fallback: FileSystem): FileSystem {
  if (files === undefined) return fallback;
  return typeof files.readFile === 'function'
    ? (files as FileSystem)
    : memoryFileSystem(files as Record<string, string>);
}

export interface CheckFileOptions extends CheckOptions {
  /** In file order (by position), as the CLI prints them, instead of the order the rules found them. */
  sorted?: boolean;
}

/**
 * The findings of `file`: of `text`, or without it of the file as `files` (by default the disk) holds it. As plain
 * data: the JSON round trip drops the `related: undefined` of built-in rules, so findings compare as tests write them.
 */
export function check(file: string, options?: CheckFileOptions): Finding[];
export function check(file: string, text: string | undefined, options?: CheckFileOptions): Finding[];
export function check(file: string, ...args: [CheckFileOptions?] | [string | undefined, CheckFileOptions?]): Finding[] {
  const [text, options = {}] =
    typeof args[0] === 'object' ? [undefined, args[0]] : (args as [string?, CheckFileOptions?]);
  const fs = fileSystem(options.files, text === undefined ? nodeFileSystem : memoryFileSystem({}));
  const source = text ?? fs.readFile(file);
  assert.ok(source !== undefined, `${file} exists`);
  const findings = analyze({ path: file, text: source }, { standard: options.standard ?? builtinStandard(), fs });
  const plain = JSON.parse(JSON.stringify(findings)) as Finding[];
  return options.sorted ? plain.sort((a, b) => comparePositions(a.range.start, b.range.start)) : plain;
}

/**
 * The texts of `files` after one run of the fixer over the findings of `entry`: every preferred fix that can be made
 * together (`planFixes`), made; a byte-order mark stays where it was. Returns every file, the changed ones changed.
 */
export function fixFilesOnce(
  files: Record<string, string>,
  entry: string,
  options: Omit<FixOptions, 'files'> = {},
): Record<string, string> {
  const findings = analyze(
    { path: entry, text: files[entry] },
    { standard: options.standard ?? builtinStandard(), fs: memoryFileSystem(files) },
  );
  const has = (file: string) => Object.prototype.hasOwnProperty.call(files, file);
  const plan = planFixes(findings, (file) => (has(file) ? stripBom(files[file]) : undefined));
  if (!options.overlapsWait) assert.deepEqual(plan.skipped, [], 'no edit overlaps another');
  const next = { ...files };
  for (const [file, text] of plan.texts)
    next[file] = (has(file) && files[file].startsWith('\ufeff') ? '\ufeff' : '') + text;
  return next;
}

/**
 * The text of `file` after one run of the fixer over its findings (see `check` for `options`); edits of other files
 * are not made. A byte-order mark stays.
 */
export function fixOnce(file: string, text: string, options: FixOptions = {}): string {
  const findings = analyze(
    { path: file, text },
    { standard: options.standard ?? builtinStandard(), fs: fileSystem(options.files, memoryFileSystem({})) },
  );
  const plan = planFixes(findings, (f) => (f === file ? stripBom(text) : undefined));
  if (!options.overlapsWait)
    assert.deepEqual(
      plan.skipped.filter((e) => e.file === file),
      [],
      'no edit overlaps another',
    );
  const fixed = plan.texts.get(file);
  return fixed === undefined ? text : (text.startsWith('\ufeff') ? '\ufeff' : '') + fixed;
}
