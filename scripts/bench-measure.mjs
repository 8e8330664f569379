// How the benchmarks measure and print, shared by `npm run bench` and `npm run bench:peers`: the engine bundle both
// load, medians, alternating blocks, and the report line with its target.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { BUNDLE_OPTIONS } from './esbuild-options.mjs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const coreBundle = path.join(root, 'out/bench/core.cjs');

/** The engine with the reference parsers, from one bundle, so both sides run the very same parser code. */
export async function buildCore() {
  await esbuild.build({
    stdin: {
      contents:
        "export * from './src/core/index.ts'; export { parseTOML } from 'toml-eslint-parser'; export { parseDocument } from 'yaml';",
      resolveDir: root,
      loader: 'ts',
    },
    ...BUNDLE_OPTIONS,
    absWorkingDir: root,
    outfile: coreBundle,
  });
}

/**
 * Two workloads measured in alternating blocks, so a slow stretch of the machine hits both alike. Each block is the
 * process's processor time (every thread, so the collector's helper threads count) divided by its calls: a mean, not a
 * median, so the collections a workload causes are paid for, and other processes on the machine are not. Returns each
 * one's median block and the median of the block-by-block ratios (steadier than a ratio of medians).
 */
export function alternate(a, b, rounds = 41, perBlock = 9) {
  const blocks = [];
  for (let r = 0; r < rounds; r++) blocks.push([cpuBlock(a, perBlock), cpuBlock(b, perBlock)]);
  return summarize(blocks);
}

/** `alternate` for workloads that may return a promise: each call is awaited before the next. */
export async function alternateAsync(a, b, rounds = 41, perBlock = 9) {
  const blocks = [];
  for (let r = 0; r < rounds; r++) blocks.push([await cpuBlockAsync(a, perBlock), await cpuBlockAsync(b, perBlock)]);
  return summarize(blocks);
}

function summarize(blocks) {
  return [median(blocks.map(([x]) => x)), median(blocks.map(([, y]) => y)), median(blocks.map(([x, y]) => x / y))];
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function cpuBlock(fn, runs) {
  const t0 = cpuMs();
  for (let i = 0; i < runs; i++) fn();
  return (cpuMs() - t0) / runs;
}

async function cpuBlockAsync(fn, runs) {
  const t0 = cpuMs();
  for (let i = 0; i < runs; i++) await fn();
  return (cpuMs() - t0) / runs;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// No forced collection between samples: it shrinks the heap and makes the next run pay for growing it again, which
// an editor or a CI run never sees. The median of many warm runs includes the collections the work itself causes.
export function time(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export async function timeAsync(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export const results = [];
export function report(name, value, target, ok) {
  results.push({ name, value, target, ok });
  console.log(
    `${name.padEnd(74)} ${value.toFixed(3).padStart(10)}   ${target ? `${ok ? 'meets' : 'MISSES'} ${target}` : ''}`,
  );
}

/** The last line a benchmark child prints: how many of its targets it missed, for the parent to count. */
export function childSummary() {
  return `\n${JSON.stringify({ missed: results.filter((r) => r.target && !r.ok).length })}\n`;
}

/** Runs each named benchmark in a child process of `script` and prints their output; the exit code says if any missed. */
export function runChildren(script, names) {
  let missed = 0;
  for (const name of names) {
    const child = spawnSync(process.execPath, [script, name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const out = child.stdout.trimEnd().split('\n');
    const summary = child.status === 0 ? JSON.parse(out.pop() ?? '{}') : { missed: 1 };
    console.log(out.join('\n'));
    missed += summary.missed;
  }
  console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
  process.exitCode = missed ? 1 : 0;
}
