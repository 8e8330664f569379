import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinStandard, formatFor, loadStandard, nodeFileSystem, type Finding, type Standard } from '../../src/core';
import {
  ensureCliBuilt,
  fixturePath,
  memoryFileSystem,
  range,
  runCli,
  runPython,
  tempProject,
  check as checkFile,
  fixOnce as fixFile,
} from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/app.yaml';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const fixture = (name: string) => fs.readFileSync(fixturePath('app-engine', name), 'utf8');

const check = (text: string, file = FILE, standard: Standard = STANDARD) =>
  checkFile(file, text, { standard, files: { [file]: text } });

const fixOnce = (text: string, file = FILE, standard: Standard = STANDARD) =>
  fixFile(file, text, { standard, files: { [file]: text }, overlapsWait: true });

/** `python-below-minimum` at `at`, whose fix writes `newText` there. */
function below(at: [number, number, number, number], message: string, newText: string, file = FILE): Finding {
  const r = range(...at);
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message,
    file,
    range: r,
    fixes: [
      { title: `Change to ${newText.replace(/"/g, '')}`, isPreferred: true, edits: [{ file, range: r, newText }] },
    ],
  };
}

const READ = `
import json, sys, yaml
app = yaml.safe_load(json.load(sys.stdin))
print(json.dumps([app.get("runtime"), (app.get("runtime_config") or {}).get("runtime_version")]))
`;

describe('App Engine app.yaml', () => {
  it('is app.yaml by name, and app-*.yaml, app_*.yaml or app.*.yaml only with a top-level runtime key', () => {
    const files = {
      '/p/app-staging.yaml': 'runtime: python312\n',
      '/p/app_worker.yaml': '\uFEFFservice: worker\nruntime: python311\r\n',
      '/p/app.prod.yaml': 'runtime: python\nenv: flex\n',
      '/p/app-notes.yaml': 'notes:\n  runtime: python39\n',
      '/p/application.yaml': 'runtime: python39\n',
      '/p/app-staging.yml': 'runtime: python39\n',
    };
    const lookup = memoryFileSystem(files);
    assert.equal(formatFor('/p/app.yaml')?.kind, 'app-engine');
    assert.deepEqual(
      Object.keys(files).map((file) => [path.basename(file), formatFor(file, lookup)?.kind]),
      [
        ['app-staging.yaml', 'app-engine'],
        ['app_worker.yaml', 'app-engine'],
        ['app.prod.yaml', 'app-engine'],
        ['app-notes.yaml', undefined],
        ['application.yaml', undefined],
        ['app-staging.yml', undefined],
      ],
    );
    // Without a way to read, a variant name is not claimed.
    assert.equal(formatFor('/p/app-staging.yaml')?.kind, undefined);
  });

  it('answers for a variant from its text as it is now, however often the same path is asked', () => {
    const files: Record<string, string> = { '/p/app-edit.yaml': 'service: api\n' };
    const lookup = memoryFileSystem(files);
    assert.equal(formatFor('/p/app-edit.yaml', lookup)?.kind, undefined);
    files['/p/app-edit.yaml'] = 'service: api\nruntime: python312\n';
    assert.equal(formatFor('/p/app-edit.yaml', lookup)?.kind, 'app-engine');
    delete files['/p/app-edit.yaml'];
    assert.equal(formatFor('/p/app-edit.yaml', lookup)?.kind, undefined);
  });

  describe('standard environment', () => {
    const FINDING = below(
      [1, 9, 1, 17],
      'app.yaml runtime python39 is below the standard Python minimum 3.10',
      'python310',
    );

    it('judges runtime against the Python minimum, at its exact range, in LF and CRLF', () => {
      assert.deepEqual(check(fixture('standard.yaml')), [FINDING]);
      assert.deepEqual(check(crlf(fixture('standard.yaml'))), [FINDING]);
      assert.deepEqual(check('runtime: "python312"\n'), []);
      assert.deepEqual(check('runtime: nodejs20\n'), []);
    });

    it('names a variant file by its name', () => {
      const file = '/p/app-staging.yaml';
      assert.deepEqual(check("runtime: 'python38'\n", file), [
        below(
          [0, 10, 0, 18],
          'app-staging.yaml runtime python38 is below the standard Python minimum 3.10',
          'python310',
          file,
        ),
      ]);
    });

    for (const [variant, convert] of [
      ['LF', (t: string) => t],
      ['CRLF', crlf],
    ] as const) {
      it(`fixes (${variant}) only the runtime, which PyYAML reads as meant; a second run changes nothing`, function () {
        const text = convert(fixture('standard.yaml'));
        const fixed = fixOnce(text);
        assert.equal(fixed, text.replace('python39', 'python310'));
        assert.equal(fixOnce(fixed), fixed);
        assert.deepEqual(runPython(this, READ, fixed, ['yaml']), ['python310', null]);
      });
    }
  });

  describe('flexible environment', () => {
    it('judges runtime_config.runtime_version; the fix quotes the new version, which YAML would read as a number', function () {
      for (const convert of [(t: string) => t, crlf]) {
        const text = convert(fixture('flexible.yaml'));
        assert.deepEqual(check(text), [
          below(
            [6, 19, 6, 22],
            'app.yaml runtime_config.runtime_version 3.8 is below the standard Python minimum 3.10',
            '"3.10"',
          ),
        ]);
        const fixed = fixOnce(text);
        assert.equal(fixed, text.replace('runtime_version: 3.8', 'runtime_version: "3.10"'));
        assert.equal(fixOnce(fixed), fixed);
        assert.deepEqual(runPython(this, READ, fixed, ['yaml']), ['python', '3.10']);
      }
    });

    it('keeps the quotes a version is written with, and reads a release as its minor', () => {
      const text = "runtime: python\nenv: flex\nruntime_config:\n  runtime_version: '3.9.18'\n";
      assert.deepEqual(check(text), [
        below(
          [3, 20, 3, 26],
          'app.yaml runtime_config.runtime_version 3.9.18 is below the standard Python minimum 3.10',
          '3.10',
        ),
      ]);
      assert.equal(fixOnce(text), text.replace("'3.9.18'", "'3.10'"));
    });

    it('reports an unquoted 3.10, which YAML reads as 3.1, with a fix that quotes it', function () {
      const text = fixture('float.yaml');
      const r = range(4, 19, 4, 23);
      assert.deepEqual(check(crlf(text)), check(text));
      assert.deepEqual(check(text), [
        {
          code: 'yaml-float-version',
          severity: 'error',
          message: 'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
          file: FILE,
          range: r,
          fixes: [
            { title: 'Quote it: "3.10"', isPreferred: true, edits: [{ file: FILE, range: r, newText: '"3.10"' }] },
          ],
        },
      ]);
      const fixed = fixOnce(text);
      assert.equal(fixed, text.replace('3.10', '"3.10"'));
      assert.deepEqual(check(fixed), []);
      assert.deepEqual(runPython(this, READ, text, ['yaml']), ['python', 3.1]);
      assert.deepEqual(runPython(this, READ, fixed, ['yaml']), ['python', '3.10']);
    });

    it('raises an unquoted 3.10 below a higher minimum in one run, quoted', () => {
      const dir = tempProject({ 'stack-standard.yaml': 'python: "3.11"\n' });
      const loaded = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem);
      assert.deepEqual(loaded.errors, []);
      const text = fixture('float.yaml');
      assert.deepEqual(
        check(text, FILE, loaded.standard).map((f) => f.code),
        ['python-below-minimum', 'yaml-float-version'],
      );
      const fixed = fixOnce(text, FILE, loaded.standard);
      assert.equal(fixed, text.replace('3.10', '"3.11"'));
      assert.equal(fixOnce(fixed, FILE, loaded.standard), fixed);
    });

    it('reads runtime_version only in the flexible environment, and only a version', () => {
      assert.deepEqual(check('runtime: python39x\nruntime_config:\n  runtime_version: "3.8"\n'), []);
      assert.deepEqual(check('runtime: python\nenv: flex\nruntime_config:\n  runtime_version: latest\n'), []);
      assert.deepEqual(check('runtime: python\nenv: flex\nruntime_config:\n  python_version: 3\n'), []);
      // `env: flex` alone says it too.
      assert.equal(check('env: flexible\nruntime_config:\n  runtime_version: "3.9"\n').length, 1);
    });
  });

  describe('broken input', () => {
    it('reports the parse error and keeps what it can read', () => {
      const text = 'runtime: python38\nhandlers:\n  - url: "/x\n';
      const found = check(text);
      assert.deepEqual(
        found.map((f) => [f.code, f.range]),
        [
          ['parse-error', range(2, 9, 2, 12)],
          ['python-below-minimum', range(0, 9, 0, 17)],
        ],
      );
    });

    it('never throws on a file cut anywhere', () => {
      for (const name of ['standard.yaml', 'flexible.yaml', 'float.yaml']) {
        const text = fixture(name);
        for (let i = 0; i <= text.length; i++)
          assert.ok(
            check(text.slice(0, i)).every((f) => f.code !== 'internal-error'),
            `${name} cut at ${i}`,
          );
      }
    });
  });

  describe('the CLI', () => {
    before(ensureCliBuilt);

    it('finds app.yaml, a variant with a runtime key and Cloud Build configs in a walk, and --fix mends them', () => {
      const dir = tempProject({
        'app.yaml': 'runtime: python39\n',
        'app-staging.yaml': 'service: staging\nruntime: python38\n',
        // Spring's config, not App Engine's: never read.
        'application.yaml': 'runtime: python37\n',
        'ci/cloudbuild-test.yaml':
          'steps:\n  - name: python:3.9\n    args: [functions, deploy, f, --runtime=python39]\n',
      });
      const r = runCli(dir, 'check');
      assert.equal(
        r.stdout,
        [
          'app-staging.yaml:2:10: warning python-below-minimum app-staging.yaml runtime python38 is below the standard Python minimum 3.10',
          'app.yaml:1:10: warning python-below-minimum app.yaml runtime python39 is below the standard Python minimum 3.10',
          'ci/cloudbuild-test.yaml:2:18: warning python-below-minimum cloudbuild-test.yaml step 1 image python:3.9 is below the standard Python minimum 3.10',
          'ci/cloudbuild-test.yaml:3:44: warning runtime-below-minimum Runtime python39 of gcloud functions deploy f in cloudbuild-test.yaml step 1 is older than the standard runtime python310',
          '4 problems (0 errors, 4 warnings); 4 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.equal(r.code, 1);
      assert.equal(runCli(dir, 'check', '--fix').code, 0);
      assert.deepEqual(
        ['app.yaml', 'app-staging.yaml', 'application.yaml', 'ci/cloudbuild-test.yaml'].map((name) =>
          fs.readFileSync(path.join(dir, name), 'utf8'),
        ),
        [
          'runtime: python310\n',
          'service: staging\nruntime: python310\n',
          'runtime: python37\n',
          'steps:\n  - name: python:3.10\n    args: [functions, deploy, f, --runtime=python310]\n',
        ],
      );
      const after = runCli(dir, 'check');
      assert.deepEqual([after.code, after.stdout], [0, '']);
    });
  });
});
