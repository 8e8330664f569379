// `npm run bench:peers`: the full analysis of each format against Renovate's extractor for it, on the same generated
// files as `npm run bench`, both in one process in alternating blocks. Ratio = Renovate's time ÷ ours; the target is
// 2× on every format. Renovate is installed into a cache outside the project's dependencies on first use.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  pipCompileFiles,
  precommitFile,
  pyprojectFile,
  requirementsFile,
  TERRAFORM_STANDARD,
  terraformFile,
} from './bench-inputs.mjs';
import { alternateAsync, buildCore, childSummary, coreBundle, report, runChildren } from './bench-measure.mjs';

// The last Renovate release that runs on Node 20 (40 and later need Node 22.13).
const RENOVATE = '39.264.1';
const cache = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'stack-standard',
  'bench-peers',
  `renovate-${RENOVATE}`,
);
const renovatePackage = path.join(cache, 'node_modules/renovate/package.json');

/**
 * Renovate's version in the cache, installing it there first when it is missing. Its install scripts are not run, so
 * its optional native RE2 is absent and it uses JavaScript regular expressions, as it does wherever RE2 cannot load.
 */
function installRenovate() {
  const installed = () =>
    fs.existsSync(renovatePackage) && JSON.parse(fs.readFileSync(renovatePackage, 'utf8')).version;
  if (installed() === RENOVATE) return RENOVATE;
  fs.mkdirSync(cache, { recursive: true });
  console.log(`installing renovate@${RENOVATE} into ${cache}`);
  const args = ['install', '--prefix', cache, `renovate@${RENOVATE}`, '--no-audit', '--no-fund', '--ignore-scripts'];
  const npm = spawnSync('npm', args, { cwd: cache, stdio: ['ignore', 'inherit', 'inherit'] });
  if (npm.status !== 0 || installed() !== RENOVATE) throw new Error(`npm could not install renovate@${RENOVATE}`);
  return RENOVATE;
}

/**
 * Renovate's extractor modules, loaded one by one (the whole of Renovate is never started), with its working
 * directory a fresh folder: the extractors that look for lock files or read a pip-compile lock look there.
 */
function loadRenovate(files = {}) {
  const require = createRequire(renovatePackage);
  const dist = path.join(path.dirname(renovatePackage), 'dist');
  const localDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-bench-peers-'));
  process.on('exit', () => fs.rmSync(localDir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(localDir, name), text);
  require(path.join(dist, 'config/global.js')).GlobalConfig.set({ localDir });
  const manager = (name) => require(path.join(dist, `modules/manager/${name}/extract.js`));
  return { manager, localDir };
}

const require = createRequire(import.meta.url);
const core = () => require(coreBundle);
const count = (result) => (result?.deps ?? result?.flatMap((r) => r.deps) ?? []).length;

/**
 * Ours against Renovate's `manager` on one file, in alternating blocks of awaited calls (Renovate's extractors return
 * promises; ours returns at once, and is awaited the same way). Prints each one's processor time per call and the
 * paired ratio with its target.
 */
async function compare(label, manager, ours, theirs, { warm, rounds, perBlock }) {
  const findings = ours();
  const deps = count(await theirs());
  for (let i = 0; i < warm; i++) {
    ours();
    await theirs();
  }
  const [a, b, ratio] = await alternateAsync(theirs, ours, rounds, perBlock);
  console.log(`\n${label}: ours ${findings.length} findings, Renovate ${deps} dependencies`);
  report(`${label}: Renovate ${manager}, processor ms per call`, a);
  report(`${label}: Stack Standard full analysis, processor ms per call`, b);
  report(`${label}: Renovate / ours, median of paired blocks (×)`, ratio, '≥ 2×', ratio >= 2);
}

// Each format runs in a process of its own (the parent spawns one per name), as in `npm run bench`. The block sizes
// keep each format near 10 s on an idle machine: Renovate's Poetry, Terraform (HCL through a WebAssembly build of Go)
// and pre-commit extractors take 50 to 150 ms a call.
const FORMATS = {
  async requirements() {
    const { manager } = loadRenovate();
    const { extractPackageFile } = manager('pip_requirements');
    const c = core();
    const options = { standard: c.builtinStandard(), fs: c.nodeFileSystem };
    const file = { path: '/bench/requirements.txt', text: requirementsFile() };
    await compare(
      'requirements',
      'pip_requirements',
      () => c.analyze(file, options),
      () => extractPackageFile(file.text),
      { warm: 60, rounds: 41, perBlock: 9 },
    );
  },
  async pyproject() {
    const { manager } = loadRenovate();
    const pep621 = manager('pep621').extractPackageFile;
    const poetry = manager('poetry').extractPackageFile;
    const c = core();
    const options = { standard: c.builtinStandard(), fs: c.nodeFileSystem };
    const file = { path: '/bench/pyproject.toml', text: pyprojectFile() };
    const ours = () => c.analyze(file, options);
    await compare('pyproject PEP 621', 'pep621', ours, () => pep621(file.text, 'pyproject.toml', {}), {
      warm: 40,
      rounds: 31,
      perBlock: 7,
    });
    await compare('pyproject Poetry', 'poetry', ours, () => poetry(file.text, 'pyproject.toml'), {
      warm: 10,
      rounds: 21,
      perBlock: 3,
    });
  },
  async pipCompile() {
    // Both sides read the lock from disk: Renovate's extractor takes file names, so ours reads the file it analyses.
    const { lock, source } = pipCompileFiles();
    const { manager, localDir } = loadRenovate({ 'requirements.txt': lock, 'requirements.in': source });
    const { extractAllPackageFiles } = manager('pip-compile');
    const c = core();
    const options = { standard: c.builtinStandard(), fs: c.nodeFileSystem };
    const lockPath = path.join(localDir, 'requirements.txt');
    await compare(
      'pip-compile',
      'pip-compile',
      () => c.analyze({ path: lockPath, text: fs.readFileSync(lockPath, 'utf8') }, options),
      () => extractAllPackageFiles({}, ['requirements.txt']),
      { warm: 40, rounds: 31, perBlock: 7 },
    );
  },
  async terraform() {
    const { manager } = loadRenovate();
    const { extractPackageFile } = manager('terraform');
    const c = core();
    const standard = c.loadStandard('/bench/stack-standard.yaml', {
      readFile: () => TERRAFORM_STANDARD,
      exists: () => true,
    }).standard;
    const options = { standard, fs: { readFile: () => undefined, exists: () => false, listDir: () => [] } };
    const file = { path: '/bench/main.tf', text: terraformFile() };
    await compare(
      'terraform',
      'terraform',
      () => c.analyze(file, options),
      () => extractPackageFile(file.text, 'main.tf', {}),
      { warm: 10, rounds: 21, perBlock: 3 },
    );
  },
  async precommit() {
    const { manager } = loadRenovate();
    const { extractPackageFile } = manager('pre-commit');
    const c = core();
    const options = { standard: c.builtinStandard(), fs: c.nodeFileSystem };
    const file = { path: '/bench/.pre-commit-config.yaml', text: precommitFile() };
    await compare(
      'pre-commit',
      'pre-commit',
      () => c.analyze(file, options),
      () => extractPackageFile(file.text, '.pre-commit-config.yaml'),
      { warm: 10, rounds: 21, perBlock: 3 },
    );
  },
};

const only = process.argv[2];
if (only) {
  await FORMATS[only]();
  process.stdout.write(childSummary());
} else {
  const version = installRenovate();
  await buildCore();
  console.log(`Renovate ${version} (extractors loaded from its dist/modules/manager), Node ${process.version}`);
  runChildren(fileURLToPath(import.meta.url), Object.keys(FORMATS));
}
