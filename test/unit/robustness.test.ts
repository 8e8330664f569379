import { strict as assert } from 'node:assert';
import {
  analyze,
  builtinStandard,
  CODE_NAMES,
  LineIndex,
  stripBom,
  type Finding,
  type FindingCode,
  type PackageRule,
  type Range,
  type Standard,
} from '../../src/core';
import { fixOnce, memoryFileSystem, pick, range, seededRandom } from '../helpers';

const STANDARD = builtinStandard();
const ENTRY = '/project/requirements.txt';
const VERSION_CODES: FindingCode[] = ['below-minimum', 'conflicts-with-minimum', 'missing-minimum'];

/** The files a generated requirements file may include: one of each kind of include outcome. */
const NEIGHBOURS: Record<string, string> = {
  '/project/base.txt': 'numpy==1.0\n-r requirements.txt\n',
  '/project/constraints.txt': 'pandas<2\n',
};

function analyzeText(text: string, file = ENTRY): { findings: Finding[]; files: Record<string, string> } {
  const files = { ...NEIGHBOURS, [file]: text };
  return { findings: analyze({ path: file, text }, { standard: STANDARD, fs: memoryFileSystem(files) }), files };
}

function within(r: Range, lines: LineIndex): boolean {
  const fits = (line: number, character: number) =>
    line >= 0 && line < lines.lineCount && character >= 0 && character <= lines.lineText(line).length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ordered && fits(r.start.line, r.start.character) && fits(r.end.line, r.end.character);
}

/** Every finding names a known code and file, sits inside that file's text, and so do its fixes' edits. */
function assertWellFormed(findings: Finding[], files: Record<string, string>, input: string): void {
  const lines = new Map(Object.entries(files).map(([file, text]) => [file, new LineIndex(stripBom(text))]));
  for (const f of findings) {
    const where = `${JSON.stringify(f)} for ${JSON.stringify(input.slice(0, 200))}`;
    assert.ok(CODE_NAMES.includes(f.code), `known code: ${where}`);
    assert.ok(!f.message.startsWith('Internal error'), `no rule threw: ${where}`);
    const fileLines = lines.get(f.file);
    assert.ok(fileLines, `known file: ${where}`);
    assert.ok(within(f.range, fileLines), `range inside the file: ${where}`);
    for (const edit of f.fixes.flatMap((x) => x.edits)) {
      const editLines = lines.get(edit.file);
      assert.ok(editLines && within(edit.range, editLines), `edit inside its file: ${where}`);
    }
  }
}

/** One run of the fixer over the entry file only (included files are shared by every case). */
function fixEntry(text: string): string {
  return fixOnce(ENTRY, text, { files: { ...NEIGHBOURS, [ENTRY]: text }, overlapsWait: true });
}

/** Fixing leaves no fixable version finding in the entry file, and fixing again changes nothing. */
function assertFixesSettle(text: string): void {
  const fixed = fixEntry(text);
  const again = analyzeText(fixed);
  assertWellFormed(again.findings, again.files, fixed);
  const left = again.findings.filter((f) => f.file === ENTRY && VERSION_CODES.includes(f.code) && f.fixes.length > 0);
  assert.deepEqual(left, [], `fixing ${JSON.stringify(text)} gave ${JSON.stringify(fixed)}`);
  assert.equal(fixEntry(fixed), fixed, `fixing ${JSON.stringify(fixed)} again changes it`);
}

describe('robustness of the requirements engine', () => {
  it('never throws on random text, and every finding stays inside its file', () => {
    const random = seededRandom(1);
    // Mostly printable ASCII, with line breaks, tabs, control characters, BOMs, lone surrogates and other UTF-16 units.
    const unit = () => {
      const r = random();
      if (r < 0.7) return String.fromCharCode(32 + Math.floor(random() * 95));
      if (r < 0.8) return pick(random, ['\n', '\r', '\r\n', '\t', '\\\n', '\ufeff', '\u2028', '\0']);
      return String.fromCharCode(Math.floor(random() * 0x10000));
    };
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(random() * 200) }, unit).join('');
      const { findings, files } = analyzeText(text);
      assertWellFormed(findings, files, text);
      assertFixesSettle(text);
    }
  });

  it('never throws on random mixes of requirement-ish tokens, and its fixes settle', () => {
    const random = seededRandom(2);
    const TOKENS = [
      'pandas',
      'numpy',
      'black',
      'sklearn',
      'Scikit_Learn',
      'flask',
      'requests',
      'x',
      '==',
      '!=',
      '>=',
      '<=',
      '<',
      '>',
      '~=',
      '===',
      '=',
      '!',
      '~',
      '1',
      '1.5.3',
      '2.0.0',
      '23.1',
      '1!1.0',
      '2.0rc1',
      '.post1',
      '.dev0',
      '+local',
      '.*',
      '*',
      ',',
      ';',
      ' ; ',
      '\\',
      '\\\n',
      '#',
      ' # ',
      '"',
      "'",
      '"3.10"',
      "'3.8'",
      '[',
      ']',
      '[excel]',
      '(',
      ')',
      '@',
      ' @ ',
      ' ',
      '  ',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '\ufeff',
      'é',
      '\u2028',
      'python_version',
      'python_full_version',
      'os_name',
      'os.name',
      'extra',
      'and',
      'or',
      'not',
      'in',
      '-r',
      '-r ',
      '-c ',
      '--requirement=',
      'base.txt',
      'constraints.txt',
      'requirements.txt',
      'missing.txt',
      '-e ',
      '-i ',
      '--pre',
      '-',
      '--',
      ' --hash=sha256:ab',
      ' --config-settings=k=v',
      ' --foo',
      '${X}',
      'https://x/y.whl',
      './pkg',
      '.',
    ];
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => pick(random, TOKENS)).join('');
      const { findings, files } = analyzeText(text);
      assertWellFormed(findings, files, text);
      assertFixesSettle(text);
    }
  });

  it('never throws on random lines of options, paths and URLs, and its fixes settle', () => {
    const random = seededRandom(3);
    const TOKENS = [
      'pandas',
      'sklearn',
      'google',
      'auth',
      '==1.5.3',
      '>=2',
      ' ',
      '  ',
      '\t',
      '\\\n',
      '\n',
      ' # ',
      '#',
      '"',
      "'",
      '\\',
      '=',
      ':',
      ',',
      ' -',
      ' --',
      ' - ',
      '-',
      '--',
      '-r',
      '-c',
      '-e',
      '-C',
      '-i',
      '-f',
      '-x',
      '--hash',
      '--hash=',
      'sha256:ab',
      'md5:ab',
      '--h',
      '--no-',
      '--no-binary',
      ':all:',
      ':none:',
      '--only-final',
      '--use-feature',
      'fast-deps',
      '--extra-index',
      '--pre',
      '--pre=',
      '--install-option',
      '--global-option',
      '--config-settings',
      'k=v',
      '--requirement=',
      '--editable=',
      'base.txt',
      'missing.txt',
      '.',
      './pkg',
      '.[dev]',
      'src/pkg',
      '#egg=',
      '#egg=sklearn',
      '&egg=x[y]',
      'git+https://x/y',
      'https://x/',
      'file:///x',
      'pandas-1.5.3-py3-none-any.whl',
      'x-1-2-3-4-5.whl',
      '.tar.gz',
      '; python_version >= "3.10"',
      ';',
      '${X}',
      '${x}',
    ];
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => pick(random, TOKENS)).join('');
      const { findings, files } = analyzeText(text);
      assertWellFormed(findings, files, text);
      assertFixesSettle(text);
    }
  });

  it('fixes generated well-formed requirements to a fixed point', () => {
    const random = seededRandom(4);
    const maybe = (p: number, text: string) => (random() < p ? text : '');
    const NAMES = ['pandas', 'numpy', 'black', 'sklearn', 'Scikit_Learn', 'flask', 'pytest-cov', 'polars', 'unlisted'];
    const VERSIONS = [
      '0.1',
      '1',
      '1.5.3',
      '2',
      '2.0.0',
      '2.0.1',
      '3',
      '22.3.0',
      '23.1.0',
      '1!1.0',
      '2.0.0rc1',
      '1.0.post1',
      '2.0.0.dev0',
      '1.5+local',
    ];
    const OPERATORS = ['==', '!=', '>=', '<=', '<', '>', '~=', '==='];
    const MARKERS = [
      'python_version >= "3.10"',
      'python_version < "3.10"',
      'os_name == "nt"',
      'python_full_version == "3.11.4" and extra == "dev"',
    ];
    const clause = () => {
      const op = pick(random, OPERATORS);
      let version = pick(random, VERSIONS);
      // Only what PEP 440 allows: local labels with == and !=, two release segments for ~=, wildcards on releases.
      if (op !== '==' && op !== '!=' && op !== '===') version = version.replace(/\+.*$/, '');
      if (op === '~=' && !/\d\.\d/.test(version)) version = version.replace(/^(\d+)/, '$1.0');
      if ((op === '==' || op === '!=') && random() < 0.2) return `${op}${/^[0-9!.]*[0-9]/.exec(version)?.[0]}.*`;
      return op + (random() < 0.2 ? ' ' : '') + version;
    };
    const requirement = () => {
      // pip reads a `===` version up to the next space, commas and the next clause included: `===` clauses go last,
      // and what follows one has no space in it.
      const clauses = (random() < 0.2 ? [] : Array.from({ length: 1 + Math.floor(random() * 3) }, clause)).sort(
        (a, b) => Number(a.startsWith('===')) - Number(b.startsWith('===')),
      );
      const spec = clauses
        .map((c, i) =>
          i === 0 ? c : clauses[i - 1].startsWith('===') ? `,${c.replace(' ', '')}` : pick(random, [',', ', ']) + c,
        )
        .join('');
      return (
        pick(random, NAMES) +
        maybe(0.2, '[extra]') +
        maybe(0.2, ' ') +
        (spec && random() < 0.1 ? `(${spec})` : spec) +
        maybe(0.3, ` ; ${pick(random, MARKERS)}`) +
        maybe(0.1, ' \\\n    --hash=sha256:abcd') +
        maybe(0.2, '  # a comment')
      );
    };
    let fixable = 0;
    for (let n = 0; n < 1500; n++) {
      const eol = pick(random, ['\n', '\r\n']);
      const text =
        Array.from({ length: 1 + Math.floor(random() * 6) }, requirement)
          .join(eol)
          .replace(/\n/g, eol) + maybe(0.5, eol);
      const { findings, files } = analyzeText(text);
      assertWellFormed(findings, files, text);
      assert.deepEqual(
        findings.filter((f) => f.code === 'parse-error'),
        [],
        `${JSON.stringify(text)} is well formed`,
      );
      fixable += findings.filter((f) => f.fixes.length > 0).length;
      assertFixesSettle(text);
    }
    assert.ok(fixable > 2000, `${fixable} findings had a fix`);
  });

  describe('a 1 MB line', () => {
    const MB = 1 << 20;

    it('refuses a specifier with more clauses than can be checked, and checks the next line', () => {
      let spec = '>=1.0';
      for (let i = 0; spec.length < MB; i++) spec += `,!=1.${i}`;
      const text = `pandas${spec}\nnumpy==1.0\n`;
      const clauses = spec.split(',').length;
      assert.deepEqual(JSON.parse(JSON.stringify(analyzeText(text).findings)), [
        {
          code: 'parse-error',
          severity: 'error',
          message: `This specifier has ${clauses} clauses; more than 100 cannot be checked`,
          file: ENTRY,
          range: range(0, 6, 0, 6 + spec.length),
          fixes: [],
        },
        {
          code: 'conflicts-with-minimum',
          severity: 'warning',
          message: 'numpy==1.0 is below the standard minimum 1.24.0',
          file: ENTRY,
          range: range(1, 5, 1, 10),
          fixes: [
            {
              title: 'Change to numpy==1.24.0',
              isPreferred: true,
              edits: [{ file: ENTRY, range: range(1, 5, 1, 10), newText: '==1.24.0' }],
            },
          ],
        },
      ]);
    });

    it('reads a 1 MB name, a 1 MB comment and a 1 MB marker', () => {
      const name = 'a'.repeat(MB);
      assert.deepEqual(analyzeText(`${name}\n# ${name}\n`).findings, []);
      const marker = 'os_name == "x" or '.repeat(MB / 18) + 'python_version >= "3.10"';
      const { findings } = analyzeText(`pandas==1.5.3 ; ${marker}\n`);
      assert.deepEqual(
        findings.map((f) => [f.code, f.range]),
        [['conflicts-with-minimum', range(0, 6, 0, 13)]],
      );
      const below = 'python_version < "3.10" and '.repeat(MB / 28) + 'os_name == "x"';
      assert.deepEqual(
        analyzeText(`pandas==1.5.3 ; ${below}\n`).findings,
        [],
        'a marker that only holds below Python 3.10',
      );
    });

    it('reads 1 MB of requirement-ish tokens on one line', () => {
      const random = seededRandom(3);
      const TOKENS = [
        'pandas',
        '==',
        '>=',
        '1.5.3',
        ',',
        ';',
        ' ',
        '[',
        ']',
        '(',
        ')',
        '"',
        'python_version',
        'and',
        '\\',
        '@',
        '#',
        '-r',
        '.*',
      ];
      let text = '';
      while (text.length < MB) text += pick(random, TOKENS);
      const { findings, files } = analyzeText(text);
      assertWellFormed(findings, files, text);
    });
  });

  describe('100,000 continuations', () => {
    const N = 100_000;

    it('joins them into one requirement whose specifier is on the last line, and fixes it there', () => {
      const text = 'pandas \\\n' + '\\\n'.repeat(N) + '>=1.3,<3\nnumpy==1.0\n';
      const { findings } = analyzeText(text);
      assert.deepEqual(
        findings.map((f) => [f.code, f.range, f.fixes[0]?.edits[0].newText]),
        [
          ['below-minimum', range(N + 1, 0, N + 1, 8), '>=2.0.0,<3'],
          ['conflicts-with-minimum', range(N + 2, 5, N + 2, 10), '==1.24.0'],
        ],
      );
      const fixed = fixEntry(text);
      assert.equal(fixed, 'pandas \\\n' + '\\\n'.repeat(N) + '>=2.0.0,<3\nnumpy==1.24.0\n');
      assert.deepEqual(analyzeText(fixed).findings, []);
    });

    it('reads 100,000 continued --hash options as one hashed requirement', () => {
      const hash = (i: number) => `    --hash=sha256:${i.toString(16).padStart(64, '0')}`;
      const text = 'pandas==1.5.3 \\\n' + Array.from({ length: N }, (_, i) => hash(i)).join(' \\\n') + '\nflask\n';
      assert.deepEqual(
        analyzeText(text).findings.map((f) => [
          f.code,
          f.range,
          f.fixes.length,
          f.message.includes('regenerate the hashes'),
        ]),
        [
          ['conflicts-with-minimum', range(0, 6, 0, 13), 0, true],
          ['missing-minimum', range(N + 1, 0, N + 1, 5), 1, false],
        ],
      );
    });

    it('reports one broken line spanning them all, from its first to its last physical line', () => {
      const text = 'pandas>=1.3 \\\n' + 'pandas \\\n'.repeat(N) + 'x\n';
      const findings = analyzeText(text).findings;
      assert.deepEqual(
        findings.map((f) => [f.code, f.range]),
        [['parse-error', range(0, 6, N + 1, 1)]],
      );
    });
  });

  it('checks 20,000 lines one by one', () => {
    const text = 'pandas>=1.3\n'.repeat(20_000);
    const { findings } = analyzeText(text);
    assert.equal(findings.length, 20_000);
    findings.forEach((f, line) => assert.deepEqual([f.code, f.range], ['below-minimum', range(line, 6, line, 11)]));
  });
});

describe('an internal error', () => {
  // A standard whose rule for `boom` throws when read stands for a defect in a rule: it must cost that entry only.
  const standard = builtinStandard();
  const packages = new Map(standard.packages);
  const bomb = { name: 'boom', source: { file: 'builtin', range: range(0, 0, 0, 0) } } as unknown as PackageRule;
  Object.defineProperty(bomb, 'minimum', {
    get: () => {
      throw new Error('the rule for boom is broken');
    },
  });
  packages.set('boom', bomb);
  const broken: Standard = { ...standard, packages };
  const run = (file: string, text: string) =>
    analyze({ path: file, text }, { standard: broken, fs: memoryFileSystem({ [file]: text }) }).map((f) => [
      f.code,
      f.range.start.line,
      f.message,
    ]);
  const internal = (line: number) => [
    'internal-error',
    line,
    'Internal error while checking this entry: the rule for boom is broken',
  ];

  it('is an internal-error finding, not a parse error, with the stack for the log', () => {
    const [finding] = analyze(
      { path: '/p/requirements.txt', text: 'boom==1.0\n' },
      { standard: broken, fs: memoryFileSystem({}) },
    );
    assert.equal(finding.code, 'internal-error');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.trace ?? '', /^Error: the rule for boom is broken\n\s+at /);
  });

  it('in one requirement loses that requirement only', () => {
    assert.deepEqual(run('/p/requirements.txt', 'boom==1.0\npandas==1.5.3\n'), [
      internal(0),
      ['conflicts-with-minimum', 1, 'pandas==1.5.3 is below the standard minimum 2.0.0'],
    ]);
  });

  it('in one pyproject.toml dependency, Poetry entry or pre-commit dependency loses that entry only', () => {
    assert.deepEqual(
      run(
        '/p/pyproject.toml',
        '[project]\ndependencies = ["boom>=1", "pandas==1.5.3"]\n[tool.poetry.dependencies]\nboom = "^1"\nnumpy = "^1.2"\n',
      ),
      [
        internal(1),
        ['conflicts-with-minimum', 1, 'pandas==1.5.3 is below the standard minimum 2.0.0'],
        internal(3),
        ['below-minimum', 4, 'numpy "^1.2" admits versions below the standard minimum 1.24.0'],
      ],
    );
    const config =
      'repos:\n  - repo: local\n    hooks:\n      - id: black\n        language: python\n        entry: black\n        additional_dependencies: [boom, pandas==1.5.3]\n      - id: flake8\n        language: python\n        entry: flake8\n      - id: mypy\n        language: python\n        entry: mypy\n';
    assert.deepEqual(run('/p/.pre-commit-config.yaml', config), [
      internal(6),
      ['conflicts-with-minimum', 6, 'pandas==1.5.3 is below the standard minimum 2.0.0'],
    ]);
  });
});
