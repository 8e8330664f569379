import { strict as assert } from 'node:assert';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

const FILE = '/p/.pre-commit-config.yaml';

const config = (args: string, id = 'pyupgrade') => `repos:
  - repo: https://github.com/asottile/pyupgrade
    rev: v3.15.0
    hooks:
      - id: ${id}
        args: ${args}
`;

/** The python-below-minimum findings, without the hooks the standard would add. */
const pythonFindings = (file: string, text: string) =>
  check(file, text).filter((f) => f.code === 'python-below-minimum');

describe('pre-commit: pyupgrade --py3X-plus', () => {
  it('judges the Python pyupgrade rewrites code for, as a tool target', () => {
    assert.deepEqual(pythonFindings(FILE, config('[--py38-plus]')), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'pyupgrade --py38-plus is below the standard Python minimum 3.10',
        file: FILE,
        range: range(5, 15, 5, 26),
        fixes: [
          {
            title: 'Change to --py310-plus',
            isPreferred: true,
            edits: [{ file: FILE, range: range(5, 15, 5, 26), newText: '--py310-plus' }],
          },
        ],
      },
    ]);
    for (const args of ['[--py310-plus]', '[--py311-plus, --keep-runtime-typing]', '[--py3-plus]', '[]', '--py38-plus'])
      assert.deepEqual(pythonFindings(FILE, config(args)), [], args);
    // Only pyupgrade's arguments mean this.
    assert.deepEqual(pythonFindings(FILE, config('[--py38-plus]', 'black')), []);
  });

  it('rewrites the argument in a flow or block list, in its quotes, which PyYAML reads as meant', function () {
    const texts = [
      config('["--py37-plus", --keep-percent-format]'),
      crlf(config("\n          - '--py39-plus'\n          - --keep-mock")),
      `repos:\n  - repo: local\n    hooks:\n      - id: upgrade\n        name: pyupgrade\n        entry: pyupgrade\n        language: python\n        args: [--py36-plus]\n`,
    ];
    const fixed = texts.map((t) => fixOnce(FILE, t));
    assert.deepEqual(
      fixed.map((t) => /\[?\S*py3\d+-plus\S*/.exec(t)?.[0]),
      ['["--py310-plus",', "'--py310-plus'", '[--py310-plus]'],
    );
    assert.ok(fixed[1].includes('\r\n') && !/[^\r]\n/.test(fixed[1]), 'CRLF kept');
    assert.deepEqual(
      fixed.map((t) => fixOnce(FILE, t)),
      fixed,
    );
    const read = readWith(this, 'yaml', fixed) as { repos: { hooks: { args: string[] }[] }[] }[];
    assert.deepEqual(
      read.map((d) => d.repos[0].hooks[0].args),
      [['--py310-plus', '--keep-percent-format'], ['--py310-plus', '--keep-mock'], ['--py310-plus']],
    );
  });
});
