import { strict as assert } from 'node:assert';
import { analyze, builtinStandard, planFixes, type Finding } from '../../src/core';
import { memoryFileSystem, range } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/.python-version';

function check(text: string): Finding[] {
  return JSON.parse(
    JSON.stringify(analyze({ path: FILE, text }, { standard: STANDARD, fs: memoryFileSystem({}) })),
  ) as Finding[];
}

function fixOnce(text: string): string {
  return planFixes(check(text), () => text).texts.get(FILE) ?? text;
}

/** What `3.10` on the first line is on the tests' day (test/setup.ts). */
const THREE_TEN_ENDED: Finding = {
  code: 'runtime-end-of-life',
  severity: 'error',
  message: '.python-version 3.10: Python 3.10 reached its end of life in October 2026 (python.org)',
  file: FILE,
  range: range(0, 0, 0, 4),
  fixes: [],
};

describe('.python-version', () => {
  it('judges its one version against the Python minimum, with a fix in its own spelling', () => {
    assert.deepEqual(check('3.8.10\n'), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: '.python-version 3.8.10 is below the standard Python minimum 3.10',
        file: FILE,
        range: range(0, 0, 0, 6),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(0, 0, 0, 6), newText: '3.10' }],
          },
        ],
      },
    ]);
    assert.equal(fixOnce('cpython-3.9\n'), 'cpython-3.10\n');
    // At the minimum, but past its end of life on the tests' day; the built-in standard has no newer runtime to offer.
    assert.deepEqual(check('3.10\n'), [THREE_TEN_ENDED]);
    assert.deepEqual(check('3.12.1\n'), []);
  });

  it('leaves names that are not CPython versions alone, and comments and blank lines', () => {
    assert.deepEqual(check('system\npypy3.9-7.3.9\nminiconda3-4.7.12\n# 3.6\n\n'), []);
    assert.deepEqual(check(''), []);
  });

  it('drops the lines below the minimum from several, keeping comments and CRLF line ends', () => {
    const text = '# envs\r\n3.8\r\n3.9.1\r\nsystem\r\n3.11\r\n';
    assert.deepEqual(
      check(text).map((f) => [f.code, f.range, f.message, f.fixes[0].title]),
      [
        [
          'python-below-minimum',
          range(1, 0, 1, 3),
          '.python-version 3.8 is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
        [
          'python-below-minimum',
          range(2, 0, 2, 5),
          '.python-version 3.9.1 is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
      ],
    );
    const fixed = fixOnce(text);
    assert.equal(fixed, '# envs\r\nsystem\r\n3.11\r\n');
    assert.equal(fixOnce(fixed), fixed);
  });

  it('raises the newest when every line is below, so the file still names a Python', () => {
    const fixed = fixOnce('3.7\n3.9\n3.8');
    assert.equal(fixed, '3.10\n');
    assert.deepEqual(check(fixed), [THREE_TEN_ENDED]);
  });
});
