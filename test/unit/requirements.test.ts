import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, preferredEdits, type Finding, type FindingCode, type Position, type Range } from '../../src/core';
import { check, fixFilesOnce, fixOnce, fixturePath, range } from '../helpers';
import { goldenCases } from '../helpers/golden';

const VERSION_CODES: FindingCode[] = ['below-minimum', 'conflicts-with-minimum', 'missing-minimum'];

/** A file of a case under test/fixtures/requirements, named the way findings name it. */
function fixture(name: string, ...parts: string[]): string {
  return fixturePath('requirements', name, 'input', ...parts);
}

function warning(
  code: FindingCode,
  file: string,
  at: Range,
  message: string,
  fix?: { title: string; range: Range; newText: string },
): Finding {
  return {
    code,
    severity: 'warning',
    message,
    file,
    range: at,
    fixes: fix
      ? [{ title: fix.title, isPreferred: true, edits: [{ file, range: fix.range, newText: fix.newText }] }]
      : [],
  };
}

/** `name` + `spec` admits versions below the minimum; the fix rewrites the specifier at `at` to `fixed`. */
function below(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('below-minimum', file, at, `${name}${spec} admits versions below the standard minimum ${minimum}`, {
    title: `Change to ${name}${fixed}`,
    range: at,
    newText: fixed,
  });
}

/** `name` + `spec` admits nothing at or above the minimum. */
function conflicts(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning(
    'conflicts-with-minimum',
    file,
    at,
    `${name}${spec} admits no version at or above the standard minimum ${minimum}`,
    { title: `Change to ${name}${fixed}`, range: at, newText: fixed },
  );
}

/** A single exact pin below the minimum. */
function pinned(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('conflicts-with-minimum', file, at, `${name}${spec} is below the standard minimum ${minimum}`, {
    title: `Change to ${name}${fixed}`,
    range: at,
    newText: fixed,
  });
}

/** No specifier at all: the finding is on the name, the fix inserts `>=minimum` at `insertAt`. */
function missing(file: string, at: Range, name: string, minimum: string, insertAt: Position): Finding {
  return warning('missing-minimum', file, at, `${name} has no version constraint; the standard minimum is ${minimum}`, {
    title: `Require ${name}>=${minimum}`,
    range: { start: insertAt, end: insertAt },
    newText: `>=${minimum}`,
  });
}

const SKLEARN_REASON = 'sklearn is a deprecated stub package; install scikit-learn';

function replaced(file: string, at: Range): Finding {
  return warning(
    'replaced-package',
    file,
    at,
    `sklearn is replaced by scikit-learn in the standard: ${SKLEARN_REASON}`,
    { title: 'Replace sklearn with scikit-learn', range: at, newText: 'scikit-learn' },
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

/** Every file of a fixture folder, by absolute path. */
function readFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[file] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

/**
 * Fixes a fixture folder: the files that change must read exactly `expected` afterwards, a second check finds no
 * version problem but those `remaining` (which have no automatic fix), and fixing again changes nothing.
 */
function assertFixes(folder: string, entry: string, expected: Record<string, string>, remaining: Finding[] = []): void {
  const files = readFolder(fixture(folder));
  const once = fixFilesOnce(files, fixture(folder, entry));
  const changed = Object.fromEntries(Object.entries(once).filter(([file, text]) => text !== files[file]));
  assert.deepEqual(
    changed,
    Object.fromEntries(Object.entries(expected).map(([file, text]) => [fixture(folder, file), text])),
  );
  const after = check(fixture(folder, entry), { files: once }).filter((f) => VERSION_CODES.includes(f.code));
  assert.deepEqual(after, remaining, 'the fixed files admit every minimum and nothing below it');
  assert.deepEqual(fixFilesOnce(once, fixture(folder, entry)), once, 'fixing twice equals fixing once');
}

goldenCases('requirements');

describe('requirements files', () => {
  describe('every fix shape', () => {
    const file = fixture('fixes', 'requirements.txt');

    it('finds each problem with its exact range, message and fix', () => {
      assert.deepEqual(check(file), [
        pinned(file, range(1, 6, 1, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        pinned(file, range(2, 5, 2, 13), 'black', '==22.3.0', '23.0.0', '==23.1.0'),
        below(file, range(3, 6, 3, 14), 'pandas', '>=1.3,<3', '2.0.0', '>=2.0.0,<3'),
        below(file, range(4, 6, 4, 11), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        below(file, range(5, 6, 5, 13), 'pandas', '!=2.0.1', '2.0.0', '>=2.0.0,!=2.0.1'),
        conflicts(file, range(6, 6, 6, 8), 'pandas', '<2', '2.0.0', '>=2.0.0'),
        conflicts(file, range(7, 6, 7, 14), 'pandas', '>=1.3,<2', '2.0.0', '>=2.0.0'),
        conflicts(file, range(8, 6, 8, 11), 'pandas', '~=1.5', '2.0.0', '~=2.0'),
        conflicts(file, range(9, 6, 9, 11), 'pandas', '==1.*', '2.0.0', '==2.*'),
        missing(file, range(10, 0, 10, 6), 'pandas', '2.0.0', { line: 10, character: 6 }),
        missing(file, range(11, 0, 11, 6), 'pandas', '2.0.0', { line: 11, character: 13 }),
        missing(file, range(12, 0, 12, 6), 'pandas', '2.0.0', { line: 12, character: 6 }),
        below(file, range(13, 7, 13, 18), 'pandas', '>= 1.3, < 3', '2.0.0', '>= 2.0.0, < 3'),
        below(file, range(14, 8, 14, 13), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        pinned(file, range(15, 6, 15, 14), 'pandas', '===1.5.3', '2.0.0', '===2.0.0'),
        below(file, range(16, 6, 16, 13), 'pandas', '<=2.0.0', '2.0.0', '>=2.0.0,<=2.0.0'),
        below(file, range(17, 6, 17, 15), 'pandas', '>2.0.0rc1', '2.0.0', '>=2.0.0'),
        below(file, range(18, 12, 18, 17), 'Scikit_Learn', '>=1.0', '1.3.0', '>=1.3.0'),
        // A replacement's fix also meets the replacement's own minimum, so one fix settles the line.
        {
          ...replaced(file, range(20, 0, 20, 7)),
          fixes: [
            {
              title: 'Replace sklearn with scikit-learn>=1.3.0',
              isPreferred: true,
              edits: [
                { file, range: range(20, 0, 20, 7), newText: 'scikit-learn' },
                { file, range: range(20, 7, 20, 7), newText: '>=1.3.0' },
              ],
            },
          ],
        },
        {
          ...replaced(file, range(21, 0, 21, 7)),
          fixes: [
            {
              title: 'Replace sklearn with scikit-learn==1.3.0',
              isPreferred: true,
              edits: [
                { file, range: range(21, 0, 21, 7), newText: 'scikit-learn' },
                { file, range: range(21, 7, 21, 18), newText: '==1.3.0' },
              ],
            },
          ],
        },
      ]);
    });

    it('fixes them in the user style, to a fixed point', () => {
      assertFixes('fixes', 'requirements.txt', {
        'requirements.txt': [
          "# One requirement per fix shape. The standard's minimum for pandas is 2.0.0; black's is 23.0.0, pinned as 23.1.0.",
          'pandas==2.0.0',
          'black==23.1.0',
          'pandas>=2.0.0,<3',
          'pandas>=2.0.0',
          'pandas>=2.0.0,!=2.0.1',
          'pandas>=2.0.0',
          'pandas>=2.0.0',
          'pandas~=2.0',
          'pandas==2.*',
          'pandas>=2.0.0',
          'pandas[excel]>=2.0.0',
          'pandas>=2.0.0 ; python_version >= "3.10"',
          'pandas >= 2.0.0, < 3',
          'pandas (>=2.0.0)',
          'pandas===2.0.0',
          'pandas>=2.0.0,<=2.0.0',
          'pandas>=2.0.0',
          'Scikit_Learn>=1.3.0  # scikit-learn, by PEP 503',
          'pandas>=2.0.0,<3',
          'scikit-learn>=1.3.0',
          'scikit-learn==1.3.0',
          '',
        ].join('\n'),
      });
    });
  });

  describe('line endings, byte-order marks and tabs', () => {
    it('keeps CRLF: ranges count characters within a line, and the fix keeps every CRLF', () => {
      const file = fixture('crlf', 'requirements.txt');
      assert.deepEqual(check(file), [
        pinned(file, range(1, 6, 1, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        below(file, range(2, 5, 2, 13), 'numpy', '>=1.3,<2', '1.24.0', '>=1.24.0,<2'),
        missing(file, range(4, 0, 4, 5), 'flask', '2.3.0', { line: 4, character: 5 }),
      ]);
      assertFixes('crlf', 'requirements.txt', {
        'requirements.txt':
          '# Windows line endings throughout.\r\npandas==2.0.0\r\nnumpy>=1.24.0,<2 \\\r\n    ; python_version >= "3.10"\r\nflask>=2.3.0\r\n',
      });
    });

    it('reads past a byte-order mark without shifting the first line, and keeps the mark when fixing', () => {
      const file = fixture('bom', 'requirements.txt');
      assert.ok(fs.readFileSync(file, 'utf8').startsWith('\ufeff'), 'the fixture starts with a byte-order mark');
      assert.deepEqual(check(file), [
        pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        missing(file, range(1, 0, 1, 5), 'numpy', '1.24.0', { line: 1, character: 5 }),
      ]);
      assertFixes('bom', 'requirements.txt', { 'requirements.txt': '\ufeffpandas==2.0.0\nnumpy>=1.24.0\n' });
    });

    it('treats tabs as whitespace between every part of a line', () => {
      const file = fixture('tabs', 'requirements.txt');
      assert.deepEqual(check(file), [
        below(file, range(0, 7, 0, 12), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        pinned(file, range(1, 6, 1, 11), 'numpy', '==1.0', '1.24.0', '==1.24.0'),
        missing(file, range(2, 0, 2, 5), 'flask', '2.3.0', { line: 2, character: 5 }),
        conflicts(file, range(4, 12, 4, 16), 'scipy', '<1.5', '1.10.0', '>=1.10.0'),
      ]);
      assertFixes('tabs', 'requirements.txt', {
        'requirements.txt':
          'pandas\t>=2.0.0\t# tab before the comment\n\tnumpy==1.24.0\nflask>=2.3.0\t;\tpython_version\t>=\t"3.10"\n\t# an indented comment\nscipy\t[all]\t>=1.10.0\n',
      });
    });
  });

  describe('continuations', () => {
    const file = fixture('continuations', 'requirements.txt');

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

    it('joins lines as pip does and maps every range back to its physical line', () => {
      assert.deepEqual(check(file), [
        below(file, range(1, 4, 1, 12), 'pandas', '>=1.3,<3', '2.0.0', '>=2.0.0,<3'),
        below(file, range(2, 5, 2, 10), 'numpy', '>=1.3', '1.24.0', '>=1.24.0'),
        pinned(file, range(6, 4, 6, 11), 'scipy', '==1.5.3', '1.10.0', '==1.10.0'),
        // A comment line never continues, so flask stands on its own line.
        conflicts(file, range(8, 5, 8, 7), 'flask', '<2', '2.3.0', '>=2.3.0'),
        // A trailing comment runs on into the continued line: pip never sees pytest==6.0.
        below(file, range(9, 8, 9, 13), 'requests', '>=2.0', '2.31.0', '>=2.31.0'),
        // A continuation at the end of the file ends there.
        pinned(file, range(11, 5, 11, 13), 'black', '==22.3.0', '23.0.0', '==23.1.0'),
      ]);
    });

    it('fixes continued requirements on their own lines and keeps every backslash', () => {
      assertFixes('continuations', 'requirements.txt', {
        'requirements.txt': [
          'pandas \\',
          '    >=2.0.0,<3',
          'numpy>=1.24.0 \\',
          '    ; python_version >= "3.10"',
          'scipy \\',
          '    [all] \\',
          '    ==1.10.0',
          '# A comment line ends a continuation, as in pip \\',
          'flask>=2.3.0',
          'requests>=2.31.0 # a comment runs on into the continued line, so pytest is part of it \\',
          'pytest==6.0',
          'black==23.1.0 \\',
          '',
        ].join('\n'),
      });
    });
  });

  describe('hashes', () => {
    const file = fixture('hashes', 'requirements.txt');

    const pandas = hashed(
      pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
      'change the version',
    );
    const flask = hashed(
      missing(file, range(5, 0, 5, 5), 'flask', '2.3.0', { line: 5, character: 5 }),
      'add a version',
    );
    const black = hashed(below(file, range(8, 5, 8, 9), 'black', '>=22', '23.0.0', '>=23.0.0'), 'change the version');

    it('reports lines that pin hashes, on continued lines too, without an automatic fix', () => {
      assert.deepEqual(check(file), [
        pandas,
        flask,
        hashed(replaced(file, range(7, 0, 7, 7)), 'change the name'),
        black,
      ]);
    });

    it('leaves a hashed file as it is when fixing', () => {
      assertFixes('hashes', 'requirements.txt', {}, [pandas, flask, black]);
    });
  });

  describe('broken lines among good ones', () => {
    const file = fixture('broken', 'requirements.txt');

    it('reports each broken line at its range and still checks every other line', () => {
      assert.deepEqual(check(file), [
        pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        error('parse-error', file, range(1, 5, 1, 7), "Missing version after '>='"),
        error('parse-error', file, range(2, 5, 2, 9), "Missing ']' after the extras"),
        conflicts(file, range(3, 8, 3, 10), 'requests', '<2', '2.31.0', '>=2.31.0'),
        error('parse-error', file, range(4, 6, 4, 6), "Expected an environment marker after ';'"),
        // pip stops at the unknown option; the requirement before it is still judged.
        pinned(file, range(5, 5, 5, 13), 'black', '==22.3.0', '23.0.0', '==23.1.0'),
        error(
          'parse-error',
          file,
          range(5, 14, 5, 19),
          "Unknown option '--foo': pip accepts no such option in a requirements file",
        ),
        error('parse-error', file, range(6, 5, 6, 11), "Missing ')' after the version specifier"),
        error('parse-error', file, range(7, 29, 7, 29), 'Marker ends too early'),
        error(
          'parse-error',
          file,
          range(8, 6, 8, 9),
          "Unexpected '0.1' after 'httpx': expected a version specifier, '@ url' or ';'",
        ),
        // A lone '-' starts the options and optparse takes it as an argument, which pip drops.
        ignoredWords(file, range(9, 0, 9, 1), '-'),
        error(
          'parse-error',
          file,
          range(10, 0, 10, 16),
          "Unknown option '--no-such-option': pip accepts no such option in a requirements file",
        ),
        error('parse-error', file, range(11, 0, 11, 7), "'~pandas' is not a requirement: expected a package name"),
        below(file, range(12, 10, 12, 15), 'matplotlib', '>=3.0', '3.7.0', '>=3.7.0'),
        error('parse-error', file, range(13, 28, 13, 29), "Unexpected '=' in marker"),
        error('parse-error', file, range(14, 7, 14, 16), "'0.1.2.x' is not a valid PEP 440 version"),
        error('parse-error', file, range(15, 0, 15, 2), "Option '-r' needs a value"),
        error(
          'parse-error',
          file,
          range(16, 10, 16, 17),
          "A '.*' wildcard is only allowed with '==' or '!=' (found '>=3.0.*')",
        ),
        error('parse-error', file, range(17, 6, 17, 17), "Invalid extras '[bad extra]'"),
      ]);
    });

    it('fixes the good lines and leaves the broken ones alone', () => {
      const original = fs.readFileSync(file, 'utf8');
      const expected = original
        .replace('pandas==1.5.3', 'pandas==2.0.0')
        .replace('requests<2', 'requests>=2.31.0')
        .replace('black==22.3.0', 'black==23.1.0')
        .replace('matplotlib>=3.0', 'matplotlib>=3.7.0');
      assertFixes('broken', 'requirements.txt', { 'requirements.txt': expected });
    });
  });

  it('accepts every option of current pip, in each spelling optparse takes, and checks requirements that carry per-requirement options', () => {
    const file = fixture('options', 'requirements.txt');
    assert.deepEqual(check(file), [
      pinned(file, range(25, 6, 25, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
      hashed(below(file, range(26, 5, 26, 10), 'numpy', '>=1.3', '1.24.0', '>=1.24.0'), 'change the version'),
    ]);
  });

  describe('PEP 508 requirements', () => {
    const file = fixture('pep508', 'requirements.txt');

    it('puts a floor inside empty parentheses, and pins `===` alone (its version runs to the next space)', () => {
      const text = 'pandas ()\nnumpy >=0.5, ===1.0\nrequests (===1.0)\n';
      const fixed = fixOnce('/p/requirements.txt', text);
      assert.equal(fixed, 'pandas (>=2.0.0)\nnumpy ===1.24.0\nrequests (===2.31.0)\n');
      assert.deepEqual(check('/p/requirements.txt', fixed), []);
    });

    it('normalises names, reads extras, markers, URLs and variables, and checks only what names a version', () => {
      assert.deepEqual(check(file), [
        pinned(file, range(0, 12, 0, 17), 'Scikit_Learn', '==1.0', '1.3.0', '==1.3.0'),
        below(file, range(1, 12, 1, 17), 'scikit.learn', '>=1.0', '1.3.0', '>=1.3.0'),
        below(file, range(2, 6, 2, 11), 'PANDAS', '>=1.3', '2.0.0', '>=2.0.0'),
        below(file, range(3, 25, 3, 30), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        below(file, range(4, 17, 4, 22), 'pandas', '>=1.3', '2.0.0', '>=2.0.0'),
        // Line 5 only applies below Python 3.10; line 6 names one patch release of 3.10.
        below(file, range(6, 5, 6, 10), 'numpy', '>=1.3', '1.24.0', '>=1.24.0'),
        pinned(file, range(7, 5, 7, 12), 'scipy', '==1.5.3', '1.10.0', '==1.10.0'),
        // `requests @ url`: the URL decides the version. `sklearn @ url` still names a replaced package.
        replaced(file, range(9, 0, 9, 7)),
        // A wheel's file name states its name and exact version, as pip reads them; the file decides, so no fix.
        wheel(pinned(file, range(12, 18, 12, 21), 'flask', '==1.0', '2.3.0', '==2.3.0')),
        wheel(pinned(file, range(13, 6, 13, 9), 'flask', '==1.0', '2.3.0', '==2.3.0')),
        // Paths, URLs and `${VAR}` (lines 10 to 19) name no version to check; `#egg=black` names black, whose URL decides.
        below(file, range(20, 22, 20, 30), 'google-cloud-storage', '>=1.0,<3', '2.10.0', '>=2.10.0,<3'),
        conflicts(file, range(21, 10, 21, 15), 'pytest-cov', '==2.*', '4.0.0', '==4.*'),
        // Line 22: epoch 1 is above every version without one.
        pinned(file, range(23, 6, 23, 14), 'flake8', '===5.0.4', '6.0.0', '===6.0.0'),
        pinned(file, range(24, 10, 24, 25), 'jupyterlab', '==3.6.3+local.1', '4.0.0', '==4.0.0'),
        conflicts(file, range(25, 10, 25, 17), 'ipywidgets', '~=7.6.5', '8.0.0', '~=8.0.0'),
        conflicts(file, range(26, 11, 26, 18), 'pytest-mock', '<=3.9.0', '3.10.0', '>=3.10.0'),
        below(file, range(27, 11, 27, 18), 'statsmodels', '>0.13.5', '0.14.0', '>=0.14.0'),
        conflicts(file, range(28, 6, 28, 14), 'polars', '==0.19.*', '0.20.0', '==0.20.*'),
        below(file, range(29, 9, 29, 18), 'wordcloud', '!=1.8.2.2', '1.9.0', '>=1.9.0,!=1.8.2.2'),
        // Naming a pre-release admits pre-releases, and 0.21.0rc1 is below 0.21.0.
        below(file, range(30, 14, 30, 25), 'pytest-asyncio', '>=0.21.0rc1', '0.21.0', '>=0.21.0'),
      ]);
    });

    it('fixes them to a fixed point', () => {
      const original = fs.readFileSync(file, 'utf8');
      const lines = original.split('\n');
      const fixedLines: Record<number, string> = {
        0: 'Scikit_Learn==1.3.0',
        1: 'scikit.learn>=1.3.0',
        2: 'PANDAS>=2.0.0',
        3: 'pandas[excel,performance]>=2.0.0',
        4: 'pandas [ excel ] >=2.0.0 ; python_version >= "3.10"',
        6: 'numpy>=1.24.0 ; python_full_version == "3.10.5"',
        7: 'scipy==1.10.0 ; sys_platform == "linux" and (python_version >= "3.8" or os_name == "nt")',
        9: 'scikit-learn @ https://example.com/sklearn-0.0.post1.tar.gz',
        20: 'google-cloud-storage (>=2.10.0,<3)',
        21: 'pytest-cov==4.*',
        23: 'flake8===6.0.0',
        24: 'jupyterlab==4.0.0',
        25: 'ipywidgets~=8.0.0',
        26: 'pytest-mock>=3.10.0',
        27: 'statsmodels>=0.14.0',
        28: 'polars==0.20.*',
        29: 'wordcloud>=1.9.0,!=1.8.2.2',
        30: 'pytest-asyncio>=0.21.0',
      };
      assertFixes(
        'pep508',
        'requirements.txt',
        { 'requirements.txt': lines.map((line, i) => fixedLines[i] ?? line).join('\n') },
        [
          wheel(pinned(file, range(12, 18, 12, 21), 'flask', '==1.0', '2.3.0', '==2.3.0')),
          wheel(pinned(file, range(13, 6, 13, 9), 'flask', '==1.0', '2.3.0', '==2.3.0')),
        ],
      );
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

    it('follows -r and -c in every spelling, relative to the including file; findings belong to the file they are in', () => {
      const file = fixture('includes', 'requirements.txt');
      const base = fixture('includes', 'base.txt');
      const glued = fixture('includes', 'glued.txt');
      const common = fixture('includes', 'common.txt');
      const dev = fixture('includes', 'nested', 'dev.txt');
      const constraints = fixture('includes', 'constraints.txt');
      assert.deepEqual(check(file), [
        pinned(base, range(0, 5, 0, 10), 'numpy', '==1.0', '1.24.0', '==1.24.0'),
        conflicts(glued, range(0, 5, 0, 7), 'scipy', '<1', '1.10.0', '>=1.10.0'),
        conflicts(common, range(0, 5, 0, 7), 'flask', '<2', '2.3.0', '>=2.3.0'),
        pinned(dev, range(1, 6, 1, 11), 'pytest', '==6.0', '7.0.0', '==7.0.0'),
        conflicts(constraints, range(0, 8, 0, 10), 'requests', '<2', '2.31.0', '>=2.31.0'),
        error('include-not-found', file, range(4, 3, 4, 14), 'Included file missing.txt does not exist'),
        pinned(file, range(5, 6, 5, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
      ]);
    });

    it('fixes each included file in place', () => {
      assertFixes('includes', 'requirements.txt', {
        'requirements.txt':
          '-r base.txt\n-rglued.txt\n--requirement=nested/dev.txt\n-c constraints.txt\n-r missing.txt\npandas==2.0.0\n',
        'base.txt': 'numpy==1.24.0\n',
        'glued.txt': 'scipy>=1.10.0\n',
        'common.txt': 'flask>=2.3.0\n',
        'nested/dev.txt': '-r ../common.txt\npytest==7.0.0\n',
        'constraints.txt': 'requests>=2.31.0\n',
      });
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

    it('reports a file that includes itself, at the top and further down', () => {
      const file = fixture('self', 'requirements.txt');
      const nested = fixture('self', 'nested.txt');
      assert.deepEqual(check(file), [
        pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        error(
          'include-cycle',
          file,
          range(1, 3, 1, 19),
          'Including requirements.txt forms a cycle: requirements.txt → requirements.txt',
        ),
        error(
          'include-cycle',
          nested,
          range(0, 14, 0, 24),
          'Including nested.txt forms a cycle: nested.txt → nested.txt',
        ),
        pinned(nested, range(1, 5, 1, 10), 'numpy', '==1.0', '1.24.0', '==1.24.0'),
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

  it('honours ignore comments on a line and ignore-file comments in an included file', () => {
    const file = fixture('ignore', 'requirements.txt');
    assert.deepEqual(check(file), [
      pinned(file, range(2, 5, 2, 10), 'scipy', '==1.0', '1.10.0', '==1.10.0'),
      conflicts(file, range(4, 8, 4, 10), 'requests', '<2', '2.31.0', '>=2.31.0'),
      below(fixture('ignore', 'ignored.txt'), range(2, 4, 2, 9), 'mypy', '>=1.0', '1.4.0', '>=1.4.0'),
    ]);
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
