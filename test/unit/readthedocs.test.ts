import { strict as assert } from 'node:assert';
import { formatFor } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

const FILE = '/p/.readthedocs.yaml';
const config = (python: string) => `version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: ${python}\n`;

describe('.readthedocs.yaml', () => {
  it('judges build.tools.python, keeping its quotes', () => {
    assert.deepEqual(check(FILE, config('"3.8"')), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'build.tools.python 3.8 is below the standard Python minimum 3.10',
        file: FILE,
        range: range(4, 13, 4, 16),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(4, 13, 4, 16), newText: '3.10' }],
          },
        ],
      },
    ]);
    for (const python of ['"3.12"', "'3.11'", '"3"', '"miniconda3-4.7"', '"mambaforge-22.9"', 'latest'])
      assert.deepEqual(check(FILE, config(python)), [], python);
  });

  it('quotes a plain version it writes, which YAML would read as a number', function () {
    const texts = [config('3.8'), config("'3.9'"), crlf(config('"3.7"  # docs'))].map((t) => fixOnce(FILE, t));
    assert.deepEqual(texts, [config('"3.10"'), config("'3.10'"), crlf(config('"3.10"  # docs'))]);
    assert.deepEqual(
      texts.map((t) => fixOnce(FILE, t)),
      texts,
    );
    assert.deepEqual(
      readWith(this, 'yaml', texts).map((d) => (d as { build: { tools: { python: unknown } } }).build.tools.python),
      ['3.10', '3.10', '3.10'],
    );
  });

  it('reports an unquoted 3.10, which YAML reads as 3.1, with a fix that quotes it', () => {
    assert.deepEqual(
      check('/p/.readthedocs.yml', config('3.10')).map((f) => [f.code, f.severity, f.message, f.fixes[0].title]),
      [
        [
          'yaml-float-version',
          'error',
          'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
          'Quote it: "3.10"',
        ],
      ],
    );
    assert.equal(fixOnce(FILE, config('3.10')), config('"3.10"'));
  });

  it('reports broken YAML and still judges the rest', () => {
    assert.deepEqual(
      check(FILE, 'version: 2\nformats: [pdf\nbuild:\n  tools:\n    python: "3.9"\n').map((f) => f.code),
      ['parse-error', 'python-below-minimum'],
    );
    for (const text of ['build: 3.8\n', 'build:\n  tools: [python]\n', 'build:\n  tools:\n    python:\n', ''])
      assert.deepEqual(check(FILE, text), [], text);
  });

  it('is .readthedocs.yaml or .readthedocs.yml', () => {
    assert.equal(formatFor('/p/.readthedocs.yaml')?.kind, 'readthedocs');
    assert.equal(formatFor('/p/docs/.readthedocs.yml')?.kind, 'readthedocs');
    assert.equal(formatFor('/p/readthedocs.yaml'), undefined);
  });
});
