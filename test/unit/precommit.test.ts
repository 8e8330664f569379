import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  applyEdits,
  builtinStandard,
  loadStandard,
  nodeFileSystem,
  PRECOMMIT_CONFIG,
  type FileSystem,
  type Finding,
  type Range,
  type Standard,
} from '../../src/core';
import { repositoryRoot } from '../../src/core/discovery';
import { checkRepository } from '../../src/core/repository';
import {
  check as checkFile,
  ensureCliBuilt,
  fixOnce,
  fixturePath,
  needTool,
  runCli,
  tempProject,
  parseCliJson,
} from '../helpers';
import { GoldenCase, goldenCases, readGoldenCases } from '../helpers/golden';

// The standard's pre-commit section exactly as the issue writes it.
const PRECOMMIT_SECTION = `precommit:
  hooks:
    - { repo: https://github.com/psf/black, id: black, minimum: "23.0.0", rev: "23.1.0" }
    - { repo: https://github.com/pycqa/flake8, id: flake8, minimum: "6.0.0", rev: "6.0.0" }
    - { repo: https://github.com/pre-commit/mirrors-mypy, id: mypy, minimum: "1.4.0", rev: "v1.4.0" }
`;
// The built-in standard supplies Python 3.10 and the package minimums that additional_dependencies are held to.
const STANDARD = `extends: builtin\n${PRECOMMIT_SECTION}`;

// The file --fix creates: the standard's hooks at their revs.
const CREATED_CONFIG = `# See https://pre-commit.com for more information
repos:
  - repo: https://github.com/psf/black
    rev: 23.1.0
    hooks:
      - id: black
  - repo: https://github.com/pycqa/flake8
    rev: 6.0.0
    hooks:
      - id: flake8
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.4.0
    hooks:
      - id: mypy
`;

/** The config of the golden case test/fixtures/<kind>/<name>, as its input or after one run of the fixer. */
function config(kindAndName: string, when: 'input' | 'fixed' = 'input'): string {
  const [kind, name] = kindAndName.split('/');
  return new GoldenCase(kind, name)[when](PRECOMMIT_CONFIG);
}
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** A finding as plain data: ranges as 0-based `line:character-line:character`, the standard file by its name. */
interface Shown {
  code: string;
  severity: string;
  range: string;
  message: string;
  fixes: { title: string; preferred: boolean; edits: [string, string][] }[];
  related?: string[];
}

function show(f: Finding): Shown {
  const shown: Shown = {
    code: f.code,
    severity: f.severity,
    range: at(f.range),
    message: f.message,
    fixes: f.fixes.map((x) => ({
      title: x.title,
      preferred: x.isPreferred === true,
      edits: x.edits.map((e): [string, string] => [at(e.range), e.newText]),
    })),
  };
  if (f.related)
    shown.related = f.related.map((r) => `${path.basename(r.location.file)} ${at(r.location.range)}: ${r.message}`);
  return shown;
}

let standard: Standard;
let standardWithHooksRepo: Standard;

const CONFIG = path.join(os.tmpdir(), 'repo', '.pre-commit-config.yaml');

/** Analyse `text` as a repository's .pre-commit-config.yaml; every finding and edit must stay in that file. */
function check(text: string, std = standard): Shown[] {
  const findings = checkFile(CONFIG, text, { standard: std });
  for (const f of findings)
    assert.deepEqual(
      [f.file, ...f.fixes.flatMap((x) => x.edits.map((e) => e.file))].filter((p) => p !== CONFIG),
      [],
    );
  return findings.map(show);
}

/** Runs of the fixer until one changes nothing; two different insertions at one place take a run each. */
function fixAll(text: string, std = standard): { text: string; runs: number } {
  for (let runs = 0; runs < 10; runs++) {
    const next = fixOnce(CONFIG, text, { standard: std, overlapsWait: true });
    if (next === text) return { text, runs };
    text = next;
  }
  assert.fail('the fixer did not reach a fixed point in 10 runs');
}

const HOOKS = {
  black: { repo: 'https://github.com/psf/black', rev: '23.1.0', related: 'stack-standard.yaml 3:6-3:89' },
  flake8: { repo: 'https://github.com/pycqa/flake8', rev: '6.0.0', related: 'stack-standard.yaml 4:6-4:91' },
  mypy: { repo: 'https://github.com/pre-commit/mirrors-mypy', rev: 'v1.4.0', related: 'stack-standard.yaml 5:6-5:101' },
  // Only in the standard of the several-hooks case.
  'trailing-whitespace': {
    repo: 'https://github.com/pre-commit/pre-commit-hooks',
    rev: 'v4.4.0',
    related: 'stack-standard.yaml 6:6-6:102',
  },
  'end-of-file-fixer': {
    repo: 'https://github.com/pre-commit/pre-commit-hooks',
    rev: 'v4.4.0',
    related: 'stack-standard.yaml 7:6-7:100',
  },
};

type HookId = keyof typeof HOOKS;

/**
 * The `hook-missing` finding of each of `ids`, all on `range`: hooks missing at one place share one fix, which inserts
 * `newText` at `insertAt` for all of them. `repoThere` when their repository is listed and only the hooks are missing.
 */
function hooksMissing(ids: HookId[], range: string, insertAt: string, newText: string, repoThere = false): Shown[] {
  const [one] = ids;
  const title = repoThere
    ? `Add the ${ids.join(', ')} hook${ids.length > 1 ? 's' : ''}`
    : ids.length === 1
      ? `Add ${HOOKS[one].repo} with the ${one} hook at ${HOOKS[one].rev}`
      : `Add the missing ${ids.join(', ')} hooks`;
  return ids.map((id) => ({
    code: 'hook-missing',
    severity: 'warning',
    range,
    message: repoThere
      ? `The ${id} hook of ${HOOKS[id].repo} is required by the standard but not enabled`
      : `The standard requires the ${id} hook from ${HOOKS[id].repo}, which is not configured`,
    fixes: [{ title, preferred: true, edits: [[insertAt, newText]] }],
    related: [`${HOOKS[id].related}: The ${id} hook is set here by the standard`],
  }));
}

/** `hook-below-minimum` for `rev` (as the message shows it) at `range`, fixed by `edits`. */
function belowMinimum(
  id: 'black' | 'flake8' | 'mypy',
  url: string,
  rev: string,
  range: string,
  edits: [string, string][],
): Shown {
  const minimum = { black: '23.0.0', flake8: '6.0.0', mypy: '1.4.0' }[id];
  return {
    code: 'hook-below-minimum',
    severity: 'warning',
    range,
    message: `${id} (${url}) rev ${rev} is below the standard minimum ${minimum}`,
    fixes: [{ title: `Change ${id} rev to ${HOOKS[id].rev}`, preferred: true, edits }],
    related: [`${HOOKS[id].related}: The minimum for ${id} is set here by the standard`],
  };
}

const block = (indent: string, id: HookId) =>
  `${indent}- repo: ${HOOKS[id].repo}\n${indent}  rev: ${HOOKS[id].rev}\n${indent}  hooks:\n${indent}    - id: ${id}`;

const blocks = (indent: string, ...ids: HookId[]) => ids.map((id) => block(indent, id)).join('\n');

function yamlErrors(text: string): string[] {
  return parseDocument(text, { uniqueKeys: false }).errors.map((e) => e.message.split('\n')[0]);
}

/** Runs `pre-commit validate-config` once over all the texts; its complaints, or nothing. */
function validateConfigs(texts: Record<string, string>): string[] {
  const dir = tempProject({});
  const files = Object.entries(texts).map(([name, text]) => {
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.yaml`);
    fs.writeFileSync(file, text);
    return file;
  });
  const r = spawnSync('pre-commit', ['validate-config', ...files], { encoding: 'utf8' });
  return r.status === 0 ? [] : [r.stdout + r.stderr];
}

/** The config of every golden case of `kind` after the fix, with LF and CRLF, but those that do not parse. */
function fixedConfigs(kind: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const golden of readGoldenCases(kind)) {
    if (golden.name.startsWith('broken-')) continue;
    texts[golden.name] = golden.fixed(PRECOMMIT_CONFIG);
    texts[`${golden.name} (CRLF)`] = crlf(golden.fixed(PRECOMMIT_CONFIG));
  }
  return texts;
}

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

/** A fix never breaks the YAML of a config; a broken one keeps exactly its errors. */
const sameYamlErrors = ({ file, before, after }: { file: string; before: string; after: string }) =>
  assert.deepEqual(yamlErrors(after), yamlErrors(before), file);

// Each config of test/fixtures/precommit under the standard above, with LF and CRLF, one run of the fixer settling it.
// Lines are counted from 0 here, as expected.json counts them.
goldenCases('precommit', {
  standard: STANDARD,
  about: {
    // Inside a quoted flow item (line 13) the range is the specifier alone, so the quotes stay. pandas-stubs and
    // types-requests are other packages than pandas and requests. A local Python hook (line 31): its Python and its
    // additional_dependencies are held to the standard like any other's.
    outdated: 'revs, Pythons and additional_dependencies below the standard',
    'url-forms': 'a repository matched however its URL is written',
    // The fix replaces the SHA (keeping its quotes) and drops the comment that would be false.
    frozen: "a SHA judged by its '# frozen:' comment, and one without it only offered a rev",
    branch: 'a rev that is not a version gets an offered fix only, which the fixer does not apply',
    // black goes into its entry; mypy after the last repo and the comment indented into it, before the comment that
    // belongs to `exclude`.
    'indent-2': 'missing hooks inserted in a two-space file',
    'indent-4': 'missing hooks inserted in a four-space file (`-   repo:`)',
    'indent-4-compact': 'missing hooks inserted in a four-space file with compact lists (`- repo:`)',
    compact: 'missing hooks inserted in a file whose lists start at the key',
    quoted: 'each value inserted quoted as the file quotes it: URLs in single quotes, revs in double quotes, ids bare',
    flow: 'a hook missing from a flow list one item per line goes on a line of its own, before the trailing comma',
    'flow-inline':
      'a one-line flow list: the black hook into its repository, and one edit adding both new repositories',
    'empty-list': 'an empty `repos: []` gets every hook',
    'repos-null': 'a `repos:` without a value gets every hook',
    'no-repos': 'without `repos:` the findings sit on line 0, and the fix adds the key with every hook',
    empty: 'an empty file gets every hook',
    // A file that does not parse still yields what it can; no hook is called missing, since it may be in the unread
    // part.
    'broken-quote': 'a missing closing quote',
    'broken-flow': 'a flow map and list not indented enough',
    // With its own standard: two more hooks from one repository. The two go into the pre-commit-hooks entry, and
    // flake8 and mypy after the last entry, each in its own.
    'several-hooks': 'hooks missing at one place share the one edit adding them all',
  },
  crlf: true,
  afterFix: sameYamlErrors,
});

// Configs as real repositories write them, under the built-in standard.
goldenCases('precommit-builtin', {
  about: {
    'black-mirror': 'black from the mirror its documentation recommends, at a current rev: nothing to say',
    'black-mirror-old': "the mirror at an old rev: the fix writes the standard's rev and keeps the mirror",
    'ambv-black':
      "black under its old name, raised in place; flake8 from its old home, whose tags are not flake8's current versions",
    'flake8-gitlab':
      "a repository move offered, not applied: the entry's other settings may not fit the new repository",
    'local-hooks':
      "black, flake8 and mypy as local hooks are there; the Python one's additional_dependencies are pip requirements",
    'other-languages':
      "Go and npm packages are not requirements; nbQA's language is not in the file, but pandas==1.5.3 reads as one",
    legacy:
      'the old format, a list of repositories without `repos:`: read the same, `repos:` added and the missing hook added to the list',
    'legacy-none': 'the old format with every hook missing: one edit adds them after the last entry and its comment',
    'legacy-complete':
      'the old format with nothing missing: pre-commit 3 cannot read it, so `repos:` goes above the list',
  },
  crlf: true,
  afterFix: sameYamlErrors,
});

describe('.pre-commit-config.yaml', () => {
  before(() => {
    const load = (text: string) => {
      const dir = tempProject({ 'stack-standard.yaml': text });
      const loaded = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem);
      assert.deepEqual(loaded.errors, []);
      return loaded.standard;
    };
    standard = load(STANDARD);
    standardWithHooksRepo = loadStandard(
      fixturePath('precommit/several-hooks/input/stack-standard.yaml'),
      nodeFileSystem,
    ).standard;
  });

  it("accepts the standard's precommit section as the issue writes it", () => {
    const dir = tempProject({ 'stack-standard.yaml': PRECOMMIT_SECTION });
    const file = path.join(dir, 'stack-standard.yaml');
    const { standard: own, errors } = loadStandard(file, nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      own.precommit.hooks.map((h) => ({
        repos: h.repos,
        id: h.id,
        minimum: h.minimum?.text,
        rev: h.rev,
        severity: h.severity,
        at: `${path.basename(h.source.file)} ${at(h.source.range)}`,
      })),
      [
        {
          repos: ['https://github.com/psf/black'],
          id: 'black',
          minimum: '23.0.0',
          rev: '23.1.0',
          severity: undefined,
          at: 'stack-standard.yaml 2:6-2:89',
        },
        {
          repos: ['https://github.com/pycqa/flake8'],
          id: 'flake8',
          minimum: '6.0.0',
          rev: '6.0.0',
          severity: undefined,
          at: 'stack-standard.yaml 3:6-3:91',
        },
        {
          repos: ['https://github.com/pre-commit/mirrors-mypy'],
          id: 'mypy',
          minimum: '1.4.0',
          rev: 'v1.4.0',
          severity: undefined,
          at: 'stack-standard.yaml 4:6-4:101',
        },
      ],
    );
  });

  describe('findings', () => {
    it('match a repository however its URL is written', () => {
      const text = config('precommit/url-forms');
      const forms = [
        'https://github.com/psf/black',
        'https://github.com/psf/black.git',
        'https://github.com/psf/black/',
        'HTTPS://GITHUB.COM/PSF/BLACK',
        'http://github.com/psf/black',
        'git@github.com:psf/black.git',
        'git@github.com:psf/black',
        'ssh://git@github.com/psf/black.git',
        "'https://github.com/psf/black'",
      ];
      for (const form of forms) {
        const [first] = check(text.replace('HTTPS://GitHub.com/PSF/Black.git', form));
        const url = form.replace(/'/g, '');
        assert.equal(first.message, `black (${url}) rev 22.3.0 is below the standard minimum 23.0.0`, form);
      }
      // Another repository whose name merely starts the same is not the standard's: its black hook is black, but its
      // tags are not known to be black's versions.
      const fork = check(text.replace('HTTPS://GitHub.com/PSF/Black.git', 'https://github.com/psf/black-fork'));
      assert.deepEqual(
        fork.map((f) => [f.code, f.message]),
        [
          [
            'hook-repo-unknown',
            'black runs from https://github.com/psf/black-fork, a repository the standard does not list for it, so its rev 22.3.0 cannot be checked against the standard minimum 23.0.0',
          ],
          [
            'hook-below-minimum',
            'flake8 (git@github.com:PyCQA/flake8.git) rev 5.0.4 is below the standard minimum 6.0.0',
          ],
          [
            'hook-below-minimum',
            'mypy (http://github.com/pre-commit/mirrors-mypy/) rev v1.3.0 is below the standard minimum 1.4.0',
          ],
        ],
      );
    });

    it('find a hook in any entry of a repository listed twice', () => {
      const text =
        'repos:\n  - repo: https://github.com/psf/black\n    rev: 23.1.0\n    hooks: [{id: black-jupyter}]\n  - repo: https://github.com/psf/black\n    rev: 22.3.0\n    hooks: [{id: black}]\n' +
        '  - repo: https://github.com/pycqa/flake8\n    rev: 6.0.0\n    hooks: [{id: flake8}]\n  - repo: https://github.com/pre-commit/mirrors-mypy\n    rev: v1.4.0\n    hooks: [{id: mypy}]\n';
      assert.deepEqual(check(text), [
        belowMinimum('black', 'https://github.com/psf/black', '22.3.0', '5:9-5:15', [['5:9-5:15', '23.1.0']]),
      ]);
    });

    it('cover a whole dependency written with an escape, and offer no fix that would break it, saying why', () => {
      const text = config('precommit/url-forms')
        .replace(
          /rev: (22\.3\.0|5\.0\.4|v1\.3\.0)/g,
          (_, rev: string) => `rev: ${{ '22.3.0': '23.1.0', '5.0.4': '6.0.0', 'v1.3.0': 'v1.4.0' }[rev]}`,
        )
        .replace('      - id: mypy\n', '      - id: mypy\n        additional_dependencies: ["pandas\\x3d=1.5.3"]\n');
      assert.deepEqual(check(text), [
        {
          code: 'conflicts-with-minimum',
          severity: 'warning',
          range: '14:34-14:52',
          message:
            'pandas==1.5.3 is below the standard minimum 2.0.0; the string uses escapes, so change it by hand (no automatic fix)',
          fixes: [],
        },
      ]);
    });
  });

  describe('fixes', () => {
    it('writes a new entry under a `-` that stands alone on its line, with keys aligned to the others', () => {
      // Found by the fuzzer: the entry's keys start on the line after its `-`, which is at column 0.
      const text =
        'repos:\n-\n    repo: https://github.com/psf/black\n    rev: 23.1.0\n    hooks:\n    -\n        id: black\n' +
        '-   repo: https://github.com/pycqa/flake8\n    rev: 6.0.0\n    hooks:\n    -   id: flake8\n';
      const fixed = fixAll(text);
      assert.deepEqual(fixed, {
        text:
          text +
          '-   repo: https://github.com/pre-commit/mirrors-mypy\n    rev: v1.4.0\n    hooks:\n    -   id: mypy\n',
        runs: 1,
      });
      assert.deepEqual(yamlErrors(fixed.text), []);
      assert.deepEqual(check(fixed.text), []);
    });

    it('hooks missing at one place share the one edit adding them all, in a new file too: one run settles it', () => {
      const std = standardWithHooksRepo;
      // In a file (the several-hooks case), and in a new one: one entry per repository, its hooks together.
      const created = `repos:\n${blocks('  ', 'black', 'flake8', 'mypy')}\n${block('  ', 'trailing-whitespace')}\n      - id: end-of-file-fixer\n`;
      assert.deepEqual(
        check('', std),
        hooksMissing(
          ['black', 'flake8', 'mypy', 'trailing-whitespace', 'end-of-file-fixer'],
          '0:0-0:0',
          '0:0-0:0',
          created,
        ),
      );
      // An empty file has no line ending to follow, so it gets LF only.
      const fixed = fixAll('', std);
      assert.deepEqual(fixed, { text: created, runs: 1 });
      assert.deepEqual(yamlErrors(fixed.text), []);
      assert.deepEqual(check(fixed.text, std), []);
    });

    it('every fixed file passes `pre-commit validate-config`', function () {
      needTool(this, 'pre-commit', hasPreCommit);
      this.timeout(120000);
      const texts: Record<string, string> = {
        'the created file': CREATED_CONFIG,
        'several hooks in a new file': fixAll('', standardWithHooksRepo).text,
        ...fixedConfigs('precommit'),
      };
      assert.deepEqual(validateConfigs(texts), []);
    });

    it('`pre-commit validate-config` rejects what a misplaced insertion would write', function () {
      needTool(this, 'pre-commit', hasPreCommit);
      // The check above can fail: the block indented as a two-space file into a file that uses `-   repo:`.
      const misplaced = `${config('precommit/indent-4')}${block('      ', 'mypy')}\n`;
      assert.equal(validateConfigs({ misplaced }).length, 1);
    });
  });

  describe('a repository without a config (precommit-config-missing)', () => {
    const memory = (files: string[]): FileSystem => ({ readFile: () => undefined, exists: (p) => files.includes(p) });
    const root = path.join(os.tmpdir(), 'repo');
    const config = path.join(root, '.pre-commit-config.yaml');
    const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

    it('is reported on the repository root, with a fix creating the file from the standard', () => {
      assert.deepEqual(checkRepository(root, true, standard, memory([])), [
        {
          code: 'precommit-config-missing',
          severity: 'info',
          message:
            'This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
          file: config,
          range: start,
          fixes: [
            {
              title: "Create .pre-commit-config.yaml with the standard's hooks",
              isPreferred: true,
              edits: [{ file: config, range: start, newText: CREATED_CONFIG, create: true }],
            },
          ],
        },
      ]);
    });

    it('is not reported without Python files, with either config name, or when the standard has no hooks', () => {
      assert.deepEqual(checkRepository(root, false, standard, memory([])), []);
      assert.deepEqual(checkRepository(root, true, standard, memory([config])), []);
      assert.deepEqual(checkRepository(root, true, standard, memory([path.join(root, '.pre-commit-config.yml')])), []);
      assert.deepEqual(checkRepository(root, true, { ...standard, precommit: { hooks: [] } }, memory([])), []);
    });

    it('the created file is clean under the standard', () => {
      assert.deepEqual(yamlErrors(CREATED_CONFIG), []);
      assert.deepEqual(check(CREATED_CONFIG), []);
    });

    it('the repository root is the nearest folder holding .git, else the folder itself', () => {
      const fsWithGit = memory([path.join(root, '.git')]);
      assert.equal(repositoryRoot(path.join(root, 'src', 'app'), fsWithGit), root);
      assert.equal(repositoryRoot(path.join(root, 'src'), memory([])), path.join(root, 'src'));
    });
  });

  describe('the CLI', () => {
    before(ensureCliBuilt);

    it('finds .pre-commit-config.yaml and reports it as text and JSON', () => {
      const dir = tempProject({
        'stack-standard.yaml': STANDARD,
        '.pre-commit-config.yaml': config('precommit/outdated'),
        'app.py': 'print("hi")\n',
      });
      const text = runCli(dir, 'check');
      assert.equal(
        text.stdout,
        [
          '.pre-commit-config.yaml:3:11: warning python-below-minimum default_language_version python python3.8 is below the standard Python minimum 3.10',
          '.pre-commit-config.yaml:6:10: warning hook-below-minimum black (https://github.com/psf/black) rev 22.3.0 is below the standard minimum 23.0.0',
          '.pre-commit-config.yaml:9:27: warning python-below-minimum black language_version python3.9 is below the standard Python minimum 3.10',
          '.pre-commit-config.yaml:11:10: warning hook-below-minimum flake8 (https://github.com/pycqa/flake8) rev 5.0.4 is below the standard minimum 6.0.0',
          '.pre-commit-config.yaml:14:66: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0',
          '.pre-commit-config.yaml:16:10: warning hook-below-minimum mypy (https://github.com/pre-commit/mirrors-mypy) rev v1.3.0 is below the standard minimum 1.4.0',
          '.pre-commit-config.yaml:23:13: warning missing-minimum requests has no version constraint; the standard minimum is 2.31.0',
          '.pre-commit-config.yaml:24:20: warning below-minimum pandas>=1.3,<3 admits versions below the standard minimum 2.0.0',
          '.pre-commit-config.yaml:32:27: warning python-below-minimum python-version language_version python3.8 is below the standard Python minimum 3.10',
          '.pre-commit-config.yaml:33:41: warning conflicts-with-minimum pandas==1.0.0 is below the standard minimum 2.0.0',
          '10 problems (0 errors, 10 warnings); 10 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.equal(text.code, 1);
      const json = runCli(dir, 'check', '--format', 'json');
      const findings = parseCliJson(json.stdout).findings;
      assert.deepEqual(
        findings.map((f) => [f.file, f.code, at(f.range)]),
        [
          ['.pre-commit-config.yaml', 'python-below-minimum', '2:10-2:19'],
          ['.pre-commit-config.yaml', 'hook-below-minimum', '5:9-5:15'],
          ['.pre-commit-config.yaml', 'python-below-minimum', '8:26-8:35'],
          ['.pre-commit-config.yaml', 'hook-below-minimum', '10:9-10:14'],
          ['.pre-commit-config.yaml', 'conflicts-with-minimum', '13:65-13:72'],
          ['.pre-commit-config.yaml', 'hook-below-minimum', '15:9-15:15'],
          ['.pre-commit-config.yaml', 'missing-minimum', '22:12-22:20'],
          ['.pre-commit-config.yaml', 'below-minimum', '23:19-23:27'],
          ['.pre-commit-config.yaml', 'python-below-minimum', '31:26-31:35'],
          ['.pre-commit-config.yaml', 'conflicts-with-minimum', '32:40-32:47'],
        ],
      );
      const edit = {
        file: '.pre-commit-config.yaml',
        range: { start: { line: 5, character: 9 }, end: { line: 5, character: 15 } },
        newText: '23.1.0',
      };
      assert.deepEqual(findings[1], {
        file: '.pre-commit-config.yaml',
        code: 'hook-below-minimum',
        severity: 'warning',
        message: 'black (https://github.com/psf/black) rev 22.3.0 is below the standard minimum 23.0.0',
        range: edit.range,
        fixes: [{ title: 'Change black rev to 23.1.0', isPreferred: true, edits: [edit] }],
      });
    });

    it('reports every missing hook, though they share the `repos:` position', () => {
      const dir = tempProject({
        'stack-standard.yaml': STANDARD,
        '.pre-commit-config.yaml': config('precommit/indent-2'),
      });
      const r = runCli(dir, 'check');
      assert.equal(
        r.stdout,
        [
          '.pre-commit-config.yaml:2:1: warning hook-missing The black hook of https://github.com/psf/black is required by the standard but not enabled',
          '.pre-commit-config.yaml:2:1: warning hook-missing The standard requires the mypy hook from https://github.com/pre-commit/mirrors-mypy, which is not configured',
          '2 problems (0 errors, 2 warnings); 2 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.equal(parseCliJson(runCli(dir, 'check', '--format', 'json').stdout).findings.length, 2);
    });

    it('--fix rewrites the config to the fixed fixture, in as many passes as it takes', () => {
      const dir = tempProject({
        'stack-standard.yaml': STANDARD,
        '.pre-commit-config.yaml': config('precommit/no-repos'),
      });
      const r = runCli(dir, 'check', '--fix');
      assert.equal(
        fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8'),
        config('precommit/no-repos', 'fixed'),
      );
      assert.deepEqual([r.code, r.stdout], [0, '']);
      assert.deepEqual(runCli(dir, 'check'), { code: 0, stdout: '', stderr: '' });
    });

    it('reports a missing config once per repository, however many of its folders are named', () => {
      const dir = tempProject({
        'stack-standard.yaml': STANDARD,
        'app/main.py': 'print("hi")\n',
        'tools/run.py': 'print("hi")\n',
        '.git/HEAD': 'ref: refs/heads/main\n',
        'other/.git/HEAD': 'ref: refs/heads/main\n',
        'other/stack-standard.yaml': STANDARD,
        'other/lib.py': 'x = 1\n',
        'docs/readme.txt': 'no Python here\n',
      });
      const r = runCli(dir, 'check', '.', 'app', 'tools', 'other', '--fail-on', 'info');
      assert.equal(
        r.stdout,
        [
          '.pre-commit-config.yaml:1:1: info precommit-config-missing This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
          'other/.pre-commit-config.yaml:1:1: info precommit-config-missing This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
          '2 problems (0 errors, 0 warnings, 2 info); 2 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.equal(r.code, 1);
      const json = parseCliJson(runCli(dir, 'check', 'app', '--format', 'json').stdout);
      const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      assert.deepEqual(json.findings, [
        {
          file: '.pre-commit-config.yaml',
          code: 'precommit-config-missing',
          severity: 'info',
          message:
            'This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
          range: start,
          fixes: [
            {
              title: "Create .pre-commit-config.yaml with the standard's hooks",
              isPreferred: true,
              edits: [{ file: '.pre-commit-config.yaml', range: start, newText: CREATED_CONFIG, create: true }],
            },
          ],
        },
      ]);
      // A folder without Python files needs no config.
      assert.deepEqual(runCli(path.join(dir, 'docs'), 'check', '--fail-on', 'info'), {
        code: 0,
        stdout: '',
        stderr: '',
      });
    });

    it("--fix creates the missing config with the standard's hooks, and the next run finds the repository clean", () => {
      const dir = tempProject({
        'stack-standard.yaml': STANDARD,
        'app/main.py': 'print("hi")\n',
        '.git/HEAD': 'ref: refs/heads/main\n',
      });
      const r = runCli(dir, 'check', 'app', '--fix', '--fail-on', 'info');
      assert.equal(
        r.stderr,
        "fixed .pre-commit-config.yaml:1:1: Create .pre-commit-config.yaml with the standard's hooks\n",
      );
      assert.deepEqual([r.code, r.stdout], [0, '']);
      // The same text that pre-commit validates above.
      assert.equal(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8'), CREATED_CONFIG);
      assert.deepEqual(runCli(dir, 'check', '--fail-on', 'info'), { code: 0, stdout: '', stderr: '' });
    });
  });
});

describe('.pre-commit-config.yaml as real repositories write it, under the built-in standard', () => {
  const builtin = builtinStandard();
  const found = (text: string) => check(text, builtin);
  // The flake8 and mypy entries of black-mirror.yaml, at current revs, to follow a black entry under test.
  const FLAKE8_AND_MYPY = config('precommit-builtin/black-mirror').split(
    /(?=^  - repo: https:\/\/github.com\/PyCQA\/flake8)/m,
  )[1];

  /** A finding of the built-in standard (it has no file, so no related location). */
  const finding = (
    code: string,
    severity: string,
    range: string,
    message: string,
    fixes: Shown['fixes'] = [],
  ): Shown => ({ code, severity, range, message, fixes });
  const preferred = (title: string, ...edits: [string, string][]) => ({ title, preferred: true, edits });
  const offered = (title: string, ...edits: [string, string][]) => ({ title, preferred: false, edits });
  const revBelow = (id: string, url: string, rev: string, range: string, newRev: string, minimum: string) =>
    finding(
      'hook-below-minimum',
      'warning',
      range,
      `${id} (${url}) rev ${rev} is below the standard minimum ${minimum}`,
      [preferred(`Change ${id} rev to ${newRev}`, [range, newRev])],
    );
  const newBlock = (dash: string, keys: string, hookDash: string, url: string, rev: string, id: string) =>
    `${dash}repo: ${url}\n${keys}rev: ${rev}\n${keys}hooks:\n${hookDash}id: ${id}\n`;
  const blackBlock = (d: string, k: string, h: string) =>
    newBlock(d, k, h, 'https://github.com/psf/black', '23.1.0', 'black');
  const flake8Block = (d: string, k: string, h: string) =>
    newBlock(d, k, h, 'https://github.com/pycqa/flake8', '6.0.0', 'flake8');
  const mypyBlock = (d: string, k: string, h: string) =>
    newBlock(d, k, h, 'https://github.com/pre-commit/mirrors-mypy', 'v1.4.0', 'mypy');
  const missing = (id: string, url: string, range: string, fix: Shown['fixes'][number]) =>
    finding(
      'hook-missing',
      'warning',
      range,
      `The standard requires the ${id} hook from ${url}, which is not configured`,
      [fix],
    );
  const listFormat = (range: string, at: string, text = 'repos:\n') =>
    finding(
      'precommit-list-format',
      'warning',
      range,
      'This config is a list of repositories without `repos:`, a format pre-commit 3 and later no longer read',
      [preferred('Put the list under `repos:` (as `pre-commit migrate-config` does)', [at, text])],
    );

  const withCrlf = (shown: Shown[]) =>
    shown.map((f) => ({
      ...f,
      fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map(([r, t]): [string, string] => [r, crlf(t)]) })),
    }));

  it('the move offered for a hook from an unlisted repository leaves a file the standard finds clean', () => {
    const text = config('precommit-builtin/flake8-gitlab');
    const [unknown] = checkFile(CONFIG, text, { standard: builtin });
    const moved = applyEdits(text, unknown.fixes[0].edits).text;
    assert.equal(
      moved,
      text
        .replace("'https://gitlab.com/pycqa/flake8'", "'https://github.com/pycqa/flake8'")
        .replace("rev: '3.9.2'", "rev: '6.0.0'"),
    );
    assert.deepEqual(found(moved), []);
  });

  it('a required hook runs from any repository: the standard lists some, the rest get hook-repo-unknown, local and meta nothing', () => {
    const file = (blackRepo: string, rev: string) =>
      `repos:\n  - repo: ${blackRepo}\n    rev: ${rev}\n    hooks:\n      - id: black\n${FLAKE8_AND_MYPY}`;
    for (const listed of [
      'https://github.com/psf/black',
      'https://github.com/psf/black-pre-commit-mirror',
      'https://github.com/python/black',
      'https://github.com/ambv/black.git',
      'git@github.com:psf/black-pre-commit-mirror.git',
    ]) {
      assert.deepEqual(found(file(listed, '24.2.0')), [], listed);
      assert.deepEqual(
        found(file(listed, '22.3.0')),
        [revBelow('black', listed, '22.3.0', '2:9-2:15', '23.1.0', '23.0.0')],
        listed,
      );
      // Not a version: as from the standard's first repository, a fix is offered only.
      assert.deepEqual(
        found(file(listed, 'main')),
        [
          finding(
            'hook-rev-unknown',
            'info',
            '2:9-2:13',
            "black: rev 'main' is not a version, so it cannot be checked against the standard minimum 23.0.0",
            [offered('Change rev to 23.1.0', ['2:9-2:13', '23.1.0'])],
          ),
        ],
        listed,
      );
    }
    // A fork: black is there, but whether its tags are black's versions is not known. A frozen comment goes with the SHA.
    const sha = '8f0b0ce5a1f9e1bd62f1c5ab7c1e1ad2a0e6b9e7';
    assert.deepEqual(found(file('https://github.com/acme/black', `${sha}  # frozen: 22.3.0`)), [
      finding(
        'hook-repo-unknown',
        'info',
        '1:10-1:39',
        `black runs from https://github.com/acme/black, a repository the standard does not list for it, so its rev 8f0b0ce5a1f9 (frozen: 22.3.0) cannot be checked against the standard minimum 23.0.0`,
        [
          offered(
            'Change the repository to https://github.com/psf/black and rev to 23.1.0',
            ['1:10-1:39', 'https://github.com/psf/black'],
            ['2:9-2:49', '23.1.0'],
            ['2:49-2:67', ''],
          ),
        ],
      ),
    ]);
    // Also run from a listed repository, where its rev is judged: the fork is the repository's own business.
    const alsoListed = file('https://github.com/acme/black', '22.3.0').replace(
      'repos:\n',
      'repos:\n  - repo: https://github.com/psf/black-pre-commit-mirror\n    rev: 24.2.0\n    hooks: [{id: black}]\n',
    );
    assert.deepEqual(found(alsoListed), []);
    assert.deepEqual(
      found(alsoListed.replace('rev: 24.2.0', 'rev: 22.3.0')).map((f) => [f.code, f.range]),
      [['hook-below-minimum', '2:9-2:15']],
    );
    // An entry without a rev gets the finding without a fix: there is no rev to change.
    const noRev = found(file('https://github.com/acme/black', '24.2.0').replace('    rev: 24.2.0\n', ''));
    assert.deepEqual(
      noRev.map((f) => [f.code, f.message, f.fixes.length]),
      [
        [
          'hook-repo-unknown',
          'black runs from https://github.com/acme/black, a repository the standard does not list for it, so its rev cannot be checked against the standard minimum 23.0.0',
          0,
        ],
      ],
    );
    // local and meta are the repository's own: black counts, nothing is judged.
    const local =
      'repos:\n  - repo: local\n    hooks:\n      - {id: black, name: black, entry: black, language: system, types: [python]}\n';
    assert.deepEqual(found(`${local}${FLAKE8_AND_MYPY}`), []);
    assert.deepEqual(found(`${local.replace('local', 'meta')}${FLAKE8_AND_MYPY}`), []);
  });

  it('a standard hook listed twice with other repositories is one hook to add, and either repository counts', () => {
    const dir = tempProject({
      'stack-standard.yaml':
        'extends: builtin\nprecommit:\n  hooks:\n    - { repo: https://github.com/python/mypy, id: mypy }\n',
    });
    const { standard: std, errors } = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      std.precommit.hooks.map((h) => [h.id, h.repos]),
      [
        [
          'black',
          [
            'https://github.com/psf/black',
            'https://github.com/psf/black-pre-commit-mirror',
            'https://github.com/python/black',
            'https://github.com/ambv/black',
          ],
        ],
        ['flake8', ['https://github.com/pycqa/flake8']],
        ['mypy', ['https://github.com/pre-commit/mirrors-mypy']],
        ['mypy', ['https://github.com/python/mypy']],
      ],
    );
    const withoutMypy = config('precommit-builtin/black-mirror').split(
      /(?=^  - repo: https:\/\/github.com\/pre-commit\/mirrors-mypy)/m,
    )[0];
    const added = `${withoutMypy}${mypyBlock('  - ', '    ', '      - ')}`;
    assert.deepEqual(fixAll(withoutMypy, std), { text: added, runs: 1 });
    assert.deepEqual(check(added, std), []);
    // The second rule has no minimum: mypy from its repository is not judged, and not an unknown repository either.
    assert.deepEqual(
      check(
        added.replace(
          'https://github.com/pre-commit/mirrors-mypy\n    rev: v1.4.0',
          'https://github.com/python/mypy\n    rev: v0.910',
        ),
        std,
      ),
      [],
    );
    // A repository without a config gets mypy once.
    const [create] = checkRepository(os.tmpdir(), true, std, { readFile: () => undefined, exists: () => false });
    assert.equal(
      create.message,
      'This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
    );
    assert.equal(create.fixes[0].edits[0].newText.match(/id: mypy/g)?.length, 1);
  });

  it('a missing hook joins an entry of any repository listed for it', () => {
    const text =
      '- repo: https://github.com/psf/black-pre-commit-mirror\n  rev: 24.4.2\n  hooks:\n  - id: black-jupyter\n- repo: https://github.com/pycqa/flake8\n  rev: 7.0.0\n  hooks:\n  - id: flake8\n' +
      '- repo: https://github.com/pre-commit/mirrors-mypy\n  rev: v1.10.0\n  hooks:\n  - id: mypy\n';
    assert.deepEqual(found(text), [
      listFormat('0:0-0:54', '0:0-0:0'),
      finding(
        'hook-missing',
        'warning',
        '0:0-0:54',
        'The black hook of https://github.com/psf/black-pre-commit-mirror is required by the standard but not enabled',
        [preferred('Add the black hook', ['4:0-4:0', '  - id: black\n'])],
      ),
    ]);
    assert.deepEqual(
      fixAll(text, builtin).text,
      'repos:\n' + text.replace('  - id: black-jupyter\n', '  - id: black-jupyter\n  - id: black\n'),
    );
  });

  it('the old format without each hook in turn: that one is added to the list in its style, LF and CRLF', () => {
    const complete = config('precommit-builtin/legacy-complete');
    const entries = complete.split(/(?=^- repo:)/m);
    const blockOf = {
      black: blackBlock('- ', '  ', '  - '),
      flake8: flake8Block('- ', '  ', '  - '),
      mypy: mypyBlock('- ', '  ', '  - '),
    };
    for (const [i, id] of (['black', 'flake8', 'mypy'] as const).entries()) {
      const without = entries.filter((_, j) => j !== i + 1).join('');
      const insertAt = `${without.split('\n').length - 1}:0-${without.split('\n').length - 1}:0`;
      const expected = [
        listFormat('0:0-0:54', '0:0-0:0'),
        missing(
          id,
          HOOKS[id].repo,
          '0:0-0:54',
          preferred(`Add ${HOOKS[id].repo} with the ${id} hook at ${HOOKS[id].rev}`, [insertAt, blockOf[id]]),
        ),
      ];
      assert.deepEqual(found(without), expected, id);
      assert.deepEqual(found(crlf(without)), withCrlf(expected), id);
      for (const text of [without, crlf(without)]) {
        const eol = text.includes('\r') ? crlf : (t: string) => t;
        assert.deepEqual(fixAll(text, builtin), { text: eol('repos:\n' + without + blockOf[id]), runs: 1 }, id);
      }
    }
    // A flow list takes `repos:` on its own line, and so does an empty one.
    assert.deepEqual(
      fixAll('[{repo: https://github.com/psf/black, rev: 23.7.0, hooks: [{id: black}]}]\n', builtin).text,
      'repos: [{repo: https://github.com/psf/black, rev: 23.7.0, hooks: [{id: black}]}, {repo: https://github.com/pycqa/flake8, rev: 6.0.0, hooks: [{id: flake8}]}, {repo: https://github.com/pre-commit/mirrors-mypy, rev: v1.4.0, hooks: [{id: mypy}]}]\n',
    );
    assert.deepEqual(
      found('[]\n').map((f) => [f.code, f.range, f.fixes[0].edits[0][0]]),
      [
        ['precommit-list-format', '0:0-0:2', '0:0-0:0'],
        ['hook-missing', '0:0-0:2', '0:1-0:1'],
        ['hook-missing', '0:0-0:2', '0:1-0:1'],
        ['hook-missing', '0:0-0:2', '0:1-0:1'],
      ],
    );
  });

  it('reads a file whose lines end in a lone CR, as PyYAML and pre-commit do', () => {
    const text = crlf(config('precommit-builtin/legacy-complete'))
      .replace(/\r\n/g, '\r')
      .replace(/^- repo/, 'repos:\r- repo');
    assert.deepEqual(found(text), []);
    const old = text.replace('rev: 23.7.0', 'rev: 22.3.0');
    assert.deepEqual(
      found(old).map((f) => [f.code, f.range, f.fixes[0].edits]),
      [['hook-below-minimum', '6:7-6:13', [['6:7-6:13', '23.1.0']]]],
    );
    assert.equal(fixAll(old, builtin).text, text.replace('rev: 23.7.0', 'rev: 23.1.0'));
  });

  it('offers no fix where an insertion would not give a config that runs the hook', () => {
    // A top-level scalar is YAML but no config: `repos:` appended after it would not parse.
    for (const text of ['fail_fast\n', '# settings only, so far.\nfail_fast', '=\n', '{fail_fast: true}\n']) {
      const shown = found(text);
      assert.deepEqual(
        shown.map((f) => f.code),
        ['hook-missing', 'hook-missing', 'hook-missing'],
        text,
      );
      assert.deepEqual(
        shown.flatMap((f) => f.fixes),
        [],
        text,
      );
      assert.equal(fixAll(text, builtin).text, text);
    }
    // A list-format file that does not parse is reported, but `repos:` is not put above what cannot be read.
    const broken = '[]b.com/py\n"""';
    assert.deepEqual(
      found(broken)
        .filter((f) => f.code === 'precommit-list-format')
        .map((f) => f.fixes),
      [[]],
    );
  });

  it('counts a local hook as the tool its entry runs, whatever its id', () => {
    // As fastapi does: `id: local-mypy`, `entry: uv run mypy fastapi`.
    const local = (hooks: [string, string][]) =>
      `repos:\n  - repo: local\n    hooks:\n${hooks.map(([id, entry]) => `      - id: ${id}\n        name: ${id}\n        entry: ${entry}\n        language: system\n`).join('')}`;
    const missingIds = (text: string) =>
      found(text)
        .filter((f) => f.code === 'hook-missing')
        .map((f) => /the (\w+) hook/.exec(f.message)?.[1]);
    assert.deepEqual(
      missingIds(
        local([
          ['local-mypy', 'uv run mypy fastapi'],
          ['lint', 'python -m flake8 --max-line-length 100'],
          ['fmt', 'poetry run black .'],
        ]),
      ),
      [],
    );
    assert.deepEqual(
      missingIds(
        local([
          ['types', 'pdm run python3 -m mypy'],
          ['style', 'uvx black'],
          ['x', 'pipx run flake8'],
        ]),
      ),
      [],
    );
    // A script, or a tool with a similar name, is not the tool.
    assert.deepEqual(
      missingIds(
        local([
          ['mypy-check', './scripts/mypy.sh'],
          ['flake', 'flake8-json'],
          ['fmt', 'blacken-docs'],
        ]),
      ),
      ['black', 'flake8', 'mypy'],
    );
  });

  it('additional_dependencies are read by the hook language', () => {
    const hook = (extra: string, deps: string, repo = 'https://github.com/acme/hooks') =>
      `repos:\n  - repo: ${repo}\n    rev: v1.0.0\n    hooks:\n      - id: lint\n${extra}        additional_dependencies: [${deps}]\n`;
    const codes = (text: string) =>
      found(text)
        .filter((f) => f.code !== 'hook-missing')
        .map((f) => [f.code, f.range, f.message]);
    const notRequirement = "'@eslint/js@v9.0.0' is not a requirement: expected a package name";
    // Unknown (a remote hook that does not say): what reads as a requirement is checked, the rest is someone else's.
    assert.deepEqual(
      codes(hook('', '"@eslint/js@v9.0.0", pandas==1.5.3, github.com/wasilibs/go-shellcheck/cmd/shellcheck@v0.11.1')),
      [['conflicts-with-minimum', '5:61-5:68', 'pandas==1.5.3 is below the standard minimum 2.0.0']],
    );
    // Python, said by the hook: every entry is a requirement.
    assert.deepEqual(codes(hook('        language: python\n', '"@eslint/js@v9.0.0", pandas==1.5.3')), [
      ['parse-error', '6:35-6:52', notRequirement],
      ['conflicts-with-minimum', '6:61-6:68', 'pandas==1.5.3 is below the standard minimum 2.0.0'],
    ]);
    // Another language: not read at all.
    for (const language of ['golang', 'node', 'conda', 'system'])
      assert.deepEqual(
        codes(hook(`        language: ${language}\n`, '"@eslint/js@v9.0.0", pandas==1.5.3')),
        [],
        language,
      );
    // The standard's hooks are Python tools, wherever they come from.
    assert.deepEqual(
      codes(
        hook('', '"@eslint/js@v9.0.0"', 'https://github.com/pre-commit/mirrors-mypy')
          .replace('id: lint', 'id: mypy')
          .replace('v1.0.0', 'v1.4.0'),
      ),
      [['parse-error', '5:35-5:52', notRequirement]],
    );
    assert.deepEqual(codes(hook('', '"@eslint/js@v9.0.0"', 'local').replace('id: lint', 'id: mypy')), [
      ['parse-error', '5:35-5:52', notRequirement],
    ]);
  });

  it('--fix never adds a hook whose id the file already runs', () => {
    const runs = (text: string, id: string) => {
      const doc = parseDocument(text);
      const list = isSeq(doc.contents) ? doc.contents : doc.get('repos');
      return isSeq(list)
        ? list.items
            .flatMap((r) => ((r as YAMLMap).get('hooks') as YAMLSeq | undefined)?.items ?? [])
            .filter((h) => (h as YAMLMap).get('id') === id).length
        : 0;
    };
    // The fixer's output is each case's fixed file (its golden case says so, with LF and CRLF). A config that does
    // not parse may hold any hook in the part that cannot be read.
    const cases = [...readGoldenCases('precommit'), ...readGoldenCases('precommit-builtin')];
    for (const golden of cases.filter((c) => !c.name.startsWith('broken-'))) {
      const [before, after] = [golden.input(PRECOMMIT_CONFIG), golden.fixed(PRECOMMIT_CONFIG)];
      for (const id of ['black', 'flake8', 'mypy'])
        assert.equal(runs(after, id), Math.max(1, runs(before, id)), `${golden.name}: ${id}`);
    }
  });

  describe('the CLI', () => {
    before(ensureCliBuilt);

    it('--fix raises black from its old name in place, and leaves flake8 from GitLab to the person, reported as info', () => {
      const dir = tempProject({ '.pre-commit-config.yaml': config('precommit-builtin/ambv-black') });
      const r = runCli(dir, 'check', '--fix');
      assert.equal(
        fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8'),
        config('precommit-builtin/ambv-black', 'fixed'),
      );
      const left =
        '.pre-commit-config.yaml:7:9: info hook-repo-unknown flake8 runs from https://gitlab.com/pycqa/flake8, a repository the standard does not list for it, so its rev 3.7.9 cannot be checked against the standard minimum 6.0.0\n1 problem (0 errors, 0 warnings, 1 info)\n';
      assert.deepEqual([r.code, r.stdout], [0, left]);
      assert.deepEqual(runCli(dir, 'check', '--fail-on', 'info'), { code: 1, stdout: left, stderr: '' });
    });

    it('--fix adds the missing hook into an old-format list', () => {
      const dir = tempProject({ '.pre-commit-config.yaml': crlf(config('precommit-builtin/legacy')) });
      assert.equal(runCli(dir, 'check', '--fix').code, 0);
      assert.equal(
        fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8'),
        crlf(config('precommit-builtin/legacy', 'fixed')),
      );
    });
  });

  it('every fixed file passes `pre-commit validate-config`', function () {
    needTool(this, 'pre-commit', hasPreCommit);
    this.timeout(120000);
    const texts = fixedConfigs('precommit-builtin');
    const [unknown] = checkFile(CONFIG, config('precommit-builtin/flake8-gitlab'), { standard: builtin });
    texts['flake8-gitlab.yaml moved'] = applyEdits(
      config('precommit-builtin/flake8-gitlab'),
      unknown.fixes[0].edits,
    ).text;
    const complete = config('precommit-builtin/legacy-complete').split(/(?=^- repo:)/m);
    for (let i = 1; i < complete.length; i++)
      texts[`legacy-complete.yaml without entry ${i}`] = fixAll(
        complete.filter((_, j) => j !== i).join(''),
        builtin,
      ).text;
    texts['a flow list'] = fixAll(
      '[{repo: https://github.com/psf/black, rev: 23.7.0, hooks: [{id: black}]}]\n',
      builtin,
    ).text;
    assert.deepEqual(validateConfigs(texts), []);
  });

  it('`pre-commit validate-config` rejects what the old fix wrote into the old format', function () {
    needTool(this, 'pre-commit', hasPreCommit);
    this.timeout(60000);
    // The check above can fail: `repos:` appended after a top-level list, and the old format itself.
    assert.notDeepEqual(
      validateConfigs({
        appended: `${config('precommit-builtin/legacy-none')}repos:\n${blackBlock('  - ', '    ', '      - ')}`,
      }),
      [],
    );
    assert.notDeepEqual(validateConfigs({ unmigrated: config('precommit-builtin/legacy-complete') }), []);
  });
});
