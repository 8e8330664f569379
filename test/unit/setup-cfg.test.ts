import { strict as assert } from 'node:assert';
import { builtinStandard, LineIndex, type Finding, type Range } from '../../src/core';
import { pick, range, runPython, seededRandom, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/setup.cfg';

const check = (text: string) => checkFile(FILE, text, { standard: STANDARD, sorted: true });

const fixOnce = (text: string) => fixFile(FILE, text, { standard: STANDARD, overlapsWait: true });

const on = (line: number, start: number, end: number) => range(line, start, line, end);

function warning(code: Finding['code'], where: Range, message: string, title: string, edit: [Range, string]): Finding {
  return {
    code,
    severity: 'warning',
    message,
    file: FILE,
    range: where,
    fixes: [{ title, isPreferred: true, edits: [{ file: FILE, range: edit[0], newText: edit[1] }] }],
  };
}

// setup.cfg as setuptools reads it: configparser with keys kept as written, requirements one per line (or split at
// `;` on one line), comment lines dropped; each requirement and python_requires parsed by packaging.
const SETUPTOOLS = `
import configparser, io, json, sys
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

def requirements(value):
    parts = value.splitlines() if '\\n' in value else value.split(';')
    found = [Requirement(p.strip()) for p in parts if p.strip() and not p.strip().startswith('#')]
    return {r.name: str(r.specifier) for r in found}

out = []
for text in json.load(sys.stdin):
    parser = configparser.ConfigParser()
    parser.optionxform = str
    parser.read_file(io.StringIO(text, newline=None))
    options = parser['options']
    read = {'python_requires': str(SpecifierSet(options['python_requires']))}
    for key in ('install_requires', 'setup_requires'):
        read[key] = requirements(options[key])
    if parser.has_section('options.extras_require'):
        read['extras'] = {k: requirements(v) for k, v in parser['options.extras_require'].items() if not v.startswith('file:')}
    out.append(read)
print(json.dumps(out))
`;

describe('setup.cfg', () => {
  const text = [
    '[metadata]',
    'name = demo',
    '[options]',
    'python_requires = >=3.8, <4',
    'install_requires =',
    '    pandas>=1.0',
    '    numpy>=1.20; python_version < "3.11"',
    '    # a comment',
    '    requests',
    '    file-reader @ https://example.com/r.whl',
    'setup_requires = numpy>=1.0',
    '[options.extras_require]',
    'sql = pandas[sql]>=1.1',
    'docs = file: requirements-docs.txt',
    '',
  ].join('\n');
  const fixed = text
    .replace('>=3.8, <4', '>=3.10, <4')
    .replace('pandas>=1.0', 'pandas>=2.0.0')
    .replace('numpy>=1.20', 'numpy>=1.24.0')
    .replace('    requests', '    requests>=2.31.0')
    .replace('numpy>=1.0', 'numpy>=1.24.0')
    .replace('pandas[sql]>=1.1', 'pandas[sql]>=2.0.0');

  it('reads python_requires as a floor and every requirements list, each at its place', () => {
    assert.deepEqual(check(text), [
      warning(
        'python-below-minimum',
        on(3, 18, 27),
        'python_requires ">=3.8, <4" admits Pythons below the standard minimum 3.10',
        'Change to >=3.10, <4',
        [on(3, 18, 27), '>=3.10, <4'],
      ),
      warning(
        'below-minimum',
        on(5, 10, 15),
        'pandas>=1.0 admits versions below the standard minimum 2.0.0',
        'Change to pandas>=2.0.0',
        [on(5, 10, 15), '>=2.0.0'],
      ),
      warning(
        'below-minimum',
        on(6, 9, 15),
        'numpy>=1.20 admits versions below the standard minimum 1.24.0',
        'Change to numpy>=1.24.0',
        [on(6, 9, 15), '>=1.24.0'],
      ),
      warning(
        'missing-minimum',
        on(8, 4, 12),
        'requests has no version constraint; the standard minimum is 2.31.0',
        'Require requests>=2.31.0',
        [on(8, 12, 12), '>=2.31.0'],
      ),
      warning(
        'below-minimum',
        on(10, 22, 27),
        'numpy>=1.0 admits versions below the standard minimum 1.24.0',
        'Change to numpy>=1.24.0',
        [on(10, 22, 27), '>=1.24.0'],
      ),
      warning(
        'below-minimum',
        on(12, 17, 22),
        'pandas>=1.1 admits versions below the standard minimum 2.0.0',
        'Change to pandas>=2.0.0',
        [on(12, 17, 22), '>=2.0.0'],
      ),
    ]);
  });

  it('fixes in place, LF and CRLF, and setuptools reads the fixed file as meant', function () {
    assert.equal(fixOnce(text), fixed);
    assert.equal(fixOnce(fixed), fixed, 'fixing twice equals fixing once');
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(check(crlf), check(text));
    assert.equal(fixOnce(crlf), fixed.replace(/\n/g, '\r\n'));
    const expected = {
      python_requires: '<4,>=3.10',
      install_requires: { pandas: '>=2.0.0', numpy: '>=1.24.0', requests: '>=2.31.0', 'file-reader': '' },
      setup_requires: { numpy: '>=1.24.0' },
      extras: { sql: { pandas: '>=2.0.0' } },
    };
    assert.deepEqual(runPython(this, SETUPTOOLS, [fixed, fixOnce(crlf)], ['packaging']), [expected, expected]);
  });

  it('splits a one-line value at ";" as setuptools does, and says so when that cuts a marker off', function () {
    const one =
      '[options]\npython_requires = >=3.10\ninstall_requires = pandas>=1.0; numpy>=1.24\nsetup_requires = numpy\n';
    assert.deepEqual(
      check(one).map((f) => [f.code, f.range]),
      [
        ['below-minimum', on(2, 25, 30)],
        ['missing-minimum', on(3, 17, 22)],
      ],
    );
    const done = fixOnce(one);
    assert.equal(
      done,
      '[options]\npython_requires = >=3.10\ninstall_requires = pandas>=2.0.0; numpy>=1.24\nsetup_requires = numpy>=1.24.0\n',
    );
    assert.deepEqual(runPython(this, SETUPTOOLS, [done], ['packaging']), [
      {
        python_requires: '>=3.10',
        install_requires: { pandas: '>=2.0.0', numpy: '>=1.24' },
        setup_requires: { numpy: '>=1.24.0' },
      },
    ]);
    assert.deepEqual(
      check('[options]\ninstall_requires = numpy>=1.24; python_version<"3.11"\n').map((f) => [
        f.code,
        f.range,
        f.message,
      ]),
      [
        [
          'parse-error',
          on(1, 32, 53),
          "setuptools splits a one-line install_requires at ';', so this marker is read as a requirement: put each requirement on a line of its own",
        ],
      ],
    );
  });

  it("reads the sections other tools keep there: [mypy], pylint's, and tox's when [tox:tox] is there", () => {
    const tools = [
      '[mypy]',
      'python_version = 3.8',
      '[pylint.main]',
      'py-version = 3.9 ; pylint cuts this comment',
      '[tox:tox]',
      'envlist = py38, py311',
      '[testenv]',
      'basepython = python3.9',
      '',
    ].join('\n');
    assert.deepEqual(
      check(tools).map((f) => [f.range, f.message]),
      [
        [on(1, 17, 20), '[mypy] python_version 3.8 is below the standard Python minimum 3.10'],
        [on(3, 13, 16), '[pylint.main] py-version 3.9 is below the standard Python minimum 3.10'],
        [on(5, 10, 14), '[tox:tox] envlist py38 is below the standard Python minimum 3.10'],
        [on(7, 13, 22), '[testenv] basepython python3.9 is below the standard Python minimum 3.10'],
      ],
    );
    assert.equal(
      fixOnce(tools),
      tools
        .replace('3.8\n', '3.10\n')
        .replace('= 3.9 ;', '= 3.10 ;')
        .replace('py38, ', '')
        .replace('python3.9', 'python3.10'),
    );
    // Without [tox:tox] tox does not read setup.cfg, nor its [testenv] sections.
    assert.deepEqual(check('[testenv]\nbasepython = python3.9\n'), []);
  });

  it('reports what configparser refuses, reads the rest, and never throws on mutated files', () => {
    assert.deepEqual(
      check('[options]\npython_requires 3.8\ninstall_requires = pandas>=1.0\n').map((f) => [f.code, f.range]),
      [
        ['parse-error', on(1, 0, 19)],
        ['below-minimum', on(2, 25, 30)],
      ],
    );
    const random = seededRandom(5);
    const junk = ['[', ']', '=', ';', '#', '\n', '\r\n', '  ', ',', '>=', '"', 'file:', '\\', '@'];
    for (let n = 0; n < 300; n++) {
      let mutated = text;
      for (let k = 0; k < 4; k++) {
        const at = Math.floor(random() * (mutated.length + 1));
        mutated =
          random() < 0.5
            ? mutated.slice(0, at) + pick(random, junk) + mutated.slice(at)
            : mutated.slice(0, at) + mutated.slice(at + 3);
      }
      const lines = new LineIndex(mutated);
      for (const f of check(mutated)) {
        assert.notEqual(f.code, 'internal-error', JSON.stringify(mutated));
        assert.deepEqual(lines.rangeAt(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end)), f.range);
      }
      const once = fixOnce(mutated);
      assert.equal(fixOnce(once), once, JSON.stringify(mutated));
    }
  });
});
