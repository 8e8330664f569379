import { strict as assert } from 'node:assert';
import { formatFor } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

describe('ruff.toml', () => {
  const FILE = '/p/ruff.toml';

  it('judges target-version as [tool.ruff] in pyproject.toml is judged, and fixes it in its own spelling', function () {
    const text = '# ruff\nline-length = 100\ntarget-version = "py38"\n\n[lint]\nselect = ["E", "UP"]\n';
    assert.deepEqual(check(FILE, text), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'ruff target-version "py38" is below the standard Python minimum 3.10',
        file: FILE,
        range: range(2, 18, 2, 22),
        fixes: [
          {
            title: 'Change to py310',
            isPreferred: true,
            edits: [{ file: FILE, range: range(2, 18, 2, 22), newText: 'py310' }],
          },
        ],
      },
    ]);
    const fixed = [fixOnce(FILE, crlf(text)), fixOnce('/p/.ruff.toml', "target-version = 'py39'\n")];
    assert.deepEqual(fixed, [crlf(text.replace('py38', 'py310')), "target-version = 'py310'\n"]);
    assert.deepEqual(
      fixed.map((t) => fixOnce(FILE, t)),
      fixed,
    );
    assert.deepEqual(
      readWith(this, 'toml', fixed).map((d) => (d as { 'target-version': string })['target-version']),
      ['py310', 'py310'],
    );
  });

  it('reads only the top-level setting, and a file with a broken line still', () => {
    assert.deepEqual(check(FILE, '[lint]\ntarget-version = "py38"\n'), []);
    assert.deepEqual(check(FILE, 'target-version = "py312"\n'), []);
    assert.deepEqual(
      check(FILE, 'line-length = \ntarget-version = "py37"\n').map((f) => [f.code, f.range.start.line]),
      [
        ['parse-error', 0],
        ['python-below-minimum', 1],
      ],
    );
  });
});

describe('pyrightconfig.json', () => {
  const FILE = '/p/pyrightconfig.json';

  it('judges pythonVersion and that of each execution environment, in JSON with comments', function () {
    const text = [
      '{',
      '  // The oldest Python we support.',
      '  "pythonVersion": "3.8",',
      '  "executionEnvironments": [',
      '    { "root": "src", "pythonVersion": "3.9" },',
      '    { "root": "tools", "pythonVersion": "3.12", },',
      '  ],',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(check(FILE, text), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'pythonVersion "3.8" is below the standard Python minimum 3.10',
        file: FILE,
        range: range(2, 20, 2, 23),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(2, 20, 2, 23), newText: '3.10' }],
          },
        ],
      },
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'executionEnvironments pythonVersion "3.9" is below the standard Python minimum 3.10',
        file: FILE,
        range: range(4, 39, 4, 42),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(4, 39, 4, 42), newText: '3.10' }],
          },
        ],
      },
    ]);
    const fixed = fixOnce(FILE, crlf(text));
    assert.equal(fixed, crlf(text.replace('"3.8"', '"3.10"').replace('"3.9"', '"3.10"')));
    assert.equal(fixOnce(FILE, fixed), fixed);
    const [read] = readWith(this, 'json', [fixed]) as {
      pythonVersion: string;
      executionEnvironments: { pythonVersion: string }[];
    }[];
    assert.deepEqual(
      [read.pythonVersion, ...read.executionEnvironments.map((e) => e.pythonVersion)],
      ['3.10', '3.10', '3.12'],
    );
  });

  it('reports broken JSON where it is and still judges what it can read', () => {
    const text = '{\n  "typeCheckingMode": "strict"\n  "pythonVersion": "3.7"\n}\n';
    assert.deepEqual(
      check(FILE, text).map((f) => [f.code, f.message, f.range]),
      [
        ['parse-error', "Invalid JSON: expected ',' or '}'", range(2, 2, 2, 3)],
        ['python-below-minimum', 'pythonVersion "3.7" is below the standard Python minimum 3.10', range(2, 20, 2, 23)],
      ],
    );
    for (const broken of ['{', '{"pythonVersion": ', '{"pythonVersion": "3.', '[', '"', '/*', '{"pythonVersion": 3.8}'])
      assert.deepEqual(
        check(FILE, broken).filter((f) => f.code !== 'parse-error'),
        [],
        broken,
      );
  });

  it('leaves a version it cannot write back alone, and names no other file of its kind', () => {
    assert.deepEqual(check(FILE, '{"pythonVersion": "3\\u002e8"}'), []);
    assert.equal(formatFor('/p/sub/pyrightconfig.json')?.kind, 'pyright');
    assert.equal(formatFor('/p/pyrightconfig.jsonc'), undefined);
  });
});
