import { strict as assert } from 'node:assert';
import { builtinStandard } from '../../src/core';
import { range, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/.python-version';

const check = (text: string) => checkFile(FILE, text, { standard: STANDARD });

const fixOnce = (text: string) => fixFile(FILE, text, { standard: STANDARD, overlapsWait: true });

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
    assert.deepEqual(check('3.10\n'), []);
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
    assert.deepEqual(check(fixed), []);
  });
});
