import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import {
  analyze,
  applyByteEdits,
  applyEdits,
  checkRepository,
  comparePositions,
  decodeFile,
  formatFor,
  isStandardFile,
  nodeFileSystem,
  PRECOMMIT_CONFIG,
  preferredEdits,
  readSource,
  repositoryRoot,
  selectEdits,
  StandardResolver,
  type Finding,
  type Fix,
  type Severity,
  type TextEdit,
} from '../core';
import { discoverFiles } from './discover';
import { formatJson, formatSarif, formatText, type OutputFormat } from './output';

/** Exit codes, as documented in the README. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;

const USAGE = `Usage: stack-standard check [PATH...] [options]

Checks requirements files, pyproject.toml, Terraform and .pre-commit-config.yaml against the
technology-stack standard (default PATH: .).

Options:
  --standard FILE                      use this standard file instead of the nearest one
  --format text|json|sarif             output format (default: text)
  --fix                                apply each finding's preferred fix in place
  --fail-on error|warning|info|never   lowest severity that makes the exit code 1 (default: warning)
  -h, --help                           show this help
  -v, --version                        show the version
`;

const MAX_FIX_PASSES = 10;
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const FAIL_ON = { error: 3, warning: 2, info: 1, never: Infinity } as const;

interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

function usageError(io: Io, message: string): number {
  io.stderr(`stack-standard: ${message}\n\n${USAGE}`);
  return ExitCode.Usage;
}

function findingKey(f: Finding): string {
  // Several findings can share a place (every missing hook is on `repos:`); the same one reached twice cannot.
  return `${path.resolve(f.file)}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}:${f.code}:${f.message}`;
}

function sortFindings(findings: Finding[], rel: (file: string) => string): Finding[] {
  return findings.sort((a, b) => rel(a.file).localeCompare(rel(b.file)) || comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
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
        'fail-on': { type: 'string', default: 'warning' },
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
  if (command !== 'check') return usageError(io, command ? `unknown command '${command}'` : 'missing command');
  const format = values.format as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) return usageError(io, `unknown format '${format}'`);
  const failOn = values['fail-on'] as keyof typeof FAIL_ON;
  if (!(failOn in FAIL_ON)) return usageError(io, `--fail-on must be error, warning, info or never (got '${failOn}')`);

  const roots = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(io.cwd, p));
  const missing = roots.find((r) => !fs.existsSync(r));
  if (missing) return usageError(io, `no such file or folder: ${path.relative(io.cwd, missing) || missing}`);
  if (values.standard && !fs.existsSync(path.resolve(io.cwd, values.standard))) return usageError(io, `standard file not found: ${values.standard}`);

  const rel = (file: string) => (path.relative(io.cwd, path.resolve(io.cwd, file)) || path.basename(file)).split(path.sep).join('/');
  const resolver = new StandardResolver(nodeFileSystem, values.standard ? path.resolve(io.cwd, values.standard) : undefined);
  const discoveries = roots.map((root) => ({ root, ...discoverFiles(root) }));
  const files = [...new Set(discoveries.flatMap((d) => d.files))];
  // A folder given on the command line stands for its repository: one missing pre-commit config is one finding.
  const repositories = new Map<string, boolean>();
  const folders = discoveries.filter((d) => fs.statSync(d.root).isDirectory()).map((d) => ({ ...d, repo: repositoryRoot(d.root, nodeFileSystem) }));
  for (const d of folders) {
    // Outside any git repository a folder stands for itself, unless it lies inside another folder given.
    const outer = folders.find((o) => o.repo !== d.repo && d.repo.startsWith(o.repo + path.sep) && !fs.existsSync(path.join(d.repo, '.git')));
    const repo = outer?.repo ?? d.repo;
    repositories.set(repo, (repositories.get(repo) ?? false) || d.hasPython);
  }

  const check = (): Finding[] | number => {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const file of files) {
      // A standard file named on the command line (as the pre-commit hook does) is checked itself.
      if (isStandardFile(file) && !formatFor(file)) {
        const { errors } = resolver.load(path.resolve(file));
        if (errors.length > 0) {
          io.stderr(formatText(errors, rel));
          io.stderr(`stack-standard: the standard ${rel(file)} is invalid\n`);
          return ExitCode.Usage;
        }
        continue;
      }
      const governing = resolver.forFile(file);
      if (governing.errors.length > 0) {
        io.stderr(formatText(governing.errors, rel));
        io.stderr(`stack-standard: the standard ${rel(governing.file)} is invalid\n`);
        return ExitCode.Usage;
      }
      const source = readSource(nodeFileSystem, file);
      if (source === undefined) continue;
      for (const f of analyze(source, { standard: governing.standard, fs: nodeFileSystem })) {
        const key = findingKey(f);
        if (!seen.has(key)) {
          seen.add(key);
          findings.push(f);
        }
      }
    }
    for (const [repo, hasPython] of repositories) {
      const governing = resolver.forFile(path.join(repo, PRECOMMIT_CONFIG));
      if (governing.errors.length === 0) findings.push(...checkRepository(repo, hasPython, governing.standard, nodeFileSystem));
    }
    return sortFindings(findings, rel);
  };

  let findings = check();
  if (typeof findings === 'number') return findings;
  // Overlapping edits wait for the next pass, and one fix can reveal another: fix until nothing changes.
  for (let pass = 0; values.fix && pass < MAX_FIX_PASSES && fixFiles(findings, io, rel) > 0; pass++) {
    findings = check();
    if (typeof findings === 'number') return findings;
  }

  if (format === 'json') io.stdout(formatJson(findings, rel));
  else if (format === 'sarif') io.stdout(formatSarif(findings, rel, version));
  else io.stdout(formatText(findings, rel));
  const threshold = FAIL_ON[failOn];
  return findings.some((f) => RANK[f.severity] >= threshold) ? ExitCode.Findings : ExitCode.Ok;
}

/** The file's bytes with `edits` applied, in its own encoding; a string says why it cannot be written. */
function fixedBytes(file: string, edits: TextEdit[]): { before?: Uint8Array; after: Uint8Array; skipped: TextEdit[] } | string {
  let before: Uint8Array;
  try {
    before = fs.readFileSync(file);
  } catch {
    // A file a fix creates is new, and UTF-8.
    const { text, skipped } = applyEdits('', edits);
    return edits.some((e) => e.create) ? { after: Buffer.from(text, 'utf8'), skipped } : 'it cannot be read';
  }
  const decoded = decodeFile(file, before);
  const { kept, skipped } = selectEdits(decoded.text, edits);
  // Spliced into the bytes, so the rest of the file (its encoding, byte-order mark, any unreadable bytes) stays as it was.
  const after = applyByteEdits(before, decoded, kept);
  return typeof after === 'string' ? after : { before, after, skipped };
}

/** Apply every preferred fix, file by file; report each change on stderr. Returns how many files changed. */
function fixFiles(findings: Finding[], io: Io, rel: (file: string) => string): number {
  let changed = 0;
  for (const [file, edits] of preferredEdits(findings)) {
    const target = path.resolve(io.cwd, file);
    const result = fixedBytes(target, edits);
    if (typeof result === 'string') {
      io.stderr(`not fixed ${rel(file)}: ${result}\n`);
      continue;
    }
    const { before, after, skipped } = result;
    if (before && Buffer.compare(before, after) === 0) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, after);
    changed++;
    // Findings that share one fix (every missing hook, every low black target) report it once, at the first of them;
    // one whose edit overlapped waits a pass.
    const reported = new Set<string | Fix>();
    for (const f of findings) {
      const fix = f.fixes.find((x) => x.isPreferred);
      const line = `fixed ${rel(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${fix?.title}\n`;
      if (!fix?.edits.some((e) => e.file === file) || fix.edits.some((e) => skipped.includes(e)) || reported.has(line) || reported.has(fix)) continue;
      reported.add(line).add(fix);
      io.stderr(line);
    }
  }
  return changed;
}

if (require.main === module) {
  const code = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
