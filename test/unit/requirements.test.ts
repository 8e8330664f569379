import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  applyEdits,
  builtinStandard,
  checkRepositories,
  examine,
  findingKey,
  groupFindings,
  nodeFileSystem,
  overlayFileSystem,
  preferredEdits,
  Readings,
  readSource,
  StandardResolver,
  type FileFindings,
  type FileSystem,
  type Finding,
  type FindingCode,
  type Range,
  type SourceFile,
} from '../../src/core';
import { check, fixOnce, fixturePath, range, tempProject, warning } from '../helpers';
import { memoryFileSystem } from '../helpers/engine';
import { goldenCases } from '../helpers/golden';
import { parseRequirement } from '../../src/core/formats/pep508';
import { isPlainReference, isReference } from '../../src/core/formats/pipReferences';

/** A file of a case under test/fixtures/requirements, named the way findings name it. */
function fixture(name: string, ...parts: string[]): string {
  return fixturePath('requirements', name, 'input', ...parts);
}

/** A single exact pin below the minimum. */
function pinned(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('conflicts-with-minimum', file, at, `${name}${spec} is below the standard minimum ${minimum}`, {
    title: `Change to ${name}${fixed}`,
    edits: [[at, fixed]],
  });
}

const SKLEARN_REASON = 'sklearn is a deprecated stub package; install scikit-learn';

function replaced(file: string, at: Range): Finding {
  return warning(
    'replaced-package',
    file,
    at,
    `sklearn is replaced by scikit-learn in the standard: ${SKLEARN_REASON}`,
    { title: 'Replace sklearn with scikit-learn', edits: [[at, 'scikit-learn']] },
  );
}

/** The same finding on a line that pins hashes: no automatic fix, and a message that says why. */
function hashed(finding: Finding, change: string): Finding {
  return {
    ...finding,
    message: `${finding.message}; the line pins hashes, so ${change} and regenerate the hashes (no automatic fix)`,
    fixes: [],
  };
}

/** A finding on a wheel: its file name decides, so no fix, and the message says so. */
function wheel(finding: Finding): Finding {
  const what = finding.code === 'replaced-package' ? 'package' : 'version';
  return {
    ...finding,
    message: `${finding.message}; the wheel's file name decides the ${what}, so there is no automatic fix`,
    fixes: [],
  };
}

/** Words pip skips among a line's options; `join` is the name they make joined onto the line's start. */
function ignoredWords(file: string, at: Range, words: string, join?: { name: string; range: Range }): Finding {
  const message = `pip ignores '${words}': a word starting with '-' begins the line's options, and pip skips the words there that are not options, so this is not installed`;
  return ignored(file, at, message, join);
}

function ignored(file: string, at: Range, message: string, join?: { name: string; range: Range }): Finding {
  const fixes = join
    ? [
        {
          title: `Join into ${join.name}`,
          isPreferred: false,
          edits: [{ file, range: join.range, newText: join.name }],
        },
      ]
    : [];
  return { code: 'ignored-text', severity: 'warning', message, file, range: at, fixes };
}

function error(code: FindingCode, file: string, at: Range, message: string): Finding {
  return { code, severity: 'error', message, file, range: at, fixes: [] };
}

/**
 * Fixes a fixture folder: the files that change must read exactly `expected` afterwards, a second check finds no
 * version problem but those `remaining` (which have no automatic fix), and fixing again changes nothing.
 */
// Each folder of test/fixtures/requirements: its findings, and what one run of the fixer makes of it. Lines are
// counted from 0 here, as expected.json counts them.
goldenCases('requirements', {
  about: {
    // Lines 20 and 21: a replacement's fix also meets the replacement's own minimum, so one fix settles the line.
    fixes: 'every fix shape, with its exact range, message and fix, fixed in the user style to a fixed point',
    crlf: 'CRLF kept: ranges count characters within a line, and the fix keeps every CRLF',
    bom: 'a byte-order mark read past without shifting the first line, and kept when fixing',
    tabs: 'tabs are whitespace between every part of a line',
    // A comment line never continues, so flask stands on its own line; a trailing comment runs on into the continued
    // line, so pip never sees pytest==6.0; a continuation at the end of the file ends there.
    continuations:
      'lines joined as pip does, every range mapped back to its physical line, and every backslash kept by the fix',
    hashes: 'lines that pin hashes, continued lines too, reported without an automatic fix: the fixer changes nothing',
    // pip stops at the unknown option on line 5; the requirement before it is still judged. A lone '-' on line 9
    // starts the options and optparse takes it as an argument, which pip drops.
    broken: 'each broken line reported at its range, every other line checked, and only the good lines fixed',
    options:
      'every option of current pip, in each spelling optparse takes, and requirements that carry per-requirement options',
    // Line 5 only applies below Python 3.10, line 6 names one patch release of 3.10; `requests @ url`: the URL decides
    // the version, but `sklearn @ url` still names a replaced package. A wheel's file name states its name and exact
    // version, as pip reads them, so no fix (lines 12, 13). Paths, URLs and `${VAR}` (lines 10 to 19) name no version;
    // `#egg=black` names black, whose URL decides. Line 22: epoch 1 is above every version without one. Naming a
    // pre-release admits pre-releases, and 0.21.0rc1 is below 0.21.0 (line 30).
    pep508: 'names normalised, extras, markers, URLs and variables read, only what names a version checked and fixed',
    includes: '-r and -c in every spelling, relative to the including file; findings and fixes in the file they are in',
    cycle: 'a cycle a → b → a reported at the include line that closes it',
    self: 'a file that includes itself, at the top and further down',
    ignore: 'ignore comments on a line, and ignore-file comments in an included file',
    names: 'requirements*.txt, *requirements*.txt, constraints*.txt and requirements.in checked, MANIFEST.in not',
  },
});

describe('requirements files', () => {
  describe('continuations', () => {
    it('puts an error at the end of a continued line when the line ends where more was expected', () => {
      // The marker runs out where the line continues: an empty place, at the end of the physical line.
      const text = 'pandas>=2.0.0 ; \\\n\nnumpy ; python_version >= \\\n';
      const found = check('/p/requirements.txt', text);
      assert.deepEqual(
        found.map((f) => [f.message, f.range]),
        [
          ["Expected an environment marker after ';'", range(0, 15, 0, 15)],
          ['Marker ends too early', range(2, 25, 2, 25)],
        ],
      );
    });
  });

  describe('PEP 508 requirements', () => {
    it('puts a floor inside empty parentheses, and pins `===` alone (its version runs to the next space)', () => {
      const text = 'pandas ()\nnumpy >=0.5, ===1.0\nrequests (===1.0)\n';
      const fixed = fixOnce('/p/requirements.txt', text);
      assert.equal(fixed, 'pandas (>=2.0.0)\nnumpy ===1.24.0\nrequests (===2.31.0)\n');
      assert.deepEqual(check('/p/requirements.txt', fixed), []);
    });
  });

  describe('requirements that read as plain', () => {
    it('are files when they end like an archive, told as the whole reference test tells it', () => {
      const nobody = () => false;
      const names = [
        'pkg',
        'pkg.zip',
        'pkg-1.0.tar.gz',
        'Pkg.TAR.BZ2',
        'x.whl',
        'a.tar',
        'pkg.tgz',
        'pkg-2',
        'pkg.bz2',
      ];
      const rests = ['', '[x]', ' [x, y] ', '==1.0', '==1.0+x.zip', '>=1.0,<2', '~=1.2', '==1.0+tar.gz', ' ', '\t'];
      const markers = ['', ' ; python_version >= "3.10"', ';os_name == "a/b:c"', ';'];
      let plain = 0;
      let references = 0;
      for (const name of names)
        for (const rest of rests)
          for (const marker of [...markers, ...markers.map((m) => m.replace(';', '\t;'))]) {
            const text = name + rest + marker;
            const entry = parseRequirement(text, 0, false, (o) => o, nobody);
            if (entry.kind !== 'unchecked' || !entry.plain) continue;
            plain++;
            if (isReference(text)) references++;
            assert.equal(isPlainReference(text), isReference(text), text);
          }
      assert.ok(references > 50 && plain - references > 50, `${references} of ${plain} were references`);
    });
  });

  describe('includes', () => {
    it('reports an include whose name ends in a slash as missing: it names a folder, which pip cannot open', () => {
      const files = {
        '/p/requirements.txt': '-c constraints.txt/\n-r base.txt//\n',
        '/p/constraints.txt': 'pandas<2\n',
        '/p/base.txt': 'numpy\n',
      };
      const found = check('/p/requirements.txt', { files });
      assert.deepEqual(
        found.map((f) => [f.code, f.file, f.message]),
        [
          ['include-not-found', '/p/requirements.txt', 'Included file constraints.txt/ does not exist'],
          ['include-not-found', '/p/requirements.txt', 'Included file base.txt// does not exist'],
        ],
      );
    });

    it('reports a cycle a → b → a at the include line that closes it, from either end', () => {
      const a = fixture('cycle', 'requirements-a.txt');
      const b = fixture('cycle', 'requirements-b.txt');
      const numpy = pinned(b, range(0, 5, 0, 10), 'numpy', '==1.0', '1.24.0', '==1.24.0');
      const pandas = pinned(a, range(1, 6, 1, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0');
      assert.deepEqual(check(a), [
        numpy,
        error(
          'include-cycle',
          b,
          range(1, 3, 1, 21),
          'Including requirements-a.txt forms a cycle: requirements-a.txt → requirements-b.txt → requirements-a.txt',
        ),
        pandas,
      ]);
      assert.deepEqual(check(b), [
        numpy,
        error(
          'include-cycle',
          a,
          range(0, 3, 0, 21),
          'Including requirements-b.txt forms a cycle: requirements-b.txt → requirements-a.txt → requirements-b.txt',
        ),
        pandas,
      ]);
    });

    it('follows an absolute include to the file it names', () => {
      const files = {
        '/project/requirements.txt': '-r /shared/base.txt\n',
        '/shared/base.txt': 'numpy==1.0\n',
      };
      assert.deepEqual(check('/project/requirements.txt', { files }), [
        pinned('/shared/base.txt', range(0, 5, 0, 10), 'numpy', '==1.0', '1.24.0', '==1.24.0'),
      ]);
    });
  });

  describe('includes shared by many files', () => {
    const today = new Date('2025-06-01T00:00:00Z');
    const tree = {
      // Included by three files, and checked itself.
      'constraints.txt': 'pandas<3\nsklearn\n',
      // Included by three files, and not checked itself.
      'common.txt': 'requests\nflask==1.0\n',
      'svc-a/requirements.txt': '-r ../common.txt\n-c ../constraints.txt\npandas==1.0\n',
      'svc-b/requirements.txt': '-r ../common.txt\n-c ../constraints.txt\nnumpy==1.0\n',
      'svc-c/requirements-dev.txt': '-r ../common.txt\n-c ../constraints.txt\n',
      // A cycle is told from either end, whichever file's reading is kept.
      'requirements-a.txt': '-r requirements-b.txt\nnumpy==1.0\n',
      'requirements-b.txt': '-r requirements-a.txt\npandas==1.0\n',
    };

    /** Each file's findings by an analysis of its own, with nothing kept, as `check` reports them: each finding once. */
    function separately(dir: string, files: string[]): FileFindings[] {
      const seen = new Set<string>();
      const findings = files
        .flatMap(
          (f) =>
            examine(readSource(nodeFileSystem, f) as SourceFile, {
              standard: builtinStandard(),
              fs: nodeFileSystem,
              today,
            }).findings,
        )
        .filter((f) => !seen.has(findingKey(f)) && seen.add(findingKey(f)));
      return groupFindings(findings, dir);
    }

    it('reads a file that three others include once in a run, with the findings of separate analyses', () => {
      const dir = tempProject(tree);
      const reads = new Map<string, number>();
      const count = (file: string) =>
        reads.set(path.relative(dir, file), (reads.get(path.relative(dir, file)) ?? 0) + 1);
      const counting: FileSystem = {
        ...nodeFileSystem,
        readFile: (file) => (count(file), nodeFileSystem.readFile(file)),
        readDecoded: (file) => (count(file), nodeFileSystem.readDecoded?.(file)),
      };
      const check = checkRepositories([dir], {
        fs: counting,
        standards: new StandardResolver(counting),
        relativeTo: dir,
        today,
      });
      assert.deepEqual(
        [...reads].sort(([a], [b]) => (a < b ? -1 : 1)),
        [
          ['common.txt', 1],
          ['constraints.txt', 1],
          ['requirements-a.txt', 1],
          ['requirements-b.txt', 1],
          [path.join('svc-a', 'requirements.txt'), 1],
          [path.join('svc-b', 'requirements.txt'), 1],
          [path.join('svc-c', 'requirements-dev.txt'), 1],
        ],
      );
      const checked = [
        'constraints.txt',
        'requirements-a.txt',
        'requirements-b.txt',
        'svc-a/requirements.txt',
        'svc-b/requirements.txt',
        'svc-c/requirements-dev.txt',
      ];
      assert.deepEqual(
        check.files,
        separately(
          dir,
          checked.map((f) => path.join(dir, f)),
        ),
      );
      assert.deepEqual(
        check.files.map((f) => [path.relative(dir, f.file), f.findings.map((x) => `${x.range.start.line}:${x.code}`)]),
        [
          ['common.txt', ['0:missing-minimum', '1:conflicts-with-minimum']],
          ['constraints.txt', ['0:below-minimum', '1:replaced-package']],
          ['requirements-a.txt', ['0:include-cycle', '1:conflicts-with-minimum']],
          ['requirements-b.txt', ['0:include-cycle', '1:conflicts-with-minimum']],
          [path.join('svc-a', 'requirements.txt'), ['2:conflicts-with-minimum']],
          [path.join('svc-b', 'requirements.txt'), ['2:conflicts-with-minimum']],
        ],
      );
    });

    it('keeps what it read across the checks of one run (the passes of --fix): a file no fix changed is not read again', () => {
      const dir = tempProject(tree);
      const files = overlayFileSystem(nodeFileSystem);
      // As the CLI runs its passes: one resolver, one set of readings.
      const standards = new StandardResolver(files);
      const readings = new Readings(true);
      const check = () =>
        checkRepositories([dir], {
          fs: files,
          standards,
          relativeTo: dir,
          today,
          readings,
        });
      const findingsOf = (result: ReturnType<typeof check>, file: string) =>
        result.files.find((f) => f.file === path.join(dir, file))?.findings ?? [];
      const first = check();
      files.write(
        path.join(dir, 'svc-a', 'requirements.txt'),
        '-r ../common.txt\n-c ../constraints.txt\npandas==2.0.0\n',
      );
      const second = check();
      // The same findings, judged once: of the files no fix changed.
      for (const file of ['common.txt', 'constraints.txt', path.join('svc-b', 'requirements.txt')]) {
        assert.ok(findingsOf(first, file).length > 0, file);
        findingsOf(second, file).forEach((f, i) => assert.equal(f, findingsOf(first, file)[i], file));
      }
      assert.deepEqual(findingsOf(second, path.join('svc-a', 'requirements.txt')), []);
      assert.deepEqual(
        JSON.parse(JSON.stringify(second)),
        JSON.parse(
          JSON.stringify(
            checkRepositories([dir], { fs: files, standards: new StandardResolver(files), relativeTo: dir, today }),
          ),
        ),
      );
    });

    it('reads an include into facts and judges them once while its text, and what its reading asked, stay the same', () => {
      const files: Record<string, string> = {
        '/p/a/requirements.txt': '-r ../common.txt\n',
        '/p/b/requirements.txt': '-r ../common.txt\n',
        '/p/c/requirements.txt': '-c ../common.txt\n',
        // A lock, whose reading asks for its source: a finding on it says what to change there.
        '/p/common.txt':
          '# This file is autogenerated by pip-compile with Python 3.11\n#    pip-compile common.in\npandas==1.5.3\n',
        '/p/common.in': 'pandas\n',
      };
      const fs = memoryFileSystem(files);
      const readings = new Readings(false);
      // Findings as they are printed (facts hold functions, which a new reading makes anew).
      const plain = (e: { findings: Finding[] }) => JSON.parse(JSON.stringify(e.findings)) as unknown;
      const examined = (file: string, kept?: Readings) =>
        examine({ path: file, text: files[file] }, { standard: builtinStandard(), fs, today, readings: kept });
      const [a, b, c] = ['/p/a/requirements.txt', '/p/b/requirements.txt', '/p/c/requirements.txt'].map((f) =>
        examined(f, readings),
      );
      // The same facts, and the same findings on them: read and judged once.
      assert.equal(a.facts.length, 1);
      for (const other of [b, c]) {
        assert.equal(other.facts[0], a.facts[0]);
        assert.equal(other.findings[0], a.findings[0]);
      }
      assert.deepEqual(plain(a), plain(examined('/p/a/requirements.txt')));
      assert.deepEqual(
        a.findings.map((f) => [f.file, f.code, f.fixes[0]?.edits[0]?.file]),
        [['/p/common.txt', 'conflicts-with-minimum', '/p/common.in']],
      );
      // The lock's source changed: its reading is made again, and says so.
      files['/p/common.in'] = 'pandas>=1.5\n';
      const after = examined('/p/b/requirements.txt', readings);
      assert.notEqual(after.facts[0], a.facts[0]);
      assert.deepEqual(plain(after), plain(examined('/p/b/requirements.txt')));
      assert.notDeepEqual(plain(after), plain(a));
      // The include itself changed.
      files['/p/common.txt'] = 'pandas==2.1.0\n';
      const changed = examined('/p/c/requirements.txt', readings);
      assert.deepEqual(plain(changed), plain(examined('/p/c/requirements.txt')));
      assert.deepEqual(changed.findings, []);
    });
  });

  describe("pip's verdict on each line", () => {
    // pip cannot run here: each expectation is read from pip 26.2's source, and the comment names the function that
    // decides. req_file.py's break_args_options splits a line on spaces: the options start at the first word that
    // starts with '-'; get_line_parser shlex-splits them and optparse (build_parser: SUPPORTED_OPTIONS and
    // SUPPORTED_OPTIONS_REQ) reads every one; handle_line then decides which of them act.
    const file = '/project/requirements.txt';
    const NEIGHBOURS = { '/project/base.txt': 'numpy>=1.24.0\n' };
    const unknown = (option: string) => `Unknown option '${option}': pip accepts no such option in a requirements file`;
    const parse = (at: Range, message: string) => error('parse-error', file, at, message);
    const replacedEgg = (at: Range) => replaced(file, at);

    /** A line and its findings; `at(part)` is the range of the first `part` in the line (`at(part, true)`: the last). */
    const VERDICTS: [line: string, expected: (at: (part: string, last?: boolean) => Range) => Finding[]][] = [
      // optparse's _match_long_opt: every option is examined, so the third option fails a line whose first two pass.
      [
        '--index-url https://example.com/simple --trusted-host example.com --default-timeout 600',
        (at) => [parse(at('--default-timeout'), unknown('--default-timeout'))],
      ],
      // Gone from SUPPORTED_OPTIONS_REQ (pip's NEWS: 23.1 and 25.3); --build-option never was a requirements-file option.
      [
        'pandas==2.1.0 --install-option="--prefix=/opt"',
        (at) => [
          parse(
            at('--install-option'),
            'pip no longer accepts --install-option (removed in pip 23.1); pass build settings with --config-settings',
          ),
        ],
      ],
      [
        '--global-option=--quiet',
        (at) => [
          parse(
            at('--global-option'),
            'pip no longer accepts --global-option (removed in pip 25.3); pass build settings with --config-settings',
          ),
        ],
      ],
      [
        'pandas==2.1.0 --build-option --quiet',
        (at) => [
          parse(
            at('--build-option'),
            'pip never accepted --build-option in a requirements file and removed it in pip 25.3; pass build settings with --config-settings',
          ),
        ],
      ],
      // cmdoptions._handle_merge_hash: `algo:digest` with an algorithm from STRONG_HASHES.
      [
        'pandas==2.1.0 --hash=sha256',
        (at) => [
          parse(
            at('sha256'),
            'Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...',
          ),
        ],
      ],
      [
        'pandas==2.1.0 --hash=md5:0123',
        (at) => [parse(at('md5:0123'), "Allowed hash algorithms for --hash are sha256, sha384, sha512, not 'md5'")],
      ],
      ["pandas==2.1.0 --hash='sha256:0123'", () => []],
      // get_line_parser: shlex.split raises on an open quote, "Could not split options".
      [
        'pandas==2.1.0 --hash="sha256:0123',
        (at) => [parse(at('"sha256:0123'), "Unbalanced double quote: pip cannot split this line's options")],
      ],
      // optparse's choices for cmdoptions.use_new_feature.
      [
        '--use-feature=fast-dep',
        (at) => [
          parse(
            at('fast-dep'),
            "Invalid --use-feature 'fast-dep': pip knows fast-deps, inprocess-build-deps, venv-isolation, truststore, no-binary-enable-wheel-cache, build-constraint",
          ),
        ],
      ],
      ['--use-feature build-constraint', () => []],
      ['--no-require-hashes', () => []],
      ['--only-final :all:', () => []],
      ['--all-releases pandas,numpy --only-final=:none:', () => []],
      // optparse takes the next word as the value whatever it is; FormatControl.handle_mutual_excludes refuses a '-'.
      [
        '--no-binary --pre',
        (at) => [
          parse(
            at('--pre'),
            "Option '--no-binary' needs a value: :all:, :none: or package names separated by commas, not '--pre'",
          ),
        ],
      ],
      // cmdoptions._handle_config_settings: KEY=VALUE, glued to -C or not.
      ['pandas==2.1.0 -C key=value -Cother=1', () => []],
      [
        'pandas==2.1.0 --config-settings editable',
        (at) => [parse(at('editable'), "Arguments to --config-settings must be of the form KEY=VALUE, not 'editable'")],
      ],
      // optparse's _match_abbrev: a unique prefix of a long name is that option; several are an error.
      ['--extra-index https://example.com/simple', () => []],
      ['--requirem=base.txt', () => []],
      [
        '--no- x',
        (at) => [
          parse(
            at('--no-'),
            "Ambiguous option '--no-': pip cannot tell --no-binary, --no-index and --no-require-hashes apart",
          ),
        ],
      ],
      [
        '--req base.txt',
        (at) => [
          parse(at('--req'), "Ambiguous option '--req': pip cannot tell --require-hashes and --requirement apart"),
        ],
      ],
      // optparse's _process_long_opt and _process_short_opts: a flag takes no value, a short option glues its value on.
      ['--pre=yes', (at) => [parse(at('--pre=yes'), "Option '--pre' does not take a value")]],
      ['-x', (at) => [parse(at('-x'), unknown('-x'))]],
      ['-rbase.txt', () => []],
      [
        '-r=base.txt',
        (at) => [error('include-not-found', file, at('=base.txt'), 'Included file =base.txt does not exist')],
      ],
      ['-r', (at) => [parse(at('-r'), "Option '-r' needs a value")]],
      // constructors._looks_like_path: a separator or a leading dot makes a path; Link.egg_fragment names it.
      ['.', () => []],
      ['.[dev]', () => []],
      ['./path', () => []],
      ['src/mypkg', () => []],
      ['path/to/Project#egg=Other', () => []],
      ['path/to/Project#egg=sklearn', (at) => [replacedEgg(at('sklearn'))]],
      // constructors.parse_editable: a local folder or a VCS URL, which needs a name.
      ['-e .', () => []],
      ['-e ./libs/shared[dev]', () => []],
      ['-e "./libs/with space"', () => []],
      ['-e git+https://github.com/x/y#egg=sklearn', (at) => [replacedEgg(at('sklearn'))]],
      [
        '-e git+https://github.com/x/y',
        (at) => [
          parse(
            at('git+https://github.com/x/y'),
            "pip cannot tell the project name of the editable 'git+https://github.com/x/y': add #egg=name, or write name @ URL",
          ),
        ],
      ],
      [
        '-e https://example.com/pkg.zip',
        (at) => [
          parse(
            at('https://example.com/pkg.zip'),
            "pip installs in editable mode only a local project folder or a VCS URL (git+, hg+, svn+, bzr+), not 'https://example.com/pkg.zip'",
          ),
        ],
      ],
      [
        '-e ./dist/pkg-1.0.tar.gz',
        (at) => [
          parse(
            at('./dist/pkg-1.0.tar.gz'),
            "pip installs in editable mode only a local project folder, not the archive './dist/pkg-1.0.tar.gz'",
          ),
        ],
      ],
      // Link._egg_fragment: a fragment must be a project name alone (InvalidEggFragment's hints).
      [
        '-e git+https://github.com/x/y#egg=pkg[extra]',
        (at) => [parse(at('pkg[extra]'), "The egg fragment 'pkg[extra]' is invalid: write name[extra] @ URL instead")],
      ],
      [
        'git+https://github.com/x/y#egg=pkg>=1.0',
        (at) => [
          parse(
            at('pkg>=1.0'),
            "The egg fragment 'pkg>=1.0' is invalid: pip ignores versions in a URL reference; remove them",
          ),
        ],
      ],
      // parse_req_from_line: a wheel is `name==version` from its file name (models/wheel.py); "; " ends a URL.
      [
        'https://files.example.com/packages/pandas-1.5.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
        (at) => [wheel(pinned(file, at('1.5.3'), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'))],
      ],
      [
        'https://example.com/pandas-1.5.3-py3-none-any.whl; python_version >= "3.10"',
        (at) => [wheel(pinned(file, at('1.5.3'), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'))],
      ],
      // Without the space the marker is part of the URL, whose file is then no wheel: an unnamed requirement.
      ['https://example.com/pandas-1.5.3-py3-none-any.whl;python_version>="3.10"', () => []],
      ['./dist/sklearn-0.0.post1-py3-none-any.whl', (at) => [wheel({ ...replaced(file, at('sklearn')), fixes: [] })]],
      [
        './local/pandas-1.5.3-py3-none-any.whl ; python_version >> "3"',
        (at) => [parse(at('>', true), "'>' is not a marker variable or a quoted string")],
      ],
      // An sdist names nothing pip can read without building it.
      ['./downloads/pandas-1.5.3.tar.gz', () => []],
      [
        'pandas-1.5.3.whl',
        (at) => [
          parse(
            at('pandas-1.5.3.whl'),
            "Invalid wheel file name 'pandas-1.5.3.whl': pip expects name-version-python-abi-platform.whl",
          ),
        ],
      ],
      // optparse returns the words that are not options as arguments, and get_line_parser drops them.
      [
        'google - auth',
        (at) => [ignoredWords(file, at('- auth'), '- auth', { name: 'google-auth', range: at('google - auth') })],
      ],
      [
        'google -cloud-storage',
        (at) => [
          ignored(
            file,
            at('-cloud-storage'),
            "pip ignores '-cloud-storage' (read as -c loud-storage) on a requirement's line: only --hash and --config-settings apply there",
            { name: 'google-cloud-storage', range: at('google -cloud-storage') },
          ),
        ],
      ],
      ['pandas==2.1.0 --hash=sha256:0123 extra', (at) => [ignoredWords(file, at('extra'), 'extra')]],
      ['pandas==2.1.0 -- extra', (at) => [ignoredWords(file, at('-- extra'), '-- extra')]],
      // handle_requirement_line keeps only SUPPORTED_OPTIONS_REQ (SUPPORTED_OPTIONS_EDITABLE_REQ for -e).
      [
        'pandas==2.1.0 --index-url https://example.com/simple',
        (at) => [
          ignored(
            file,
            at('--index-url https://example.com/simple'),
            "pip ignores --index-url on a requirement's line: only --hash and --config-settings apply there",
          ),
        ],
      ],
      // ParsedLine.is_editable reads the options alone: -e after a requirement makes that requirement editable.
      [
        './mypkg -e ./other',
        (at) => [
          ignored(
            file,
            at('-e ./other'),
            'pip ignores the value of -e after a requirement, but installs the requirement itself in editable mode',
          ),
        ],
      ],
      // ParsedLine.requirement: "We don't support multiple -e on one line".
      [
        '-e ./a -e ./b',
        (at) => [ignored(file, at('-e ./b'), 'pip installs only the first -e of a line and ignores this one')],
      ],
      [
        '-e . --hash=sha256:0123',
        (at) => [
          ignored(
            file,
            at('--hash=sha256:0123'),
            "pip ignores --hash on an editable requirement's line: only --config-settings applies there",
          ),
        ],
      ],
      // _parse_and_recurse follows the include and drops the rest of its line.
      [
        '-r base.txt --pre',
        (at) => [ignored(file, at('--pre'), 'pip ignores --pre on a line that includes a file with -r')],
      ],
      // handle_option_line: "has --hash but no requirement, and will be ignored"; only find_links[0] is read.
      [
        '--hash=sha256:0123',
        (at) => [ignored(file, at('--hash=sha256:0123'), 'pip ignores --hash on a line without a requirement')],
      ],
      [
        '-f ./a -f ./b',
        (at) => [ignored(file, at('-f ./b'), 'pip reads only the first -f of a line and ignores this one')],
      ],
      // break_args_options splits on spaces only: after a tab the option is part of the requirement.
      [
        'pandas\t--hash=sha256:0123',
        (at) => [
          parse(
            at('--hash=sha256:0123'),
            "Unexpected '--hash=sha256:0123' after 'pandas': expected a version specifier, '@ url' or ';'",
          ),
        ],
      ],
      // expand_env_variables: only upper-case names are variables.
      ['${EXTRA}', () => []],
      ['${extra}', (at) => [parse(at('${extra}'), "'${extra}' is not a requirement: expected a package name")]],
      // COMMENT_RE: '#' starts a comment at the start of a line or after whitespace.
      ['pandas==2.1.0 #pinned', () => []],
      ['pandas==1.5.3#pinned', (at) => [parse(at('==1.5.3#pinned'), "'1.5.3#pinned' is not a valid PEP 440 version")]],
    ];

    for (const [line, expected] of VERDICTS) {
      it(line, () => {
        const at = (part: string, last = false) => {
          const i = last ? line.lastIndexOf(part) : line.indexOf(part);
          assert.ok(i >= 0, `${part} is in ${line}`);
          return range(0, i, 0, i + part.length);
        };
        assert.deepEqual(check(file, { files: { ...NEIGHBOURS, [file]: `${line}\n` } }), expected(at));
      });
    }

    it('strips backslashes from both ends of a continued line, as join_lines does', () => {
      const text = 'pandas \\\n\\==1.5.3 \\\n--hash=sha256:0123\n';
      assert.deepEqual(check(file, text), [
        hashed(pinned(file, range(1, 1, 1, 8), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'), 'change the version'),
      ]);
    });

    it('reads a requirement with only `--hash=` options as pip reads the same hashes given as separate words', () => {
      // The first form takes the short way past the option reader; the second, the same to pip, goes through it.
      const lines = [
        'pandas==1.5.3 --hash=sha256:0123',
        '  \tpandas==1.5.3 --hash=sha256:0123',
        'pandas[excel]==1.5.3 ; python_version >= "3.9" --hash=sha256:0123 --hash=sha512:4567',
        'pandas==1.5.3 ; python_version >= --hash=sha256:0123',
        'sklearn==1.0 --hash=sha384:abcd\t--hash=sha256:',
        'acme-lib==1.0 --hash=sha256:0123',
        'acme-lib==1.0 ; os_name == --hash=sha256:0123',
        'pandas==1.5.3 \\\n    --hash=sha256:0123 \\\n    --hash=sha256:4567',
      ];
      for (const line of lines) {
        const glued = check(file, `${line}\n`);
        assert.deepEqual(glued, check(file, `${line.replace(/--hash=/g, '--hash ')}\n`), line);
        assert.ok(line.startsWith('acme-lib==1.0 --') || glued.length > 0, `${line} is judged`);
      }
    });

    it('joins a loose hyphen back into the name when asked, once and for all', () => {
      const files = { [file]: 'google - auth\n' };
      const once = applyEdits(files[file], check(file, { files })[0].fixes[0].edits).text;
      assert.equal(once, 'google-auth\n');
      assert.deepEqual(check(file, once), []);
      assert.deepEqual(preferredEdits(check(file, { files })).size, 0, 'the join is offered, never applied by fix-all');
    });

    it('offers no join across a continuation, where it would remove the line break', () => {
      const text = 'google \\\n- auth\n';
      assert.deepEqual(check(file, text), [ignoredWords(file, range(1, 0, 1, 6), '- auth')]);
    });

    it('does not follow an include that pip ignores after a requirement', () => {
      const text = 'pandas==2.1.0 -r base.txt\n';
      const files = { [file]: text, '/project/base.txt': 'numpy==1.0\n' };
      assert.deepEqual(check(file, { files }), [
        ignored(
          file,
          range(0, 14, 0, 25),
          "pip ignores -r on a requirement's line: only --hash and --config-settings apply there",
        ),
      ]);
    });
  });

  it('checks requirements*.txt, *requirements*.txt, constraints*.txt and requirements.in, but not MANIFEST.in', () => {
    for (const name of ['requirements-dev.txt', 'dev-requirements.txt', 'constraints-ci.txt', 'requirements.in']) {
      const file = fixture('names', name);
      assert.deepEqual(check(file), [pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0')], name);
    }
    for (const name of ['MANIFEST.in', 'notes.txt']) assert.deepEqual(check(fixture('names', name)), [], name);
  });
});
