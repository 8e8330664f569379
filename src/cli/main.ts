import fs = require('node:fs');
import path = require('node:path');
import { parseArgs } from 'node:util';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { version } from '../../package.json';
import {
  applyByteEdits,
  checkRepositories,
  decodeFile,
  defaultToday,
  nodeFileSystem,
  overlayFileSystem,
  planFixes,
  Readings,
  relativePath,
  selectEdits,
  StandardResolver,
  stripBom,
  type Finding,
  type Fix,
  type Severity,
  type TextEdit,
} from '../core';
import { explain, listCodes, nearestCodes } from './explain';
import {
  COLOURED,
  formatJson,
  formatSarif,
  formatSummary,
  formatText,
  formatTraces,
  PLAIN,
  type OutputFormat,
} from './output';

/** Exit codes, as documented in the README. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;

const USAGE = `Usage: stack-standard check [PATH...] [options]
       stack-standard explain [CODE]

check     checks requirements files, pyproject.toml, Terraform and .pre-commit-config.yaml against the
          technology-stack standard (default PATH: .)
explain   prints what a finding code means and how it is fixed (without CODE: every code)

Options of check:
  --standard FILE                      use this standard file instead of the nearest one
  --format text|json|sarif             output format (default: text)
  --fix                                apply each finding's preferred fix in place
  --diff                               print the fixes as a unified diff and write nothing (exit 1 when there
                                       would be changes)
  --fail-on error|warning|info|never   lowest severity that makes the exit code 1 (default: warning)
  --color auto|always|never            colour the text output (default: auto, on a terminal unless NO_COLOR is set)
  -h, --help                           show this help
  -v, --version                        show the version
`;

const MAX_FIX_PASSES = 10;
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const FAIL_ON = { error: 3, warning: 2, info: 1, never: Infinity } as const;

export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal that shows colour (the `auto` of --color). */
  colour: boolean;
}

function usageError(io: Io, message: string): number {
  io.stderr(`stack-standard: ${message}\n\n${USAGE}`);
  return ExitCode.Usage;
}

export function run(argv: string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        standard: { type: 'string' },
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'warning' },
        color: { type: 'string', default: 'auto' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return ExitCode.Ok;
  }
  if (values.version) {
    io.stdout(`${version}\n`);
    return ExitCode.Ok;
  }
  const [command, ...paths] = positionals;
  if (command === 'explain') return runExplain(paths, io);
  if (command !== 'check') return usageError(io, command ? `unknown command '${command}'` : 'missing command');
  const format = values.format as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) return usageError(io, `unknown format '${format}'`);
  const failOn = values['fail-on'] as keyof typeof FAIL_ON;
  if (!(failOn in FAIL_ON)) return usageError(io, `--fail-on must be error, warning, info or never (got '${failOn}')`);
  if (!['auto', 'always', 'never'].includes(values.color))
    return usageError(io, `--color must be auto, always or never (got '${values.color}')`);
  if (values.diff && values.fix)
    return usageError(io, '--diff prints the fixes instead of applying them: use one of --diff and --fix');
  if (values.diff && format !== 'text')
    return usageError(io, '--diff prints a unified diff: it cannot be combined with --format');
  const style = values.color === 'always' || (values.color === 'auto' && io.colour) ? COLOURED : PLAIN;

  const roots = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(io.cwd, p));
  const missing = roots.find((r) => !fs.existsSync(r));
  if (missing) return usageError(io, `no such file or folder: ${path.relative(io.cwd, missing) || missing}`);
  if (values.standard && !fs.existsSync(path.resolve(io.cwd, values.standard)))
    return usageError(io, `standard file not found: ${values.standard}`);

  // Each file's path as printed, worked out once: the outputs name the file of every finding and every edit.
  const printed = new Map<string, string>();
  const rel = (file: string) => {
    let relative = printed.get(file);
    if (relative === undefined) printed.set(file, (relative = relativePath(file, io.cwd)));
    return relative;
  };
  // Fixes are worked out in memory, pass after pass, and written (or shown as a diff) once at the end.
  const files$ = overlayFileSystem(nodeFileSystem);
  const resolver = new StandardResolver(files$, values.standard ? path.resolve(io.cwd, values.standard) : undefined);
  // Each pass walks again: a file a fix created (a pre-commit config) is checked with the rest; a file no fix changed
  // is not read into facts again.
  let builtinNotes: Finding[] = [];
  const readings = new Readings(true);
  const today = defaultToday();
  const check = (): Finding[] | number => {
    const { files, invalid, builtin } = checkRepositories(roots, {
      fs: files$,
      standards: resolver,
      relativeTo: io.cwd,
      readings,
      today,
    });
    if (invalid) {
      io.stderr(formatText(invalid.errors, rel));
      io.stderr(`stack-standard: the standard ${rel(invalid.file)} is invalid\n`);
      return ExitCode.Usage;
    }
    builtinNotes = builtin;
    return files.flatMap((f) => f.findings);
  };

  let findings = check();
  if (typeof findings === 'number') return findings;
  if (values.fix || values.diff) {
    // Overlapping edits wait for the next pass, and one fix can reveal another: fix until nothing changes.
    const read = (file: string) => {
      const text = files$.readFile(file);
      return text === undefined ? undefined : stripBom(text);
    };
    const reported = new Set<string | Fix>();
    const fixedLines: string[] = [];
    // Each pass's edits, by file: written into the file's own bytes pass by pass, so its encoding, byte-order mark and
    // any bytes that could not be read stay as they were.
    const passes = new Map<string, TextEdit[][]>();
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const plan = planFixes(findings, read);
      const texts = [...plan.texts].filter(([file, text]) => text !== read(file) || !files$.exists(file));
      if (texts.length === 0) break;
      for (const [file, text] of texts) {
        passes.set(file, [...(passes.get(file) ?? []), plan.edits.get(file) ?? []]);
        files$.write(file, text);
      }
      for (const f of plan.fixed) {
        // Findings that share one fix (every missing hook, every low black target) report it once, at the first.
        const fix = f.fixes.find((x) => x.isPreferred) as Fix;
        const line = `${rel(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${fix.title}`;
        if (!reported.has(line) && !reported.has(fix)) fixedLines.push(line);
        reported.add(line).add(fix);
      }
      findings = check();
      if (typeof findings === 'number') return findings;
    }
    const changed = [...passes.keys()].filter(
      (file) => files$.changes.get(path.resolve(file)) !== nodeFileSystem.readFile(file) || !fs.existsSync(file),
    );
    if (values.diff) {
      io.stdout(changed.map((file) => unifiedDiff(file, files$.changes.get(path.resolve(file)) ?? '', rel)).join(''));
      io.stderr(
        changed.length === 0
          ? 'stack-standard: nothing to fix\n'
          : `stack-standard: ${fixedLines.length} fix${fixedLines.length === 1 ? '' : 'es'} would change ${changed.length} file${changed.length === 1 ? '' : 's'}; run with --fix to apply\n`,
      );
      return changed.length > 0 ? ExitCode.Findings : ExitCode.Ok;
    }
    for (const file of changed) {
      const problem = writeFixed(file, passes.get(file) ?? []);
      if (problem) io.stderr(`not fixed ${rel(file)}: ${problem}\n`);
    }
    for (const line of fixedLines) io.stderr(`fixed ${line}\n`);
  }

  const traces = formatTraces(findings, rel);
  if (traces) io.stderr(traces);
  if (format === 'json') io.stdout(formatJson(findings, rel));
  else if (format === 'sarif') io.stdout(formatSarif(findings, rel, version));
  else io.stdout(formatText(findings, rel, style) + formatSummary(findings, style));
  // The built-in standard has no file to report on: what is amiss with it is a note after the run, not a finding of it.
  for (const f of builtinNotes)
    io.stderr(
      `stack-standard: note: ${f.message[0].toLowerCase()}${f.message.slice(1)}; a stack-standard.yaml can set newer versions (python: { minimum, runtime })\n`,
    );
  const threshold = FAIL_ON[failOn];
  return findings.some((f) => RANK[f.severity] >= threshold) ? ExitCode.Findings : ExitCode.Ok;
}

function runExplain(codes: string[], io: Io): number {
  if (codes.length === 0) {
    io.stdout(listCodes());
    return ExitCode.Ok;
  }
  let texts = '';
  for (const code of codes) {
    const text = explain(code);
    if (text === undefined) {
      const near = nearestCodes(code);
      return usageError(
        io,
        `unknown code '${code}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (\`stack-standard explain\` lists every code)`,
      );
    }
    texts += (texts ? '\n' : '') + text;
  }
  io.stdout(texts);
  return ExitCode.Ok;
}

/**
 * A git-style unified diff of one file (`/dev/null` for a file the fixes create), with its byte-order mark on both
 * sides, so `git apply` takes it for a UTF-8 file; other encodings are shown as text.
 */
function unifiedDiff(file: string, text: string, rel: (file: string) => string): string {
  const before = nodeFileSystem.readDecoded?.(file);
  const bom = before?.encoding.bom ? '\ufeff' : '';
  const name = rel(file);
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${name}`,
    `b/${name}`,
    before === undefined ? '' : bom + before.text,
    bom + text,
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}

/** Write each pass's edits into the file's bytes (a file the fixes create is UTF-8); a string says why it cannot be. */
function writeFixed(file: string, passes: readonly TextEdit[][]): string | undefined {
  let bytes: Uint8Array = fs.existsSync(file) ? fs.readFileSync(file) : new Uint8Array();
  for (const edits of passes) {
    const created = edits.find((e) => e.create);
    if (created) {
      bytes = Buffer.from(created.newText, 'utf8');
      continue;
    }
    const decoded = decodeFile(file, bytes);
    const next = applyByteEdits(
      bytes,
      decoded,
      selectEdits(decoded.text, edits).kept.map((k) => ({ start: k.start, end: k.end, newText: k.edit.newText })),
    );
    if (typeof next === 'string') return next;
    bytes = next;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return undefined;
}

/**
 * Whether `fd` is a terminal. A pipe, a file or /dev/null is known for none without node:tty, which loads node:net
 * (5 ms of a start-up).
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && stat.rdev === fs.statSync('/dev/null').rdev) return false;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for a character device alone
    return (require('node:tty') as typeof import('node:tty')).isatty(fd);
  } catch {
    return false;
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to `fd`, waiting while a pipe another process made non-blocking is full. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let written = 0; written < bytes.length;) {
    try {
      written += fs.writeSync(fd, bytes, written);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

/**
 * Output to a pipe or a file goes straight to its descriptor: process.stdout and process.stderr are streams built on
 * first use, which loads node:net or node:tty (5 ms of a start-up). A terminal keeps its stream, which knows its
 * encoding.
 */
function writer(fd: 1 | 2, terminal: boolean): (text: string) => void {
  if (!terminal) return (text) => writeAll(fd, text);
  return fd === 1 ? (text) => process.stdout.write(text) : (text) => process.stderr.write(text);
}

/** `stack-standard` with this process's arguments, working folder, environment and standard streams. */
export function main(): void {
  const noColour = (process.env.NO_COLOR ?? '') !== '';
  const forced = (process.env.FORCE_COLOR ?? '') !== '' && process.env.FORCE_COLOR !== '0';
  const terminal = isTerminal(1);
  process.exitCode = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: writer(1, terminal),
    stderr: writer(2, isTerminal(2)),
    colour: !noColour && (forced || (terminal && process.env.TERM !== 'dumb')),
  });
}

if (require.main === module) main();
