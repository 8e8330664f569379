import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  applyEdits,
  builtinStandard,
  nodeFileSystem,
  preferredEdits,
  stripBom,
  type FileSystem,
  type Finding,
  type FindingCode,
  type Position,
  type Range,
} from '../../src/core';
import { fixturePath, memoryFileSystem, range } from '../helpers';

const STANDARD = builtinStandard();
const VERSION_CODES: FindingCode[] = ['below-minimum', 'conflicts-with-minimum', 'missing-minimum'];

/** A file under test/fixtures/requirements, named the way findings name it. */
function fixture(...parts: string[]): string {
  return fixturePath('requirements', ...parts);
}

function check(file: string, files: FileSystem = nodeFileSystem): Finding[] {
  const text = files.readFile(file);
  assert.ok(text !== undefined, `${file} exists`);
  // Built-in rules carry `related: undefined`; the JSON round trip drops it so findings compare as written here.
  return JSON.parse(JSON.stringify(analyze({ path: file, text }, { standard: STANDARD, fs: files }))) as Finding[];
}

function warning(code: FindingCode, file: string, at: Range, message: string, fix?: { title: string; range: Range; newText: string }): Finding {
  return { code, severity: 'warning', message, file, range: at, fixes: fix ? [{ title: fix.title, isPreferred: true, edits: [{ file, range: fix.range, newText: fix.newText }] }] : [] };
}

/** `name` + `spec` admits versions below the minimum; the fix rewrites the specifier at `at` to `fixed`. */
function below(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('below-minimum', file, at, `${name}${spec} admits versions below the standard minimum ${minimum}`, { title: `Change to ${name}${fixed}`, range: at, newText: fixed });
}

/** `name` + `spec` admits nothing at or above the minimum. */
function conflicts(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('conflicts-with-minimum', file, at, `${name}${spec} admits no version at or above the standard minimum ${minimum}`, { title: `Change to ${name}${fixed}`, range: at, newText: fixed });
}

/** A single exact pin below the minimum. */
function pinned(file: string, at: Range, name: string, spec: string, minimum: string, fixed: string): Finding {
  return warning('conflicts-with-minimum', file, at, `${name}${spec} is below the standard minimum ${minimum}`, { title: `Change to ${name}${fixed}`, range: at, newText: fixed });
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
  return warning('replaced-package', file, at, `sklearn is replaced by scikit-learn in the standard: ${SKLEARN_REASON}`, { title: 'Replace sklearn with scikit-learn', range: at, newText: 'scikit-learn' });
}

/** The same finding on a line that pins hashes: no automatic fix, and a message that says why. */
function hashed(finding: Finding, change: string): Finding {
  return { ...finding, message: `${finding.message}; the line pins hashes, so ${change} and regenerate the hashes (no automatic fix)`, fixes: [] };
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

/** Applies the preferred fix of every finding of `entry` to the files it edits; a byte-order mark is kept. */
function fixOnce(files: Record<string, string>, entry: string): Record<string, string> {
  const findings = analyze({ path: entry, text: files[entry] }, { standard: STANDARD, fs: memoryFileSystem(files) });
  const next = { ...files };
  for (const [file, edits] of preferredEdits(findings)) {
    const bom = files[file].startsWith('\ufeff') ? '\ufeff' : '';
    const result = applyEdits(stripBom(files[file]), edits);
    assert.deepEqual(result.skipped, [], `no edit of ${file} overlaps another`);
    next[file] = bom + result.text;
  }
  return next;
}

/**
 * Fixes a fixture folder: the files that change must read exactly `expected` afterwards, a second check finds no
 * version problem but those `remaining` (which have no automatic fix), and fixing again changes nothing.
 */
function assertFixes(folder: string, entry: string, expected: Record<string, string>, remaining: Finding[] = []): void {
  const files = readFolder(fixture(folder));
  const once = fixOnce(files, fixture(folder, entry));
  const changed = Object.fromEntries(Object.entries(once).filter(([file, text]) => text !== files[file]));
  assert.deepEqual(changed, Object.fromEntries(Object.entries(expected).map(([file, text]) => [fixture(folder, file), text])));
  const after = check(fixture(folder, entry), memoryFileSystem(once)).filter((f) => VERSION_CODES.includes(f.code));
  assert.deepEqual(after, remaining, 'the fixed files admit every minimum and nothing below it');
  assert.deepEqual(fixOnce(once, fixture(folder, entry)), once, 'fixing twice equals fixing once');
}

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
          fixes: [{ title: 'Replace sklearn with scikit-learn>=1.3.0', isPreferred: true, edits: [{ file, range: range(20, 0, 20, 7), newText: 'scikit-learn' }, { file, range: range(20, 7, 20, 7), newText: '>=1.3.0' }] }],
        },
        {
          ...replaced(file, range(21, 0, 21, 7)),
          fixes: [{ title: 'Replace sklearn with scikit-learn==1.3.0', isPreferred: true, edits: [{ file, range: range(21, 0, 21, 7), newText: 'scikit-learn' }, { file, range: range(21, 7, 21, 18), newText: '==1.3.0' }] }],
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
        'requirements.txt': '# Windows line endings throughout.\r\npandas==2.0.0\r\nnumpy>=1.24.0,<2 \\\r\n    ; python_version >= "3.10"\r\nflask>=2.3.0\r\n',
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
        'requirements.txt': 'pandas\t>=2.0.0\t# tab before the comment\n\tnumpy==1.24.0\nflask>=2.3.0\t;\tpython_version\t>=\t"3.10"\n\t# an indented comment\nscipy\t[all]\t>=1.10.0\n',
      });
    });
  });

  describe('continuations', () => {
    const file = fixture('continuations', 'requirements.txt');

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

    const pandas = hashed(pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'), 'change the version');
    const flask = hashed(missing(file, range(5, 0, 5, 5), 'flask', '2.3.0', { line: 5, character: 5 }), 'add a version');
    const black = hashed(below(file, range(8, 5, 8, 9), 'black', '>=22', '23.0.0', '>=23.0.0'), 'change the version');

    it('reports lines that pin hashes, on continued lines too, without an automatic fix', () => {
      assert.deepEqual(check(file), [pandas, flask, hashed(replaced(file, range(7, 0, 7, 7)), 'change the name'), black]);
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
        error('parse-error', file, range(5, 14, 5, 19), "'--foo' is not an option pip accepts after a requirement"),
        error('parse-error', file, range(6, 5, 6, 11), "Missing ')' after the version specifier"),
        error('parse-error', file, range(7, 29, 7, 29), 'Marker ends too early'),
        error('parse-error', file, range(8, 6, 8, 9), "Unexpected '0.1' after 'httpx': expected a version specifier, '@ url' or ';'"),
        error('parse-error', file, range(9, 0, 9, 1), "Unknown option '-'"),
        error('parse-error', file, range(10, 0, 10, 16), "Unknown option '--no-such-option'"),
        error('parse-error', file, range(11, 0, 11, 7), "'~pandas' is not a requirement: expected a package name"),
        below(file, range(12, 10, 12, 15), 'matplotlib', '>=3.0', '3.7.0', '>=3.7.0'),
        error('parse-error', file, range(13, 28, 13, 29), "Unexpected '=' in marker"),
        error('parse-error', file, range(14, 7, 14, 16), "'0.1.2.x' is not a valid PEP 440 version"),
        error('parse-error', file, range(15, 0, 15, 2), "Option '-r' needs a value"),
        error('parse-error', file, range(16, 10, 16, 17), "A '.*' wildcard is only allowed with '==' or '!=' (found '>=3.0.*')"),
        error('parse-error', file, range(17, 6, 17, 17), "Invalid extras '[bad extra]'"),
      ]);
    });

    it('fixes the good lines and leaves the broken ones alone', () => {
      const original = fs.readFileSync(file, 'utf8');
      const expected = original.replace('pandas==1.5.3', 'pandas==2.0.0').replace('requests<2', 'requests>=2.31.0').replace('matplotlib>=3.0', 'matplotlib>=3.7.0');
      assertFixes('broken', 'requirements.txt', { 'requirements.txt': expected });
    });
  });

  it('accepts every pip option and checks requirements that carry per-requirement options', () => {
    const file = fixture('options', 'requirements.txt');
    assert.deepEqual(check(file), [
      pinned(file, range(18, 6, 18, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
      below(file, range(19, 5, 19, 10), 'numpy', '>=1.3', '1.24.0', '>=1.24.0'),
    ]);
  });

  describe('PEP 508 requirements', () => {
    const file = fixture('pep508', 'requirements.txt');

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
        // Paths, URLs, wheels and `${VAR}` (lines 10 to 19) name no version to check.
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
      assertFixes('pep508', 'requirements.txt', { 'requirements.txt': lines.map((line, i) => fixedLines[i] ?? line).join('\n') });
    });
  });

  describe('includes', () => {
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
        'requirements.txt': '-r base.txt\n-rglued.txt\n--requirement=nested/dev.txt\n-c constraints.txt\n-r missing.txt\npandas==2.0.0\n',
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
        error('include-cycle', b, range(1, 3, 1, 21), 'Including requirements-a.txt forms a cycle: requirements-a.txt → requirements-b.txt → requirements-a.txt'),
        pandas,
      ]);
      assert.deepEqual(check(b), [
        numpy,
        error('include-cycle', a, range(0, 3, 0, 21), 'Including requirements-b.txt forms a cycle: requirements-b.txt → requirements-a.txt → requirements-b.txt'),
        pandas,
      ]);
    });

    it('reports a file that includes itself, at the top and further down', () => {
      const file = fixture('self', 'requirements.txt');
      const nested = fixture('self', 'nested.txt');
      assert.deepEqual(check(file), [
        pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0'),
        error('include-cycle', file, range(1, 3, 1, 19), 'Including requirements.txt forms a cycle: requirements.txt → requirements.txt'),
        error('include-cycle', nested, range(0, 14, 0, 24), 'Including nested.txt forms a cycle: nested.txt → nested.txt'),
        pinned(nested, range(1, 5, 1, 10), 'numpy', '==1.0', '1.24.0', '==1.24.0'),
      ]);
    });

    it('follows an absolute include to the file it names', () => {
      const files = {
        '/project/requirements.txt': '-r /shared/base.txt\n',
        '/shared/base.txt': 'numpy==1.0\n',
      };
      assert.deepEqual(check('/project/requirements.txt', memoryFileSystem(files)), [
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

  it('checks requirements*.txt, *requirements*.txt, constraints*.txt and *.in, but not MANIFEST.in', () => {
    for (const name of ['requirements-dev.txt', 'dev-requirements.txt', 'constraints-ci.txt', 'requirements.in']) {
      const file = fixture('names', name);
      assert.deepEqual(check(file), [pinned(file, range(0, 6, 0, 13), 'pandas', '==1.5.3', '2.0.0', '==2.0.0')], name);
    }
    for (const name of ['MANIFEST.in', 'notes.txt']) assert.deepEqual(check(fixture('names', name)), [], name);
  });
});
