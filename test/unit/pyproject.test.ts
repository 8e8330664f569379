import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, loadStandard, type Finding, type FindingCode, type Position, type Range } from '../../src/core';
import {
  check,
  ensureCliBuilt,
  fixOnce,
  memoryFileSystem,
  on,
  range,
  runCli,
  tempProject,
  warning,
  type SarifLog,
} from '../helpers';
import { goldenCases, readGoldenCases } from '../helpers/golden';

const VERSION_CODES: FindingCode[] = [
  'below-minimum',
  'conflicts-with-minimum',
  'missing-minimum',
  'replaced-package',
  'python-below-minimum',
];

function at(line: number, character: number): Position {
  return { line, character };
}

/** A PEP 508 string whose specifier `spec` admits versions below the minimum; the fix rewrites it in place. */
function below(file: string, where: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('below-minimum', file, where, `${name}${spec} admits versions below the standard minimum ${minimum}`, {
    title: `Change to ${name}${fixed}`,
    edits: [[where, fixed]],
  });
}

function missing(file: string, where: Range, name: string, minimum: string, insertAt: Position): Finding {
  return warning(
    'missing-minimum',
    file,
    where,
    `${name} has no version constraint; the standard minimum is ${minimum}`,
    {
      title: `Require ${name}>=${minimum}`,
      edits: [[{ start: insertAt, end: insertAt }, `>=${minimum}`]],
    },
  );
}

function python(file: string, where: Range, message: string, fixed: string): Finding {
  return warning('python-below-minimum', file, where, message, {
    title: `Change to ${fixed}`,
    edits: [[where, fixed]],
  });
}

function parseError(file: string, where: Range, message: string): Finding {
  return { code: 'parse-error', severity: 'error', message, file, range: where, fixes: [] };
}

/** Whether Python's own TOML reader accepts `text`; its complaint otherwise. */
function tomllib(text: string): { ok: boolean; error: string } {
  // Bytes, so that CRLF reaches tomllib exactly as written.
  const r = spawnSync('python3', ['-c', 'import sys,tomllib; tomllib.loads(sys.stdin.buffer.read().decode("utf-8"))'], {
    input: text,
    encoding: 'utf8',
  });
  assert.equal(r.error, undefined, 'python3 runs');
  return { ok: r.status === 0, error: r.stderr.trim().split('\n').pop() ?? '' };
}

/** One fix pass gives exactly `expected`, which still parses, leaves no fixable finding, and is a fixed point. */
function assertFixes(file: string, text: string, expected: string): void {
  const fixed = fixOnce(file, text);
  assert.equal(fixed, expected);
  const parsed = tomllib(fixed);
  assert.ok(parsed.ok, `the fixed file still parses: ${parsed.error}`);
  assert.deepEqual(
    check(file, fixed, { sorted: true }).filter((f) => VERSION_CODES.includes(f.code) && f.fixes.length > 0),
    [],
    'no fixable finding is left',
  );
  assert.equal(fixOnce(file, fixed), fixed, 'fixing twice equals fixing once');
}

// Each folder of test/fixtures/pyproject: its findings, and what one run of the fixer makes of it, with LF and CRLF.
// Lines are counted from 0 here, as expected.json counts them.
goldenCases('pyproject', {
  about: {
    // flask meets its minimum, and scipy's marker holds only below the standard's Python: neither is reported.
    pep621:
      'PEP 621, PEP 735, uv and PDM lists checked at the exact place inside each string (include-group entries skipped), all fixed in one pass keeping quotes, spacing and comments',
    poetry:
      'Poetry strings, inline tables, sub-tables, lists, groups, dev-dependencies and the python key, fixed in Poetry syntax in one pass',
    // One finding on each black target below the standard, inside its quotes; both carry the one fix of the list.
    python: 'requires-python and the black, mypy, ruff and pyright settings, each fixed in its own notation',
    'python-ok': 'nothing to find in a file that already meets the standard',
    // No offset of the decoded `>=2.0,<3` maps onto `>=2.0\u002C<3` (line 7): an edit there would corrupt the string.
    quoting:
      "requirements in basic, literal and multi-line strings, and one with escapes without an edit; each string's quotes and the comments after it kept",
    // Each broken-* case has one broken line between numpy and flask in [tool.poetry.dependencies] (line 6): its
    // neighbours and the other tables still count, and the fixes leave the broken line as it is.
    'broken-unterminated-string': 'an unterminated string reported where it is',
    'broken-missing-equals': 'a missing equals sign reported where it is',
    'broken-unclosed-array': 'an unclosed array reported where it is',
    'broken-unclosed-inline-table': 'an unclosed inline table reported where it is',
    'broken-duplicate-key': 'a key defined twice reported where it is',
    'broken-unquoted-caret': 'an unquoted caret reported where it is',
    // pytest = "^6.2" sits in the broken section, so it is not checked.
    'broken-bad-header': 'a bad table header loses only the section it opens',
    'broken-multiline-array': 'an unterminated string inside a multi-line array loses only its own line',
  },
  crlf: true,
  // A fixed file still parses as Python's TOML reader reads it (a broken one stays broken where it was).
  afterFix: ({ name, file, after }) => {
    if (name.startsWith('broken-')) return;
    const parsed = tomllib(after);
    assert.ok(parsed.ok, `${file} still parses: ${parsed.error}`);
  },
});

describe('pyproject.toml', () => {
  it("the broken cases are broken for Python's TOML reader, and it reads every other case", () => {
    for (const golden of readGoldenCases('pyproject'))
      assert.equal(tomllib(golden.input('pyproject.toml')).ok, !golden.name.startsWith('broken-'), golden.name);
  });

  describe('the Python version', () => {
    // Each row: requires-python as written, and as fixed (undefined: already fine).
    const REQUIRES_PYTHON: [string, string | undefined][] = [
      ['>=3.8', '>=3.10'],
      ['>=3.8,<4', '>=3.10,<4'],
      ['>= 3.7, < 4', '>= 3.10, < 4'],
      ['~=3.8', '~=3.10'],
      ['==3.9.*', '==3.10.*'],
      ['>=3.8,!=3.9.*', '>=3.10,!=3.9.*'],
      ['<3.10', '>=3.10'],
      ['>=3.10', undefined],
      ['>=3.11,<3.13', undefined],
    ];
    for (const [written, fixed] of REQUIRES_PYTHON) {
      it(`requires-python "${written}" ${fixed ? `becomes "${fixed}"` : 'is fine'}`, () => {
        const text = `[project]\nrequires-python = "${written}"\n`;
        const where = on(1, 19, 19 + written.length);
        assert.deepEqual(
          check('pyproject.toml', text, { sorted: true }),
          fixed
            ? [
                python(
                  'pyproject.toml',
                  where,
                  `requires-python "${written}" admits Pythons below the standard minimum 3.10`,
                  fixed,
                ),
              ]
            : [],
        );
        if (fixed) assertFixes('pyproject.toml', text, `[project]\nrequires-python = "${fixed}"\n`);
      });
    }

    // black's target-version: each row is the list as written and as fixed; items below py310 go with their separator.
    const BLACK: [string, string][] = [
      ['["py38", "py39"]', '["py310"]'],
      ['["py37", "py38", "py311"]', '["py310", "py311"]'],
      ['["py311", "py37", "py38"]', '["py311", "py310"]'],
      ['["py38", "py310", "py39"]', '["py310"]'],
      // Two removals at the end of the list must not overlap, or one pass leaves "py39" behind.
      ['["py310", "py38", "py39"]', '["py310"]'],
      ['[\n    "py38",  # oldest\n    "py39",\n    "py312",\n]', '[\n    "py310",  # oldest\n    "py312",\n]'],
    ];
    for (const [written, fixed] of BLACK) {
      it(`black target-version ${JSON.stringify(written)} becomes ${JSON.stringify(fixed)} in one pass`, () => {
        const text = `[tool.black]\ntarget-version = ${written}\n`;
        const found = check('pyproject.toml', text, { sorted: true });
        // A finding on each target below py310, on its text inside the quotes, all with the one fix of the list.
        const lines = new LineIndex(text);
        assert.deepEqual(
          found.map((f) => [f.code, f.range, f.message, f.fixes]),
          [...written.matchAll(/"(py3[0-9])"/g)].map((m) => [
            'python-below-minimum',
            lines.rangeAt(text.indexOf(m[0]) + 1, text.indexOf(m[0]) + 1 + m[1].length),
            `[tool.black] target-version "${m[1]}" is below the standard Python minimum 3.10`,
            found[0].fixes,
          ]),
        );
        assertFixes('pyproject.toml', text, `[tool.black]\ntarget-version = ${fixed}\n`);
      });
    }
  });

  it("follows an organisation's standard: its Python, its severity, and a link to the entry that set each rule", () => {
    const yaml = 'extends: builtin\npython: "3.11"\npackages:\n  pandas: { minimum: "2.2.0", severity: error }\n';
    const { standard, errors } = loadStandard('stack-standard.yaml', memoryFileSystem({ 'stack-standard.yaml': yaml }));
    assert.deepEqual(errors, []);
    const text =
      '[project]\nrequires-python = ">=3.10"\ndependencies = ["pandas>=2.1"]\n\n[tool.poetry.dependencies]\npandas = "^2.1"\n';
    const pandas = {
      location: { file: 'stack-standard.yaml', range: on(3, 2, 47) },
      message: 'The minimum 2.2.0 for pandas is set here by the standard',
    };
    assert.deepEqual(check('pyproject.toml', text, { standard, sorted: true }), [
      {
        ...python(
          'pyproject.toml',
          on(1, 19, 25),
          'requires-python ">=3.10" admits Pythons below the standard minimum 3.11',
          '>=3.11',
        ),
        related: [
          {
            location: { file: 'stack-standard.yaml', range: on(1, 0, 14) },
            message: 'The Python minimum 3.11 is set here by the standard',
          },
        ],
      },
      {
        ...below('pyproject.toml', on(2, 23, 28), 'pandas', '>=2.1', '2.2.0', '>=2.2.0'),
        severity: 'error',
        related: [pandas],
      },
      {
        ...warning(
          'below-minimum',
          'pyproject.toml',
          on(5, 10, 14),
          'pandas "^2.1" admits versions below the standard minimum 2.2.0',
          { title: 'Change to pandas = "^2.2.0"', edits: [[on(5, 10, 14), '^2.2.0']] },
        ),
        severity: 'error',
        related: [pandas],
      },
    ]);
  });

  describe('a file with a syntax error', () => {
    it('reports a broken requirement string inside a list at its place in the string', () => {
      const text = '[project]\ndependencies = ["pandas>=1.3", "numpy>=>1", "flask"]\n';
      assert.deepEqual(check('pyproject.toml', text, { sorted: true }), [
        below('pyproject.toml', on(1, 23, 28), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        parseError('pyproject.toml', on(1, 37, 41), "'>1' is not a valid PEP 440 version"),
        missing('pyproject.toml', on(1, 45, 50), 'flask', '2.3.0', at(1, 50)),
      ]);
    });
  });

  describe('quoting and line endings', () => {
    it("inserts a new line in the file's own line ending", () => {
      const text = '[tool.poetry.dependencies.pandas]\r\noptional = true\r\n';
      assert.equal(
        fixOnce('pyproject.toml', text),
        '[tool.poetry.dependencies.pandas]\r\nversion = ">=2.0.0"\r\noptional = true\r\n',
      );
    });
  });

  describe('the CLI', () => {
    before(ensureCliBuilt);

    const APP =
      '[project]\nname = "app"\nrequires-python = \'>=3.8\'\ndependencies = [\'pandas>=1.3\']\n\n[tool.poetry.group.dev.dependencies]\npytest = "^6.2"  # test runner\n';
    const FILES = {
      'pyproject.toml': APP,
      'services/api/pyproject.toml': '[tool.ruff]\ntarget-version = "py38"\n',
      // Vendored and virtual-environment copies are not the project's own.
      'node_modules/pkg/pyproject.toml': '[tool.ruff]\ntarget-version = "py38"\n',
      '.venv/lib/pyproject.toml': '[tool.ruff]\ntarget-version = "py38"\n',
    };

    it('finds pyproject.toml files in the tree and prints one line per finding', () => {
      const r = runCli(tempProject(FILES), 'check');
      assert.equal(r.stderr, '');
      assert.equal(
        r.stdout,
        [
          'pyproject.toml:3:20: warning python-below-minimum requires-python ">=3.8" admits Pythons below the standard minimum 3.10',
          'pyproject.toml:4:24: warning below-minimum pandas>=1.3 admits versions below the standard minimum 2.0.0',
          'pyproject.toml:7:11: warning conflicts-with-minimum pytest "^6.2" admits no version at or above the standard minimum 7.0.0',
          'services/api/pyproject.toml:2:19: warning python-below-minimum [tool.ruff] target-version "py38" is below the standard Python minimum 3.10',
          '4 problems (0 errors, 4 warnings); 4 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.equal(r.code, 1);
    });

    it('writes JSON with 0-based ranges and the fixes', () => {
      const r = runCli(
        tempProject({ 'pyproject.toml': "[tool.poetry.dependencies]\nnumpy = '~1.21'\n" }),
        'check',
        '--format',
        'json',
      );
      assert.equal(r.code, 1);
      const where = on(1, 9, 14);
      assert.deepEqual(JSON.parse(r.stdout), {
        version: 1,
        findings: [
          {
            file: 'pyproject.toml',
            code: 'conflicts-with-minimum',
            severity: 'warning',
            message: 'numpy "~1.21" admits no version at or above the standard minimum 1.24.0',
            range: where,
            fixes: [
              {
                title: 'Change to numpy = "~1.24.0"',
                isPreferred: true,
                edits: [{ file: 'pyproject.toml', range: where, newText: '~1.24.0' }],
              },
            ],
          },
        ],
      });
    });

    it('writes SARIF results with 1-based regions and the fix as a replacement', () => {
      const r = runCli(
        tempProject({ 'pyproject.toml': '[tool.mypy]\npython_version = "3.8"\n' }),
        'check',
        '--format',
        'sarif',
      );
      assert.equal(r.code, 1);
      const region = { startLine: 2, startColumn: 19, endLine: 2, endColumn: 22 };
      assert.deepEqual((JSON.parse(r.stdout) as SarifLog).runs[0].results, [
        {
          ruleId: 'python-below-minimum',
          ruleIndex: 4,
          level: 'warning',
          message: { text: '[tool.mypy] python_version "3.8" is below the standard Python minimum 3.10' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'pyproject.toml' }, region } }],
          fixes: [
            {
              description: { text: 'Change to 3.10' },
              artifactChanges: [
                {
                  artifactLocation: { uri: 'pyproject.toml' },
                  replacements: [{ deletedRegion: region, insertedContent: { text: '3.10' } }],
                },
              ],
            },
          ],
        },
      ]);
    });

    it('--fix rewrites pyproject.toml in place, keeping quotes and comments, and the result still parses', () => {
      const dir = tempProject(FILES);
      const r = runCli(dir, 'check', '--fix');
      assert.deepEqual(r, {
        code: 0,
        stdout: '',
        stderr: [
          'fixed pyproject.toml:3:20: Change to >=3.10',
          'fixed pyproject.toml:4:24: Change to pandas>=2.0.0',
          'fixed pyproject.toml:7:11: Change to pytest = "^7.0.0"',
          'fixed services/api/pyproject.toml:2:19: Change to py310',
          '',
        ].join('\n'),
      });
      const fixed = fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8');
      assert.equal(
        fixed,
        '[project]\nname = "app"\nrequires-python = \'>=3.10\'\ndependencies = [\'pandas>=2.0.0\']\n\n[tool.poetry.group.dev.dependencies]\npytest = "^7.0.0"  # test runner\n',
      );
      assert.ok(tomllib(fixed).ok);
      assert.equal(
        fs.readFileSync(path.join(dir, 'node_modules/pkg/pyproject.toml'), 'utf8'),
        FILES['node_modules/pkg/pyproject.toml'],
        'vendored files are left alone',
      );
    });
  });
});

describe('a project that requires itself', () => {
  it("is not judged: its version is the project's own, and the requirement only pulls in its extras", () => {
    // As google-cloud-bigquery's own pyproject.toml does, and requests' and pytest's.
    const pep621 =
      '[project]\nname = "Google_Cloud_BigQuery"\ndependencies = ["pandas>=2.0.0"]\n[project.optional-dependencies]\nall = ["google-cloud-bigquery[bqstorage,pandas]"]\n';
    assert.deepEqual(check('/p/pyproject.toml', pep621), []);
    const poetry =
      '[tool.poetry]\nname = "requests"\n[tool.poetry.group.dev.dependencies]\nrequests = { extras = ["socks"], path = "." }\n[tool.poetry.dependencies]\nrequests = "*"\n';
    assert.deepEqual(check('/p/pyproject.toml', poetry), []);
    // Another project requiring the same package is judged as ever.
    assert.deepEqual(
      check('/p/pyproject.toml', pep621.replace('Google_Cloud_BigQuery', 'my-service')).map((f) => f.code),
      ['missing-minimum'],
    );
  });
});

describe('a Poetry dependency the standard replaces', () => {
  it('is renamed and given the replacement minimum in one fix, in Poetry syntax', () => {
    const text = '[tool.poetry.dependencies]\nsklearn = "^0.24"  # legacy name\n';
    const findings = check('/p/pyproject.toml', text);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range, f.fixes.map((x) => [x.title, x.edits.map((e) => [e.range, e.newText])])]),
      [
        [
          'replaced-package',
          range(1, 0, 1, 7),
          [
            [
              'Replace sklearn with scikit-learn = "^1.3.0"',
              [
                [range(1, 0, 1, 7), 'scikit-learn'],
                [range(1, 11, 1, 16), '^1.3.0'],
              ],
            ],
          ],
        ],
      ],
    );
    const fixed = fixOnce('/p/pyproject.toml', text);
    assert.equal(fixed, '[tool.poetry.dependencies]\nscikit-learn = "^1.3.0"  # legacy name\n');
    assert.deepEqual(check('/p/pyproject.toml', fixed), []);
  });

  it('keeps a version that already meets the replacement', () => {
    const findings = check(
      '/p/pyproject.toml',
      "[tool.poetry.dependencies]\nsklearn = { version = '^1.4', extras = ['x'] }\n",
    );
    assert.deepEqual(
      findings.map((f) => f.fixes.map((x) => [x.title, x.edits.length])),
      [[['Replace sklearn with scikit-learn', 1]]],
    );
  });
});

describe('a Poetry constraint written with escapes', () => {
  it('is reported over the whole string, without a fix', () => {
    const text = '[tool.poetry.dependencies]\npandas = "\\u005E1.5"\n';
    const findings = check('/p/pyproject.toml', text);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range, f.message, f.fixes]),
      [
        [
          'conflicts-with-minimum',
          range(1, 10, 1, 19),
          'pandas "^1.5" admits no version at or above the standard minimum 2.0.0; the string uses escapes, so change it by hand (no automatic fix)',
          [],
        ],
      ],
    );
  });
});

describe('TOML 1.1 syntax in a pyproject.toml', () => {
  it('is a parse error that says tomllib and pip do not accept it, and the other tables keep their findings', () => {
    const file = '/p/pyproject.toml';
    const text =
      '[tool.poetry.dependencies]\npandas = { version = "^1.5", extras = ["sql"], }\n\n[project]\ndependencies = ["numpy==1.21.0"]\n';
    assert.deepEqual(check(file, text), [
      {
        code: 'parse-error',
        severity: 'error',
        message:
          'A trailing comma in an inline table is TOML 1.1 syntax, which tomllib and pip (TOML 1.0) do not accept',
        file,
        range: on(1, 45, 46),
        fixes: [],
      },
      warning('conflicts-with-minimum', file, on(4, 22, 30), 'numpy==1.21.0 is below the standard minimum 1.24.0', {
        title: 'Change to numpy==1.24.0',
        edits: [[on(4, 22, 30), '==1.24.0']],
      }),
    ]);
  });
});
