// `npm run fuzz -- [--seed N] [--count N] [--seconds N] [--format NAME] [--scale-every N]`: seeded random and
// mutated inputs for every file kind, each checked for the engine's promises: no throw (and no "Internal error"
// finding), findings and edits inside the file, every fix re-parses (no new parse errors), fixes reach a fixed
// point and a fresh analysis of it has nothing left to change, time grows linearly with the input, and a TOML text
// the one-pass reader accepts is read by the reference without an error into the same model.
// A failure prints its seed, index and input, writes the input under out/fuzz/, and the run exits 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseTOML } from 'toml-eslint-parser';
import {
  analyze,
  builtinStandard,
  CODE_NAMES,
  formatFor,
  LineIndex,
  overlayFileSystem,
  planFixes,
  stripBom,
  type FileSystem,
  type Finding,
  type Range,
} from '../src/core';
import { FORMATS, int, mutate, pick, type FuzzFormat, type Random } from '../test/fuzz/generators';
import { fastVerdict } from '../test/helpers/toml';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    format: { type: 'string', multiple: true },
    'scale-every': { type: 'string', default: '500' },
  },
});

const MAX_PASSES = 10;
const STANDARD = builtinStandard();

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function memory(files: Record<string, string>): FileSystem {
  return {
    readFile: (file) => (Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined),
    exists: (file) => Object.prototype.hasOwnProperty.call(files, file),
    listDir: (dir) =>
      Object.keys(files)
        .filter((f) => path.dirname(f) === dir)
        .map((f) => path.basename(f)),
  };
}

function within(r: Range, lines: LineIndex): boolean {
  const fits = (line: number, character: number) =>
    line >= 0 && line < lines.lineCount && character >= 0 && character <= lines.lineText(line).length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ordered && fits(r.start.line, r.start.character) && fits(r.end.line, r.end.character);
}

/** Why the findings break a promise, or undefined; `read` gives each file's text without its byte-order mark. */
function malformed(findings: readonly Finding[], read: (file: string) => string | undefined): string | undefined {
  for (const f of findings) {
    if (!CODE_NAMES.includes(f.code)) return `unknown code ${f.code}`;
    if (f.message.startsWith('Internal error')) return `a rule threw: ${f.message}`;
    const text = read(f.file);
    // A finding may sit on a file that does not exist yet (a missing pre-commit config), at its start.
    if (text !== undefined && !within(f.range, new LineIndex(text)))
      return `finding outside its file: ${JSON.stringify(f)}`;
    for (const e of f.fixes.flatMap((x) => x.edits)) {
      const target = read(e.file);
      if (target === undefined ? !e.create : !within(e.range, new LineIndex(target)))
        return `edit outside its file: ${JSON.stringify(e)}`;
    }
  }
  return undefined;
}

function parseErrors(findings: readonly Finding[], file: string): number {
  return findings.filter((f) => f.code === 'parse-error' && f.file === file).length;
}

interface Outcome {
  failure?: string;
  ms: number;
  passes: number;
}

/** Every promise, for one input. */
function check(format: FuzzFormat, text: string): Outcome {
  const files = { ...format.neighbours, [format.file]: text };
  const base = memory(files);
  const started = performance.now();
  let findings: Finding[];
  try {
    findings = analyze({ path: format.file, text }, { standard: STANDARD, fs: base });
  } catch (e) {
    return { failure: `analyze threw: ${e instanceof Error ? e.stack : String(e)}`, ms: 0, passes: 0 };
  }
  const ms = performance.now() - started;
  const overlay = overlayFileSystem(base);
  const read = (file: string) => {
    const t = overlay.readFile(file);
    return t === undefined ? undefined : stripBom(t);
  };
  const bad = malformed(findings, read);
  if (bad) return { failure: bad, ms, passes: 0 };
  // The one-pass TOML reader accepts only what the reference reads without an error, into the same model.
  const wrong = TOML_KINDS.has(formatFor(format.file)?.kind ?? '') ? fastVerdict(text).wrong : undefined;
  if (wrong) return { failure: `the one-pass TOML reader ${wrong}`, ms, passes: 0 };
  const errorsBefore = new Map(Object.keys(files).map((f) => [f, parseErrors(findings, f)]));
  let passes = 0;
  for (;;) {
    const plan = planFixes(findings, read);
    const changed = [...plan.texts].filter(([file, t]) => t !== read(file));
    if (changed.length === 0) break;
    if (++passes > MAX_PASSES) return { failure: `no fixed point after ${MAX_PASSES} passes`, ms, passes };
    for (const [file, t] of changed) overlay.write(file, t);
    try {
      findings = analyze({ path: format.file, text: read(format.file) ?? '' }, { standard: STANDARD, fs: overlay });
    } catch (e) {
      return { failure: `analyze threw on fixed text: ${e instanceof Error ? e.stack : String(e)}`, ms, passes };
    }
    const broken = malformed(findings, read);
    if (broken) return { failure: `after pass ${passes}: ${broken}`, ms, passes };
    for (const [file] of changed) {
      const before = errorsBefore.get(file) ?? 0;
      const after = parseErrors(findings, file);
      if (after > before)
        return { failure: `a fix broke ${file}: ${after} parse errors, ${before} before:\n${read(file)}`, ms, passes };
    }
  }
  if (passes > 0) {
    // A fresh analysis of the fixed files, with nothing remembered, has nothing left to change.
    const fixedFiles = Object.fromEntries(Object.keys(files).map((f) => [f, read(f) ?? '']));
    const again = analyze(
      { path: format.file, text: fixedFiles[format.file] },
      { standard: STANDARD, fs: memory(fixedFiles) },
    );
    const rest = [...planFixes(again, (f) => fixedFiles[f]).texts].filter(([f, t]) => t !== fixedFiles[f]);
    if (rest.length > 0)
      return { failure: `fixing the fixed text changes it again: ${JSON.stringify(rest)}`, ms, passes };
  }
  return { ms, passes };
}

function timeOf(format: FuzzFormat, text: string): number {
  const fs$ = memory({ ...format.neighbours, [format.file]: text });
  return bestOf(() => analyze({ path: format.file, text }, { standard: STANDARD, fs: fs$ }));
}

function bestOf(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

// The TOML kinds are read by toml-eslint-parser, whose own time grows faster than the input on some texts (thousands
// of `[[a.b]]` headers): the engine is held to the parser's growth, not to a straight line it cannot draw.
const TOML_KINDS = new Set([
  'pyproject',
  'mise',
  'buildpacks',
  'ruff',
  'pipfile',
  'uv-lock',
  'poetry-lock',
  'pdm-lock',
]);

/** How much faster than the input the reference parser of the format's kind grows, at least 8 (a straight line). */
function referenceGrowth(format: FuzzFormat, unit: string, large: string): number {
  if (!TOML_KINDS.has(formatFor(format.file)?.kind ?? '')) return 8;
  // A text the parser refuses stops it early: its time to the error is what is compared then.
  const parse = (text: string) => () => {
    try {
      parseTOML(text);
    } catch {
      // Refused: timed to the error.
    }
  };
  return Math.max(8, bestOf(parse(large)) / bestOf(parse(unit)));
}

/**
 * Time grows linearly: the input repeated 8 times takes at most ~8 times as long, with room for noise and for the
 * garbage collector, whose share grows with the heap. The unit is large enough (16,000 characters) that start-up
 * costs do not hide a quadratic step.
 */
function superlinear(format: FuzzFormat, text: string): string | undefined {
  let unit = text.endsWith('\n') || text === '' ? text : text + '\n';
  if (unit.trim() === '') return undefined;
  while (unit.length < 16000) unit += unit;
  const large = unit.repeat(8);
  // A pause of the machine or the compiler can fall on either side: a suspect is measured twice more before it counts.
  for (let attempt = 0; attempt < 3; attempt++) {
    const small = timeOf(format, unit);
    const big = timeOf(format, large);
    if (big <= referenceGrowth(format, unit, large) * small * 3 + 5) return undefined;
    if (attempt === 2) return `8x the input took ${big.toFixed(1)} ms, 1x ${small.toFixed(2)} ms, three times`;
  }
  return undefined;
}

function report(format: FuzzFormat, seed: number, index: number, text: string, failure: string): void {
  const dir = path.join(__dirname, '../out/fuzz');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${format.name}-seed${seed}-${index}${path.extname(format.file) || '.txt'}`);
  fs.writeFileSync(file, text);
  console.log(
    `FAIL ${format.name} seed ${seed} input ${index}: ${failure}\n  input (${text.length} chars, saved as ${path.relative(process.cwd(), file)}): ${JSON.stringify(text.slice(0, 600))}`,
  );
}

const seed = Number(args.seed);
const count = Number(args.count);
const budgetMs = Number(args.seconds) * 1000;
const scaleEvery = Number(args['scale-every']);
const chosen = args.format ? FORMATS.filter((f) => args.format?.includes(f.name)) : FORMATS;
if (chosen.length === 0 || !Number.isFinite(seed) || !(count > 0) || !(budgetMs > 0)) {
  console.error(
    `usage: npm run fuzz -- [--seed N] [--count N] [--seconds N] [--format ${FORMATS.map((f) => f.name).join('|')}]...`,
  );
  process.exit(2);
}

let failures = 0;
const started = performance.now();
console.log(`fuzz: seed ${seed}, up to ${count} inputs per format, ${args.seconds} s in all`);
for (const [n, format] of chosen.entries()) {
  // Each format gets an equal share of what is left of the time budget.
  const share = (budgetMs - (performance.now() - started)) / (chosen.length - n);
  const formatStart = performance.now();
  const rand = seeded(seed * 1_000_003 + n);
  let done = 0;
  let slowest = 0;
  let fixed = 0;
  let maxPasses = 0;
  let formatFailures = 0;
  for (let i = 0; i < count && performance.now() - formatStart < share; i++) {
    let text = rand() < 0.5 || format.corpus.length === 0 ? format.generate(rand) : pick(rand, format.corpus);
    for (let m = int(rand, 4); m > 0; m--) text = mutate(rand, text, format.corpus);
    const outcome = check(format, text);
    done++;
    slowest = Math.max(slowest, outcome.ms);
    if (outcome.passes > 0) fixed++;
    maxPasses = Math.max(maxPasses, outcome.passes);
    const failure = outcome.failure ?? (i % scaleEvery === 0 ? superlinear(format, text) : undefined);
    if (failure) {
      failures++;
      formatFailures++;
      report(format, seed, i, text, failure);
      if (formatFailures >= 5) break;
    }
  }
  const seconds = (performance.now() - formatStart) / 1000;
  console.log(
    `${format.name.padEnd(13)} ${String(done).padStart(9)} inputs in ${seconds.toFixed(1).padStart(6)} s, ${fixed} fixed (at most ${maxPasses} passes), slowest analysis ${slowest.toFixed(1)} ms, ${formatFailures} failures`,
  );
}
process.exit(failures > 0 ? 1 : 0);
