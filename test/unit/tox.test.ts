import { strict as assert } from 'node:assert';
import { builtinStandard, LineIndex, type Finding, type Range } from '../../src/core';
import { pick, range, runPython, seededRandom, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const TOX = '/p/tox.ini';
const PYPROJECT = '/p/pyproject.toml';

const check = (file: string, text: string) => checkFile(file, text, { standard: STANDARD, sorted: true });

const fixOnce = (file: string, text: string) => fixFile(file, text, { standard: STANDARD, overlapsWait: true });

/** One pass of fixes gives `expected`, after which nothing fixable is left and a second pass changes nothing. */
function assertFixes(file: string, text: string, expected: string): void {
  const fixed = fixOnce(file, text);
  assert.equal(fixed, expected);
  assert.deepEqual(
    check(file, fixed).filter((f) => f.fixes.length > 0),
    [],
    'nothing fixable is left',
  );
  assert.equal(fixOnce(file, fixed), fixed, 'fixing twice equals fixing once');
}

/** A Python below the minimum, found in a list: every entry's finding carries the list's one fix. */
function below(where: Range, label: string, shown: string, title: string, edits: [Range, string][]): Finding {
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message: `${label} ${shown} is below the standard Python minimum 3.10`,
    file: TOX,
    range: where,
    fixes:
      edits.length === 0
        ? []
        : [{ title, isPreferred: true, edits: edits.map(([r, newText]) => ({ file: TOX, range: r, newText })) }],
  };
}

const on = (line: number, start: number, end: number) => range(line, start, line, end);

// The environments tox makes of an envlist value (as configparser gives it): lines and commas outside braces separate
// entries, an unescaped `#` starts a comment, and each `{a,b}` group multiplies its entry.
const TOX_ENVS = `
import configparser, io, itertools, json, re, sys

def entries(line):
    depth, current = 0, ''
    for c in line:
        if c == ',' and depth == 0:
            yield current
            current = ''
            continue
        depth += c == '{'
        depth -= c == '}' and depth > 0
        current += c
    yield current

def envs(value):
    out = []
    for line in value.split('\\n'):
        line = re.sub(r'\\s*(?<!\\\\)#.*', '', line)
        for entry in entries(line):
            parts = re.split(r'\\{([^}]+)\\}', entry.strip())
            choices = [[p] if i % 2 == 0 else [a.strip() for a in p.split(',')] for i, p in enumerate(parts)]
            out += [''.join(combo) for combo in itertools.product(*choices) if ''.join(combo)]
    return out

out = []
for case in json.load(sys.stdin):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_file(io.StringIO(case['text'], newline=None))
    out.append(envs(parser.get(case['section'], case['key'])))
print(json.dumps(out))
`;

/** The environments of `key` in `section`, as configparser and tox's expansion read the file. */
function toxEnvs(context: Mocha.Context, cases: { text: string; section: string; key: string }[]): string[][] {
  return runPython(context, TOX_ENVS, cases) as string[][];
}

describe('tox.ini', () => {
  describe('envlist', () => {
    const text = '[tox]\nenvlist = py38, py39, py310, lint\n';

    it('reports each environment below the minimum, with one fix that drops them', () => {
      const edits: [Range, string][] = [[on(1, 10, 22), '']];
      const title = 'Drop the Pythons below py310';
      assert.deepEqual(check(TOX, text), [
        below(on(1, 10, 14), '[tox] envlist', 'py38', title, edits),
        below(on(1, 16, 20), '[tox] envlist', 'py39', title, edits),
      ]);
      assertFixes(TOX, text, '[tox]\nenvlist = py310, lint\n');
    });

    it('finds the same in a CRLF file and keeps its line ends', () => {
      const crlf = text.replace(/\n/g, '\r\n');
      assert.deepEqual(check(TOX, crlf), check(TOX, text));
      assertFixes(TOX, crlf, '[tox]\r\nenvlist = py310, lint\r\n');
    });

    it('drops an entry of a multi-line value with its line, keeping comment lines', () => {
      const multi = '[tox]\nenvlist =\n    py38  # oldest\n    # supported:\n    py310\n    lint\n';
      assert.deepEqual(check(TOX, multi), [
        below(on(2, 4, 8), '[tox] envlist', 'py38', 'Drop the Pythons below py310', [[range(2, 0, 3, 0), '']]),
      ]);
      assertFixes(TOX, multi, '[tox]\nenvlist =\n    # supported:\n    py310\n    lint\n');
    });

    it("reads tox 4's env_list and the 3.x spelling, and writes a raise in the entry's own spelling", () => {
      const t4 = '[tox]\nenv_list = 3.8, 3.11, type\n';
      assert.deepEqual(check(TOX, t4), [
        below(on(1, 11, 14), '[tox] env_list', '3.8', 'Drop the Pythons below 3.10', [[on(1, 11, 16), '']]),
      ]);
      assertFixes(TOX, t4, '[tox]\nenv_list = 3.11, type\n');
      // Every Python below: the newest is raised (in its own spelling), so the list still runs one.
      assertFixes(TOX, '[tox]\nenvlist = py37,py3.9,lint\n', '[tox]\nenvlist = py3.10,lint\n');
    });

    it('reads the Python factor anywhere in a name, and leaves other interpreters and bare majors alone', () => {
      const names = '[tox]\nenvlist = django-py38-linux, pypy39, py3, cpython-3.9, py312t, docs\n';
      assert.deepEqual(
        check(TOX, names).map((f) => [f.range, f.message]),
        [
          [on(1, 17, 21), '[tox] envlist py38 is below the standard Python minimum 3.10'],
          [on(1, 50, 53), '[tox] envlist 3.9 is below the standard Python minimum 3.10'],
        ],
      );
      assertFixes(TOX, names, '[tox]\nenvlist = pypy39, py3, py312t, docs\n');
    });

    it('narrows brace groups to the alternatives at or above the minimum, and drops an entry all below', function () {
      const braces = '[tox]\nenvlist = py3{8,9,10,11}-django{40,50}, {py38,py311}-lint, py{38,39}\n';
      const title = 'Drop the Pythons below py310';
      const edits: [Range, string][] = [
        [on(1, 14, 16), ''],
        [on(1, 16, 18), ''],
        [on(1, 41, 46), ''],
        [on(1, 57, 68), ''],
      ];
      assert.deepEqual(check(TOX, braces), [
        below(on(1, 14, 15), '[tox] envlist', 'py38', title, edits),
        below(on(1, 16, 17), '[tox] envlist', 'py39', title, edits),
        below(on(1, 41, 45), '[tox] envlist', 'py38', title, edits),
        below(on(1, 62, 64), '[tox] envlist', 'py38', title, edits),
        below(on(1, 65, 67), '[tox] envlist', 'py39', title, edits),
      ]);
      const fixed = '[tox]\nenvlist = py3{10,11}-django{40,50}, {py311}-lint\n';
      assertFixes(TOX, braces, fixed);
      assert.deepEqual(
        toxEnvs(this, [
          { text: braces, section: 'tox', key: 'envlist' },
          { text: fixed.replace(/\n/g, '\r\n'), section: 'tox', key: 'envlist' },
        ]),
        [
          [
            ...['py38', 'py39', 'py310', 'py311'].flatMap((py) => [`${py}-django40`, `${py}-django50`]),
            'py38-lint',
            'py311-lint',
            'py38',
            'py39',
          ],
          ['py310-django40', 'py310-django50', 'py311-django40', 'py311-django50', 'py311-lint'],
        ],
      );
    });

    it('reports without a fix what no edit of the list can drop alone: a range that also holds newer Pythons', () => {
      const ranged = '[tox]\nenvlist = py3{8-12}, lint\n';
      assert.deepEqual(check(TOX, ranged), [
        below(on(1, 14, 18), '[tox] envlist', 'py38', '', []),
        below(on(1, 14, 18), '[tox] envlist', 'py39', '', []),
      ]);
      // A raise cannot rewrite an alternative's text into a whole factor either.
      assert.deepEqual(
        check(TOX, '[tox]\nenvlist = py3{7,8}\n').map((f) => f.fixes),
        [[], []],
      );
    });

    it('keeps what each tool reads of a fixed file: configparser and the environments tox makes', function () {
      const cases = [
        ['[tox]\nenvlist = py38, py39, py310, lint\n', '[tox]\nenvlist = py310, lint\n'],
        [
          '[tox]\nenvlist =\n    py38,\n    # supported\n    py311,\n    py39, lint\n',
          '[tox]\nenvlist =\n    # supported\n    py311,\n    lint\n',
        ],
        ['[tox]\r\nenvlist = py39,\r\n  py312\r\n', '[tox]\r\nenvlist = py312\r\n'],
      ];
      for (const [before, after] of cases) assertFixes(TOX, before, after);
      const read = toxEnvs(
        this,
        cases.map(([, after]) => ({ text: after, section: 'tox', key: 'envlist' })),
      );
      assert.deepEqual(read, [['py310', 'lint'], ['py311', 'lint'], ['py312']]);
    });
  });

  it('judges basepython in every test environment, in its own spelling', () => {
    const text =
      '[testenv]\nbasepython = python3.8\n[testenv:lint]\nbase_python = py39\n[testenv:docs]\nbasepython = python3.12\n';
    const change = (where: Range, label: string, shown: string, newText: string): Finding => ({
      code: 'python-below-minimum',
      severity: 'warning',
      message: `${label} ${shown} is below the standard Python minimum 3.10`,
      file: TOX,
      range: where,
      fixes: [{ title: `Change to ${newText}`, isPreferred: true, edits: [{ file: TOX, range: where, newText }] }],
    });
    assert.deepEqual(check(TOX, text), [
      change(on(1, 13, 22), '[testenv] basepython', 'python3.8', 'python3.10'),
      change(on(3, 14, 18), '[testenv:lint] base_python', 'py39', 'py310'),
    ]);
    assertFixes(
      TOX,
      text,
      '[testenv]\nbasepython = python3.10\n[testenv:lint]\nbase_python = py310\n[testenv:docs]\nbasepython = python3.12\n',
    );
  });

  it('reads requires as package requirements, split the way tox splits them', () => {
    const text = '[tox]\nrequires =\n    tox>=4\n    pandas>=1.0\n';
    assert.deepEqual(check(TOX, text), [
      {
        code: 'below-minimum',
        severity: 'warning',
        message: 'pandas>=1.0 admits versions below the standard minimum 2.0.0',
        file: TOX,
        range: on(3, 10, 15),
        fixes: [
          {
            title: 'Change to pandas>=2.0.0',
            isPreferred: true,
            edits: [{ file: TOX, range: on(3, 10, 15), newText: '>=2.0.0' }],
          },
        ],
      },
    ]);
    // On one line tox splits at commas: a fix that needs a second clause cannot be written there.
    assert.deepEqual(
      check(TOX, '[tox]\nrequires = tox>=4, pandas<3\n').map((f) => [f.code, f.range, f.message, f.fixes]),
      [
        [
          'below-minimum',
          on(1, 25, 27),
          "pandas<3 admits versions below the standard minimum 2.0.0; its one-line list is split at ',', so a constraint with ',' cannot be written there: put the requirement on a line of its own (no automatic fix)",
          [],
        ],
      ],
    );
    assert.equal(
      fixOnce(TOX, '[tox]\nrequires =\n    tox>=4\n    pandas<3\n'),
      '[tox]\nrequires =\n    tox>=4\n    pandas>=2.0.0,<3\n',
    );
    // A constraint with two clauses on that one line falls apart: as tox refuses it, so do we.
    assert.deepEqual(
      check(TOX, '[tox]\nrequires = tox>=4,<5, pandas>=2.1\n').map((f) => [f.code, f.range]),
      [['parse-error', on(1, 18, 20)]],
    );
  });

  it("reads pylint's sections there, as pylint does (inline comments cut), and no test environment named pylint", () => {
    const text = '[testenv:pylint]\npy-version = 3.7\n[pylint.main]\npy-version = 3.8  # the oldest\n';
    assert.deepEqual(
      check(TOX, text).map((f) => [f.range, f.message, f.fixes[0].edits[0].newText]),
      [[on(3, 13, 16), '[pylint.main] py-version 3.8 is below the standard Python minimum 3.10', '3.10']],
    );
  });

  describe('broken input', () => {
    it('reports what configparser refuses at its line, and still reads every option it can', () => {
      const text = '[tox]\nenvlist = py38, py311\nthis line is junk\n[tox]\n[testenv]\nbasepython = python3.9\n';
      assert.deepEqual(
        check(TOX, text).map((f) => [f.code, f.range, f.message]),
        [
          ['python-below-minimum', on(1, 10, 14), '[tox] envlist py38 is below the standard Python minimum 3.10'],
          ['parse-error', on(2, 0, 17), "Expected a [section] header, 'key = value' or an indented continuation line"],
          ['parse-error', on(3, 0, 5), 'The section [tox] appears twice; configparser stops at the second'],
          [
            'python-below-minimum',
            on(5, 13, 22),
            '[testenv] basepython python3.9 is below the standard Python minimum 3.10',
          ],
        ],
      );
      assert.deepEqual(
        check(TOX, 'envlist = py38\n[tox\n').map((f) => [f.code, f.range, f.message]),
        [
          ['parse-error', on(0, 0, 14), 'An option comes before the first [section] header'],
          ['parse-error', on(1, 0, 4), "Expected a [section] header, 'key = value' or an indented continuation line"],
        ],
      );
    });

    it('never throws on mutated files, and every finding stays inside its file', () => {
      const random = seededRandom(10);
      const seeds = [
        '[tox]\nenvlist = py3{8,9,10}-django{3,4}, {py38,lint}, py3{8-12}\n  py39 # c\nrequires = tox>=4\n  pandas>=1\n[testenv:x]\nbasepython = python3.8\n',
        '[tox]\r\nenv_list =\r\n  py37,\r\n  py311\r\n[pylint]\r\npy-version = 3.8\r\n',
      ];
      const junk = ['{', '}', ',', '#', '\n', '\r\n', ' ', '-', '8', 'py3', '[', ']', '=', ':', '{8-', '\\'];
      for (let n = 0; n < 400; n++) {
        let text = pick(random, seeds);
        for (let k = 0; k < 4; k++) {
          const at = Math.floor(random() * (text.length + 1));
          text =
            random() < 0.5
              ? text.slice(0, at) + pick(random, junk) + text.slice(at)
              : text.slice(0, at) + text.slice(at + 2);
        }
        const lines = new LineIndex(text);
        for (const f of check(TOX, text)) {
          assert.notEqual(f.code, 'internal-error', `${JSON.stringify(text)}: ${f.message}`);
          for (const r of [f.range, ...f.fixes.flatMap((x) => x.edits.map((e) => e.range))])
            assert.deepEqual(lines.rangeAt(lines.offsetAt(r.start), lines.offsetAt(r.end)), r, JSON.stringify(text));
        }
        const fixed = fixOnce(TOX, text);
        assert.equal(fixOnce(TOX, fixed), fixed, JSON.stringify(text));
      }
    });
  });
});

describe('[tool.tox] in pyproject.toml', () => {
  const text = [
    '[tool.tox]',
    'requires = ["tox>=4.21", "pandas>=1.0"]',
    'env_list = ["3.8", "3.12", "py39-django", "lint"]',
    '',
    '[tool.tox.env_run_base]',
    'base_python = "python3.9"',
    '',
    '[tool.tox.env.lint]',
    'base_python = ["py38", "python3.12"]',
    '',
  ].join('\n');

  it('reads requires, each env_list entry and base_python, with fixes in TOML', function () {
    assert.deepEqual(
      check(PYPROJECT, text).map((f) => [f.code, f.range, f.message, f.fixes.map((x) => x.title)]),
      [
        [
          'below-minimum',
          on(1, 32, 37),
          'pandas>=1.0 admits versions below the standard minimum 2.0.0',
          ['Change to pandas>=2.0.0'],
        ],
        [
          'python-below-minimum',
          on(2, 13, 16),
          '[tool.tox] env_list 3.8 is below the standard Python minimum 3.10',
          ['Drop the Pythons below 3.10'],
        ],
        [
          'python-below-minimum',
          on(2, 28, 32),
          '[tool.tox] env_list py39 is below the standard Python minimum 3.10',
          ['Drop the Pythons below 3.10'],
        ],
        [
          'python-below-minimum',
          on(5, 15, 24),
          '[tool.tox.env_run_base] base_python "python3.9" is below the standard Python minimum 3.10',
          ['Change to python3.10'],
        ],
        [
          'python-below-minimum',
          on(8, 16, 20),
          '[tool.tox.env.lint] base_python "py38" is below the standard Python minimum 3.10',
          ['Change to py310'],
        ],
      ],
    );
    const fixed = fixOnce(PYPROJECT, text);
    assert.equal(fixOnce(PYPROJECT, fixed), fixed);
    const read = runPython(
      this,
      'import json,sys,tomllib; d=tomllib.loads(json.load(sys.stdin))["tool"]["tox"]; print(json.dumps([d["requires"], d["env_list"], d["env_run_base"]["base_python"], d["env"]["lint"]["base_python"]]))',
      fixed,
    );
    assert.deepEqual(read, [['tox>=4.21', 'pandas>=2.0.0'], ['3.12', 'lint'], 'python3.10', ['py310', 'python3.12']]);
  });

  it('drops entries of a multi-line env_list with their lines, keeping comments, in LF and CRLF', function () {
    const multi = '[tool.tox]\nenv_list = [\n  "py38",  # oldest\n  # current:\n  "py312",\n  "py39",\n]\n';
    assertTomlFix(this, multi, '[tool.tox]\nenv_list = [\n  # current:\n  "py312",\n]\n', ['py312']);
    assertTomlFix(
      this,
      multi.replace(/\n/g, '\r\n'),
      '[tool.tox]\r\nenv_list = [\r\n  # current:\r\n  "py312",\r\n]\r\n',
      ['py312'],
    );
  });

  it('leaves legacy_tox_ini alone: its text is a whole tox.ini, not TOML', () => {
    assert.deepEqual(check(PYPROJECT, '[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenvlist = py38\n"""\n'), []);
  });
});

function assertTomlFix(context: Mocha.Context, text: string, expected: string, envList: string[]): void {
  const fixed = fixOnce(PYPROJECT, text);
  assert.equal(fixed, expected);
  assert.equal(fixOnce(PYPROJECT, fixed), fixed);
  const read = runPython(
    context,
    'import json,sys,tomllib; print(json.dumps(tomllib.loads(json.load(sys.stdin))["tool"]["tox"]["env_list"]))',
    fixed,
  );
  assert.deepEqual(read, envList);
}
