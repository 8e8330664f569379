// Engine functions the editor shows directly: the effective standard, the new-file template, hover text, globs and
// the ignore comments in every file kind.
import { strict as assert } from 'node:assert';
import { describeRule } from '../../src/core/describe';
import { caseless, matchesGlob } from '../../src/core/glob';
import { builtinStandard, loadStandard } from '../../src/core/standard/load';
import type { Standard } from '../../src/core/standard/model';
import { renderStandard, STANDARD_TEMPLATE } from '../../src/core/standard/render';
import { check, memoryFileSystem } from '../helpers';

/** The rules of a standard without where they came from, to compare two standards. */
function rules(s: Standard) {
  return {
    python: s.python?.value.text,
    runtime: s.pythonRuntime?.value.text,
    packages: [...s.packages.entries()]
      .map(([k, r]) => [k, r.name, r.minimum?.text, r.pin?.text, r.replacedBy, r.reason, r.severity])
      .sort(),
    terraform: [
      s.terraform.cloudFunctionsRuntime?.value,
      s.terraform.requiredVersion?.value.text,
      [...s.terraform.providers].map(([a, p]) => [a, p.value.text]),
    ],
    hooks: s.precommit.hooks.map((h) => [h.repos, h.id, h.minimum?.text, h.rev, h.severity]),
    exclude: s.exclude?.value,
    makefile: [s.makefile?.targets?.value, s.makefile?.severity],
  };
}

describe('the effective standard', () => {
  it('renders as a standard file that loads back to the same rules, each marked with its origin', () => {
    const fs = memoryFileSystem({
      '/org/stack-standard.yaml':
        'extends: builtin\npython: "3.11"\npackages:\n  pandas: { minimum: "2.1.0", severity: error, reason: "the \\"new\\" API" }\nterraform:\n  requiredVersion: "1.5.0"\n  providers:\n    hashicorp/google: "5.0.0"\n' +
        'precommit:\n  hooks:\n    - { repo: [https://github.com/acme/lint, "https://example.com/lint?ref=a,b"], id: lint, severity: info }\n' +
        'exclude: [build/, "vendor/**", "!keep.txt", "a \\"b\\""]\n' +
        'makefile:\n  targets: [test, docs]\n  severity: warning\n',
    });
    const { standard, errors } = loadStandard('/org/stack-standard.yaml', fs);
    assert.deepEqual(errors, []);
    const text = renderStandard(standard, new Date('2026-12-07T12:00:00Z'));
    // The org's floor replaces the built-in one, and the built-in runtime below it goes with it.
    assert.ok(text.includes('\npython:\n  minimum: "3.11"  # stack-standard.yaml:2\npackages:\n'), text);
    assert.match(
      text,
      /^  pandas: \{ minimum: "2\.1\.0", reason: "the \\"new\\" API", severity: error \}  # stack-standard\.yaml:4$/m,
    );
    assert.match(text, /^  black: \{ minimum: "23\.0\.0", pin: "23\.1\.0" \}  # built-in$/m);
    assert.match(text, /^  dask: \{\}  # built-in$/m);
    // A hook from several repositories is written as a list, the one a fix writes first.
    const black =
      '[https://github.com/psf/black, https://github.com/psf/black-pre-commit-mirror, https://github.com/python/black, https://github.com/ambv/black]';
    assert.ok(
      text.includes(`\n    - { repo: ${black}, id: black, minimum: "23.0.0", rev: "23.1.0" }  # built-in\n`),
      text,
    );
    assert.ok(
      text.includes(
        '\n    - { repo: https://github.com/pycqa/flake8, id: flake8, minimum: "6.0.0", rev: "6.0.0" }  # built-in\n',
      ),
      text,
    );
    // A URL that would not read back plain in a flow list is quoted.
    assert.ok(
      text.includes(
        '\n    - { repo: [https://github.com/acme/lint, "https://example.com/lint?ref=a,b"], id: lint, severity: info }  # stack-standard.yaml:11\n',
      ),
      text,
    );
    // The patterns stay relative to the folder of the file that set them, which the comment names.
    assert.ok(
      text.endsWith(
        '\nexclude: ["build/", "vendor/**", "!keep.txt", "a \\"b\\""]  # stack-standard.yaml:12, relative to /org\n',
      ),
      text,
    );
    const again = loadStandard('/effective.yaml', memoryFileSystem({ '/effective.yaml': text }));
    assert.deepEqual(again.errors, []);
    assert.deepEqual(rules(again.standard), rules(standard));
  });

  it('notes a Python minimum or runtime past or near its end of life, on the day it is rendered', () => {
    const builtin = builtinStandard();
    assert.ok(
      renderStandard(builtin, new Date('2026-12-07T00:00:00Z')).includes(
        '\npython:\n  minimum: "3.10"  # built-in; reached its end of life in October 2026 (python.org)\n' +
          '  runtime: "3.10"  # built-in; reached its end of life in October 2026 (python.org)\n',
      ),
    );
    assert.ok(
      renderStandard(builtin, new Date('2026-08-15T00:00:00Z')).includes(
        '\n  minimum: "3.10"  # built-in; reaches its end of life in October 2026 (python.org)\n',
      ),
    );
    assert.ok(renderStandard(builtin, new Date('2026-05-01T00:00:00Z')).includes('\n  minimum: "3.10"  # built-in\n'));
    const fs = memoryFileSystem({ '/s.yaml': 'python: { minimum: "3.11", runtime: "3.13" }\n' });
    const text = renderStandard(loadStandard('/s.yaml', fs).standard, new Date('2027-09-01T00:00:00Z'));
    assert.ok(
      text.includes(
        '\npython:\n  minimum: "3.11"  # s.yaml:1; reaches its end of life in October 2027 (python.org)\n  runtime: "3.13"  # s.yaml:1\n',
      ),
      text,
    );
  });

  it('scaffolds a new organisation file that is valid and changes nothing until edited', () => {
    const { standard, errors } = loadStandard(
      '/repo/stack-standard.yaml',
      memoryFileSystem({ '/repo/stack-standard.yaml': STANDARD_TEMPLATE }),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(rules(standard), rules(builtinStandard()));
    assert.match(STANDARD_TEMPLATE, /^extends: builtin$/m);
    // Its commented example of exclude is valid as it stands once uncommented.
    const uncommented = STANDARD_TEMPLATE.replace(/^# (exclude:|  - )/gm, '$1');
    const withExclude = loadStandard('/repo/s.yaml', memoryFileSystem({ '/repo/s.yaml': uncommented }));
    assert.deepEqual([withExclude.errors, withExclude.standard.exclude?.value], [[], ['build/', 'vendor/**']]);
  });
});

describe('hover text', () => {
  const standard = builtinStandard();

  it('states a package minimum, its pin and where it was set', () => {
    assert.deepEqual(describeRule('Black', standard), [
      '**black**: the standard minimum is **23.0.0**. An exact pin is fixed to `==23.1.0`.',
      'Set by the built-in standard.',
    ]);
    assert.deepEqual(describeRule('dask', standard), [
      '**dask** is approved by the standard, with no minimum version.',
      'Set by the built-in standard.',
    ]);
    assert.deepEqual(describeRule('sklearn', standard), [
      '**sklearn** is replaced by **scikit-learn** in the standard: sklearn is a deprecated stub package; install scikit-learn',
      'Set by the built-in standard.',
    ]);
  });

  it('states the runtime and hook rules, and nothing for other words', () => {
    assert.deepEqual(describeRule('python39', standard), [
      'Cloud Functions runtime: the standard requires **python310** or newer.',
      'Set by the built-in standard.',
    ]);
    const black = [
      'pre-commit: the standard requires the **black** hook from https://github.com/psf/black at **23.0.0** or newer (fixes write rev `23.1.0`). ' +
        'The black hook of https://github.com/psf/black-pre-commit-mirror, https://github.com/python/black or https://github.com/ambv/black counts too.',
      'Set by the built-in standard.',
    ];
    assert.deepEqual(describeRule('git@github.com:PSF/black.git', standard), black);
    assert.deepEqual(describeRule('https://github.com/psf/black-pre-commit-mirror', standard), black);
    assert.deepEqual(describeRule('https://github.com/ambv/black.git', standard), black);
    assert.deepEqual(describeRule('https://github.com/PyCQA/flake8', standard), [
      'pre-commit: the standard requires the **flake8** hook from https://github.com/pycqa/flake8 at **6.0.0** or newer (fixes write rev `6.0.0`).',
      'Set by the built-in standard.',
    ]);
    assert.equal(describeRule('https://gitlab.com/pycqa/flake8', standard), undefined);
    assert.equal(describeRule('leftpad', standard), undefined);
  });

  it('names the file and line of an organisation rule', () => {
    const { standard: org } = loadStandard(
      '/o/stack-standard.yaml',
      memoryFileSystem({ '/o/stack-standard.yaml': 'extends: builtin\npackages:\n  pandas: "2.2.0"\n' }),
    );
    assert.deepEqual(describeRule('pandas', org), [
      '**pandas**: the standard minimum is **2.2.0**.',
      'Set by stack-standard.yaml, line 3.',
    ]);
  });
});

describe('exclude globs', () => {
  it('match the way VS Code settings write them', () => {
    const cases: [string, string, boolean][] = [
      ['vendor/pkg/requirements.txt', 'vendor/**', true],
      ['src/vendor/requirements.txt', 'vendor/**', false],
      ['src/vendor/requirements.txt', '**/vendor/**', true],
      ['requirements-dev.txt', '*-dev.txt', true],
      ['deep/requirements-dev.txt', '*-dev.txt', true],
      ['deep/requirements-dev.txt', 'deep/*.txt', true],
      ['deep/more/requirements.txt', 'deep/*.txt', false],
      ['infra/main.tf', '**/*.{tf,tfvars}', true],
      ['a.in', '?.in', true],
      ['ab.in', '?.in', false],
      ['win\\path\\requirements.txt', 'win/**', true],
      ['req-1.txt', 'req-[0-9].txt', true],
      ['req-a.txt', 'req-[!0-9].txt', true],
      ['req-1.txt', 'req-[!0-9].txt', false],
      ['a/b', 'a[!x]b', false],
      ['Sub/Requirements.TXT', caseless('**/requirements.txt'), true],
      ['Sub/Requirements.TXT', '**/requirements.txt', false],
    ];
    for (const [file, glob, expected] of cases) assert.equal(matchesGlob(file, glob), expected, `${file} ~ ${glob}`);
  });
});

describe('ignore comments in every file kind', () => {
  const codes = (path: string, text: string) => check(path, text).map((f) => `${f.range.start.line}:${f.code}`);

  it('silence a code on its line, on the next line, or in the whole file', () => {
    assert.deepEqual(
      codes(
        '/r/requirements.txt',
        'pandas==1.5.3  # stack-standard: ignore[conflicts-with-minimum]\nnumpy==1.0\nrequests\n',
      ),
      ['1:conflicts-with-minimum', '2:missing-minimum'],
    );
    assert.deepEqual(
      codes(
        '/r/requirements.txt',
        '# stack-standard: ignore-next-line[conflicts-with-minimum]\npandas==1.5.3 \\\n  --hash=sha256:abc\nnumpy==1.0\n',
      ),
      ['3:conflicts-with-minimum'],
    );
    assert.deepEqual(
      codes(
        '/r/requirements.txt',
        'pandas==1.5.3\n# stack-standard: ignore-file[conflicts-with-minimum, missing-minimum]\nrequests\nsklearn\n',
      ),
      ['3:replaced-package'],
    );
    assert.deepEqual(
      codes(
        '/r/requirements.txt',
        'pandas==1.5.3  # stack-standard: ignore\nrequests  # stack-standard: ignore[below-minimum]\n',
      ),
      ['1:missing-minimum'],
    );
  });

  it('work in pyproject.toml, Terraform and pre-commit files', () => {
    assert.deepEqual(
      codes(
        '/p/pyproject.toml',
        '[project]\nrequires-python = ">=3.8"  # stack-standard: ignore[python-below-minimum]\ndependencies = ["pandas==1.5.3"]\n',
      ),
      ['2:conflicts-with-minimum'],
    );
    assert.deepEqual(
      codes(
        '/t/main.tf',
        'resource "google_cloudfunctions_function" "f" {\n  runtime = "python39" // stack-standard: ignore[runtime-below-minimum]\n}\nresource "google_cloudfunctions_function" "g" {\n  runtime = "python38"\n}\n',
      ),
      ['4:runtime-below-minimum'],
    );
    const precommit =
      '# stack-standard: ignore-file[hook-missing]\nrepos:\n  - repo: https://github.com/psf/black\n    rev: 22.3.0  # stack-standard: ignore[hook-below-minimum]\n    hooks:\n      - id: black\n        language_version: python3.8\n';
    assert.deepEqual(codes('/c/.pre-commit-config.yaml', precommit), ['6:python-below-minimum']);
  });
});
