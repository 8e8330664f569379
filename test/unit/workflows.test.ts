import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  analyze,
  builtinStandard,
  checkRepositories,
  formatFor,
  GOVERNED_GLOB,
  matchesGlob,
  nodeFileSystem,
  planFixes,
  StandardResolver,
  type Finding,
} from '../../src/core';
import { compareMinor, dottedMinorVersion } from '../../src/core/versions/runtimes';
import { pythonSpec } from '../../src/core/versions/semverPython';
import { memoryFileSystem, range, runPython, tempProject } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/.github/workflows/ci.yml';

function check(text: string, files: Record<string, string> = {}): Finding[] {
  const fs = memoryFileSystem(files);
  return JSON.parse(JSON.stringify(analyze({ path: FILE, text }, { standard: STANDARD, fs }))) as Finding[];
}

/** Each finding as [code, range, message, the preferred fix's title or null]. */
function brief(findings: readonly Finding[]) {
  return findings.map((f) => [f.code, f.range, f.message, f.fixes.find((x) => x.isPreferred)?.title ?? null]);
}

/** The workflow after every fix, pass after pass as the CLI applies them, until nothing changes. */
function fixAll(text: string): string {
  let current = text;
  for (let pass = 0; pass < 6; pass++) {
    const next = planFixes(check(current), () => current).texts.get(FILE);
    if (next === undefined || next === current) return current;
    current = next;
  }
  throw new Error('the fixes never settle');
}

/** The `jobs` of each text as PyYAML reads it (GitHub's reader agrees on what these tests look at). */
function pyyamlJobs(context: Mocha.Context, texts: string[]): Record<string, unknown>[] {
  const script =
    'import json, sys, yaml\n' + 'print(json.dumps([yaml.safe_load(t)["jobs"] for t in json.load(sys.stdin)]))';
  return runPython(context, script, texts, ['yaml']) as Record<string, unknown>[];
}

const MINIMUM = 'is below the standard Python minimum 3.10';

describe('GitHub Actions workflows', () => {
  it('reads the files directly in .github/workflows, and nothing else', () => {
    for (const name of [
      '/p/.github/workflows/ci.yml',
      '/p/.github/workflows/release.yaml',
      'C:\\p\\.github\\workflows\\ci.yml',
    ])
      assert.equal(formatFor(name)?.kind, 'workflow', name);
    for (const name of [
      '/p/.github/workflows/sub/ci.yml',
      '/p/workflows/ci.yml',
      '/p/.github/ci.yml',
      '/p/.github/workflows/ci.yml.bak',
      '/p/.github/workflows/README.md',
    ])
      assert.notEqual(formatFor(name)?.kind, 'workflow', name);
    assert.ok(matchesGlob('/p/.github/workflows/ci.yml', GOVERNED_GLOB));
    assert.ok(matchesGlob('/p/.github/workflows/ci.yaml', GOVERNED_GLOB));
  });

  it('judges setup-python’s python-version, with a fix that keeps it a string', function () {
    const text = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-python@v5 # pinned',
      '        with:',
      '          python-version: 3.9',
      '      - run: pytest',
      '',
    ].join('\n');
    assert.deepEqual(check(text), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: `setup-python python-version 3.9 ${MINIMUM}`,
        file: FILE,
        range: range(8, 26, 8, 29),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(8, 26, 8, 29), newText: '"3.10"' }],
          },
        ],
      },
    ]);
    const fixed = fixAll(text);
    assert.equal(fixed, text.replace('python-version: 3.9', 'python-version: "3.10"'));
    assert.equal(fixAll(fixed), fixed);
    const [jobs] = pyyamlJobs(this, [fixed]);
    assert.deepEqual(jobs, {
      test: {
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: 'actions/checkout@v4' },
          { uses: 'actions/setup-python@v5', with: { 'python-version': '3.10' } },
          { run: 'pytest' },
        ],
      },
    });
    // Quoted, the quotes stay; the version the user wrote keeps its patch form out of the fix.
    assert.equal(fixAll(text.replace('3.9', "'3.9.7'")), text.replace('3.9', "'3.10'"));
    for (const ok of ['"3.10"', '3.11', "'3.12.1'", '3.13t', '"3.14-dev"'])
      assert.deepEqual(check(text.replace('3.9', ok)), [], ok);
  });

  it('reports an unquoted 3.10, the float 3.1, as an error with the quoting fix, and judges the 3.10 meant', function () {
    const text =
      'jobs:\r\n  test:\r\n    steps:\r\n      - uses: actions/setup-python@v5\r\n        with:\r\n          python-version: 3.10\r\n';
    assert.deepEqual(check(text), [
      {
        code: 'yaml-float-version',
        severity: 'error',
        message: 'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
        file: FILE,
        range: range(5, 26, 5, 30),
        fixes: [
          {
            title: 'Quote it: "3.10"',
            isPreferred: true,
            edits: [{ file: FILE, range: range(5, 26, 5, 30), newText: '"3.10"' }],
          },
        ],
      },
    ]);
    const fixed = fixAll(text);
    assert.equal(fixed, text.replace('3.10', '"3.10"'));
    assert.equal(fixAll(fixed), fixed);
    // What the tool gets: the number 3.1 before, the string "3.10" after.
    const inputs = pyyamlJobs(this, [text, fixed]).map(
      (j) => (j as { test: { steps: { with: Record<string, unknown> }[] } }).test.steps[0].with['python-version'],
    );
    assert.deepEqual(inputs, [3.1, '3.10']);
  });

  it('follows ${{ matrix.<key> }} to the job’s matrix: each entry below goes, include entries below go, exclude gets the float check', function () {
    const text = [
      'name: CI',
      'on: [push, pull_request]',
      'jobs:',
      '  test:',
      '    runs-on: ${{ matrix.os }}',
      '    strategy:',
      '      fail-fast: false',
      '      matrix:',
      '        os: [ubuntu-latest, windows-latest]',
      '        python-version: [3.8, "3.9", 3.10, \'3.11\']',
      '        include:',
      '          - python-version: "3.7"',
      '            os: ubuntu-20.04',
      '          - python-version: "3.12"',
      '            experimental: true',
      '        exclude:',
      '          - os: windows-latest',
      '            python-version: 3.10',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: Set up Python ${{ matrix.python-version }}',
      '        uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '          cache: pip',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        python: ["3.12"]',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      "          python-version: ${{ matrix['python'] }}",
      '',
    ].join('\n');
    assert.deepEqual(brief(check(text)), [
      [
        'yaml-float-version',
        range(9, 37, 9, 41),
        'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
        'Quote it: "3.10"',
      ],
      [
        'python-below-minimum',
        range(9, 25, 9, 28),
        `matrix python-version 3.8 ${MINIMUM}`,
        'Drop the Pythons below 3.10',
      ],
      [
        'python-below-minimum',
        range(9, 31, 9, 34),
        `matrix python-version 3.9 ${MINIMUM}`,
        'Drop the Pythons below 3.10',
      ],
      [
        'python-below-minimum',
        range(11, 29, 11, 32),
        `matrix include python-version 3.7 ${MINIMUM}`,
        'Drop the Pythons below 3.10',
      ],
      [
        'yaml-float-version',
        range(17, 28, 17, 32),
        'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
        'Quote it: "3.10"',
      ],
    ]);
    const fixed = fixAll(text);
    assert.equal(
      fixed,
      text
        .replace('[3.8, "3.9", 3.10, \'3.11\']', '["3.10", \'3.11\']')
        .replace('          - python-version: "3.7"\n            os: ubuntu-20.04\n', '')
        .replace('            python-version: 3.10', '            python-version: "3.10"'),
    );
    assert.equal(fixAll(fixed), fixed);
    const [jobs] = pyyamlJobs(this, [fixed]) as { test: { strategy: { matrix: unknown } } }[];
    assert.deepEqual(jobs.test.strategy.matrix, {
      os: ['ubuntu-latest', 'windows-latest'],
      'python-version': ['3.10', '3.11'],
      include: [{ 'python-version': '3.12', experimental: true }],
      exclude: [{ os: 'windows-latest', 'python-version': '3.10' }],
    });
  });

  it('removes a block sequence entry with its whole line, keeping comments and CRLF line ends', function () {
    const text = [
      'jobs:',
      '  test:',
      '    strategy:',
      '      matrix:',
      '        python:',
      '          # oldest first',
      '          - "3.8"  # until 2024',
      '          - 3.9',
      '          - "3.11"',
      '          - pypy3.10',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python }}',
      '',
    ].join('\r\n');
    assert.deepEqual(brief(check(text)), [
      ['python-below-minimum', range(6, 13, 6, 16), `matrix python 3.8 ${MINIMUM}`, 'Drop the Pythons below 3.10'],
      ['python-below-minimum', range(7, 12, 7, 15), `matrix python 3.9 ${MINIMUM}`, 'Drop the Pythons below 3.10'],
    ]);
    const fixed = fixAll(text);
    assert.equal(fixed, text.replace('          - "3.8"  # until 2024\r\n          - 3.9\r\n', ''));
    assert.equal(fixAll(fixed), fixed);
    const [jobs] = pyyamlJobs(this, [fixed]) as { test: { strategy: { matrix: unknown } } }[];
    assert.deepEqual(jobs.test.strategy.matrix, { python: ['3.11', 'pypy3.10'] });
  });

  it('raises the newest entry when every one is below, quoted where YAML would read a number', function () {
    const flow =
      'jobs:\n  t:\n    strategy:\n      matrix:\n        py: [3.7, 3.8]\n    steps:\n      - uses: actions/setup-python@v4\n        with:\n          python-version: ${{ matrix.py }}\n';
    const block = flow.replace('[3.7, 3.8]', "\n          - '3.6'\n          - 3.9\n          - 3.7");
    // One fix does it: the raised entry is quoted by the fix itself, not by a float fix after it.
    const once = (text: string) => planFixes(check(text), () => text).texts.get(FILE);
    const fixedFlow = once(flow) ?? flow;
    const fixedBlock = once(block) ?? block;
    assert.equal(fixedFlow, flow.replace('[3.7, 3.8]', '["3.10"]'));
    assert.equal(fixedBlock, flow.replace('[3.7, 3.8]', '\n          - "3.10"'));
    assert.deepEqual(check(fixedFlow), []);
    assert.deepEqual(check(fixedBlock), []);
    assert.equal(fixAll(fixedFlow), fixedFlow);
    const matrices = pyyamlJobs(this, [fixedFlow, fixedBlock]).map(
      (j) => (j as { t: { strategy: { matrix: unknown } } }).t.strategy.matrix,
    );
    assert.deepEqual(matrices, [{ py: ['3.10'] }, { py: ['3.10'] }]);
  });

  it('removes the include key when every include entry goes, and withholds the fix where no job would be left', function () {
    const text = [
      'jobs:',
      '  test:',
      '    strategy:',
      '      matrix:',
      '        python-version: ["3.11", "3.12"]',
      '        include:',
      '          - python-version: "3.8"',
      '            legacy: true',
      '          - {python-version: "3.9", legacy: true}',
      '        os: [ubuntu-latest]',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '',
    ].join('\n');
    const fixed = fixAll(text);
    assert.equal(fixed, text.replace(/ {8}include:\n.*\n.*\n.*\n/, ''));
    assert.equal(fixAll(fixed), fixed);
    const [jobs] = pyyamlJobs(this, [fixed]) as { test: { strategy: { matrix: unknown } } }[];
    assert.deepEqual(jobs.test.strategy.matrix, { 'python-version': ['3.11', '3.12'], os: ['ubuntu-latest'] });

    // The include entries are the matrix's only jobs: each below is reported, and removing them all is no fix.
    const only = [
      'jobs:',
      '  test:',
      '    strategy:',
      '      matrix:',
      '        include: [{python-version: "3.8", os: ubuntu-20.04}, {python-version: "3.9", os: macos-13}]',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '',
    ].join('\n');
    const findings = check(only);
    assert.deepEqual(brief(findings), [
      ['python-below-minimum', range(4, 36, 4, 39), `matrix include python-version 3.8 ${MINIMUM}`, null],
      ['python-below-minimum', range(4, 79, 4, 82), `matrix include python-version 3.9 ${MINIMUM}`, null],
    ]);
    assert.deepEqual(
      findings.map((f) => f.fixes),
      [[], []],
    );
    // With one entry at the minimum, the others can go.
    const mixed = only.replace('"3.9"', '"3.12"');
    assert.equal(fixAll(mixed), mixed.replace('[{python-version: "3.8", os: ubuntu-20.04}, ', '['));
  });

  it('reads a multi-line python-version one version per line, and a YAML list', function () {
    const text = [
      'jobs:',
      '  test:',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: |',
      '            3.8',
      '            pypy3.9',
      '            3.11',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: |-',
      '            3.9',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: [3.8, "3.12"]',
      '',
    ].join('\n');
    assert.deepEqual(brief(check(text)), [
      [
        'python-below-minimum',
        range(6, 12, 6, 15),
        `setup-python python-version 3.8 ${MINIMUM}`,
        'Drop the Pythons below 3.10',
      ],
      ['python-below-minimum', range(12, 12, 12, 15), `setup-python python-version 3.9 ${MINIMUM}`, 'Change to 3.10'],
      [
        'python-below-minimum',
        range(15, 27, 15, 30),
        `setup-python python-version 3.8 ${MINIMUM}`,
        'Drop the Pythons below 3.10',
      ],
    ]);
    const fixed = fixAll(text);
    assert.equal(
      fixed,
      text
        .replace('            3.8\n            pypy3.9', '            pypy3.9')
        .replace('            3.9', '            3.10')
        .replace('[3.8, "3.12"]', '["3.12"]'),
    );
    assert.equal(fixAll(fixed), fixed);
    const inputs = pyyamlJobs(this, [fixed]).map((j) =>
      (j as { test: { steps: { with: Record<string, unknown> }[] } }).test.steps.map((s) => s.with['python-version']),
    );
    assert.deepEqual(inputs, [['pypy3.9\n3.11\n', '3.10', ['3.12']]]);
  });

  it('reads setup-python ranges by the lowest minor they admit, and skips what names no minor or is an expression', () => {
    const input = (value: string) =>
      `jobs:\n  t:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: ${value}\n`;
    const judged: [string, string | null][] = [
      ['">=3.8"', '>=3.10'],
      ["'>=3.8 <3.13'", '>=3.10 <3.13'],
      ['3.9.x', '3.10.x'],
      ['"~3.9"', '~3.10'],
      ['^3.9', '^3.10'],
      ['"3.8 - 3.12"', '3.10 - 3.12'],
      ['">=3.8 <3.10"', '>=3.10'],
      ['">=3.10"', null],
      ['">3.9"', null],
      ['3.10.x', null],
      ['3.x', null],
      ['"3"', null],
      ['pypy3.9', null],
      ['"<3.12"', null],
      ['${{ inputs.python }}', null],
      ['${{ env.PY }}', null],
      ['${{ matrix.missing }}', null],
      ['', null],
    ];
    for (const [value, fixed] of judged) {
      const findings = check(input(value));
      assert.deepEqual(
        findings.map((f) => f.fixes[0]?.edits[0]?.newText ?? null),
        fixed === null ? [] : [fixed],
        value,
      );
    }
    assert.deepEqual(brief(check(input("'>=3.8 <3.13'"))), [
      [
        'python-below-minimum',
        range(5, 27, 5, 38),
        `setup-python python-version >=3.8 <3.13 ${MINIMUM}`,
        'Change to >=3.10 <3.13',
      ],
    ]);
  });

  it('judges astral-sh/setup-uv’s python-version, matrix references included', () => {
    const text = [
      'jobs:',
      '  test:',
      '    strategy:',
      '      matrix:',
      '        python: ["3.9", "3.12"]',
      '    steps:',
      '      - uses: astral-sh/setup-uv@v6',
      '        with:',
      '          python-version: ">=3.8,<3.13"',
      '      - uses: astral-sh/setup-uv@v6',
      '        with:',
      '          python-version: "${{ matrix.python }}"',
      '',
    ].join('\n');
    assert.deepEqual(brief(check(text)), [
      [
        'python-below-minimum',
        range(8, 27, 8, 38),
        `setup-uv python-version >=3.8,<3.13 ${MINIMUM}`,
        'Change to >=3.10,<3.13',
      ],
      ['python-below-minimum', range(4, 18, 4, 21), `matrix python 3.9 ${MINIMUM}`, 'Drop the Pythons below 3.10'],
    ]);
  });

  it('judges the Python images of container: and services:, changing only the version in the tag', function () {
    const text = [
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    container: python:3.9-slim-bookworm',
      '    services:',
      '      db:',
      '        image: postgres:16',
      '      worker:',
      '        image: "mirror.gcr.io/library/python:3.8.18@sha256:0123abcd"',
      '      app:',
      '        image: python:3.12',
      '    steps:',
      '      - run: make test',
      '  other:',
      '    container:',
      '      image: python:3.7',
      '      options: --user root',
      '    steps: []',
      '  expression:',
      '    container: python:${{ inputs.python }}',
      '    steps: []',
      '',
    ].join('\n');
    assert.deepEqual(brief(check(text)), [
      [
        'python-below-minimum',
        range(3, 22, 3, 25),
        `container image python:3.9-slim-bookworm ${MINIMUM}`,
        'Change to 3.10',
      ],
      [
        'python-below-minimum',
        range(8, 45, 8, 51),
        `service worker image mirror.gcr.io/library/python:3.8.18@sha256:0123abcd ${MINIMUM}`,
        'Change to 3.10',
      ],
      ['python-below-minimum', range(15, 20, 15, 23), `container image python:3.7 ${MINIMUM}`, 'Change to 3.10'],
    ]);
    const fixed = fixAll(text);
    assert.equal(
      fixed,
      text
        .replace('python:3.9-slim', 'python:3.10-slim')
        .replace('python:3.8.18@', 'python:3.10@')
        .replace('python:3.7', 'python:3.10'),
    );
    const [jobs] = pyyamlJobs(this, [fixed]) as Record<string, { container?: unknown; services?: unknown }>[];
    assert.deepEqual(jobs.build.container, 'python:3.10-slim-bookworm');
    assert.deepEqual(jobs.other.container, { image: 'python:3.10', options: '--user root' });
  });

  it('follows python-version-file to a plain file, and leaves files read on their own to their own reading', () => {
    const workflow = (file: string, version = '') =>
      `jobs:\n  t:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n${version}          python-version-file: ${file}\n`;
    const files = { '/p/.github/python-version.txt': '# CI\n3.8\n', '/p/.python-version': '3.8\n' };
    assert.deepEqual(check(workflow('.github/python-version.txt'), files), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: `setup-python python-version-file 3.8 ${MINIMUM}`,
        file: '/p/.github/python-version.txt',
        range: range(1, 0, 1, 3),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: '/p/.github/python-version.txt', range: range(1, 0, 1, 3), newText: '3.10' }],
          },
        ],
      },
    ]);
    for (const named of [
      '.python-version',
      'pyproject.toml',
      'sub/pyproject.toml',
      '.tool-versions',
      'Pipfile',
      'missing.txt',
    ])
      assert.deepEqual(check(workflow(named), files), [], named);
    // setup-python ignores the file when a version is given.
    assert.deepEqual(check(workflow('.github/python-version.txt', '          python-version: "3.12"\n'), files), []);
  });

  it('reports a version file and a .python-version once in a repository, however many workflows name them', () => {
    const step = (file: string) =>
      `jobs:\n  a:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version-file: ${file}\n  b:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version-file: ${file}\n`;
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.python-version': '3.9\n',
      '.github/versions.txt': '3.8\n',
      '.github/workflows/a.yml': step('.python-version'),
      '.github/workflows/b.yml': step('.github/versions.txt'),
      '.github/workflows/c.yaml': step('./.github/versions.txt'),
    });
    const check = checkRepositories([dir], {
      fs: nodeFileSystem,
      standards: new StandardResolver(nodeFileSystem),
      relativeTo: dir,
    });
    assert.deepEqual(
      check.files.map((f) => [path.relative(dir, f.file), f.findings.map((x) => `${x.range.start.line}:${x.message}`)]),
      [
        ['.github/versions.txt', [`0:setup-python python-version-file 3.8 ${MINIMUM}`]],
        ['.python-version', [`0:.python-version 3.9 ${MINIMUM}`]],
      ],
    );
  });

  it('never throws on half-typed YAML, and still reports what it can read', () => {
    const text = [
      'jobs:',
      '  test:',
      '    container: python:3.8',
      '    strategy:',
      '      matrix:',
      '        python-version: [3.8, "3.11"]',
      '    steps:',
      '      - uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '      - uses: astral-sh/setup-uv@v6',
      '        with:',
      '          python-version: "3.9"',
      '',
    ].join('\n');
    for (let end = 0; end <= text.length; end++) check(text.slice(0, end));
    for (const broken of [
      text.replace('[3.8, "3.11"]', '[3.8, "3.11"'),
      text.replace('"3.9"', '"3.9'),
      `${text}  broken: [\n`,
      text.replace('    steps:', '    steps: {'),
      `${text}jobs: {}\n`,
    ]) {
      const findings = check(broken);
      assert.ok(
        findings.some((f) => f.code === 'parse-error'),
        broken,
      );
      assert.ok(
        findings.some((f) => f.message === `container image python:3.8 ${MINIMUM}`),
        broken,
      );
    }
    for (const odd of [
      'jobs: 3.10\n',
      'jobs:\n  - a\n',
      'jobs:\n  t:\n    steps: 3\n',
      '- 1\n',
      'jobs:\n  t:\n    strategy:\n      matrix: ${{ fromJSON(x) }}\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: ${{ matrix.py }}\n',
    ])
      assert.deepEqual(check(odd), [], odd);
  });
});

describe('setup-python version specs', () => {
  const minimum = dottedMinorVersion('3.10');
  it('reads the lowest minor a spec admits, as setup-python’s semver ranges do', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['3.9', '3.9', '3.10'],
      ['3.9.1', '3.9', '3.10'],
      ['3.13t', '3.13', '3.13t'],
      ['3.9-dev', '3.9', '3.10'],
      ['3.8.0rc1', '3.8', '3.10'],
      ['>3.9', '3.10', '>3.9'],
      ['>3.9.0', '3.9', '>=3.10'],
      ['~3.9', '3.9', '~3.10'],
      ['^3.9', '3.9', '^3.10'],
      ['3.9.x', '3.9', '3.10.x'],
      ['>= 3.8', '3.8', '>= 3.10'],
      ['3.8 || 3.11', '3.8', '3.10 || 3.11'],
      ['3.8 - 3.11', '3.8', '3.10 - 3.11'],
      ['>=3.8 <3.10', '3.8', '>=3.10'],
      ['==3.9.*', '3.9', '==3.10.*'],
      ['~=3.9', '3.9', '~=3.10'],
      ['!=3.9,>=3.8', '3.8', '!=3.9,>=3.10'],
      ['2.7', '2.7', '3.10'],
      ['3.x', undefined, undefined],
      ['3', undefined, undefined],
      ['<3.12', undefined, undefined],
      ['pypy3.9', undefined, undefined],
      ['graalpy-24.1', undefined, undefined],
      ['latest', undefined, undefined],
    ];
    for (const [text, lowest, raised] of cases) {
      const spec = pythonSpec(text);
      // A spec at or above the minimum is never raised: it stays as written.
      const below = spec && minimum && compareMinor(spec.version, minimum) < 0;
      assert.deepEqual([spec?.version.text, spec && (below ? spec.raise(minimum) : text)], [lowest, raised], text);
    }
  });
});
