// `npm run bench`: median full-analysis times on generated files in the style of real ones, each next to the bare
// parse of a reference parser on the same input, with the issue targets checked. A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { EXTENSION_OPTIONS } from './esbuild-options.mjs';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  precommitFile,
  prng,
  pyprojectFile,
  requirementsFile,
  STANDARD_NAMES,
  TERRAFORM_STANDARD,
  terraformFile,
} from './bench-inputs.mjs';
import {
  alternate,
  buildCore,
  childSummary,
  coreBundle,
  median,
  report,
  root,
  runChildren,
  time,
} from './bench-measure.mjs';

const require = createRequire(import.meta.url);
// The parent builds the engine bundle; the child processes it spawns only load it (a part run alone builds it when it
// is missing).
if (!process.argv[2] || !fs.existsSync(coreBundle)) await buildCore();
const core = require(coreBundle);

/**
 * One part of the repository benchmark's tree: 100 services of 200 files each (20,000 files), 10 of them manifests
 * (1,000): requirements, constraints, a pip-compile input, pyproject.toml, Terraform, pre-commit; the rest Python
 * sources, tests, docs and data, and what the walk must leave out: node_modules, a `.venv`, a virtual environment
 * known only by its pyvenv.cfg, and a `build/` folder the root .gitignore ignores (each holding a requirements file).
 */
function repositoryPart(dir, part) {
  const rand = prng(1000 + part);
  const files = {};
  const pin = () => `${Math.floor(rand() * 4)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
  const name = (i) => (rand() < 0.3 ? STANDARD_NAMES[Math.floor(rand() * STANDARD_NAMES.length)] : `acme-lib-${i}`);
  for (let s = 0; s < 100; s++) {
    const svc = `svc-${s}`;
    const put = (file, text) => (files[`${svc}/${file}`] = text);
    const deps = Array.from({ length: 25 }, (_, i) => `${name(i)}==${pin()}`);
    put('requirements.txt', `-c constraints.txt\n${deps.join('\n')}\n`);
    put('requirements-dev.txt', `-r requirements.txt\npytest~=6.2\nblack==22.3.0\nmypy\n`);
    put('constraints.txt', `${STANDARD_NAMES.map((n) => `${n}<99`).join('\n')}\n`);
    put('requirements/test.in', 'pytest\nrequests\nhttpx>=0.20\n');
    put('docs/requirements.txt', 'sphinx==7.2.6\nmyst-parser\n');
    put(
      'pyproject.toml',
      `[project]\nname = "svc-${s}"\nrequires-python = ">=3.9"\ndependencies = [\n${deps
        .slice(0, 12)
        .map((d) => `    "${d.replace('==', '>=')}",`)
        .join('\n')}\n]\n\n[tool.black]\ntarget-version = ["py39"]\n`,
    );
    put('lib/pyproject.toml', `[project]\nname = "svc-${s}-lib"\ndependencies = ["pandas>=1.5", "numpy"]\n`);
    put(
      'infra/main.tf',
      `resource "google_cloudfunctions2_function" "fn" {\n  name = "svc-${s}"\n  build_config {\n    runtime     = var.runtime\n    entry_point = "main"\n  }\n}\n`,
    );
    put('infra/variables.tf', 'variable "runtime" {\n  type    = string\n  default = "python39"\n}\n');
    put(
      '.pre-commit-config.yaml',
      'repos:\n  - repo: https://github.com/psf/black\n    rev: 22.3.0\n    hooks:\n      - id: black\n  - repo: https://github.com/pycqa/flake8\n    rev: 6.0.0\n    hooks:\n      - id: flake8\n',
    );
    // 190 files that are not manifests.
    for (let i = 0; i < 60; i++) put(`src/pkg${s}/${'abc'[i % 3]}/mod${i}.py`, `def f${i}():\n    return ${i}\n`);
    for (let i = 0; i < 30; i++) put(`tests/test_${i}.py`, `def test_${i}():\n    assert True\n`);
    for (let i = 0; i < 19; i++) put(`docs/page${i}.md`, `# Page ${i}\n`);
    put(s % 10 === 0 ? '.gitignore' : 'docs/index.md', s % 10 === 0 ? '*.log\ngenerated/\n' : '# Index\n');
    for (let i = 0; i < 29; i++) put(`node_modules/pkg${i % 10}/file${i}.js`, 'module.exports = 1;\n');
    put('node_modules/pkg0/requirements.txt', 'pandas==0.1\n');
    put('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    for (let i = 0; i < 13; i++) put(`.venv/lib/python3.11/site-packages/dep${i}/__init__.py`, '');
    put('.venv/lib/python3.11/site-packages/dep0/requirements.txt', 'pandas==0.1\n');
    put('env/pyvenv.cfg', 'home = /usr/bin\n');
    for (let i = 0; i < 8; i++) put(`env/lib/mod${i}.py`, '');
    put('env/requirements.txt', 'pandas==0.1\n');
    for (let i = 0; i < 9; i++) put(`build/lib/pkg/mod${i}.py`, '');
    put('build/lib/requirements.txt', 'pandas==0.1\n');
    for (let i = 0; i < 15; i++) put(`data/sample${i}.csv`, 'a,b\n1,2\n');
  }
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return Object.keys(files).length;
}

/** The benchmark's tree, written once: a repository of four parts, so 1×, 2× and 4× are one, two and four of them. */
function repositoryTree() {
  const base = path.join(os.tmpdir(), 'stack-standard-bench', 'repository-v1');
  if (!fs.existsSync(path.join(base, '.complete'))) {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(path.join(base, '.git'), { recursive: true });
    fs.writeFileSync(path.join(base, '.git/HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(path.join(base, '.gitignore'), 'build/\n*.log\n');
    const written = [0, 1, 2, 3].map((p) => repositoryPart(path.join(base, `part${p}`), p));
    if (written.some((n) => n !== 20000)) throw new Error(`a part of the tree has ${written} files, not 20,000`);
    fs.writeFileSync(path.join(base, '.complete'), '');
  }
  return base;
}

// The floor: find(1) listing the same tree with the same pruning (the skip-list, the ignored build/, the virtual
// environment the walk knows by its pyvenv.cfg), printing every file it keeps.
function findFloor(roots) {
  const names = [...core.SKIPPED_FOLDERS, 'build', 'env'].flatMap((n, i) => [...(i ? ['-o'] : []), '-name', n]);
  const args = [...roots, '(', '-type', 'd', '(', ...names, ')', ')', '-prune', '-o', '-type', 'f', '-print'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync('find', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`find failed: ${r.stderr}`);
  return { ms, files: r.stdout.split('\n').filter(Boolean).length };
}

const standard = core.builtinStandard();
const options = { standard, fs: core.nodeFileSystem };

// Each benchmark runs in a process of its own (the parent spawns one per name), so one's garbage and JIT state
// cannot slow another down: pip-requirements-js alone leaves hundreds of megabytes behind.
const BENCHMARKS = {
  async requirements() {
    const text = requirementsFile();
    const file = { path: '/bench/requirements.txt', text };
    const findings = core.analyze(file, options);
    for (let i = 0; i < 200; i++) core.analyze(file, options);
    const ours = time(() => core.analyze(file, options), 50);
    console.log(
      `requirements.txt: ${text.split('\n').length - 1} lines, ${findings.length} findings, ${findings.filter((f) => f.fixes.length).length} with fixes`,
    );
    report('requirements: full analysis (parse + rules + fixes), median', ours, '≤ 10 ms', ours <= 10);
    const pipRequirements = require('pip-requirements-js');
    let failure = '';
    try {
      pipRequirements.parsePipRequirementsFile(text);
    } catch (e) {
      failure = e.message.split('\n')[0];
    }
    // It cannot read `\` continuations, `--hash` or option lines, so it is timed on the same requirements without them.
    const plain = text
      .replace(/ \\\n\s+--hash=sha256:[0-9a-f]+/g, '')
      .replace(/ \\\n(\s+#)/g, '\n$1')
      .replace(/^--.*$/gm, '');
    pipRequirements.parsePipRequirementsFile(plain);
    const theirs = time(() => pipRequirements.parsePipRequirementsFile(plain), 3);
    if (failure) console.log(`pip-requirements-js on the file as written: ${failure}`);
    report('requirements: pip-requirements-js parse (no hashes/options), median', theirs);
    report(
      `requirements: speed-up over pip-requirements-js (${(theirs / ours).toFixed(0)}×)`,
      theirs / ours,
      '≥ 50×',
      theirs / ours >= 50,
    );
  },
  async pyproject() {
    const text = pyprojectFile();
    const file = { path: '/bench/pyproject.toml', text };
    // The bare parse reads TOML 1.0, as the analysis does (the parser's default is 1.1).
    const parseTOML = (t) => core.parseTOML(t, { tomlVersion: '1.0.0' });
    for (let i = 0; i < 60; i++) {
      core.analyze(file, options);
      parseTOML(text);
    }
    const [a, b, ratio] = alternate(
      () => core.analyze(file, options),
      () => parseTOML(text),
    );
    console.log(
      `\npyproject.toml: ${text.split('\n').length} lines, 2,000 dependencies, ${core.analyze(file, options).length} findings`,
    );
    report('pyproject: full analysis, processor ms per call', a);
    report('pyproject: bare toml-eslint-parser parse, processor ms per call', b);
    report('pyproject: analysis / bare parse, median of paired blocks (×)', ratio, '≤ 1.2×', ratio <= 1.2);
  },
  async terraform() {
    const text = terraformFile();
    const file = { path: '/bench/main.tf', text };
    const tfStandard = core.loadStandard('/bench/stack-standard.yaml', {
      readFile: () => TERRAFORM_STANDARD,
      exists: () => true,
    }).standard;
    const tfOptions = {
      standard: tfStandard,
      fs: { readFile: () => undefined, exists: () => false, listDir: () => [] },
    };
    for (let i = 0; i < 50; i++) core.analyze(file, tfOptions);
    const ms = time(() => core.analyze(file, tfOptions), 50);
    console.log(
      `\nmain.tf: ${text.split('\n').length} lines, 500 resources, ${core.analyze(file, tfOptions).length} findings`,
    );
    report('terraform: full analysis, median', ms, '≤ 10 ms', ms <= 10);
  },
  async precommit() {
    const text = precommitFile();
    const file = { path: '/bench/.pre-commit-config.yaml', text };
    const yaml = core;
    for (let i = 0; i < 20; i++) {
      core.analyze(file, options);
      yaml.parseDocument(text);
    }
    const [a, b, ratio] = alternate(
      () => core.analyze(file, options),
      () => yaml.parseDocument(text),
    );
    console.log(
      `\n.pre-commit-config.yaml: ${text.split('\n').length} lines, 301 repos, ${core.analyze(file, options).length} findings`,
    );
    report('pre-commit: full analysis, processor ms per call', a);
    report('pre-commit: bare yaml parseDocument, processor ms per call', b);
    report('pre-commit: analysis / bare parse, median of paired blocks (×)', ratio, '≤ 1.5×', ratio <= 1.5);
  },
  async repository() {
    // Discovery and analysis of a whole repository, as `stack-standard check` runs them, next to find(1) on the same
    // tree (find's time includes starting its process, a few milliseconds).
    const base = repositoryTree();
    const parts = [0, 1, 2, 3].map((p) => path.join(base, `part${p}`));
    const fsys = core.nodeFileSystem;
    const check = (roots) =>
      core.checkRepositories(roots, { fs: fsys, standards: new core.StandardResolver(fsys), relativeTo: base });
    const discovered = core.discover(parts[0], { fs: fsys, standards: new core.StandardResolver(fsys) });
    const findings = check([parts[0]]).files.reduce((n, f) => n + f.findings.length, 0);
    // 1,400 manifests are written per part; 400 of them lie in folders the walk must leave out.
    if (discovered.files.length !== 1000)
      throw new Error(`the walk found ${discovered.files.length} manifests, not 1,000`);
    console.log(
      `\nrepository: 20,000 files, 1,000 manifests found (400 more left out with their folders), ${findings} findings`,
    );
    // Warm on the whole tree first: every scale then runs on compiled code and a warm page cache.
    for (let i = 0; i < 2; i++) check([base]);
    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const scales = [
      [1, [parts[0]], 9],
      [2, parts.slice(0, 2), 7],
      [4, [base], 5],
    ];
    const times = [];
    for (const [scale, roots, runs] of scales) {
      // Paired: each run of ours is next to a run of find on the same tree, and the ratio is the median of the pairs'.
      const ours = [];
      const floors = [];
      const ratios = [];
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        check(roots);
        const t = Number(process.hrtime.bigint() - t0) / 1e6;
        sample();
        const floor = findFloor(roots).ms;
        ours.push(t);
        floors.push(floor);
        ratios.push(t / floor);
      }
      const ms = median(ours);
      const ratio = median(ratios);
      times.push(ms);
      report(`repository ${scale}× (${scale * 20},000 files): discovery + analysis, median ms`, ms);
      report(`repository ${scale}×: find with the same pruning, median ms`, median(floors));
      report(`repository ${scale}×: discovery + analysis / find, median of pairs (×)`, ratio, '≤ 4×', ratio <= 4);
    }
    const walkMs = time(() => core.discover(parts[0], { fs: fsys, standards: new core.StandardResolver(fsys) }), 7);
    report('repository 1×: discovery alone, median ms', walkMs);
    // Linear within a tenth: the time per file does not grow with the tree.
    const [at2, at4] = [times[1] / times[0], times[2] / times[0]];
    report('repository: time at 2× / time at 1× (linear: 2)', at2, '≤ 2.2', at2 <= 2.2);
    report('repository: time at 4× / time at 1× (linear: 4)', at4, '≤ 4.4', at4 <= 4.4);
    report('repository: peak memory (rss), MB', peak / 2 ** 20);
    const kept = findFloor([parts[0]]).files;
    console.log(
      `find keeps ${kept} files of 1×; the walk reads the same folders and keeps the 1,000 manifests among them`,
    );
  },
  async kinds() {
    // A repository of 200 files of the kinds that name a Python version or hold a lock, as `stack-standard check`
    // reads it: discovery, every file's analysis and the repository's rules (python-inconsistent compares them all).
    const base = path.join(os.tmpdir(), 'stack-standard-bench', 'kinds-v1');
    fs.rmSync(base, { recursive: true, force: true });
    for (let i = 0; i < 20; i++) {
      const py = ['3.8', '3.9', '3.10', '3.11', '3.12'][i % 5];
      const short = py.replace('.', '');
      const files = {
        'pyproject.toml': `[project]\nname = "svc-${i}"\nrequires-python = ">=${py}"\ndependencies = ["pandas>=1.5", "numpy>=1.24.0"]\n\n[tool.mypy]\npython_version = "${py}"\n\n[tool.ruff]\ntarget-version = "py${short}"\n`,
        Dockerfile: `ARG PYTHON_VERSION=${py}\nFROM python:\${PYTHON_VERSION}-slim AS build\nRUN pip install --no-cache-dir "pandas>=1.5" numpy==1.23.0\nFROM python:${py}-slim\nCOPY --from=build /app /app\n`,
        '.github/workflows/ci.yml': `name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python-version: ["3.8", "3.9", 3.10, "3.11"]\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: \${{ matrix.python-version }}\n`,
        'cloudbuild.yaml': `steps:\n  - name: python:${py}\n    args: [pytest]\n  - name: gcr.io/cloud-builders/gcloud\n    args: [functions, deploy, fn-${i}, --runtime=python${short}, --trigger-http]\n`,
        'app.yaml': `runtime: python${short}\nentrypoint: gunicorn -b :$PORT main:app\n`,
        '.python-version': `${py}\n`,
        'tox.ini': `[tox]\nenvlist = py38, py39, py310, py311\n\n[testenv]\ndeps = pytest>=7\ncommands = pytest\n`,
        'noxfile.py': `import nox\n\n@nox.session(python=["3.8", "3.9", "3.10"])\ndef tests(session):\n    session.install("pytest")\n    session.run("pytest")\n`,
        'environment.yml': `name: svc\ndependencies:\n  - python=${py}\n  - pip\n  - pip:\n    - pandas>=1.5\n`,
        'uv.lock': `version = 1\nrequires-python = ">=${py}"\n\n[[package]]\nname = "numpy"\nversion = "1.23.5"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "svc-${i}"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "numpy" }]\n`,
      };
      for (const [name, text] of Object.entries(files)) {
        const file = path.join(base, `svc-${i}`, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
    }
    fs.mkdirSync(path.join(base, '.git'));
    // The analysis as the editor runs it, with the files' texts in memory and its standards kept: every answer of the
    // file system is read from disk once and served from memory after. Then the whole `check` from disk.
    const disk = core.nodeFileSystem;
    const memory = Object.fromEntries(
      Object.entries(disk).map(([name, read]) => {
        const answers = new Map();
        return [
          name,
          (...args) => {
            const key = args.join('\0');
            if (!answers.has(key)) answers.set(key, read(...args));
            return answers.get(key);
          },
        ];
      }),
    );
    const standards = new core.StandardResolver(memory);
    const analysis = () => core.checkRepositories([base], { fs: memory, standards, relativeTo: base });
    const check = () =>
      core.checkRepositories([base], { fs: disk, standards: new core.StandardResolver(disk), relativeTo: base });
    const result = check();
    const files = result.files.length;
    const findings = result.files.reduce((n, f) => n + f.findings.length, 0);
    if (JSON.stringify(analysis().files) !== JSON.stringify(result.files))
      throw new Error('the analysis in memory found other findings than the check from disk');
    for (let i = 0; i < 20; i++) {
      analysis();
      check();
    }
    const [inMemory, fromDisk] = [time(analysis, 40), time(check, 30)];
    console.log(`\nkinds: 200 files of 10 kinds in 20 services, findings in ${files} of them, ${findings} findings`);
    report(
      'kinds: repository analysis (200 files in memory, all rules), median ms',
      inMemory,
      '≤ 20 ms',
      inMemory <= 20,
    );
    report('kinds: `check` from disk (discovery, reading, analysis), median ms', fromDisk);
  },

  async startup() {
    // `stack-standard check` on a small requirements file, as a pre-commit hook or a shell runs it, next to a bare
    // `node -e 0`, spawned in turns so a slow stretch of the machine hits all alike. The CLI as built starts from the
    // V8 code cache the build made (src/cli/launch.ts); a copy without it shows a Node that cannot take the cache.
    const cli = path.join(root, 'dist/cli.js');
    if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
    const dir = path.join(os.tmpdir(), 'stack-standard-bench', 'startup-v1');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    const text = '# service dependencies\npandas==1.5.3\nnumpy>=1.24.0\nrequests\nflask>=2.3.0\nacme-lib==1.2.0\n';
    fs.writeFileSync(path.join(dir, 'requirements.txt'), text);
    const uncached = path.join(dir, 'uncached');
    fs.mkdirSync(uncached);
    for (const name of ['cli.js', 'cli-main.js'])
      fs.copyFileSync(path.join(root, 'dist', name), path.join(uncached, name));
    const spawnMs = (args) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      return { ms, r };
    };
    const commands = {
      check: [cli, 'check', 'requirements.txt'],
      uncached: [path.join(uncached, 'cli.js'), 'check', 'requirements.txt'],
      bare: ['-e', '0'],
    };
    for (const command of [commands.check, commands.uncached]) {
      const { r } = spawnMs(command);
      const found = r.stdout.split('\n').filter((l) => l.startsWith('requirements.txt:')).length;
      // Two findings (pandas, requests) and exit code 1: the run measured is a real check, not a usage error.
      if (r.status !== 1 || found !== 2)
        throw new Error(`check exited ${r.status} with ${found} findings:\n${r.stderr}`);
    }
    const taken = spawnSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(String(require(${JSON.stringify(cli)}).loadBundle(${JSON.stringify(path.join(root, 'dist/cli-main.js'))}, true).script.cachedDataRejected))`,
      ],
      { encoding: 'utf8' },
    ).stdout;
    // Warm the page cache and node's own start-up files for every command.
    for (let i = 0; i < 3; i++) for (const command of Object.values(commands)) spawnMs(command);
    const times = { check: [], uncached: [], bare: [] };
    const ratios = { check: [], uncached: [] };
    for (let i = 0; i < 21; i++) {
      for (const [name, command] of Object.entries(commands)) times[name].push(spawnMs(command).ms);
      for (const name of ['check', 'uncached']) ratios[name].push(times[name][i] / times.bare[i]);
    }
    const cache = taken === 'false' ? 'taken' : taken === 'true' ? 'REJECTED by V8' : 'MISSING';
    console.log(
      `\nstartup: ${text.split('\n').length - 1}-line requirements.txt, 2 findings, 21 rounds; code cache ${cache}`,
    );
    report('startup: node dist/cli.js check requirements.txt, median ms', median(times.check));
    report('startup: the same without its code cache, median ms', median(times.uncached));
    report('startup: node -e 0, median ms', median(times.bare));
    report('startup: without the code cache / node -e 0, paired median (×)', median(ratios.uncached));
    const ratio = median(ratios.check);
    report('startup: check / node -e 0, median of paired runs (×)', ratio, '≤ 1.3×', ratio <= 1.3);
  },

  async bundle() {
    // The extension bundle as it ships: minified, no source map.
    const out = path.join(root, 'out/bench/extension.js');
    await esbuild.build({ ...EXTENSION_OPTIONS, absWorkingDir: root, outfile: out, minify: true });
    const { statSync } = await import('node:fs');
    const kb = statSync(out).size / 1024;
    console.log('');
    // 400 KB held the engine's first four file kinds; each of the thirty it reads now adds 2 to 7 KB (yaml, TOML, HCL and
    // the standard's validator are 160 KB of it). Activation stays within 50 ms in the real host.
    report('extension bundle (dist/extension.js, minified), KB', kb, '≤ 500 KB', kb <= 500);
  },
};

const only = process.argv[2];
if (only) {
  await BENCHMARKS[only]();
  process.stdout.write(childSummary());
} else runChildren(fileURLToPath(import.meta.url), Object.keys(BENCHMARKS));
