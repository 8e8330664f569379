import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  builtinStandard,
  checkRepositories,
  checkRepository,
  discover,
  FORMATS,
  formatFor,
  groupRepositories,
  isDiscovered,
  nodeFileSystem,
  overlayFileSystem,
  SKIPPED_FOLDERS,
  StandardResolver,
  walk,
  type DiscoveryOptions,
  type FileSystem,
  type Format,
} from '../../src/core';
import { ensureCliBuilt, needTool, parseCliJson, runCli, tempProject } from '../helpers';

const PANDAS = 'pandas==1.5.3\n';
const git = spawnSync('git', ['--version']).status === 0;

/** The files and standard files a walk of `dir` finds, relative to it, in path order. */
function found(dir: string, options: Partial<DiscoveryOptions> = {}): string[] {
  const d = discover(dir, { fs: nodeFileSystem, ...options });
  return [...d.files.map((f) => f.path), ...d.standards].map((f) => rel(dir, f)).sort();
}

function rel(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

describe('discovery', () => {
  it('skips every folder of the skip-list and virtual environments, known by pyvenv.cfg or conda-meta', () => {
    const tree: Record<string, string> = {
      'requirements.txt': PANDAS,
      'app/requirements.txt': PANDAS,
      'env2/pyvenv.cfg': 'home = /usr/bin\n',
      'env2/requirements.txt': PANDAS,
      'conda/conda-meta/history': '',
      'conda/requirements.txt': PANDAS,
      // A name that only looks like a skipped one is walked.
      'venv2/requirements.txt': PANDAS,
      'pkg.egg-info-notes/requirements.txt': PANDAS,
    };
    for (const name of SKIPPED_FOLDERS) tree[`${name.replace('*', 'mypkg')}/requirements.txt`] = PANDAS;
    const dir = tempProject(tree);
    assert.equal(SKIPPED_FOLDERS.length, 18);
    assert.deepEqual(found(dir), [
      'app/requirements.txt',
      'pkg.egg-info-notes/requirements.txt',
      'requirements.txt',
      'venv2/requirements.txt',
    ]);
    // A virtual environment named as the root is walked: the user asked for it.
    assert.deepEqual(found(path.join(dir, 'env2')), ['requirements.txt']);
  });

  it('leaves out what .gitignore files and .git/info/exclude ignore, with git’s rules, as git itself does', function () {
    const files = [
      'requirements.txt',
      'build/lib/requirements.txt',
      'src/build/requirements.txt',
      'generated/requirements.txt',
      'src/generated/requirements.txt',
      'requirements-prod.txt',
      'requirements-dev.txt',
      'vendor/keep/requirements.txt',
      'pyproject.toml',
      'pkg/pyproject.toml/requirements.txt',
      'services/build/requirements.txt',
      'services/x/main.tf',
      'infra/main.tf',
      'local/requirements.txt',
      'services/api/requirements-prod.txt',
      'services/api/stack-standard.yaml',
      'Docs/requirements.txt',
    ];
    const tree: Record<string, string> = {
      // Unanchored, anchored, a negation, a negation a parent folder's exclusion defeats, a folder-only pattern.
      '.gitignore': [
        'build/',
        '/generated',
        'requirements-*.txt',
        '!requirements-dev.txt',
        'vendor/',
        '!vendor/keep/requirements.txt',
        'pyproject.toml/',
        'docs/',
        '',
      ].join('\n'),
      // A deeper file wins over the one above it, and applies to its own folder and below.
      'services/.gitignore': '!build/\n*.tf\n',
      'services/api/.gitignore': '!requirements-prod.txt\n',
    };
    for (const f of files)
      tree[f] = f.endsWith('.tf') ? 'terraform {}\n' : f.endsWith('.yaml') ? 'packages: {}\n' : PANDAS;
    // git matches case-sensitively where the file system does: on Linux `docs/` leaves `Docs/` alone.
    const expected = [
      ...(process.platform === 'linux' ? ['Docs/requirements.txt'] : []),
      'infra/main.tf',
      'pyproject.toml',
      'requirements-dev.txt',
      'requirements.txt',
      'services/api/requirements-prod.txt',
      'services/api/stack-standard.yaml',
      'services/build/requirements.txt',
      'src/generated/requirements.txt',
    ];
    const dir = tempProject({ ...tree, '.git/HEAD': 'ref: refs/heads/main\n', '.git/info/exclude': 'local/\n' });
    assert.deepEqual(found(dir), expected);
    needTool(this, 'git', git);
    const real = tempProject(tree);
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: real }).status, 0);
    fs.writeFileSync(path.join(real, '.git/info/exclude'), 'local/\n');
    const listed = spawnSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: real, encoding: 'utf8' });
    const kept = new Set(listed.stdout.split('\n'));
    assert.deepEqual(files.filter((f) => kept.has(f)).sort(), expected);
    assert.deepEqual(found(real), expected);
  });

  it('reads .git/info/exclude from the git folder a .git file names (a worktree or a submodule)', () => {
    const dir = tempProject({
      'main/.git/info/exclude': 'ignored/\n',
      'main/.git/worktrees/wt/commondir': '../..\n',
      'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
      'wt/ignored/requirements.txt': PANDAS,
      'wt/kept/requirements.txt': PANDAS,
    });
    assert.deepEqual(found(path.join(dir, 'wt')), ['kept/requirements.txt']);
  });

  it('applies the .gitignore files above the folder walked, within its repository, but not one it is named by', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.tf\nbuild/\n',
      'svc/main.tf': 'terraform {}\n',
      'svc/requirements.txt': PANDAS,
      'build/lib/requirements.txt': PANDAS,
      'build/lib/main.tf': 'terraform {}\n',
    });
    assert.deepEqual(found(path.join(dir, 'svc')), ['requirements.txt']);
    // Naming an ignored folder checks it, as ripgrep and ruff do; the rules that ignore it are out for its content.
    assert.deepEqual(found(path.join(dir, 'build')), ['lib/main.tf', 'lib/requirements.txt']);
    // A nested repository starts afresh: the outer repository's .gitignore stops at its edge.
    fs.mkdirSync(path.join(dir, 'svc/inner/.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'svc/inner/main.tf'), 'terraform {}\n');
    assert.deepEqual(found(dir), ['svc/inner/main.tf', 'svc/requirements.txt']);
  });

  it('does not follow a symbolic link to a folder', () => {
    const dir = tempProject({ 'real/requirements.txt': PANDAS, 'outside/requirements.txt': PANDAS });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'real/loop'), 'dir');
    fs.symlinkSync(path.join(dir, 'outside'), path.join(dir, 'real/linked'), 'dir');
    assert.deepEqual(found(path.join(dir, 'real')), ['requirements.txt']);
  });

  it("leaves out what the governing standard's exclude names, relative to the standard file's folder", () => {
    const dir = tempProject({
      'stack-standard.yaml':
        'exclude:\n  - vendor/\n  - "legacy/*.txt"\n  - "!legacy/keep-requirements.txt"\n  - /top.tf\n',
      'requirements.txt': PANDAS,
      'vendor/requirements.txt': PANDAS,
      'legacy/requirements.txt': PANDAS,
      'legacy/keep-requirements.txt': PANDAS,
      'legacy/old/requirements.txt': PANDAS,
      'top.tf': 'terraform {}\n',
      'mod/top.tf': 'terraform {}\n',
      // A folder with its own standard follows that one's exclude, relative to it.
      'team/stack-standard.yaml': 'exclude: [generated/]\n',
      'team/vendor/requirements.txt': PANDAS,
      'team/generated/requirements.txt': PANDAS,
    });
    const standards = new StandardResolver(nodeFileSystem);
    assert.deepEqual(found(dir, { standards }), [
      'legacy/keep-requirements.txt',
      'legacy/old/requirements.txt',
      'mod/top.tf',
      'requirements.txt',
      'stack-standard.yaml',
      'team/stack-standard.yaml',
      'team/vendor/requirements.txt',
    ]);
    // Without a standard to ask, nothing is excluded.
    assert.equal(found(dir).length, 11);
    // A standard given instead of the nearest one (--standard) excludes relative to its own folder.
    const override = new StandardResolver(nodeFileSystem, path.join(dir, 'team/stack-standard.yaml'));
    assert.deepEqual(found(path.join(dir, 'team'), { standards: override }), [
      'stack-standard.yaml',
      'vendor/requirements.txt',
    ]);
  });

  it("leaves out what the caller's exclude names, folders and files", () => {
    const dir = tempProject({ 'a/requirements.txt': PANDAS, 'b/requirements.txt': PANDAS, 'b/main.tf': '' });
    const asked: string[] = [];
    const exclude = (file: string, folder: boolean) => {
      asked.push(`${rel(dir, file)}${folder ? '/' : ''}`);
      return rel(dir, file) === 'a' || file.endsWith('.tf');
    };
    assert.deepEqual(found(dir, { exclude }), ['b/requirements.txt']);
    assert.deepEqual(asked.sort(), ['a/', 'b/', 'b/main.tf', 'b/requirements.txt']);
  });

  it('reads each folder once, looks into no file but each .py once (for script metadata), and can stop between folders', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 10; j++) tree[`pkg${i}/${j % 2 ? `mod${j}.py` : `requirements-${j}.txt`}`] = PANDAS;
    const counted = (dir: string, over = (counting: FileSystem) => counting) => {
      const calls = { readDir: 0, exists: 0, readFile: 0, contains: [] as string[] };
      const counting = over({
        readFile: (p) => (calls.readFile++, nodeFileSystem.readFile(p)),
        readDecoded: (p) => (calls.readFile++, nodeFileSystem.readDecoded?.(p)),
        exists: (p) => (calls.exists++, nodeFileSystem.exists(p)),
        readDir: (p) => (calls.readDir++, nodeFileSystem.readDir?.(p)),
        contains: (p, marker) => (calls.contains.push(path.basename(p)), nodeFileSystem.contains?.(p, marker) ?? false),
      });
      const steps = walk(dir, { fs: counting, standards: new StandardResolver(counting) });
      const folders: string[] = [];
      let step = steps.next();
      while (!step.done) {
        folders.push(rel(dir, step.value));
        // The walk does no work ahead of the step it was asked for.
        assert.equal(calls.readDir, folders.length);
        step = steps.next();
      }
      return { calls, folders, discovery: step.value };
    };
    const big = counted(tempProject(tree));
    assert.equal(big.folders.length, 21);
    assert.equal(big.discovery.files.length, 100);
    assert.equal(big.calls.readFile, 0);
    assert.equal(big.calls.contains.length, 100);
    assert.ok(big.calls.contains.every((name) => name.endsWith('.py')));
    // So does a walk over the CLI's file system, which holds the fixes' texts over the disk's: a file a fix changed
    // answers from its new text.
    const dir = tempProject(tree);
    const overlaid = counted(dir, (counting) => {
      const overlay = overlayFileSystem(counting);
      overlay.write(path.join(dir, 'pkg0', 'mod1.py'), '# /// script\n# dependencies = []\n# ///\n');
      return overlay;
    });
    assert.deepEqual([overlaid.calls.readFile, overlaid.calls.contains.length], [0, 99]);
    assert.deepEqual(
      overlaid.discovery.files.filter((f) => f.path.endsWith('.py')).map((f) => rel(dir, f.path)),
      ['pkg0/mod1.py'],
    );
    // Only the root's place (its repository, the standard above it) is looked up, so a tree of one file costs as much.
    const small = counted(tempProject({ 'requirements.txt': PANDAS }));
    assert.deepEqual([small.folders, small.discovery.files.length], [[''], 1]);
    assert.equal(big.calls.exists, small.calls.exists);
  });

  it('knows a file by its name the same in every folder, but for the kinds whose folder or neighbours say', () => {
    // Every name of a fixture file and of a format's globs, asked in folders that some formats look at.
    const fixtureNames = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? fixtureNames(path.join(dir, e.name)) : [e.name]));
    const names = new Set([
      ...fixtureNames(path.join(__dirname, '../fixtures')),
      ...FORMATS.flatMap((f) => f.globs).map((g) =>
        path.posix
          .basename(g)
          .replace(/\*/g, 'x')
          .replace(/\[(.)[^\]]*\]/g, '$1'),
      ),
    ]);
    const folders = [
      '/p',
      '/p/.github/workflows',
      '/p/.devcontainer',
      '/p/.devcontainer/x',
      '/p/requirements',
      '/{{x}}',
    ];
    const byName: readonly Format[] = FORMATS.filter((f: Format) => f.matches.length < 2 && !f.byFolder);
    for (const name of names)
      for (const f of byName)
        for (const folder of folders)
          assert.equal(f.matches(`${folder}/${name}`), f.matches(name), `${f.kind} ${name}`);
    // The answer kept for a name does not hide what a folder says of it, whichever folder asks first.
    const asked = [
      ['/p/ci.yml', undefined],
      ['/p/.github/workflows/ci.yml', 'workflow'],
      ['/p/.devcontainer/devcontainer.json', 'devcontainer'],
      ['/p/devcontainer.json', undefined],
      ['/p/dev.in', undefined],
      ['/p/requirements/dev.in', 'requirements'],
      ['/p/{{cookiecutter.slug}}/requirements.txt', undefined],
      ['/p/requirements.txt', 'requirements'],
    ];
    for (const order of [asked, [...asked].reverse()])
      assert.deepEqual(
        order.map(([file]) => [file, formatFor(file as string)?.kind]),
        order,
      );
  });

  it('hands a folder of many entries back in parts, every 64 entries, reading it once', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 200; i++) tree[`app/m${i}.py`] = i === 150 ? '# /// script\n# dependencies = []\n# ///\n' : '';
    const dir = tempProject(tree);
    let readDir = 0;
    const counting: FileSystem = { ...nodeFileSystem, readDir: (p) => (readDir++, nodeFileSystem.readDir?.(p)) };
    const steps = walk(dir, { fs: counting });
    const taken: string[] = [];
    let step = steps.next();
    while (!step.done) {
      taken.push(rel(dir, step.value));
      step = steps.next();
    }
    // The root (one entry), then app's 200 entries: after the 64th, 128th and 192nd, and at its end.
    assert.deepEqual(taken, ['', 'app', 'app', 'app', 'app']);
    assert.equal(readDir, 2);
    assert.deepEqual(
      step.value.files.map((f) => rel(dir, f.path)),
      ['app/m150.py'],
    );
  });

  it('says whether a file or folder a watcher reports is one the walk finds or enters', () => {
    const dir = tempProject({
      '.gitignore': 'build/\n',
      'stack-standard.yaml': 'exclude: [old/]\n',
      'requirements.txt': PANDAS,
      'svc/requirements.txt': PANDAS,
      'build/requirements.txt': PANDAS,
      'old/requirements.txt': PANDAS,
      'node_modules/x/requirements.txt': PANDAS,
      '.venv/pyvenv.cfg': '',
      'env/pyvenv.cfg': '',
      'env/requirements.txt': PANDAS,
      'svc/notes.txt': '',
    });
    const options = { fs: nodeFileSystem, standards: new StandardResolver(nodeFileSystem) };
    const all = [
      'requirements.txt',
      'svc/requirements.txt',
      'build/requirements.txt',
      'old/requirements.txt',
      'node_modules/x/requirements.txt',
      'env/requirements.txt',
      'svc/notes.txt',
      'stack-standard.yaml',
      'missing/requirements.txt',
    ];
    const walked = new Set(found(dir, options));
    assert.deepEqual([...walked].sort(), ['requirements.txt', 'stack-standard.yaml', 'svc/requirements.txt']);
    for (const f of all) assert.equal(isDiscovered(path.join(dir, f), dir, options), walked.has(f), f);
    assert.equal(isDiscovered(path.join(path.dirname(dir), 'requirements.txt'), dir, options), false);
    // A folder is one the walk enters: not one git ignores, the standard excludes, the walk skips, or a virtual
    // environment, nor anything inside those.
    const folders = ['svc', 'build', 'old', 'node_modules', 'node_modules/x', '.venv', 'env', 'missing'];
    assert.deepEqual(
      folders.filter((f) => isDiscovered(path.join(dir, f), dir, options)),
      ['svc'],
    );
  });
});

describe('repositories', () => {
  it('groups files by the nearest folder holding .git, a folder or a file, and knows which hold Python', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'requirements.txt': PANDAS,
      'app/main.py': '',
      'libs/inner/.git/HEAD': 'ref: refs/heads/main\n',
      'libs/inner/requirements.txt': PANDAS,
      'libs/sub/.git': 'gitdir: ../../.git/modules/sub\n',
      'libs/sub/pyproject.toml': '[project]\nname = "sub"\n',
      'libs/sub/src/sub.py': '',
      // Python the walk leaves out does not count.
      'libs/inner/.venv/pyvenv.cfg': '',
      'libs/inner/.venv/lib/site.py': '',
    });
    const d = discover(dir, { fs: nodeFileSystem });
    const repositories = groupRepositories([d]).map((r) => ({
      root: rel(dir, r.root) || '.',
      git: r.git,
      hasPython: r.hasPython,
      files: r.files.map((f) => rel(dir, f.path)),
    }));
    assert.deepEqual(
      repositories.sort((a, b) => a.root.localeCompare(b.root)),
      [
        { root: '.', git: true, hasPython: true, files: ['requirements.txt'] },
        { root: 'libs/inner', git: true, hasPython: false, files: ['libs/inner/requirements.txt'] },
        { root: 'libs/sub', git: true, hasPython: true, files: ['libs/sub/pyproject.toml'] },
      ],
    );
  });

  it('outside any git repository, a folder walked stands for itself unless it lies in another folder walked', () => {
    const dir = tempProject({ 'a/x.py': '', 'a/b/y.py': '', 'a/b/c/requirements.txt': PANDAS, 'd/z.py': '' });
    const walks = ['a/b/c', 'a/b', 'a', 'd'].map((f) => discover(path.join(dir, f), { fs: nodeFileSystem }));
    assert.deepEqual(
      groupRepositories(walks).map((r) => [rel(dir, r.root), r.git, r.hasPython, r.files.length]),
      [
        ['a', false, true, 1],
        ['d', false, true, 0],
      ],
    );
    assert.deepEqual(
      groupRepositories([walks[1]]).map((r) => [rel(dir, r.root), r.hasPython]),
      [['a/b', true]],
    );
  });

  it('analyses each file once, reports an include reached from two files once, and sorts by path in one fixed reading order', () => {
    const dir = tempProject({
      'B/requirements.txt': '-r ../common.txt\npandas==1.0\n',
      'a/requirements.txt': '-r ../common.txt\nnumpy==1.0\n',
      'a-b/requirements.txt': PANDAS,
      'a_b/requirements.txt': PANDAS,
      'common.txt': 'requests\nflask==1.0\n',
    });
    const standards = new StandardResolver(nodeFileSystem);
    const check = checkRepositories([dir, path.join(dir, 'a')], { fs: nodeFileSystem, standards, relativeTo: dir });
    assert.equal(check.invalid, undefined);
    assert.deepEqual(
      check.files.map((f) => [rel(dir, f.file), f.findings.map((x) => `${x.range.start.line}:${x.code}`)]),
      [
        // As a file explorer in English shows them, case folded (`B` after `a…`), on any machine.
        ['a_b/requirements.txt', ['0:conflicts-with-minimum']],
        ['a-b/requirements.txt', ['0:conflicts-with-minimum']],
        ['a/requirements.txt', ['1:conflicts-with-minimum']],
        ['B/requirements.txt', ['1:conflicts-with-minimum']],
        ['common.txt', ['0:missing-minimum', '1:conflicts-with-minimum']],
      ],
    );
  });

  it('checks a file it is given even when git ignores it or the standard excludes it', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      'stack-standard.yaml': 'extends: builtin\nexclude: [old/]\n',
      'build/lib/requirements.txt': PANDAS,
      'old/requirements.txt': PANDAS,
    });
    const options = { fs: nodeFileSystem, standards: new StandardResolver(nodeFileSystem), relativeTo: dir };
    assert.deepEqual(checkRepositories([dir], options).files, []);
    const named = checkRepositories(
      [path.join(dir, 'build/lib/requirements.txt'), path.join(dir, 'old/requirements.txt')],
      options,
    );
    assert.deepEqual(
      named.files.map((f) => [rel(dir, f.file), f.findings.map((x) => x.code)]),
      [
        ['build/lib/requirements.txt', ['conflicts-with-minimum']],
        ['old/requirements.txt', ['conflicts-with-minimum']],
      ],
    );
  });

  it('reports a missing pre-commit config per repository, nested ones included, and stops at an invalid standard', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app.py': '',
      'inner/.git': 'gitdir: ../.git/modules/inner\n',
      'inner/lib.py': '',
      'inner/.pre-commit-config.yaml': 'repos: []\n',
      'tools/.git/HEAD': 'ref: refs/heads/main\n',
      'tools/run.py': '',
    });
    const fsOverlay = overlayFileSystem(nodeFileSystem);
    const options = { fs: fsOverlay, standards: new StandardResolver(fsOverlay), relativeTo: dir };
    const missing = (files: ReturnType<typeof checkRepositories>['files']) =>
      files.flatMap((f) => f.findings.filter((x) => x.code === 'precommit-config-missing').map(() => rel(dir, f.file)));
    assert.deepEqual(missing(checkRepositories([dir], options).files), [
      '.pre-commit-config.yaml',
      'tools/.pre-commit-config.yaml',
    ]);
    // A config a fix created (in memory) is in its folder's listing: the next pass checks it, and nothing is missing.
    fsOverlay.write(path.join(dir, '.pre-commit-config.yaml'), 'repos: []\n');
    const again = checkRepositories([dir], options).files;
    assert.deepEqual(missing(again), ['tools/.pre-commit-config.yaml']);
    assert.ok(again.some((f) => rel(dir, f.file) === '.pre-commit-config.yaml'));
    fs.writeFileSync(path.join(dir, 'stack-standard.yaml'), 'python: 3.10\n');
    const invalid = checkRepositories([dir], { ...options, standards: new StandardResolver(fsOverlay) });
    assert.deepEqual([invalid.files, invalid.invalid?.file], [[], path.join(dir, 'stack-standard.yaml')]);
  });
  it('puts a missing pre-commit config on a file that exists when asked, the fix still creating the config', () => {
    const root = path.join(path.sep, 'repo');
    const none: FileSystem = { readFile: () => undefined, exists: () => false };
    const [onConfig] = checkRepository(root, true, builtinStandard(), none);
    const [onPyproject] = checkRepository(root, true, builtinStandard(), none, path.join(root, 'pyproject.toml'));
    assert.deepEqual(onPyproject, { ...onConfig, file: path.join(root, 'pyproject.toml') });
    assert.deepEqual(
      onConfig.fixes[0].edits.map((e) => [e.file, e.create]),
      [[path.join(root, '.pre-commit-config.yaml'), true]],
    );
  });
});

describe('the CLI and .gitignore', () => {
  before(ensureCliBuilt);

  it('does not check build/lib/requirements.txt under an ignored build/, unless it is named', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      'requirements.txt': 'pandas>=2.0.0\n',
      'build/lib/requirements.txt': PANDAS,
    });
    assert.deepEqual(runCli(dir, 'check'), { code: 0, stdout: '', stderr: '' });
    const named = runCli(dir, 'check', 'build/lib/requirements.txt', '--format', 'json');
    assert.deepEqual(
      parseCliJson(named.stdout).findings.map((f) => [f.file, f.code, f.range.start.line, f.range.start.character]),
      [['build/lib/requirements.txt', 'conflicts-with-minimum', 0, 6]],
    );
    assert.equal(named.code, 1);
  });
});
