import { strict as assert } from 'node:assert';
import { loadStandard, type Finding, type Standard } from '../../src/core';
import {
  compareVersions,
  fixClauses,
  formatClause,
  judge,
  makeVersion,
  MAX_DIGITS,
  parseSpecifier,
  parseVersion,
  type Version,
} from '../../src/core/versions';
import { check, memoryFileSystem, range } from '../helpers';

const HUGE = '1000000000000000000000';
const JUST_BELOW = '1.99999999999999999998';
const MINIMUM = '1.99999999999999999999';

function version(text: string): Version {
  const v = parseVersion(text);
  assert.ok(v, `${text} parses`);
  return v;
}

/** The built-in standard with `acme` at a minimum above 2^53 in its minor number, and Terraform minimums. */
function standard(): Standard {
  const file = '/p/stack-standard.yaml';
  const text = `extends: builtin\npackages:\n  acme: "${MINIMUM}"\n  big: "${HUGE}"\nterraform:\n  cloudFunctionsRuntime: python310\n  requiredVersion: "1.100000000000000000000"\n`;
  const loaded = loadStandard(file, memoryFileSystem({ [file]: text }));
  assert.deepEqual(loaded.errors, []);
  return loaded.standard;
}

/** What a finding says and where, with its preferred fix's text (the whole findings are asserted elsewhere). */
function summary(f: Finding): [string, string, number, number, number, string | undefined] {
  return [
    f.code,
    f.message,
    f.range.start.line,
    f.range.start.character,
    f.range.end.character,
    f.fixes[0]?.edits[0].newText,
  ];
}

describe('numbers of any size', () => {
  it('reads every numeric part exactly, and writes versions it builds exactly', () => {
    const v = version(`1!${HUGE}.2rc${HUGE}.post${HUGE}.dev${HUGE}+ubuntu.${HUGE}`);
    assert.deepEqual(
      [v.epoch, v.release, v.pre, v.post, v.dev, v.local],
      [1n, [10n ** 21n, 2n], ['rc', 10n ** 21n], 10n ** 21n, 10n ** 21n, ['ubuntu', 10n ** 21n]],
    );
    assert.equal(makeVersion({ release: [10n ** 21n, 0n], dev: 0n }).text, `${HUGE}.0.dev0`);
    // Above 2^53 a JS number cannot tell these apart.
    assert.equal(compareVersions(version(JUST_BELOW), version(MINIMUM)), -1);
    assert.equal(compareVersions(version('1.9007199254740993'), version('1.9007199254740992')), 1);
  });

  it('judges and fixes specifiers above 2^53 exactly', () => {
    const minimum = version(MINIMUM);
    const fixed = (spec: string) =>
      fixClauses(parseSpecifier(spec).clauses, minimum, minimum)
        .map((c) => formatClause(c))
        .join(',');
    assert.equal(judge(parseSpecifier(`==${JUST_BELOW}`).clauses, minimum), 'conflicts-with-minimum');
    assert.equal(judge(parseSpecifier(`>=${JUST_BELOW}`).clauses, minimum), 'below-minimum');
    assert.equal(judge(parseSpecifier(`>=${MINIMUM}`).clauses, minimum), 'ok');
    assert.equal(fixed(`>=${JUST_BELOW}`), `>=${MINIMUM}`);
    assert.equal(fixed('~=1.5'), `~=${MINIMUM}`);
    assert.equal(fixed('<2'), `>=${MINIMUM},<2`, 'the cap stays: 2 is above the minimum');
    assert.equal(
      fixClauses(parseSpecifier('<2').clauses, version(HUGE), version(HUGE))
        .map((c) => formatClause(c))
        .join(','),
      `>=${HUGE}`,
    );
  });

  it(`refuses a number of more than ${MAX_DIGITS} digits, as Python does, with a message that says so`, () => {
    const ok = '9'.repeat(MAX_DIGITS);
    assert.ok(parseVersion(`1.${ok}`));
    assert.equal(parseVersion(`1.${ok}9`), null);
    assert.equal(parseVersion(`1.0+${ok}9`), null, 'a numeric local segment');
    assert.ok(parseVersion(`1.0+abc${ok}9`), 'a word of the local label may be any length');
    assert.deepEqual(parseSpecifier(`>=1.${ok}9`).errors, [
      {
        message: `'1.999999999999999999…99999999' has a number of more than ${MAX_DIGITS} digits, which Python cannot read as a version`,
        start: 0,
        end: MAX_DIGITS + 5,
      },
    ]);
  });

  it('bounds the time any version text can take', () => {
    const text = `==1.${'7'.repeat(1_000_000)}`;
    const start = Date.now();
    assert.equal(parseSpecifier(text).errors.length, 1);
    assert.equal(parseVersion(`1.${'7'.repeat(1_000_000)}`), null);
    assert.ok(Date.now() - start < 1000, `${Date.now() - start} ms`);
  });

  it('keeps every other finding of a requirements file that holds huge numbers', () => {
    const long = `1.${'9'.repeat(MAX_DIGITS + 1)}`;
    const text = `pandas==${HUGE}\nnumpy==1.0\nflask>=${JUST_BELOW}\nscipy==${long} ; python_version >= "3.10"\nrequests\n`;
    assert.deepEqual(check('/p/requirements.txt', text).map(summary), [
      ['conflicts-with-minimum', 'numpy==1.0 is below the standard minimum 1.24.0', 1, 5, 10, '==1.24.0'],
      ['below-minimum', `flask>=${JUST_BELOW} admits versions below the standard minimum 2.3.0`, 2, 5, 29, '>=2.3.0'],
      [
        'parse-error',
        `'1.999999999999999999…99999999' has a number of more than ${MAX_DIGITS} digits, which Python cannot read as a version`,
        3,
        5,
        7 + long.length,
        undefined,
      ],
      ['missing-minimum', 'requests has no version constraint; the standard minimum is 2.31.0', 4, 0, 8, '>=2.31.0'],
    ]);
  });

  it('checks requirements against a minimum above 2^53, with exact fixes', () => {
    const text = `acme==${JUST_BELOW}\nacme>=${JUST_BELOW}\nacme~=1.5\nbig<2\nbig==${HUGE}\n`;
    assert.deepEqual(check('/p/requirements.txt', text, { standard: standard() }).map(summary), [
      [
        'conflicts-with-minimum',
        `acme==${JUST_BELOW} is below the standard minimum ${MINIMUM}`,
        0,
        4,
        28,
        `==${MINIMUM}`,
      ],
      [
        'below-minimum',
        `acme>=${JUST_BELOW} admits versions below the standard minimum ${MINIMUM}`,
        1,
        4,
        28,
        `>=${MINIMUM}`,
      ],
      ['below-minimum', `acme~=1.5 admits versions below the standard minimum ${MINIMUM}`, 2, 4, 9, `~=${MINIMUM}`],
      [
        'conflicts-with-minimum',
        `big<2 admits no version at or above the standard minimum ${HUGE}`,
        3,
        3,
        5,
        `>=${HUGE}`,
      ],
    ]);
  });

  it('reads huge numbers in pyproject.toml: PEP 508 strings, Poetry bounds, Python targets', () => {
    const long = '1'.repeat(MAX_DIGITS + 1);
    const toml = `[project]\ndependencies = ["acme>=${JUST_BELOW}"]\n[tool.poetry.dependencies]\nacme = "^${JUST_BELOW}"\n[tool.black]\ntarget-version = ["py3${HUGE}", "py39", "py3${long}"]\n[tool.ruff]\ntarget-version = "py3${HUGE}"\n`;
    assert.deepEqual(check('/p/pyproject.toml', toml, { standard: standard() }).map(summary), [
      [
        'below-minimum',
        `acme>=${JUST_BELOW} admits versions below the standard minimum ${MINIMUM}`,
        1,
        21,
        45,
        `>=${MINIMUM}`,
      ],
      [
        'below-minimum',
        `acme "^${JUST_BELOW}" admits versions below the standard minimum ${MINIMUM}`,
        3,
        8,
        31,
        `^${MINIMUM}`,
      ],
      // One finding on the low entry itself; the huge and the unreadably long ones are not below.
      [
        'python-below-minimum',
        '[tool.black] target-version "py39" is below the standard Python minimum 3.10',
        5,
        26 + HUGE.length,
        30 + HUGE.length,
        'py310',
      ],
    ]);
  });

  it('reads huge numbers in Terraform runtimes and constraints', () => {
    const tf = `terraform {\n  required_version = ">= ${JUST_BELOW}"\n}\nresource "google_cloudfunctions_function" "a" {\n  runtime = "python3${HUGE}"\n}\nresource "google_cloudfunctions_function" "b" {\n  runtime = "python39"\n}\nresource "google_cloudfunctions_function" "c" {\n  runtime = "python3${'1'.repeat(5000)}"\n}\n`;
    assert.deepEqual(check('/p/main.tf', tf, { standard: standard() }).map(summary), [
      [
        'runtime-below-minimum',
        'Runtime python39 of google_cloudfunctions_function.b is older than the standard runtime python310',
        7,
        13,
        21,
        'python310',
      ],
      [
        'below-minimum',
        `required_version ">= ${JUST_BELOW}" admits versions below the standard minimum 1.100000000000000000000`,
        1,
        22,
        47,
        '>= 1.100000000000000000000',
      ],
    ]);
  });

  it('reads a huge pre-commit rev exactly', () => {
    const config = `repos:\n  - repo: https://github.com/psf/black\n    rev: "22.${'9'.repeat(30)}"\n    hooks:\n      - id: black\n`;
    const hook = check('/p/.pre-commit-config.yaml', config, { standard: standard() }).find(
      (f) => f.code === 'hook-below-minimum',
    );
    assert.deepEqual(hook && summary(hook), [
      'hook-below-minimum',
      `black (https://github.com/psf/black) rev 22.${'9'.repeat(30)} is below the standard minimum 23.0.0`,
      2,
      9,
      44,
      '"23.1.0"',
    ]);
  });

  it('refuses a standard whose minimum has a number Python cannot read', () => {
    const file = '/p/stack-standard.yaml';
    const loaded = loadStandard(file, memoryFileSystem({ [file]: `python: "3.${'1'.repeat(MAX_DIGITS + 1)}"\n` }));
    assert.deepEqual(loaded.errors, [
      {
        code: 'standard-invalid',
        severity: 'error',
        message: `python: '3.111111111111111111…11111111' has a number of more than ${MAX_DIGITS} digits, which Python cannot read as a version`,
        file,
        range: range(0, 8, 0, MAX_DIGITS + 13),
        fixes: [],
      },
    ]);
  });
});
