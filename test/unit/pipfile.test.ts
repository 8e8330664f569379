import { strict as assert } from 'node:assert';
import { formatFor, type Finding } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';

const FILE = '/p/Pipfile';

const PIPFILE = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
pandas = "==1.5.3"
numpy = "*"
requests = {version = ">=2.0", extras = ["socks"]}
flask = {extras = ["async"]}
"scikit-learn" = "~=1.2"
rich = "*"
mylib = {git = "https://github.com/acme/mylib.git", ref = "v1.0"}
localpkg = {path = ".", editable = true}

[dev-packages]
pytest = "6.2.5"
black = {version = "==22.3.0", markers = "python_version < '3.8'"}
mypy = {version = "==1.0.0", sys_platform = "== 'win32'"}

[requires]
python_version = "3.8"
python_full_version = "3.8.10"
`;

/** A finding as one line: code, where, message, and the preferred fix's edits. */
function line(f: Finding): string {
  const at = `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
  const fix = f.fixes[0]?.edits.map(
    (e) => `${e.range.start.line}:${e.range.start.character} ${JSON.stringify(e.newText)}`,
  );
  return `${f.code} ${at} ${f.message} | ${f.fixes[0]?.title ?? 'no fix'}: ${fix?.join(', ') ?? ''}`;
}

describe('Pipfile', () => {
  it('judges the Python pipenv creates the environment with, and each package by the package rule', () => {
    assert.deepEqual(check(FILE, PIPFILE).map(line), [
      'python-below-minimum 21:18-21:21 [requires] python_version "3.8" is below the standard Python minimum 3.10 | Change to 3.10: 21:18 "3.10"',
      'python-below-minimum 22:23-22:29 [requires] python_full_version "3.8.10" is below the standard Python minimum 3.10 | Change to 3.10: 22:23 "3.10"',
      'conflicts-with-minimum 6:10-6:17 pandas==1.5.3 is below the standard minimum 2.0.0 | Change to pandas==2.0.0: 6:10 "==2.0.0"',
      'missing-minimum 7:0-7:5 numpy has no version constraint; the standard minimum is 1.24.0 | Require numpy>=1.24.0: 7:9 ">=1.24.0"',
      'below-minimum 8:23-8:28 requests>=2.0 admits versions below the standard minimum 2.31.0 | Change to requests>=2.31.0: 8:23 ">=2.31.0"',
      'missing-minimum 9:0-9:5 flask has no version constraint; the standard minimum is 2.3.0 | Require flask>=2.3.0: 9:9 "version = \\">=2.3.0\\", "',
      'below-minimum 10:18-10:23 scikit-learn~=1.2 admits versions below the standard minimum 1.3.0 | Change to scikit-learn~=1.3: 10:18 "~=1.3"',
      'conflicts-with-minimum 16:10-16:15 pytest==6.2.5 is below the standard minimum 7.0.0 | Change to pytest==7.0.0: 16:10 "==7.0.0"',
      'conflicts-with-minimum 18:19-18:26 mypy==1.0.0 is below the standard minimum 1.4.0 | Change to mypy==1.4.0: 18:19 "==1.4.0"',
    ]);
  });

  it('writes each fix in the entry’s own style, which tomllib reads as meant, and a second run changes nothing', function () {
    const fixed = fixOnce(FILE, crlf(PIPFILE));
    assert.equal(
      fixed,
      crlf(
        PIPFILE.replace('pandas = "==1.5.3"', 'pandas = "==2.0.0"')
          .replace('numpy = "*"', 'numpy = ">=1.24.0"')
          .replace('">=2.0"', '">=2.31.0"')
          .replace('flask = {extras', 'flask = {version = ">=2.3.0", extras')
          .replace('"~=1.2"', '"~=1.3"')
          .replace('pytest = "6.2.5"', 'pytest = "==7.0.0"')
          .replace('version = "==1.0.0"', 'version = "==1.4.0"')
          .replace('python_version = "3.8"', 'python_version = "3.10"')
          .replace('python_full_version = "3.8.10"', 'python_full_version = "3.10"'),
      ),
    );
    assert.equal(fixOnce(FILE, fixed), fixed);
    const [read] = readWith(this, 'toml', [fixed]) as {
      packages: Record<string, unknown>;
      'dev-packages': Record<string, unknown>;
      requires: Record<string, string>;
    }[];
    assert.deepEqual(read.packages.flask, { version: '>=2.3.0', extras: ['async'] });
    assert.deepEqual(read.packages.numpy, '>=1.24.0');
    assert.deepEqual(read['dev-packages'].pytest, '==7.0.0');
    assert.deepEqual(read.requires, { python_version: '3.10', python_full_version: '3.10' });
  });

  it('renames a replaced package and meets its successor’s minimum in one fix, or removes it when the table has it', () => {
    const text = '[packages]\nsklearn = "*"\n\n[dev-packages]\nsklearn = ">=0.20"\nscikit-learn = ">=1.3"\n';
    assert.deepEqual(
      check(FILE, text).map((f) => [f.code, f.fixes[0]?.title]),
      [
        ['replaced-package', 'Replace sklearn with scikit-learn>=1.3.0'],
        ['replaced-package', 'Remove sklearn (scikit-learn is already declared)'],
      ],
    );
    assert.equal(
      fixOnce(FILE, text),
      '[packages]\nscikit-learn = ">=1.3.0"\n\n[dev-packages]\nscikit-learn = ">=1.3"\n',
    );
  });

  it('reads package categories of any name, and a package written as a sub-table', function () {
    const text = '[docs]\nrequests = "==2.0"\n\n[packages.pandas]\nextras = ["sql"]\n';
    const fixed = fixOnce(FILE, text);
    assert.equal(fixed, '[docs]\nrequests = "==2.31.0"\n\n[packages.pandas]\nversion = ">=2.0.0"\nextras = ["sql"]\n');
    assert.deepEqual(readWith(this, 'toml', [fixed]), [
      { docs: { requests: '==2.31.0' }, packages: { pandas: { version: '>=2.0.0', extras: ['sql'] } } },
    ]);
  });

  it('reports a version pipenv cannot read at its place, and still reads the rest of a broken file', () => {
    assert.deepEqual(check(FILE, '[packages]\nacme = ">=1.0,<"\npandas = "==1.0"\n').map(line).slice(0, 1), [
      "parse-error 1:14-1:15 Missing version after '<' | no fix: ",
    ]);
    assert.deepEqual(
      check(FILE, '[packages\npandas = "==1.0"\n\n[requires]\npython_version = "3.9"\n').map((f) => [
        f.code,
        f.range.start.line,
      ]),
      [
        ['parse-error', 0],
        ['python-below-minimum', 4],
      ],
    );
    for (const text of [
      '[packages]\npandas = ',
      '[packages]\npandas = {version = 2}\n',
      '[requires]\npython_version = 3.8\n',
    ])
      assert.deepEqual(
        check(FILE, text).filter((f) => f.code !== 'parse-error'),
        [],
        text,
      );
  });

  it('is the file named Pipfile, not its lock', () => {
    assert.equal(formatFor('/p/Pipfile')?.kind, 'pipfile');
    assert.equal(formatFor('/p/Pipfile.lock')?.kind, 'pipfile-lock');
    assert.equal(formatFor('/p/pipfile'), undefined);
  });
});
