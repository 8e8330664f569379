import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { builtinStandard, formatFor, type Finding } from '../../src/core';
import { deployFlags, shellWords } from '../../src/core/formats/gcloud';
import { fixturePath, range, runPython, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const YAML_FILE = '/p/cloudbuild.yaml';
const JSON_FILE = '/p/cloudbuild.json';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const fixture = (name: string) => fs.readFileSync(fixturePath('cloudbuild', name), 'utf8');

const check = (file: string, text: string) => checkFile(file, text, { standard: STANDARD, files: { [file]: text } });

const fixOnce = (file: string, text: string) =>
  fixFile(file, text, { standard: STANDARD, files: { [file]: text }, overlapsWait: true });

/** A finding whose one preferred fix writes `newText` over its own range. */
function finding(
  file: string,
  code: 'python-below-minimum' | 'runtime-below-minimum',
  at: [number, number, number, number],
  message: string,
  newText: string,
): Finding {
  const r = range(...at);
  const title = code === 'runtime-below-minimum' ? `Change the runtime to ${newText}` : `Change to ${newText}`;
  return {
    code,
    severity: 'warning',
    message,
    file,
    range: r,
    fixes: [{ title, isPreferred: true, edits: [{ file, range: r, newText }] }],
  };
}

const YAML_FINDINGS = [
  finding(
    YAML_FILE,
    'python-below-minimum',
    [5, 18, 5, 21],
    'cloudbuild.yaml step "test" image python:3.9-slim is below the standard Python minimum 3.10',
    '3.10',
  ),
  finding(
    YAML_FILE,
    'runtime-below-minimum',
    [11, 55, 11, 63],
    'Runtime python39 of gcloud functions deploy ingest in cloudbuild.yaml step 2 is older than the standard runtime python310',
    'python310',
  ),
  // Steps 3 and 7 both use `${_RUNTIME}`: the substitution is reported once, where it is set.
  finding(
    YAML_FILE,
    'runtime-below-minimum',
    [2, 12, 2, 20],
    'Runtime python38 (the substitution _RUNTIME, used by gcloud functions deploy report in cloudbuild.yaml step 3) is older than the standard runtime python310',
    'python310',
  ),
  // In a `bash -c` block script: a quoted value, and a full base image whose stack has no newer Python.
  finding(
    YAML_FILE,
    'runtime-below-minimum',
    [27, 28, 27, 36],
    'Runtime python37 of gcloud functions deploy nightly in cloudbuild.yaml step 4 is older than the standard runtime python310',
    'python310',
  ),
  finding(
    YAML_FILE,
    'python-below-minimum',
    [29, 70, 29, 102],
    'cloudbuild.yaml step 4: gcloud run deploy api --base-image us-central1-docker.pkg.dev/serverless-runtimes/google-18-full/runtimes/python39 is below the standard Python minimum 3.10',
    'google-22-full/runtimes/python310',
  ),
  finding(
    YAML_FILE,
    'runtime-below-minimum',
    [32, 58, 32, 66],
    'Runtime python39 of gcloud functions deploy quick in cloudbuild.yaml step 5 is older than the standard runtime python310',
    'python310',
  ),
];

const JSON_FINDINGS = [
  finding(
    JSON_FILE,
    'python-below-minimum',
    [3, 22, 3, 25],
    'cloudbuild.json step 1 image python:3.8 is below the standard Python minimum 3.10',
    '3.10',
  ),
  finding(
    JSON_FILE,
    'runtime-below-minimum',
    [9, 72, 9, 80],
    'Runtime python39 of gcloud functions deploy ingest in cloudbuild.json step 2 is older than the standard runtime python310',
    'python310',
  ),
  finding(
    JSON_FILE,
    'python-below-minimum',
    [13, 57, 13, 65],
    'cloudbuild.json step 3: gcloud run deploy api --base-image python39 is below the standard Python minimum 3.10',
    'python310',
  ),
];

// What gcloud reads from the fixed config: each step's image and arguments, the substitutions.
const READ_CONFIG = `
import json, sys, yaml
config = yaml.safe_load(json.load(sys.stdin))
print(json.dumps({"substitutions": config.get("substitutions"),
                  "steps": [[s.get("name"), s.get("args"), s.get("script")] for s in config["steps"]]}))
`;

describe('Cloud Build configs', () => {
  it('are cloudbuild.yaml, .yml, .json and their variants after a separator', () => {
    for (const name of [
      'cloudbuild.yaml',
      'cloudbuild.yml',
      'cloudbuild.json',
      'cloudbuild-prod.yaml',
      'cloudbuild_ci.yml',
      'cloudbuild.deploy.json',
    ])
      assert.equal(formatFor(`/p/ci/${name}`)?.kind, 'cloudbuild', name);
    for (const name of ['cloudbuilder.yaml', 'my-cloudbuild.yaml', 'cloudbuild.yaml.bak', 'cloudbuild.txt'])
      assert.notEqual(formatFor(`/p/${name}`)?.kind, 'cloudbuild', name);
  });

  describe('YAML', () => {
    it('reads step images, --runtime and --base-image in args and scripts, and substitutions, at their exact range', () => {
      assert.deepEqual(check(YAML_FILE, fixture('cloudbuild.yaml')), YAML_FINDINGS);
    });

    it('gives the same findings with CRLF line ends', () => {
      assert.deepEqual(check(YAML_FILE, crlf(fixture('cloudbuild.yaml'))), YAML_FINDINGS);
    });

    for (const [variant, convert] of [
      ['LF', (t: string) => t],
      ['CRLF', crlf],
    ] as const) {
      it(`fixes (${variant}) change only the versions, which PyYAML reads as meant; a second run changes nothing`, function () {
        const text = convert(fixture('cloudbuild.yaml'));
        const fixed = fixOnce(YAML_FILE, text);
        assert.equal(fixed, convert(fixture('cloudbuild.fixed.yaml')));
        assert.deepEqual(check(YAML_FILE, fixed), []);
        assert.equal(fixOnce(YAML_FILE, fixed), fixed);
        const read = runPython(this, READ_CONFIG, fixed, ['yaml']) as {
          substitutions: Record<string, string>;
          steps: [string, string | string[] | null, string | null][];
        };
        assert.deepEqual(read.substitutions, { _RUNTIME: 'python310', _REGION: 'europe-west1' });
        assert.equal(read.steps[0][0], 'python:3.10-slim');
        assert.deepEqual(read.steps[1][1], [
          'functions',
          'deploy',
          'ingest',
          '--runtime=python310',
          '--trigger-http',
          '--region=$_REGION',
        ]);
        assert.equal(
          (read.steps[3][1] as string[])[1],
          'gcloud functions deploy nightly \\\n  --gen2 --runtime "python310" --trigger-topic=nightly\n' +
            'gcloud run deploy api --source . \\\n' +
            '  --base-image us-central1-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/python310\n',
        );
        assert.deepEqual(read.steps[4][1], [
          '-c',
          'gcloud functions deploy quick --runtime python310 --trigger-http; echo done',
        ]);
      });
    }

    it('reads a folded script as YAML folds it, and a plain one-line script', () => {
      const text = [
        'steps:',
        '- name: gcr.io/cloud-builders/gcloud',
        '  entrypoint: bash',
        '  args:',
        '  - -c',
        '  - >',
        '    gcloud functions deploy a',
        '    --runtime python38',
        '',
        '    gcloud run deploy b --base-image google-18-full/python39',
        '- name: gcr.io/cloud-builders/gcloud',
        '  script: gcloud functions deploy c --runtime=python37 && gcloud functions deploy d --runtime python311',
        '',
      ].join('\n');
      assert.deepEqual(
        check(YAML_FILE, text).map((f) => [f.message, f.range, f.fixes[0].edits[0].newText]),
        [
          [
            'Runtime python38 of gcloud functions deploy a in cloudbuild.yaml step 1 is older than the standard runtime python310',
            range(7, 14, 7, 22),
            'python310',
          ],
          [
            'cloudbuild.yaml step 1: gcloud run deploy b --base-image google-18-full/python39 is below the standard Python minimum 3.10',
            range(9, 37, 9, 60),
            'google-22-full/python310',
          ],
          [
            'Runtime python37 of gcloud functions deploy c in cloudbuild.yaml step 2 is older than the standard runtime python310',
            range(11, 46, 11, 54),
            'python310',
          ],
        ],
      );
    });

    it('leaves alone what names no Python: other runtimes, images without a minor, other commands, a runtime of another command', () => {
      const text = [
        'steps:',
        '- name: python',
        "  args: ['gcloud', 'run', 'deploy', 'x', '--image=gcr.io/p/app:3.8']",
        '- name: python:3',
        '  args: [app, deploy, --runtime, python39]',
        "- name: 'pypy:3.9'",
        '  script: |',
        '    echo gcloud functions deploy',
        '    --runtime python37',
        '    gcloud functions deploy x --runtime=$_UNSET',
        '',
      ].join('\n');
      assert.deepEqual(check(YAML_FILE, text), []);
    });
  });

  describe('JSON', () => {
    it('is read like YAML, as gcloud reads it, with the same exact ranges', () => {
      assert.deepEqual(check(JSON_FILE, fixture('cloudbuild.json')), JSON_FINDINGS);
      assert.deepEqual(check(JSON_FILE, crlf(fixture('cloudbuild.json'))), JSON_FINDINGS);
    });

    it('fixes give JSON that JSON.parse reads as meant; a second run changes nothing', () => {
      for (const convert of [(t: string) => t, crlf]) {
        const fixed = fixOnce(JSON_FILE, convert(fixture('cloudbuild.json')));
        const config = JSON.parse(fixed) as { steps: { name: string; args: string[] }[] };
        assert.deepEqual(
          config.steps.map((s) => [s.name, s.args]),
          [
            ['python:3.10', ['-c', 'python -m pytest']],
            [
              'gcr.io/google.com/cloudsdktool/cloud-sdk',
              ['gcloud', 'functions', 'deploy', 'ingest', '--runtime', 'python310'],
            ],
            ['gcr.io/google.com/cloudsdktool/cloud-sdk', ['-c', 'gcloud run deploy api --base-image=python310']],
          ],
        );
        assert.equal(
          fixed,
          convert(fixture('cloudbuild.json')).replace(/3\.8|python39/g, (m) => (m === '3.8' ? '3.10' : 'python310')),
        );
        assert.equal(fixOnce(JSON_FILE, fixed), fixed);
      }
    });
  });

  describe('broken input', () => {
    it('reports a parse error where it breaks and keeps every step it can read, before and after', () => {
      const text = [
        'steps:',
        '- name: python:3.8',
        '  args: [a',
        '- name: gcr.io/cloud-builders/gcloud',
        '  args: [functions, deploy, x, --runtime=python39]',
        '',
      ].join('\n');
      assert.deepEqual(check(YAML_FILE, text), [
        {
          code: 'parse-error',
          severity: 'error',
          message: 'Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
          file: YAML_FILE,
          range: range(2, 8, 2, 10),
          fixes: [],
        },
        finding(
          YAML_FILE,
          'python-below-minimum',
          [1, 15, 1, 18],
          'cloudbuild.yaml step 1 image python:3.8 is below the standard Python minimum 3.10',
          '3.10',
        ),
        finding(
          YAML_FILE,
          'runtime-below-minimum',
          [4, 41, 4, 49],
          'Runtime python39 of gcloud functions deploy x in cloudbuild.yaml step 2 is older than the standard runtime python310',
          'python310',
        ),
      ]);
    });

    it('never throws on a config cut anywhere, in YAML or JSON', () => {
      for (const [file, name] of [
        [YAML_FILE, 'cloudbuild.yaml'],
        [JSON_FILE, 'cloudbuild.json'],
      ]) {
        const text = fixture(name);
        // Every third cut, which lands inside every kind of token of these files, at a third of the cost.
        for (let i = 0; i <= text.length; i += 3) {
          const found = check(file, text.slice(0, i));
          assert.ok(
            found.every((f) => f.code !== 'internal-error'),
            `${name} cut at ${i}: ${JSON.stringify(found)}`,
          );
        }
      }
    });

    it('says a JSON config is invalid JSON, and keeps the steps before the break', () => {
      const text =
        '{"steps": [\n  {"name": "python:3.9", "args": ["functions", "deploy", "f", "--runtime", "python38"]}\n';
      assert.deepEqual(
        check(JSON_FILE, text).map((f) => [f.code, f.message, f.range]),
        [
          [
            'parse-error',
            'Invalid JSON: Flow sequence in block collection must be sufficiently indented and end with a ]',
            range(0, 10, 0, 11),
          ],
          ['parse-error', 'Invalid JSON: Flow map must end with a }', range(2, 0, 2, 0)],
          [
            'python-below-minimum',
            'cloudbuild.json step 1 image python:3.9 is below the standard Python minimum 3.10',
            range(1, 19, 1, 22),
          ],
          [
            'runtime-below-minimum',
            'Runtime python38 of gcloud functions deploy f in cloudbuild.json step 1 is older than the standard runtime python310',
            range(1, 76, 1, 84),
          ],
        ],
      );
    });

    it('reads nothing from a config that is not a map of steps', () => {
      for (const text of ['', 'steps: python:3.8\n', '- name: python:3.8\n', 'steps:\n- [python:3.8]\n- 3.8\n- null\n'])
        assert.deepEqual(check(YAML_FILE, text), [], text);
    });
  });

  describe('gcloud commands in a script', () => {
    /** Each flag found as [command, target, value, the value's text at its offsets]. */
    const flags = (script: string, folded = false) =>
      deployFlags(shellWords(script, 0, folded)).map((f) => [
        f.command,
        f.target,
        f.value.text,
        script.slice(f.value.start, f.value.end),
      ]);

    it('finds --runtime and --base-image as separate words, after =, quoted, and across continued lines', () => {
      assert.deepEqual(
        flags(
          'gcloud functions deploy a --runtime python39\n' +
            "gcloud beta functions deploy --runtime='python38' b\n" +
            'gcloud run deploy c \\\r\n  --base-image="python37"\n' +
            'gcloud functions deploy d --gen2 --runtime=python311 --trigger-http',
        ),
        [
          ['functions', 'a', 'python39', 'python39'],
          ['functions', undefined, 'python38', 'python38'],
          ['run', 'c', 'python37', 'python37'],
          ['functions', 'd', 'python311', 'python311'],
        ],
      );
    });

    it('ends a command at ;, &&, | and a line break, and skips comments', () => {
      assert.deepEqual(
        flags(
          'gcloud functions deploy a; --runtime python39\n' +
            'gcloud functions deploy b && echo --runtime python38\n' +
            'gcloud functions deploy c | tee --runtime python37\n' +
            'gcloud functions deploy d\n--runtime python36\n' +
            '# gcloud functions deploy e --runtime python35\n' +
            'echo "gcloud functions deploy f --runtime python34"',
        ),
        [],
      );
    });

    it('in folded text, joins lines as YAML does and breaks only at an empty line', () => {
      const script = 'gcloud functions deploy a\n--runtime python39\n\n--runtime python38\n';
      assert.deepEqual(flags(script, true), [['functions', 'a', 'python39', 'python39']]);
      assert.deepEqual(flags(script), []);
    });
  });
});
