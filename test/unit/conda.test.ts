import { strict as assert } from 'node:assert';
import { formatFor, type Finding } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

const FILE = '/p/environment.yml';

const env = (python: string) => `name: analysis\nchannels:\n  - conda-forge\ndependencies:\n  - ${python}\n  - numpy\n`;

/** The Python dependency's spec after one run of the fixer. */
function fixedPython(spec: string): string {
  return /- (.*)\n {2}- numpy/.exec(fixOnce(FILE, env(spec)))?.[1] ?? '';
}

describe('environment.yml (conda)', () => {
  it('judges a series as the Python the environment runs, with a fix in the same match-spec form', () => {
    assert.deepEqual(check(FILE, env('python=3.8')), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'conda python =3.8 is below the standard Python minimum 3.10',
        file: FILE,
        range: range(4, 10, 4, 14),
        fixes: [
          {
            title: 'Change to =3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(4, 10, 4, 14), newText: '=3.10' }],
          },
        ],
      },
    ] satisfies Finding[]);
    const cases: [string, string][] = [
      ['python=3.8', 'python=3.10'],
      ['python=3.9.*', 'python=3.10.*'],
      ['python 3.8', 'python 3.10'],
      ['python 3.9*', 'python 3.10*'],
      // An exact pin of an old release becomes the series: no 3.10 release can be named offline.
      ['python==3.8.10', 'python=3.10'],
      // The build string belongs to the old version and goes with it.
      ['python=3.8.10=h12debd9_0', 'python=3.10'],
      ['python 3.8 h12debd9_0', 'python 3.10'],
      ['conda-forge::python=3.8', 'conda-forge::python=3.10'],
    ];
    for (const [spec, fixed] of cases) assert.equal(fixedPython(spec), fixed, spec);
    for (const spec of ['python=3.10', 'python>=3.10', 'python 3.12.*', 'python', 'python=3', 'python=3.8|3.9'])
      assert.deepEqual(check(FILE, env(spec)), [], spec);
  });

  it('judges a range as the oldest Python the environment accepts, keeping its other bounds', () => {
    assert.deepEqual(
      check(FILE, env('python>=3.8,<3.13')).map((f) => [f.message, f.range, f.fixes[0].title]),
      [
        [
          'conda python ">=3.8,<3.13" admits Pythons below the standard minimum 3.10',
          range(4, 10, 4, 21),
          'Change to >=3.10,<3.13',
        ],
      ],
    );
    assert.equal(fixedPython('python >=3.9'), 'python >=3.10');
  });

  it('reads the pip sub-list as requirement lines, leaving pip options, paths and URLs alone', () => {
    const text = [
      'name: app',
      'dependencies:',
      '  - python=3.11',
      '  - pip',
      '  - pip:',
      '      - -r requirements.txt',
      '      - --index-url https://example.org/simple',
      '      - -e .',
      '      - git+https://github.com/acme/lib.git#egg=lib',
      '      - "pandas==1.5.3"',
      '      - requests>=2.0 ; python_version >= "3.8"',
      '      - rich',
      '      - flask[async]',
      '',
    ].join('\n');
    assert.deepEqual(
      check(FILE, text).map((f) => [f.code, f.message, f.range, f.fixes[0]?.title]),
      [
        [
          'conflicts-with-minimum',
          'pandas==1.5.3 is below the standard minimum 2.0.0',
          range(9, 15, 9, 22),
          'Change to pandas==2.0.0',
        ],
        [
          'below-minimum',
          'requests>=2.0 admits versions below the standard minimum 2.31.0',
          range(10, 16, 10, 21),
          'Change to requests>=2.31.0',
        ],
        [
          'missing-minimum',
          'flask has no version constraint; the standard minimum is 2.3.0',
          range(12, 8, 12, 13),
          'Require flask>=2.3.0',
        ],
      ],
    );
  });

  it('fixes so that PyYAML reads what was meant, keeping CRLF, and a second run changes nothing', function () {
    const text = crlf(
      'name: app\ndependencies:\n  - python=3.8  # pinned\n  - pip:\n    - pandas==1.5.3\n    - flask\n',
    );
    const fixed = fixOnce(FILE, text);
    assert.equal(
      fixed,
      crlf('name: app\ndependencies:\n  - python=3.10  # pinned\n  - pip:\n    - pandas==2.0.0\n    - flask>=2.3.0\n'),
    );
    assert.equal(fixOnce(FILE, fixed), fixed);
    assert.deepEqual(readWith(this, 'yaml', [fixed]), [
      { name: 'app', dependencies: ['python=3.10', { pip: ['pandas==2.0.0', 'flask>=2.3.0'] }] },
    ]);
  });

  it('reports broken YAML and a requirement pip cannot read, and still judges the rest', () => {
    assert.deepEqual(
      check(FILE, 'name: [app\ndependencies:\n  - python=3.8\n').map((f) => f.code),
      ['parse-error', 'python-below-minimum'],
    );
    assert.deepEqual(
      check(FILE, 'dependencies:\n  - pip:\n    - "pandas>=="\n    - numpy==1.0\n').map((f) => [f.code, f.range]),
      [
        ['parse-error', range(2, 13, 2, 16)],
        ['conflicts-with-minimum', range(3, 11, 3, 16)],
      ],
    );
    for (const text of ['dependencies: python=3.8\n', 'dependencies:\n  - [python=3.8]\n', '- python=3.8\n', ''])
      assert.deepEqual(check(FILE, text), [], text);
  });

  it('is environment.yml or environment.yaml', () => {
    assert.equal(formatFor('/p/environment.yml')?.kind, 'conda');
    assert.equal(formatFor('/p/envs/environment.yaml')?.kind, 'conda');
    assert.equal(formatFor('/p/environment.yml.bak'), undefined);
  });
});
