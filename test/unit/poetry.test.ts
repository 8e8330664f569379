import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { type Finding, type FindingCode, type Range } from '../../src/core';
import { fixClauses, parseSpecifier, parseVersion, specifierAdmits, type Version } from '../../src/core/versions';
import {
  fixPoetry,
  judgePoetry,
  parsePoetryConstraint,
  poetryConstraintError,
  type PoetryBranch,
  type PoetryConstraint,
} from '../../src/core/versions/poetry';
import { renderSpecifier } from '../../src/core/versions/dialects';
import { check, fixOnce, on, range, warning } from '../helpers';

function version(text: string): Version {
  const v = parseVersion(text);
  assert.ok(v, `${text} parses`);
  return v;
}

function parsed(text: string): PoetryConstraint {
  const c = parsePoetryConstraint(text);
  assert.equal(c.error, undefined, `${text} parses`);
  return c;
}

/** Whether a Poetry constraint admits `v`: any of its branches does. */
function admits(c: PoetryConstraint, v: string): boolean {
  return c.branches.some((b) => specifierAdmits(b.clauses, version(v)));
}

/** The fix pyproject.toml writes: Poetry's operators where the constraint used them, PEP 440 clauses otherwise. */
function fixed(text: string, minimum: string, pin = minimum): string {
  const [m, p] = [version(minimum), version(pin)];
  return fixPoetry(parsed(text), m, p, (b: PoetryBranch) => renderSpecifier(b.text, fixClauses(b.clauses, m, p)));
}

/** A Poetry version string at `where` whose fix rewrites it to `to`. */
function poetry(code: FindingCode, file: string, where: Range, message: string, name: string, to: string): Finding {
  return warning(code, file, where, message, { title: `Change to ${name} = "${to}"`, edits: [[where, to]] });
}

function tomllibAccepts(text: string): boolean {
  // Bytes, so that the text reaches tomllib exactly as written.
  const r = spawnSync('python3', ['-c', 'import sys,tomllib; tomllib.loads(sys.stdin.buffer.read().decode("utf-8"))'], {
    input: text,
    encoding: 'utf8',
  });
  assert.equal(r.error, undefined, 'python3 runs');
  return r.status === 0;
}

describe('Poetry constraints', () => {
  describe('parsePoetryConstraint', () => {
    // Poetry's documentation ("Versions and constraints"): each constraint and the PEP 440 range it stands for.
    const DOCUMENTED: [string, string][] = [
      ['^1.2.3', '>=1.2.3,<2.0.0'],
      ['^1.2', '>=1.2.0,<2.0.0'],
      ['^1', '>=1.0.0,<2.0.0'],
      ['^0.2.3', '>=0.2.3,<0.3.0'],
      ['^0.0.3', '>=0.0.3,<0.0.4'],
      ['^0.0', '>=0.0.0,<0.1.0'],
      ['^0', '>=0.0.0,<1.0.0'],
      ['~1.2.3', '>=1.2.3,<1.3.0'],
      ['~1.2', '>=1.2.0,<1.3.0'],
      ['~1', '>=1.0.0,<2.0.0'],
      ['*', '>=0.0.0'],
      ['1.*', '>=1.0.0,<2.0.0'],
      ['1.2.*', '>=1.2.0,<1.3.0'],
      ['>= 1.2, < 1.5', '>=1.2,<1.5'],
      ['>=1.2 <1.5', '>=1.2,<1.5'],
      ['1.2.3', '==1.2.3'],
      ['==1.2.3', '==1.2.3'],
      ['=1.2.3', '==1.2.3'],
      ['!=1.2.3', '!=1.2.3'],
      ['~=1.2', '>=1.2,<2.0'],
      // poetry-core also reads `^`/`~` among other constraints, and a single `|` as `||`.
      ['^1.2,<1.5', '>=1.2,<1.5'],
      ['>=1.1 ~1.2', '>=1.2,<1.3'],
    ];
    const PROBES = [
      '0',
      '0.0.2',
      '0.0.3',
      '0.0.4',
      '0.1.0',
      '0.2.2',
      '0.2.3',
      '0.2.9',
      '0.3.0',
      '0.9',
      '1.0.0',
      '1.1.9',
      '1.2.0',
      '1.2.2',
      '1.2.3',
      '1.2.9',
      '1.3.0',
      '1.4.9',
      '1.5.0',
      '1.9.9',
      '2.0.0',
      '3.0',
    ];
    for (const [constraint, pep440] of DOCUMENTED) {
      it(`reads ${constraint} as ${pep440}`, () => {
        const c = parsed(constraint);
        const { clauses } = parseSpecifier(pep440);
        for (const v of PROBES)
          assert.equal(admits(c, v), specifierAdmits(clauses, version(v)), `${constraint} on ${v}`);
      });
    }

    it('bounds ^ and ~ exactly, whatever the size of the numbers', () => {
      const bounds = (text: string) => parsed(text).branches[0].clauses.map((c) => c.op + c.version);
      assert.deepEqual(bounds('^1000000000000000000000'), ['>=1000000000000000000000', '<1000000000000000000001']);
      assert.deepEqual(bounds('^0.99999999999999999999'), ['>=0.99999999999999999999', '<0.100000000000000000000']);
      assert.deepEqual(bounds('~1.99999999999999999999.3'), ['>=1.99999999999999999999.3', '<1.100000000000000000000']);
    });

    it('keeps each branch of a union, with its style and position after the offset', () => {
      const c = parsePoetryConstraint('^1.5 || ~2.1 |  2.3.* || 3.0.1 || >=4,<5 || *', 100);
      assert.equal(c.error, undefined);
      assert.deepEqual(
        c.branches.map((b) => [b.text, b.start, b.end, b.style]),
        [
          ['^1.5', 100, 104, 'caret'],
          ['~2.1', 108, 112, 'tilde'],
          ['2.3.*', 116, 121, 'wildcard'],
          ['3.0.1', 125, 130, 'exact'],
          ['>=4,<5', 134, 140, 'pep440'],
          ['*', 144, 145, 'any'],
        ],
      );
    });

    it('admits a union of the branches and nothing between them', () => {
      const c = parsed('^1.5 | ~2.1');
      assert.deepEqual(
        ['1.4', '1.5', '1.9.9', '2.0', '2.1.0', '2.1.9', '2.2'].map((v) => admits(c, v)),
        [false, true, true, false, true, true, false],
      );
    });

    // Each row: the text, and the error with its offsets in that text.
    const ERRORS: [string, { message: string; start: number; end: number }][] = [
      ['', { message: 'Empty version constraint', start: 0, end: 0 }],
      ['^1.5 ||', { message: 'Empty version constraint', start: 7, end: 7 }],
      ['^', { message: "'' is not a valid version", start: 0, end: 1 }],
      ['^1.5 || ^abc', { message: "'abc' is not a valid version", start: 8, end: 12 }],
      ['latest', { message: "'latest' is not a valid Poetry version constraint", start: 0, end: 6 }],
      ['>=', { message: "'>=' is not a valid Poetry version constraint", start: 0, end: 2 }],
    ];
    for (const [text, error] of ERRORS) {
      it(`reports ${JSON.stringify(text)} as invalid at its place`, () => {
        assert.deepEqual(parsePoetryConstraint(text).error, error);
      });
    }
  });

  it('takes the common constraint forms as valid without reading them, and only forms the full reader accepts', () => {
    const forms = ['*', '^1.5', '~1.5.3', '1.5.3', '>=1.2,<2', '==1.5', '=1.5', '!=1.5', '>1,!=1.4', '<=2.0.0.1'];
    for (const text of forms) {
      assert.equal(poetryConstraintError(text), undefined, text);
      assert.equal(parsePoetryConstraint(text).error, undefined, text);
    }
    assert.deepEqual(poetryConstraintError('^1.5 ||'), { message: 'Empty version constraint', start: 7, end: 7 });
  });

  describe('judgePoetry', () => {
    // Each row: constraint, minimum, verdict.
    const VERDICTS: [string, string, string][] = [
      ['^1.5', '2.0.0', 'conflicts-with-minimum'],
      ['^1.5', '1.6.0', 'below-minimum'],
      ['^2.0', '2.0.0', 'ok'],
      ['~1.5', '1.5.3', 'below-minimum'],
      ['~1.5.3', '1.5.3', 'ok'],
      ['^0.2.3', '0.3.0', 'conflicts-with-minimum'],
      ['^0', '0.5.0', 'below-minimum'],
      ['*', '2.0.0', 'missing'],
      ['^1.5 || *', '2.0.0', 'missing'],
      ['1.5.3', '2.0.0', 'conflicts-with-minimum'],
      ['2.*', '2.0.0', 'ok'],
      // A union is below the minimum if any branch is, and conflicts only if every branch does.
      ['^1.5 || ^2.1', '2.0.0', 'below-minimum'],
      ['^1.5 || ^1.8', '2.0.0', 'conflicts-with-minimum'],
      ['^2.1 || ^3', '2.0.0', 'ok'],
      ['^2.0.0b1', '2.0.0', 'below-minimum'],
    ];
    for (const [constraint, minimum, verdict] of VERDICTS) {
      it(`${constraint} against ${minimum}: ${verdict}`, () => {
        assert.equal(judgePoetry(parsed(constraint), version(minimum)), verdict);
      });
    }
  });

  describe('fixPoetry', () => {
    // Each row: constraint, minimum, the fix in Poetry's syntax (pin: black has no 23.0.0, so its pin is 23.1.0).
    const FIXES: [string, string, string, string?][] = [
      ['^1.5', '2.0.0', '^2.0.0'],
      ['^0.2.3', '2.0.0', '^2.0.0'],
      ['^0.0.3', '0.1.0', '^0.1.0'],
      ['^0', '1.0.0', '^1.0.0'],
      ['~1.5', '2.0.0', '~2.0.0'],
      ['~1', '2.0.0', '~2.0.0'],
      ['1.5.*', '1.10.0', '1.10.*'],
      ['1.*', '2.0.0', '2.*'],
      ['*', '2.0.0', '>=2.0.0'],
      ['1.5.3', '2.0.0', '2.0.0'],
      ['22.3.0', '23.0.0', '23.1.0', '23.1.0'],
      ['==1.5.3', '2.0.0', '==2.0.0'],
      ['>=1.3,<3', '2.0.0', '>=2.0.0,<3'],
      ['>= 1.3, < 3', '2.0.0', '>= 2.0.0, < 3'],
      ['>=1.3 <3', '2.0.0', '>=2.0.0,<3'],
      ['!=1.5.0', '2.0.0', '>=2.0.0,!=1.5.0'],
      ['^1.5,<1.8', '2.0.0', '>=2.0.0'],
      // Branches wholly below go; a branch that reaches the minimum stays as written.
      ['^1.5 || ^2.1', '2.0.0', '^2.1'],
      ['^0.25 || ^1.5', '2.0.0', '^2.0.0'],
      ['^1.9 || ^2.0', '2.0.0', '^2.0'],
      ['^3.8', '3.10', '^3.10'],
      ['~3.8', '3.10', '~3.10'],
      ['>=3.8,<3.13', '3.10', '>=3.10,<3.13'],
    ];
    for (const [constraint, minimum, expected, pin] of FIXES) {
      it(`${constraint} with minimum ${minimum} becomes ${expected}`, () => {
        const result = fixed(constraint, minimum, pin);
        assert.equal(result, expected);
        assert.equal(judgePoetry(parsed(result), version(minimum)), 'ok', 'the fix meets the minimum');
      });
    }
  });
});

describe('Poetry dependencies in pyproject.toml', () => {
  // Each row: pandas' constraint as written (minimum 2.0.0), the code, and the fix (the message follows the code).
  const FORMS: [string, FindingCode, string][] = [
    ['^1.5', 'conflicts-with-minimum', '^2.0.0'],
    ['~1.5', 'conflicts-with-minimum', '~2.0.0'],
    ['1.5.*', 'conflicts-with-minimum', '2.0.*'],
    ['*', 'missing-minimum', '>=2.0.0'],
    ['>=1.3,<3', 'below-minimum', '>=2.0.0,<3'],
    ['>=1.3 <3', 'below-minimum', '>=2.0.0,<3'],
    ['==1.5.3', 'conflicts-with-minimum', '==2.0.0'],
    ['^1.5 || ^2.1', 'below-minimum', '^2.1'],
    ['^1.5 | ^2.1', 'below-minimum', '^2.1'],
    ['^1.5,<1.8', 'conflicts-with-minimum', '>=2.0.0'],
  ];
  for (const [written, code, to] of FORMS) {
    for (const quote of ['"', "'"]) {
      it(`pandas = ${quote}${written}${quote} becomes ${quote}${to}${quote}`, () => {
        const toml = `[tool.poetry.dependencies]\npandas = ${quote}${written}${quote}  # why\n`;
        const where = on(1, 10, 10 + written.length);
        const message =
          code === 'missing-minimum'
            ? `pandas = "${written}" allows any version; the standard minimum is 2.0.0`
            : code === 'below-minimum'
              ? `pandas "${written}" admits versions below the standard minimum 2.0.0`
              : `pandas "${written}" admits no version at or above the standard minimum 2.0.0`;
        assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
          poetry(code, 'pyproject.toml', where, message, 'pandas', to),
        ]);
        const once = fixOnce('pyproject.toml', toml);
        assert.equal(once, `[tool.poetry.dependencies]\npandas = ${quote}${to}${quote}  # why\n`);
        assert.ok(tomllibAccepts(once));
      });
    }
  }

  it('finds nothing in constraints that already meet the minimum', () => {
    const toml =
      '[tool.poetry.dependencies]\npython = "^3.10"\npandas = "^2.0"\nnumpy = "~1.26"\nscipy = "1.11.*"\nflask = ">=2.3,<4"\nblack = "23.1.0"\nhttpx = "^0.24 || ^0.25"\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), []);
  });

  it('reports an invalid constraint at its place inside the string', () => {
    const toml = '[tool.poetry.dependencies]\npandas = "^1.5 ||"\nnumpy = "^1.2.x"\nflask = "2.0.1"\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      {
        code: 'parse-error',
        severity: 'error',
        message: 'Empty version constraint',
        file: 'pyproject.toml',
        range: on(1, 17, 17),
        fixes: [],
      },
      {
        code: 'parse-error',
        severity: 'error',
        message: "'1.2.x' is not a valid version",
        file: 'pyproject.toml',
        range: on(2, 9, 15),
        fixes: [],
      },
      poetry(
        'conflicts-with-minimum',
        'pyproject.toml',
        on(3, 9, 14),
        'flask 2.0.1 is below the standard minimum 2.3.0',
        'flask',
        '2.3.0',
      ),
    ]);
  });

  it('reports an invalid constraint of a package the standard does not know, or only replaces: Poetry stops on it', () => {
    const toml = '[tool.poetry.dependencies]\nrich = "^13 ||"\nacme = { version = ">=1,<" }\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      {
        code: 'parse-error',
        severity: 'error',
        message: 'Empty version constraint',
        file: 'pyproject.toml',
        range: on(1, 14, 14),
        fixes: [],
      },
      {
        code: 'parse-error',
        severity: 'error',
        message: "'<' is not a valid Poetry version constraint",
        file: 'pyproject.toml',
        range: on(2, 20, 25),
        fixes: [],
      },
    ]);
  });

  it('reports a version that is not a string, and adds no second version key beside it', () => {
    // Found by the fuzzer: `version = true` counted as no version, and the fix wrote `version = ">=…"` beside it.
    const toml = '[tool.poetry.dependencies]\nscipy = { version = true }\nacme = { version = 2 }\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      {
        code: 'parse-error',
        severity: 'error',
        message: 'A version constraint is a string, such as "^1.5"',
        file: 'pyproject.toml',
        range: on(1, 20, 24),
        fixes: [],
      },
      {
        code: 'parse-error',
        severity: 'error',
        message: 'A version constraint is a string, such as "^1.5"',
        file: 'pyproject.toml',
        range: on(2, 19, 20),
        fixes: [],
      },
    ]);
  });

  it('removes a replaced package whose replacement the table already declares, rather than write a duplicate key', () => {
    const toml =
      '[tool.poetry.dependencies]\nscikit-learn = "^1.3"\nsklearn = "*"  # old name\nflask = { version = "^2.3", extras = ["async"] }\n';
    const message =
      'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn; scikit-learn is already declared in this table';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      warning('replaced-package', 'pyproject.toml', on(2, 0, 7), message, {
        title: 'Remove sklearn (scikit-learn is already declared)',
        edits: [[range(2, 0, 3, 0), '']],
      }),
    ]);
    const once = fixOnce('pyproject.toml', toml);
    assert.equal(
      once,
      '[tool.poetry.dependencies]\nscikit-learn = "^1.3"\nflask = { version = "^2.3", extras = ["async"] }\n',
    );
    assert.ok(tomllibAccepts(once));
    // On a line it shares with other entries it cannot go alone: the finding stays, without a fix.
    const shared = '[tool.poetry]\ndependencies = { scikit-learn = "^1.3", sklearn = "*" }\n';
    assert.deepEqual(
      check('pyproject.toml', shared, { sorted: true }).map((f) => [f.code, f.fixes]),
      [['replaced-package', []]],
    );
  });

  it('renames only the first of two replaced spellings; the second goes, so the key is written once', () => {
    const toml = '[tool.poetry.dependencies]\nsklearn = "^1.5"\nSKLEARN = "1.5.3"\n';
    const once = fixOnce('pyproject.toml', toml);
    assert.equal(once, '[tool.poetry.dependencies]\nscikit-learn = "^1.5"\n');
    assert.ok(tomllibAccepts(once));
    // A constraint spread over lines reads as its clauses, line breaks as spaces (it used to crash the rule).
    assert.deepEqual(
      check('pyproject.toml', '[tool.poetry.dependencies]\nrich = """>=1\n<2"""\nnumpy = """>=1.0\n<3"""\n', {
        sorted: true,
      }).map((f) => [f.code, f.message]),
      [['below-minimum', 'numpy ">=1.0\n<3" admits versions below the standard minimum 1.24.0']],
    );
  });

  it('points at the one constraint of a list that has no version, not at the name', () => {
    const toml =
      '[tool.poetry.dependencies]\npandas = [\n    { python = "<3.11", extras = ["sql"] },\n    { version = "^2.0", python = ">=3.11" },\n]\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      warning(
        'missing-minimum',
        'pyproject.toml',
        on(2, 4, 42),
        'pandas has no version constraint; the standard minimum is 2.0.0',
        { title: 'Add version = ">=2.0.0"', edits: [[on(2, 6, 6), 'version = ">=2.0.0", ']] },
      ),
    ]);
    assert.ok(tomllibAccepts(fixOnce('pyproject.toml', toml)));
  });

  it('adds a version to an empty inline table and to a sub-table at the end of the file', () => {
    const toml =
      '[tool.poetry.dependencies]\npandas = {}\n\n[tool.poetry.dependencies.numpy]\noptional = true\n\n[tool.poetry.group.dev.dependencies.pytest]';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      warning(
        'missing-minimum',
        'pyproject.toml',
        on(1, 0, 6),
        'pandas has no version constraint; the standard minimum is 2.0.0',
        { title: 'Add version = ">=2.0.0"', edits: [[on(1, 10, 10), ' version = ">=2.0.0" ']] },
      ),
      warning(
        'missing-minimum',
        'pyproject.toml',
        on(3, 26, 31),
        'numpy has no version constraint; the standard minimum is 1.24.0',
        { title: 'Add version = ">=1.24.0"', edits: [[on(4, 0, 0), 'version = ">=1.24.0"\n']] },
      ),
      warning(
        'missing-minimum',
        'pyproject.toml',
        on(6, 36, 42),
        'pytest has no version constraint; the standard minimum is 7.0.0',
        { title: 'Add version = ">=7.0.0"', edits: [[on(6, 43, 43), '\nversion = ">=7.0.0"']] },
      ),
    ]);
    const once = fixOnce('pyproject.toml', toml);
    assert.equal(
      once,
      '[tool.poetry.dependencies]\npandas = { version = ">=2.0.0" }\n\n[tool.poetry.dependencies.numpy]\nversion = ">=1.24.0"\noptional = true\n\n[tool.poetry.group.dev.dependencies.pytest]\nversion = ">=7.0.0"',
    );
    assert.ok(tomllibAccepts(once));
    assert.deepEqual(check('pyproject.toml', once, { sorted: true }), []);
  });

  it('leaves a dependency whose python constraint is below the standard alone, and checks the others', () => {
    const toml =
      '[tool.poetry.dependencies]\nnumpy = [\n  { version = "^1.21", python = "~3.9" },\n  { version = "^1.22", python = "^3.10" },\n]\n';
    assert.deepEqual(check('pyproject.toml', toml, { sorted: true }), [
      poetry(
        'below-minimum',
        'pyproject.toml',
        on(3, 15, 20),
        'numpy "^1.22" admits versions below the standard minimum 1.24.0',
        'numpy',
        '^1.24.0',
      ),
    ]);
  });
});
