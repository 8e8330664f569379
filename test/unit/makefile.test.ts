import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  applyEdits,
  builtinStandard,
  checkRepositories,
  formatFor,
  loadStandard,
  nodeFileSystem,
  preferredEdits,
  readSource,
  StandardResolver,
  type Finding,
  type Range,
  type Standard,
} from '../../src/core';
import { renderStandard } from '../../src/core/standard/render';
import { fixturePath, memoryFileSystem, needTool, range, tempProject } from '../helpers';

const STANDARD = builtinStandard();
const MAKEFILE = '/repo/Makefile';

function check(text: string, files: Record<string, string> = {}, standard: Standard = STANDARD, file = MAKEFILE) {
  return JSON.parse(
    JSON.stringify(analyze({ path: file, text }, { standard, fs: memoryFileSystem({ ...files, [file]: text }) })),
  ) as Finding[];
}

/** The preferred fixes of the findings applied to the Makefile. */
function fix(text: string, findings: Finding[], file = MAKEFILE): string {
  const edits = preferredEdits(findings).get(file) ?? [];
  const result = applyEdits(text, edits);
  assert.deepEqual(result.skipped, [], 'no edit overlaps another');
  return result.text;
}

/** The findings for each missing target: one place, one shared fix. */
function missing(
  targets: string[],
  at: Range,
  edits: [Range, string][],
  options: { message?: (t: string) => string; preferred?: boolean; severity?: Finding['severity'] } = {},
): Finding[] {
  const message =
    options.message ?? ((t: string) => `The standard requires a ${t} target, which this Makefile does not have`);
  return targets.map((t) => ({
    code: 'make-target-missing',
    severity: options.severity ?? 'info',
    message: message(t),
    file: MAKEFILE,
    range: at,
    fixes: [
      {
        title: `Add ${targets.length > 1 ? 'stub targets' : 'a stub target'} ${targets.join(', ')} (each fails until written)`,
        isPreferred: options.preferred ?? true,
        edits: edits.map(([r, newText]) => ({ file: MAKEFILE, range: r, newText })),
      },
    ],
  }));
}

const stub = (name: string, eol = '\n') =>
  `${name}:${eol}\t@echo "${name}: not implemented yet (a target the stack standard requires)" >&2; exit 1${eol}`;

const haveMake = () => spawnSync('make', ['--version'], { encoding: 'utf8' }).status === 0;

/** GNU make's own reading of a Makefile: `make -n <target>` succeeds, and its database's phony targets. */
function makeReads(context: Mocha.Context, text: string, targets: string[]): string[] {
  needTool(context, 'GNU make', haveMake());
  const dir = tempProject({ 'Makefile.fixed': text });
  const file = path.join(dir, 'Makefile.fixed');
  for (const target of targets) {
    const r = spawnSync('make', ['-n', '-f', file, target], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `make -n ${target}: ${r.stderr}`);
  }
  const db = spawnSync('make', ['-p', '-n', '-f', file, targets[0]], { cwd: dir, encoding: 'utf8' }).stdout;
  const phony = [...db.matchAll(/^([A-Za-z0-9_.+-]+):[^\n]*\n#  Phony target/gm)].map((m) => m[1]);
  return phony.sort();
}

describe('Makefile targets', () => {
  const text = fs.readFileSync(fixturePath('makefile', 'Makefile'), 'utf8');
  const all = ['build', 'clean', 'deploy', 'format', 'help', 'lint', 'test'];

  it('is a file kind by its names, GNU make’s three', () => {
    assert.deepEqual(
      ['/r/Makefile', '/r/makefile', '/r/GNUmakefile', '/r/Makefile.in', '/r/makefile.am', '/r/build.mk'].map(
        (f) => formatFor(f)?.kind,
      ),
      ['makefile', 'makefile', 'makefile', undefined, undefined, undefined],
    );
  });

  it('reports each target of the standard the Makefile has no rule for, at its .PHONY, with one fix adding them all', () => {
    // A `define` body, a target-specific variable, a pattern rule and a name made of a variable are no rules of theirs.
    const findings = check(text);
    assert.deepEqual(
      findings,
      missing(['build', 'deploy', 'clean', 'format'], range(4, 0, 4, 6), [
        [range(4, 22, 4, 22), ' build deploy clean format'],
        [range(27, 0, 27, 0), '\n' + ['build', 'deploy', 'clean', 'format'].map((t) => stub(t)).join('\n')],
      ]),
    );
  });

  it('writes stubs GNU make reads, phony, that fail when run; fixing twice equals fixing once', function () {
    const fixed = fix(text, check(text));
    assert.deepEqual(check(fixed), []);
    assert.equal(fix(fixed, check(fixed)), fixed);
    assert.deepEqual(makeReads(this, fixed, ['test', 'build', 'deploy', 'clean', 'lint', 'format']), all);
    const dir = tempProject({ Makefile: fixed });
    const run = spawnSync('make', ['deploy'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(
      [run.status, run.stderr.split('\n')[0]],
      [2, 'deploy: not implemented yet (a target the stack standard requires)'],
    );
  });

  it('keeps CRLF line ends', function () {
    const crlf = text.replace(/\n/g, '\r\n');
    const findings = check(crlf);
    assert.deepEqual(
      findings,
      missing(['build', 'deploy', 'clean', 'format'], range(4, 0, 4, 6), [
        [range(4, 22, 4, 22), ' build deploy clean format'],
        [range(27, 0, 27, 0), '\r\n' + ['build', 'deploy', 'clean', 'format'].map((t) => stub(t, '\r\n')).join('\r\n')],
      ]),
    );
    const fixed = fix(crlf, findings);
    assert.equal(fixed.replace(/\r\n/g, ''), fixed.replace(/\r\n/g, '').replace(/\n/g, ''), 'no bare LF');
    assert.deepEqual(check(fixed), []);
    assert.deepEqual(makeReads(this, fixed, ['deploy', 'format']), all);
  });

  it('adds a .PHONY rule where there is none, after a last line without its line break', function () {
    const plain = 'all: test\n\ntest:\n\tpytest\nlint:\n\truff check .';
    const findings = check(plain);
    const added = ['build', 'deploy', 'clean', 'format'];
    assert.deepEqual(
      findings,
      missing(added, range(0, 0, 0, 0), [
        [range(5, 13, 5, 13), '\n\n.PHONY: build deploy clean format\n' + added.map((t) => stub(t)).join('\n')],
      ]),
    );
    const fixed = fix(plain, findings);
    // Only the new targets are declared phony: the file's own were not, and stay as they were.
    assert.deepEqual(makeReads(this, fixed, ['build', 'format']), ['build', 'clean', 'deploy', 'format']);
  });

  it('follows a file that declares each target phony on its own line, and joins a .PHONY list continued over lines', function () {
    const perRule = '.PHONY: test\ntest:\n\tpytest\n\n.PHONY: lint\nlint:\n\truff check .\n';
    const standard = withTargets(['test', 'lint', 'build']);
    assert.deepEqual(
      check(perRule, {}, standard),
      missing(['build'], range(0, 0, 0, 6), [[range(7, 0, 7, 0), '\n.PHONY: build\n' + stub('build')]]),
    );
    const continued = '.PHONY: test \\\n        lint # the usual ones\ntest:\n\tpytest\nlint:\n\truff check .\n';
    assert.deepEqual(
      check(continued, {}, standard),
      missing(['build'], range(0, 0, 0, 6), [
        [range(1, 12, 1, 12), ' build'],
        [range(6, 0, 6, 0), '\n' + stub('build')],
      ]),
    );
    const fixed = fix(continued, check(continued, {}, standard));
    assert.deepEqual(makeReads(this, fixed, ['build']), ['build', 'lint', 'test']);
  });

  it('tells a target listed in .PHONY with no rule, whose stub needs no second .PHONY entry', () => {
    const listed = '.PHONY: test deploy\ntest:\n\tpytest\n';
    assert.deepEqual(
      check(listed, {}, withTargets(['test', 'deploy'])),
      missing(['deploy'], range(0, 0, 0, 6), [[range(3, 0, 3, 0), '\n' + stub('deploy')]], {
        message: () => 'deploy is listed in .PHONY but has no rule; the standard requires a deploy target',
      }),
    );
  });

  it('names the included files it does not read, and then only offers the stubs', () => {
    const including = 'include common.mk\n-include local.mk\n.PHONY: test\ntest:\n\tpytest\n';
    assert.deepEqual(
      check(including, {}, withTargets(['test', 'lint'])),
      missing(
        ['lint'],
        range(2, 0, 2, 6),
        [
          [range(2, 12, 2, 12), ' lint'],
          [range(5, 0, 5, 0), '\n' + stub('lint')],
        ],
        {
          message: () =>
            'The standard requires a lint target, which this Makefile does not have; the included common.mk, local.mk are not read, so it may be defined there',
          preferred: false,
        },
      ),
    );
  });

  it('reads rules the way make does: double colons, several targets, directives and recipe prefixes', () => {
    const text = [
      'export PATH := $(PWD)/bin:$(PATH)',
      'override CFLAGS += -O2',
      'x = a:b',
      'lint format:: ; @echo both',
      '  build : deps',
      '.RECIPEPREFIX = >',
      'clean:',
      '>rm -rf dist deploy: not a rule',
      'ifdef CI',
      'test: ; pytest',
      'else',
      'test:',
      '>pytest -x',
      'endif',
      '',
    ].join('\n');
    // Every standard target but deploy has a rule; the stub uses the file's recipe prefix.
    assert.deepEqual(
      check(text),
      missing(['deploy'], range(0, 0, 0, 0), [
        [
          range(14, 0, 14, 0),
          '\n.PHONY: deploy\ndeploy:\n>@echo "deploy: not implemented yet (a target the stack standard requires)" >&2; exit 1\n',
        ],
      ]),
    );
  });

  it('asks only the outermost Makefile of a repository, and nothing of a repository without one', () => {
    const sub = 'html:\n\tsphinx-build . _build\n';
    // docs/Makefile under the repository's own Makefile is a sub-make's.
    assert.deepEqual(check(sub, { '/repo/Makefile': text }, STANDARD, '/repo/docs/Makefile'), []);
    // A Makefile at the repository root (the folder holding .git) is asked even below an outer folder's Makefile.
    const inner = check(
      sub,
      { '/work/Makefile': text, '/work/repo/.git': '' },
      withTargets(['test']),
      '/work/repo/Makefile',
    );
    assert.deepEqual(
      inner.map((f) => f.code),
      ['make-target-missing'],
    );
    const codes = (files: Record<string, string>) => {
      const dir = tempProject(files);
      const standards = new StandardResolver(nodeFileSystem);
      const found = checkRepositories([dir], { fs: nodeFileSystem, standards, relativeTo: dir });
      return found.files.flatMap((f) => f.findings.map((x) => `${path.basename(f.file)} ${x.code}`));
    };
    const project = { 'pyproject.toml': '[project]\nname = "app"\n', '.pre-commit-config.yaml': 'repos: []\n' };
    assert.deepEqual(
      codes(project).filter((c) => c.includes('make')),
      [],
    );
    assert.deepEqual(
      codes({ ...project, Makefile: '.PHONY: test\ntest:\n\tpytest\n' }).filter((c) => c.includes('make')),
      [
        'Makefile make-target-missing',
        'Makefile make-target-missing',
        'Makefile make-target-missing',
        'Makefile make-target-missing',
        'Makefile make-target-missing',
      ],
    );
  });

  it('takes the targets and their severity from the standard file; an empty list asks for none', () => {
    const files = {
      '/org/stack-standard.yaml': 'extends: builtin\nmakefile:\n  targets: [test, docs]\n  severity: warning\n',
      '/org/none.yaml': 'extends: builtin\nmakefile:\n  targets: []\n',
      '/org/bad.yaml': 'makefile:\n  targets: ["a b", test]\n  targetz: []\n',
    };
    const loaded = loadStandard('/org/stack-standard.yaml', memoryFileSystem(files));
    assert.deepEqual(loaded.errors, []);
    const plain = '.PHONY: test\ntest:\n\tpytest\n';
    assert.deepEqual(
      check(plain, {}, loaded.standard),
      missing(
        ['docs'],
        range(0, 0, 0, 6),
        [
          [range(0, 12, 0, 12), ' docs'],
          [range(3, 0, 3, 0), '\n' + stub('docs')],
        ],
        { severity: 'warning' },
      ).map((f) => ({
        ...f,
        related: [
          {
            location: { file: '/org/stack-standard.yaml', range: range(2, 2, 2, 23) },
            message: 'The list of Makefile targets is set here by the standard',
          },
        ],
      })),
    );
    assert.deepEqual(check(plain, {}, loadStandard('/org/none.yaml', memoryFileSystem(files)).standard), []);
    assert.deepEqual(
      loadStandard('/org/bad.yaml', memoryFileSystem(files)).errors.map((e) => e.message),
      [
        "Unknown key 'targetz' in makefile",
        "makefile.targets.0: 'a b' does not have the expected form (^[A-Za-z0-9_][A-Za-z0-9_.+-]*$)",
      ],
    );
    assert.match(
      renderStandard(STANDARD),
      /^makefile:\n {2}targets: \[test, build, deploy, clean, lint, format\] {2}# built-in$/m,
    );
    assert.match(
      renderStandard(loaded.standard),
      /^makefile:\n {2}targets: \[test, docs\] {2}# stack-standard\.yaml:3\n {2}severity: warning$/m,
    );
  });

  it('reads a Makefile’s bytes whatever their encoding, as make does', () => {
    const dir = tempProject({
      Makefile: Buffer.concat([
        Buffer.from('# caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n.PHONY: test\ntest:\n\tpytest\n'),
      ]),
    });
    const source = readSource(nodeFileSystem, path.join(dir, 'Makefile'));
    assert.ok(source);
    const findings = analyze(source, { standard: withTargets(['test']), fs: nodeFileSystem });
    assert.deepEqual(findings, []);
  });

  it('never throws on broken text, and a half-typed file still has its rules read', () => {
    // make stops at a define without endef, so nothing after it is a rule, and no target is called missing.
    const broken = '.PHONY: lint\ndefine X\n.PHONY: test\ntest:\n\t@echo \\\n';
    assert.deepEqual(check(broken, {}, withTargets(['test'])), [
      {
        code: 'parse-error',
        severity: 'error',
        message: `This define has no endef: make stops with "missing 'endef', unterminated 'define'"`,
        file: MAKEFILE,
        range: range(1, 0, 1, 8),
        fixes: [],
      },
    ]);
    for (const junk of [
      '\\',
      ':',
      '::=',
      '.PHONY:',
      'a:b:c:d',
      '\t\t\t',
      'endef\nendef',
      '\r\r\n\\\r\n',
      '#'.repeat(5000),
    ])
      assert.doesNotThrow(() => check(junk));
    const typing = '.PHONY: test lint\ntest:\n\tpytest\nlin';
    assert.deepEqual(
      check(typing, {}, withTargets(['test', 'lint'])).map((f) => f.message),
      ['lint is listed in .PHONY but has no rule; the standard requires a lint target'],
    );
  });
});

function withTargets(targets: string[]): Standard {
  const standard = builtinStandard();
  return {
    ...standard,
    makefile: { targets: { value: targets, source: { file: 'builtin', range: range(0, 0, 0, 0) } } },
  };
}
