// `npm run bench`: median full-analysis times on generated files in the style of real ones, each next to the bare
// parse of a reference parser on the same input, with the issue targets checked. A benchmark, not a test.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
await esbuild.build({ entryPoints: [path.join(root, 'src/core/index.ts')], outfile: path.join(root, 'out/bench/core.cjs'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
const core = require(path.join(root, 'out/bench/core.cjs'));

/** Deterministic pseudo-random numbers, so every run measures the same file. */
function prng(seed) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

const STANDARD_NAMES = ['pandas', 'numpy', 'scikit-learn', 'requests', 'flask', 'pytest', 'black', 'google-cloud-storage', 'google-cloud-bigquery', 'httpx', 'aiohttp', 'scipy'];
const hex = (rand) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');

/** A 5,000-line requirements file: pip-compile style pins with hashes and `# via` comments, markers, extras, options. */
export function requirementsFile(lines = 5000) {
  const rand = prng(42);
  const out = ['# This file is hand-maintained; see docs/dependencies.md', '--index-url https://pypi.org/simple', '--extra-index-url https://europe-python.pkg.dev/acme/simple', ''];
  let n = 0;
  while (out.length < lines) {
    const r = rand();
    const name = r < 0.3 ? STANDARD_NAMES[Math.floor(rand() * STANDARD_NAMES.length)] : `acme-lib-${n++}`;
    const version = `${Math.floor(rand() * 4)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
    const kind = rand();
    if (kind < 0.1) out.push(`# ${name}: pinned for the reporting pipeline`);
    else if (kind < 0.15) out.push('');
    else if (kind < 0.35) out.push(`${name}==${version} \\`, `    --hash=sha256:${hex(rand)} \\`, `    --hash=sha256:${hex(rand)}`, `    # via acme-lib-${Math.floor(rand() * 100)}`);
    else if (kind < 0.5) out.push(`${name}[extra]>=${version},<${Number(version[0]) + 2} ; python_version >= "3.9"`);
    else if (kind < 0.6) out.push(`${name}~=${version.split('.').slice(0, 2).join('.')}  # compatible release`);
    else if (kind < 0.65) out.push(`${name} ; sys_platform == "linux" and platform_machine == "x86_64"`);
    else out.push(`${name}==${version}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const results = [];
function report(name, ms, target, ok) {
  results.push({ name, ms, target, ok });
  console.log(`${name.padEnd(58)} ${ms.toFixed(3).padStart(10)} ms   ${target ? `${ok ? 'meets' : 'MISSES'} ${target}` : ''}`);
}

const standard = core.builtinStandard();
const options = { standard, fs: core.nodeFileSystem };

{
  const text = requirementsFile();
  const file = { path: '/bench/requirements.txt', text };
  const findings = core.analyze(file, options);
  for (let i = 0; i < 200; i++) core.analyze(file, options);
  const ours = time(() => core.analyze(file, options), 50);
  console.log(`requirements.txt: ${text.split('\n').length - 1} lines, ${findings.length} findings, ${findings.filter((f) => f.fixes.length).length} with fixes`);
  report('requirements: full analysis (parse + rules + fixes), median', ours, '≤ 10 ms', ours <= 10);
  const pipRequirements = require('pip-requirements-js');
  let failure = '';
  try {
    pipRequirements.parsePipRequirementsFile(text);
  } catch (e) {
    failure = e.message.split('\n')[0];
  }
  // It cannot read `\` continuations, `--hash` or option lines, so it is timed on the same requirements without them.
  const plain = text.replace(/ \\\n\s+--hash=sha256:[0-9a-f]+/g, '').replace(/ \\\n(\s+#)/g, '\n$1').replace(/^--.*$/gm, '');
  pipRequirements.parsePipRequirementsFile(plain);
  const theirs = time(() => pipRequirements.parsePipRequirementsFile(plain), 3);
  if (failure) console.log(`pip-requirements-js on the file as written: ${failure}`);
  report('requirements: pip-requirements-js parse (no hashes/options), median', theirs);
  report(`requirements: speed-up over pip-requirements-js (${(theirs / ours).toFixed(0)}×)`, theirs / ours, '≥ 50×', theirs / ours >= 50);
}

const missed = results.filter((r) => r.target && !r.ok);
console.log(missed.length ? `\n${missed.length} target(s) missed` : '\nall targets met');
process.exitCode = missed.length ? 1 : 0;
