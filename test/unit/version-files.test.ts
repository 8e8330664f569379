import { strict as assert } from 'node:assert';
import { formatFor, GOVERNED_GLOB, matchesGlob, type Finding } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

/** The one finding `python-below-minimum` with its one fix, as the rule writes it. */
function below(file: string, label: string, shown: string, at: ReturnType<typeof range>, newText: string): Finding {
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message: `${label} ${shown} is below the standard Python minimum 3.10`,
    file,
    range: at,
    fixes: [{ title: `Change to ${newText}`, isPreferred: true, edits: [{ file, range: at, newText }] }],
  };
}

describe('runtime.txt', () => {
  const FILE = '/p/runtime.txt';

  it('judges the Heroku runtime and writes the major form the buildpack takes', () => {
    assert.deepEqual(check(FILE, 'python-3.8.10\n'), [
      below(FILE, 'runtime.txt', 'python-3.8.10', range(0, 7, 0, 13), '3.10'),
    ]);
    assert.equal(fixOnce(FILE, 'python-3.8.10\n'), 'python-3.10\n');
    assert.equal(fixOnce(FILE, crlf('  python-3.9\n')), '  python-3.10\r\n');
    for (const text of ['python-3.10.14\n', 'python-3.12', '\n']) assert.deepEqual(check(FILE, text), [], text);
  });

  it('leaves other runtimes and text that is not a runtime alone', () => {
    for (const text of ['pypy3.6-7.3.1\n', 'python-3\n', 'python 3.8\n', 'python-3.8\nsecond line\n', 'runtime'])
      assert.deepEqual(check(FILE, text), [], text);
  });

  it('is a file of its own kind, by its name only', () => {
    assert.equal(formatFor('/p/runtime.txt')?.kind, 'runtime-txt');
    assert.equal(formatFor('/p/docs/runtime.txt')?.kind, 'runtime-txt');
    assert.equal(formatFor('/p/runtime.txt.bak'), undefined);
  });
});

describe('.tool-versions', () => {
  const FILE = '/p/.tool-versions';

  it('judges the one Python of the python line, among other tools', () => {
    const text = 'nodejs 20.11.0\npython 3.9.18 # default\nterraform 1.7.0\n';
    assert.deepEqual(check(FILE, text), [below(FILE, '.tool-versions python', '3.9.18', range(1, 7, 1, 13), '3.10')]);
    const fixed = fixOnce(FILE, crlf(text));
    assert.equal(fixed, crlf('nodejs 20.11.0\npython 3.10 # default\nterraform 1.7.0\n'));
    assert.equal(fixOnce(FILE, fixed), fixed);
  });

  it('drops the versions below the minimum from several on one line, keeping the others and their spacing', () => {
    const text = 'python 3.8.10  3.11.2\tsystem\n';
    assert.deepEqual(
      check(FILE, text).map((f) => [f.range, f.message, f.fixes[0].title]),
      [
        [
          range(0, 7, 0, 13),
          '.tool-versions python 3.8.10 is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
      ],
    );
    assert.equal(fixOnce(FILE, text), 'python 3.11.2\tsystem\n');
    // Every one below: the newest is raised, so the line still names a Python.
    const all = 'python 3.7.17 3.9.1 pypy3.9-7.3.9\n';
    assert.equal(fixOnce(FILE, all), 'python 3.10 pypy3.9-7.3.9\n');
    assert.equal(fixOnce(FILE, 'python 3.9.1 3.8.10\n'), 'python 3.10\n');
    assert.equal(fixOnce(FILE, fixOnce(FILE, all)), fixOnce(FILE, all));
  });

  it('leaves other tools, names that are not CPython versions, comments and a half-typed line alone', () => {
    for (const text of ['python system\n', '# python 3.8\n', 'pythonx 3.8\n', 'python\n', 'nodejs 3.8.0\n', ''])
      assert.deepEqual(check(FILE, text), [], text);
  });
});

describe('mise.toml', () => {
  const FILE = '/p/mise.toml';

  it('judges a version, a version in a table of options and a list, each in its own spelling', function () {
    assert.deepEqual(check(FILE, '[tools]\npython = "3.9"\n'), [
      below(FILE, '[tools] python', '"3.9"', range(1, 10, 1, 13), '3.10'),
    ]);
    const texts = [
      '[tools]\nnode = "20"\npython = "3.9"\n',
      '[tools]\npython = { version = "3.8.18", virtualenv = ".venv" } # env\n',
      '[tools]\npython = [\n  "3.8", # oldest\n  "3.11",\n  "latest",\n]\n',
      '[tools]\npython = ["3.9", "3.8"]\n',
    ].map(crlf);
    const fixed = texts.map((t) => fixOnce('/p/.mise.toml', t));
    assert.deepEqual(
      fixed,
      [
        '[tools]\nnode = "20"\npython = "3.10"\n',
        '[tools]\npython = { version = "3.10", virtualenv = ".venv" } # env\n',
        '[tools]\npython = [\n  "3.11",\n  "latest",\n]\n',
        '[tools]\npython = ["3.10"]\n',
      ].map(crlf),
    );
    assert.deepEqual(
      fixed.map((t) => fixOnce(FILE, t)),
      fixed,
    );
    assert.deepEqual(
      readWith(this, 'toml', fixed).map((d) => (d as { tools: { python: unknown } }).tools.python),
      ['3.10', { version: '3.10', virtualenv: '.venv' }, ['3.11', 'latest'], ['3.10']],
    );
  });

  it('leaves names that are not CPython versions alone, and still reads a file with a broken table', () => {
    for (const text of ['[tools]\npython = "latest"\n', '[tools]\npython = "prefix:3.8"\n', '[env]\npython = "3.8"\n'])
      assert.deepEqual(check(FILE, text), [], text);
    assert.deepEqual(
      check(FILE, '[settings\nexperimental = true\n\n[tools]\npython = "3.8"\n').map((f) => [
        f.code,
        f.range.start.line,
      ]),
      [
        ['parse-error', 0],
        ['python-below-minimum', 4],
      ],
    );
  });
});

describe('project.toml (buildpacks)', () => {
  const FILE = '/p/project.toml';
  const env = (name: string, value: string) => `[[build.env]]\nname = "${name}"\nvalue = "${value}"\n`;

  it("judges GOOGLE_PYTHON_VERSION and BP_CPYTHON_VERSION, writing a series in the value's own form", function () {
    assert.deepEqual(check(FILE, env('GOOGLE_PYTHON_VERSION', '3.8.x')), [
      below(FILE, 'GOOGLE_PYTHON_VERSION', '3.8.x', range(2, 9, 2, 14), '3.10.x'),
    ]);
    const texts = [
      env('GOOGLE_PYTHON_VERSION', '3.9.*'),
      env('BP_CPYTHON_VERSION', '3.8.18'),
      env('GOOGLE_PYTHON_VERSION', '~3.9'),
      `[_]\nschema-version = "0.2"\n\n[[io.buildpacks.build.env]]\nname = "GOOGLE_PYTHON_VERSION"\nvalue = "3.9"\n`,
      `[[build.env]]\nname = "GOOGLE_RUNTIME_VERSION"\nvalue = "3.8"\n\n${env('GOOGLE_PYTHON_VERSION', '3.9.x')}`,
    ];
    const fixed = texts.map((t) => fixOnce(FILE, crlf(t)));
    assert.deepEqual(
      fixed,
      [
        env('GOOGLE_PYTHON_VERSION', '3.10.*'),
        env('BP_CPYTHON_VERSION', '3.10'),
        env('GOOGLE_PYTHON_VERSION', '~3.10'),
        `[_]\nschema-version = "0.2"\n\n[[io.buildpacks.build.env]]\nname = "GOOGLE_PYTHON_VERSION"\nvalue = "3.10"\n`,
        `[[build.env]]\nname = "GOOGLE_RUNTIME_VERSION"\nvalue = "3.8"\n\n${env('GOOGLE_PYTHON_VERSION', '3.10.x')}`,
      ].map(crlf),
    );
    assert.deepEqual(
      fixed.map((t) => fixOnce(FILE, t)),
      fixed,
    );
    const read = readWith(this, 'toml', fixed) as { build?: { env: { value: string }[] } }[];
    assert.deepEqual(
      read.map((d) => d.build?.env.at(-1)?.value),
      ['3.10.*', '3.10', '~3.10', undefined, '3.10.x'],
    );
  });

  it('judges a range as a range, with a fix that keeps its other bounds', () => {
    assert.deepEqual(check(FILE, env('GOOGLE_PYTHON_VERSION', '>=3.8, <3.13')), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'GOOGLE_PYTHON_VERSION ">=3.8, <3.13" admits Pythons below the standard minimum 3.10',
        file: FILE,
        range: range(2, 9, 2, 21),
        fixes: [
          {
            title: 'Change to >=3.10, <3.13',
            isPreferred: true,
            edits: [{ file: FILE, range: range(2, 9, 2, 21), newText: '>=3.10, <3.13' }],
          },
        ],
      },
    ]);
    assert.equal(fixOnce(FILE, env('GOOGLE_PYTHON_VERSION', '^3.9')), env('GOOGLE_PYTHON_VERSION', '^3.10'));
    // A major alone is any 3.x to a semver constraint.
    assert.equal(fixOnce(FILE, env('GOOGLE_PYTHON_VERSION', '3')), env('GOOGLE_PYTHON_VERSION', '3.10'));
    for (const value of ['>=3.11', '3.12.x', 'latest', '3.8 - 3.10'])
      assert.deepEqual(check(FILE, env('GOOGLE_PYTHON_VERSION', value)), [], value);
  });

  it('reads no other variable, and no descriptor of another shape', () => {
    for (const text of [
      env('GOOGLE_ENTRYPOINT', '3.8'),
      '[build]\nenv = "GOOGLE_PYTHON_VERSION=3.8"\n',
      '[[build.env]]\n',
    ])
      assert.deepEqual(check(FILE, text), [], text);
  });
});

describe('the files that name a Python version', () => {
  it('are each read as their kind and watched by the editor', () => {
    const kinds: [string, string][] = [
      ['runtime.txt', 'runtime-txt'],
      ['.tool-versions', 'tool-versions'],
      ['mise.toml', 'mise'],
      ['.mise.toml', 'mise'],
      ['project.toml', 'buildpacks'],
      ['ruff.toml', 'ruff'],
      ['.ruff.toml', 'ruff'],
      ['pyrightconfig.json', 'pyright'],
      ['Pipfile', 'pipfile'],
      ['environment.yml', 'conda'],
      ['environment.yaml', 'conda'],
      ['.devcontainer/devcontainer.json', 'devcontainer'],
      ['.devcontainer/python/devcontainer.json', 'devcontainer'],
      ['.devcontainer.json', 'devcontainer'],
      ['.readthedocs.yaml', 'readthedocs'],
      ['.readthedocs.yml', 'readthedocs'],
    ];
    for (const [name, kind] of kinds) {
      assert.equal(formatFor(`/p/sub/${name}`)?.kind, kind, name);
      assert.ok(matchesGlob(`/p/sub/${name}`, GOVERNED_GLOB), `${name} is watched`);
    }
  });
});
