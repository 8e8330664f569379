// Small helpers shared by the unit tests; the golden-file runner for fixture folders is in ./golden.
import '../setup';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RequirementRef } from '../../src/core/formats/pep508';
import type { Range } from '../../src/core/types';

export {
  check,
  fixFilesOnce,
  fixOnce,
  memoryFileSystem,
  warning,
  type CheckFileOptions,
  type CheckOptions,
  type FixOptions,
} from './engine';

export const ROOT = path.join(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** The absolute path of a file under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** Every file under test/fixtures whose name passes `test`, sorted. */
export function fixtureFiles(test: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (test(entry.name)) found.push(file);
    }
  };
  walk(FIXTURES);
  return found.sort();
}

/** A range from 0-based line/character pairs, as findings report them. */
export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** A range within one line. */
export function on(line: number, start: number, end: number): Range {
  return range(line, start, line, end);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a generated case that fails fails every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The extras a requirement read from `text` (offsets unmapped) names: the `[…]` after its name. */
export function extrasOf(text: string, req: RequirementRef): string[] {
  const written = text.slice(req.nameEnd, req.insertAt).trim();
  if (!written.startsWith('[')) return [];
  return written
    .slice(1, written.indexOf(']'))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** One element of `items`, chosen by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A new temporary folder holding `files` (relative paths, sub-folders created as needed; text is written as UTF-8). */
export function tempProject(files: Record<string, string | Uint8Array>, prefix = 'stack-standard-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Where and how the CLI runs: its working folder, and variables to set in its environment. */
export interface CliRun {
  cwd: string;
  env?: Record<string, string>;
}

/** Runs the built CLI in a folder (or as `run` says) and returns its exit code and output. */
export function runCli(
  run: string | CliRun,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const { cwd, env } = typeof run === 'string' ? { cwd: run, env: undefined } : run;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: env && { ...process.env, ...env },
    // The report on a whole tree of real repositories runs to megabytes.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The newest modification time of the files dist/cli.js is built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ['src', 'package.json', 'docs/codes.md']) visit(path.join(ROOT, p));
  return newest;
}

/** A mocha hook, `before(ensureCliBuilt)`, that builds dist/ when dist/cli.js is missing or older than its sources. */
export function ensureCliBuilt(this: Mocha.Context): void {
  this.timeout(60000);
  const built = fs.statSync(CLI, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built < newestSource())
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** Per set of modules: why python3 cannot import them ('' when it can). */
const pythonMissing = new Map<string, string>();

/**
 * A test that needs a reference tool (pre-commit, Python's packaging) fails without it under CI, where `.ci/run`
 * installs every one, and is skipped (reported as pending, never as passed) elsewhere.
 */
export function needTool(context: Mocha.Context, what: string, available: boolean): void {
  if (available) return;
  if (process.env.CI) throw new Error(`${what} is needed: .ci/run installs it`);
  context.skip();
}

/**
 * Runs a Python script once with `input` as JSON on stdin and returns the JSON it prints. Without a `python3` that
 * can import `modules`, the test fails under CI and is skipped (pending) elsewhere.
 */
export function runPython(context: Mocha.Context, script: string, input: unknown, modules: string[] = []): unknown {
  const key = modules.join(',');
  let missing = pythonMissing.get(key);
  if (missing === undefined) {
    const probe = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], {
      encoding: 'utf8',
    });
    missing = probe.error
      ? probe.error.message
      : probe.status !== 0
        ? probe.stderr.trim() || `exit status ${probe.status}`
        : '';
    pythonMissing.set(key, missing);
  }
  if (missing) {
    if (process.env.CI) throw new Error(`python3 with ${modules.join(', ') || 'nothing'} is needed: ${missing}`);
    context.skip();
  }
  const r = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The CLI's `--format json` output, as the README documents it. */
export interface CliJson {
  version: number;
  findings: {
    file: string;
    code: string;
    severity: string;
    message: string;
    range: Range;
    fixes: {
      title: string;
      isPreferred: boolean;
      edits: { file: string; range: Range; newText: string; create?: boolean }[];
    }[];
  }[];
}

/** The CLI's JSON output, parsed. */
export function parseCliJson(stdout: string): CliJson {
  return JSON.parse(stdout) as CliJson;
}

/** The parts of a SARIF log the tests read. */
export interface SarifLog {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: unknown[] }[];
}
