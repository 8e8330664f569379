import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { CODE_NAMES, DOCS_URL, type Finding } from '../../src/core';
import { formatTraces } from '../../src/cli/output';
import { CLI, ROOT, ensureCliBuilt, runCli, runPython, tempProject, parseCliJson, type SarifLog } from '../helpers';

const SAMPLE = {
  'requirements.txt': '# app\npandas==1.5.3\nnumpy>=1.3,<3\nrequests\nsklearn\nflask>=2.3.0\n',
  'sub/requirements-dev.txt': 'pytest~=6.2\nblack==22.3.0\n',
  'node_modules/pkg/requirements.txt': 'pandas==0.1\n',
  '.venv/pyvenv.cfg': 'home = /usr/bin\n',
  '.venv/lib/requirements.txt': 'pandas==0.1\n',
  'env2/pyvenv.cfg': 'home = /usr/bin\n',
  'env2/requirements.txt': 'pandas==0.1\n',
  '.git/requirements.txt': 'pandas==0.1\n',
  'notes.txt': 'pandas==0.1\n',
};

describe('the stack-standard CLI', () => {
  before(ensureCliBuilt);

  it('prints one compiler-style line per finding and exits 1', () => {
    const dir = tempProject(SAMPLE);
    const r = runCli(dir, 'check');
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'requirements.txt:2:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0',
        'requirements.txt:3:6: warning below-minimum numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
        'requirements.txt:4:1: warning missing-minimum requests has no version constraint; the standard minimum is 2.31.0',
        'requirements.txt:5:1: warning replaced-package sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
        'sub/requirements-dev.txt:1:7: warning conflicts-with-minimum pytest~=6.2 admits no version at or above the standard minimum 7.0.0',
        'sub/requirements-dev.txt:2:6: warning conflicts-with-minimum black==22.3.0 is below the standard minimum 23.0.0',
        '6 problems (0 errors, 6 warnings); 6 fixable with --fix',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 1);
  });

  it('exits 0 when nothing reaches --fail-on, and on a clean folder', () => {
    const dir = tempProject(SAMPLE);
    assert.equal(runCli(dir, 'check', '--fail-on', 'error').code, 0);
    assert.equal(runCli(dir, 'check', '--fail-on', 'never').code, 0);
    assert.equal(runCli(dir, 'check', '--fail-on', 'info').code, 1);
    const clean = tempProject({ 'requirements.txt': 'pandas>=2.0.0\nnumpy==1.26.4\n' });
    assert.deepEqual(runCli(clean, 'check'), { code: 0, stdout: '', stderr: '' });
  });

  it('checks only the paths given', () => {
    const dir = tempProject(SAMPLE);
    const r = runCli(dir, 'check', 'sub');
    assert.deepEqual(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
      [
        'sub/requirements-dev.txt',
        'sub/requirements-dev.txt',
        '2 problems (0 errors, 2 warnings); 2 fixable with --fix',
      ],
    );
    const single = runCli(path.join(dir, 'sub'), 'check', '../requirements.txt');
    assert.equal(
      single.stdout.split('\n')[0],
      '../requirements.txt:2:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0',
    );
  });

  it('leaves project templates alone: files in a folder named with a Jinja placeholder', () => {
    const dir = tempProject({
      '{{cookiecutter.project_slug}}/.pre-commit-config.yaml':
        'repos:\n{% if cookiecutter.use_black %}\n  - repo: https://github.com/psf/black\n{% endif %}\n',
      '{{cookiecutter.project_slug}}/requirements.txt': 'pandas=={{ cookiecutter.pandas_version }}\n',
      'template/{% if cookiecutter.docs %}docs{% endif %}/requirements.txt': 'sphinx\n',
      'requirements.txt': 'pandas>=2.0.0\n',
    });
    assert.deepEqual(runCli(dir, 'check'), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(runCli(dir, 'check', '{{cookiecutter.project_slug}}/requirements.txt'), {
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('writes the documented JSON shape with 0-based UTF-16 positions', () => {
    const dir = tempProject({ 'sub/requirements.txt': '# ü😀\npandas[sql]==1.5.3  # ü😀 pinned\n' });
    const r = runCli(dir, 'check', '--format', 'json');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      findings: [
        {
          file: 'sub/requirements.txt',
          code: 'conflicts-with-minimum',
          severity: 'warning',
          message: 'pandas==1.5.3 is below the standard minimum 2.0.0',
          range: { start: { line: 1, character: 11 }, end: { line: 1, character: 18 } },
          fixes: [
            {
              title: 'Change to pandas==2.0.0',
              isPreferred: true,
              edits: [
                {
                  file: 'sub/requirements.txt',
                  range: { start: { line: 1, character: 11 }, end: { line: 1, character: 18 } },
                  newText: '==2.0.0',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('writes SARIF 2.1.0 that passes the SARIF schema, one rule per code', () => {
    const dir = tempProject(SAMPLE);
    const r = runCli(dir, 'check', '--format', 'sarif');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    // The published schema has a pattern that is only valid without the `u` flag.
    const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid: boolean = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id).slice(0, 4), [
      'below-minimum',
      'conflicts-with-minimum',
      'missing-minimum',
      'replaced-package',
    ]);
    assert.equal(run.results.length, 6);
    assert.deepEqual(run.results[0], {
      ruleId: 'conflicts-with-minimum',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'pandas==1.5.3 is below the standard minimum 2.0.0' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'requirements.txt' },
            region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 14 },
          },
        },
      ],
      fixes: [
        {
          description: { text: 'Change to pandas==2.0.0' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'requirements.txt' },
              replacements: [
                {
                  deletedRegion: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 14 },
                  insertedContent: { text: '==2.0.0' },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('--fix rewrites only what is wrong, reports it, and a second run changes nothing', () => {
    const dir = tempProject({
      'requirements.txt':
        '# app\r\npandas==1.5.3  # pinned\r\nnumpy >= 1.3, <3\r\nrequests\r\nsklearn[extra]>=0.0\r\nblack==22.3.0 \\\r\n    --hash=sha256:abc\r\n',
    });
    const r = runCli(dir, 'check', '--fix');
    assert.equal(
      fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'),
      '# app\r\npandas==2.0.0  # pinned\r\nnumpy >= 1.24.0, <3\r\nrequests>=2.31.0\r\nscikit-learn[extra]>=1.3.0\r\nblack==22.3.0 \\\r\n    --hash=sha256:abc\r\n',
    );
    assert.equal(
      r.stderr,
      [
        'fixed requirements.txt:2:7: Change to pandas==2.0.0',
        'fixed requirements.txt:3:7: Change to numpy>= 1.24.0, <3',
        'fixed requirements.txt:4:1: Require requests>=2.31.0',
        // The renamed package meets its own minimum in the same fix.
        'fixed requirements.txt:5:1: Replace sklearn with scikit-learn>=1.3.0',
        '',
      ].join('\n'),
    );
    // What is left: the hashed line, which needs new hashes.
    assert.equal(
      r.stdout,
      [
        'requirements.txt:6:6: warning conflicts-with-minimum black==22.3.0 is below the standard minimum 23.0.0; the line pins hashes, so change the version and regenerate the hashes (no automatic fix)',
        '1 problem (0 errors, 1 warning)',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 1);
    const fixed = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
    assert.equal(fixed.split('\r\n')[4], 'scikit-learn[extra]>=1.3.0');
    const again = runCli(dir, 'check', '--fix');
    assert.equal(again.stderr, '');
    assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), fixed);
  });

  it('--fix reports a fix that several findings share once, at the first of them', () => {
    const dir = tempProject({ 'pyproject.toml': '[tool.black]\ntarget-version = ["py37", "py38", "py311"]\n' });
    assert.equal(
      runCli(dir, 'check').stdout,
      [
        'pyproject.toml:2:20: warning python-below-minimum [tool.black] target-version "py37" is below the standard Python minimum 3.10',
        'pyproject.toml:2:28: warning python-below-minimum [tool.black] target-version "py38" is below the standard Python minimum 3.10',
        '2 problems (0 errors, 2 warnings); 2 fixable with --fix',
        '',
      ].join('\n'),
    );
    assert.deepEqual(runCli(dir, 'check', '--fix'), {
      code: 0,
      stdout: '',
      stderr: 'fixed pyproject.toml:2:20: Target py310 and newer only\n',
    });
    assert.equal(
      fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8'),
      '[tool.black]\ntarget-version = ["py310", "py311"]\n',
    );
  });

  it('keeps a byte-order mark when fixing', () => {
    const dir = tempProject({ 'requirements.txt': '\ufeffpandas==1.5.3\n' });
    const r = runCli(dir, 'check', '--fix');
    assert.equal(r.code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), '\ufeffpandas==2.0.0\n');
  });

  it('uses the nearest standard file, or the one given with --standard', () => {
    const dir = tempProject({
      'stack-standard.yaml': 'extends: builtin\npackages:\n  pandas: { minimum: "2.2.0", severity: error }\n',
      'requirements.txt': 'pandas>=2.1\n',
      'strict.yaml': 'packages:\n  pandas: "3.0.0"\n',
    });
    assert.equal(
      runCli(dir, 'check').stdout,
      'requirements.txt:1:7: error below-minimum pandas>=2.1 admits versions below the standard minimum 2.2.0\n1 problem (1 error, 0 warnings); 1 fixable with --fix\n',
    );
    assert.equal(
      runCli(dir, 'check', '--standard', 'strict.yaml').stdout,
      'requirements.txt:1:7: warning below-minimum pandas>=2.1 admits versions below the standard minimum 3.0.0\n1 problem (0 errors, 1 warning); 1 fixable with --fix\n',
    );
  });

  it('exits 2 on an invalid standard, printing each error at its line and column', () => {
    const dir = tempProject({
      'stack-standard.yaml': 'packages:\n  pandas: { minimun: "2.0.0" }\n',
      'requirements.txt': 'pandas\n',
    });
    const r = runCli(dir, 'check');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      "stack-standard.yaml:2:13: error standard-invalid Unknown key 'minimun' in packages.pandas\nstack-standard: the standard stack-standard.yaml is invalid\n",
    );
  });

  it('checks a standard file it is given, exiting 2 with its errors when it is invalid', () => {
    const dir = tempProject({
      'stack-standard.yaml': 'packages:\n  pandas: { minimun: "2.0.0" }\n',
      'good/stack-standard.yaml': 'extends: builtin\n',
    });
    const r = runCli(dir, 'check', 'stack-standard.yaml');
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "stack-standard.yaml:2:13: error standard-invalid Unknown key 'minimun' in packages.pandas\nstack-standard: the standard stack-standard.yaml is invalid\n",
    );
    assert.deepEqual(runCli(dir, 'check', 'good/stack-standard.yaml'), { code: 0, stdout: '', stderr: '' });
  });

  it('exits 2 on bad usage with a message and the usage text', () => {
    const dir = tempProject(SAMPLE);
    const usage = [
      ['check', '--format', 'xml'],
      ['check', '--fail-on', 'sometimes'],
      ['check', '--nope'],
      ['lint'],
      [],
      ['check', 'missing-dir'],
      ['check', '--standard', 'none.yaml'],
      ['check', '--color', 'sometimes'],
      ['check', '--diff', '--fix'],
      ['check', '--diff', '--format', 'json'],
      ['explain', 'no-such-code'],
    ];
    for (const args of usage) {
      const r = runCli(dir, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^stack-standard: .+\n\nUsage: stack-standard check/, args.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.match(runCli(dir, '--help').stdout, /^Usage: stack-standard check \[PATH\.\.\.\]/);
    assert.equal(
      runCli(dir, '--version').stdout,
      `${(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
  });
});

describe('the CLI on a terminal', () => {
  before(ensureCliBuilt);
  const dir = () =>
    tempProject({
      'requirements.txt': 'pandas==1.5.3\n',
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10"\n',
    });
  const coloured =
    '\x1b[1mrequirements.txt\x1b[22m:1:7: \x1b[33mwarning\x1b[39m \x1b[2mconflicts-with-minimum\x1b[22m pandas==1.5.3 is below the standard minimum 2.0.0\n' +
    '\x1b[33m1 problem (0 errors, 1 warning); 1 fixable with --fix\x1b[39m\n';
  const plain =
    'requirements.txt:1:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0\n1 problem (0 errors, 1 warning); 1 fixable with --fix\n';

  /** Runs the CLI under a real pseudo-terminal (util-linux `script`), so stdout.isTTY is true. */
  function onTerminal(cwd: string, env: Record<string, string>, ...args: string[]): string {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
    });
    assert.equal(r.status, 1, r.stderr);
    return r.stdout.replace(/\r\n/g, '\n');
  }

  it('colours severities, paths and codes on a terminal, and not in a pipe', () => {
    const cwd = dir();
    assert.equal(onTerminal(cwd, {}, 'check'), coloured);
    assert.equal(runCli(cwd, 'check').stdout, plain);
  });

  it('honours NO_COLOR, TERM=dumb, FORCE_COLOR and --color', () => {
    const cwd = dir();
    assert.equal(onTerminal(cwd, { NO_COLOR: '1' }, 'check'), plain);
    assert.equal(onTerminal(cwd, { TERM: 'dumb' }, 'check'), plain);
    assert.equal(onTerminal(cwd, { NO_COLOR: '1' }, 'check', '--color', 'always'), coloured);
    assert.equal(onTerminal(cwd, {}, 'check', '--color', 'never'), plain);
    const forced = runCli({ cwd, env: { NO_COLOR: '', FORCE_COLOR: '1' } }, 'check');
    assert.equal(forced.stdout, coloured);
    // JSON and SARIF are for machines: never coloured.
    assert.doesNotMatch(runCli(cwd, 'check', '--format', 'json', '--color', 'always').stdout, /\x1b/);
  });
});

describe('the CLI --diff', () => {
  before(ensureCliBuilt);
  const files = {
    'requirements.txt': '# app\r\npandas==1.5.3  # pinned\r\nnumpy >= 1.3, <3\r\nrequests\r\n',
    'sub/requirements.in': '\ufeffsklearn\n',
    'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.8"\ndependencies = ["flask>=2.0"]\n',
    'main.py': 'print("hi")\n',
  };

  it('prints the fixes as a unified diff that git applies to what --fix writes, and writes nothing', () => {
    const dir = tempProject(files);
    const before = snapshot(dir);
    const r = runCli(dir, 'check', '--diff');
    assert.equal(r.code, 1);
    assert.deepEqual(snapshot(dir), before, '--diff writes nothing');
    assert.equal(r.stderr, 'stack-standard: 7 fixes would change 4 files; run with --fix to apply\n');
    assert.match(r.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.pre-commit-config\.yaml\n@@ -0,0 \+1,14 @@\n/);
    assert.ok(
      r.stdout.includes(
        '--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1,4 +1,4 @@\n # app\r\n-pandas==1.5.3  # pinned\r\n-numpy >= 1.3, <3\r\n-requests\r\n+pandas==2.0.0  # pinned\r\n+numpy >= 1.24.0, <3\r\n+requests>=2.31.0\r\n',
      ),
      r.stdout,
    );
    // The patch, applied by git to a copy, gives exactly what --fix writes.
    const patched = tempProject(files);
    fs.writeFileSync(path.join(patched, 'fixes.patch'), r.stdout);
    const apply = spawnSync('git', ['apply', '--unsafe-paths', 'fixes.patch'], { cwd: patched, encoding: 'utf8' });
    assert.equal(apply.status, 0, apply.stderr);
    fs.rmSync(path.join(patched, 'fixes.patch'));
    const fixed = tempProject(files);
    runCli(fixed, 'check', '--fix');
    assert.deepEqual(snapshot(patched), snapshot(fixed));
    assert.equal(snapshot(fixed)['sub/requirements.in'], '\ufeffscikit-learn>=1.3.0\n');
  });

  it('exits 0 with an empty diff when there is nothing to fix', () => {
    const dir = tempProject({ 'requirements.txt': 'pandas>=2.0.0\nblack==22.3.0 --hash=sha256:abc\n' });
    assert.deepEqual(runCli(dir, 'check', '--diff'), {
      code: 0,
      stdout: '',
      stderr: 'stack-standard: nothing to fix\n',
    });
  });

  function snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
      }
    };
    walk(dir);
    return out;
  }
});

describe('the CLI explain command', () => {
  before(ensureCliBuilt);

  it("prints a code's default severity, summary and its section of docs/codes.md", () => {
    const r = runCli(ROOT, 'explain', 'hook-rev-unknown');
    assert.equal(r.code, 0);
    const doc = fs.readFileSync(path.join(ROOT, 'docs/codes.md'), 'utf8');
    const section = doc
      .slice(doc.indexOf('## hook-rev-unknown\n') + '## hook-rev-unknown\n'.length)
      .split('\n## ')[0]
      .trim();
    assert.equal(
      r.stdout,
      `hook-rev-unknown (default severity: info)\n\nA pre-commit hook's rev is a bare commit SHA or a branch, so its version cannot be checked.\n\n${section}\n\nSee ${DOCS_URL}#hook-rev-unknown\n`,
    );
  });

  it('lists every code without an argument, and suggests the nearest for a typo', () => {
    const list = runCli(ROOT, 'explain');
    assert.equal(list.code, 0);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
      CODE_NAMES,
    );
    const typo = runCli(ROOT, 'explain', 'below-minimun');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^stack-standard: unknown code 'below-minimun'; did you mean below-minimum\?/);
  });
});

describe('the CLI on files in other encodings', () => {
  before(ensureCliBuilt);

  const utf32 = (text: string, littleEndian: boolean) => {
    const points = [...text].map((c) => c.codePointAt(0) as number);
    const out = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
    return out;
  };
  const ENCODINGS: [string, (text: string) => Buffer][] = [
    ['UTF-16 LE', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
    ['UTF-32 LE', (t) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(t, true)])],
    ['UTF-32 BE', (t) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(t, false)])],
  ];
  const BEFORE = '# café 😀\r\npandas==1.5.3  # ü😀\r\nnumpy>=1.3,<3\r\n';
  const AFTER = '# café 😀\r\npandas==2.0.0  # ü😀\r\nnumpy>=1.24.0,<3\r\n';

  for (const [name, encode] of ENCODINGS) {
    it(`reads a ${name} requirements file by its byte-order mark, and --fix writes it back in ${name}`, () => {
      const dir = tempProject({ 'requirements.txt': encode(BEFORE) });
      const r = runCli(dir, 'check', '--format', 'json');
      assert.equal(r.stderr, '');
      assert.deepEqual(
        parseCliJson(r.stdout).findings.map((f) => [f.range, f.message]),
        [
          [
            { start: { line: 1, character: 6 }, end: { line: 1, character: 13 } },
            'pandas==1.5.3 is below the standard minimum 2.0.0',
          ],
          [
            { start: { line: 2, character: 5 }, end: { line: 2, character: 13 } },
            'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
          ],
        ],
      );
      const fixed = runCli(dir, 'check', '--fix');
      assert.equal(
        fixed.stderr,
        'fixed requirements.txt:2:7: Change to pandas==2.0.0\nfixed requirements.txt:3:6: Change to numpy>=1.24.0,<3\n',
      );
      assert.deepEqual(fs.readFileSync(path.join(dir, 'requirements.txt')), encode(AFTER));
      assert.deepEqual(runCli(dir, 'check', '--fix'), { code: 0, stdout: '', stderr: '' });
    });
  }

  it('reads an included file in its own encoding and fixes it there', () => {
    const [, utf16] = ENCODINGS[1];
    const dir = tempProject({ 'requirements.txt': '-r base.txt\n', 'base.txt': utf16('# base\r\npandas==1.5.3\r\n') });
    assert.equal(
      runCli(dir, 'check').stdout,
      'base.txt:2:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0\n1 problem (0 errors, 1 warning); 1 fixable with --fix\n',
    );
    runCli(dir, 'check', '--fix');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'base.txt')), utf16('# base\r\npandas==2.0.0\r\n'));
  });

  it('reads a requirements file in the encoding its PEP 263 comment names, and writes it back so', () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const dir = tempProject({
      'requirements.txt': latin1('# -*- coding: latin-1 -*-\n# café\npandas==1.5.3  # été\n'),
    });
    assert.equal(
      runCli(dir, 'check').stdout,
      'requirements.txt:3:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0\n1 problem (0 errors, 1 warning); 1 fixable with --fix\n',
    );
    runCli(dir, 'check', '--fix');
    assert.deepEqual(
      fs.readFileSync(path.join(dir, 'requirements.txt')),
      latin1('# -*- coding: latin-1 -*-\n# café\npandas==2.0.0  # été\n'),
    );
  });

  it('reports invalid UTF-8 in a requirements file at its first bad byte, checks the rest, and --fix keeps the bytes', () => {
    const bytes = Buffer.from('# caf\xe9\npandas==1.5.3  # \xff\xfe\nnumpy>=1.3,<3\n', 'latin1');
    const dir = tempProject({ 'requirements.txt': bytes });
    assert.equal(
      runCli(dir, 'check').stdout,
      [
        'requirements.txt:1:6: error parse-error Not valid UTF-8: byte 0xE9 cannot be decoded (and 2 more places), so pip cannot read this file; save the file as UTF-8, or name its encoding in a first-line comment such as # -*- coding: latin-1 -*-',
        'requirements.txt:2:7: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0',
        'requirements.txt:3:6: warning below-minimum numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
        '3 problems (1 error, 2 warnings); 2 fixable with --fix',
        '',
      ].join('\n'),
    );
    runCli(dir, 'check', '--fix');
    assert.deepEqual(
      fs.readFileSync(path.join(dir, 'requirements.txt')),
      Buffer.from('# caf\xe9\npandas==2.0.0  # \xff\xfe\nnumpy>=1.24.0,<3\n', 'latin1'),
    );
  });

  it('reports invalid UTF-8 in a pyproject.toml once, where a TOML error would stand too, and checks the rest', () => {
    const dir = tempProject({
      'pyproject.toml': Buffer.from(
        '[project]\ndependencies = ["pandas==1.5.3"]  # caf\xe9\n\n[tool.black]\n\xff = 1\ntarget-version = ["py38"]\n',
        'latin1',
      ),
    });
    // The line `\xff = 1` is also a TOML error at the same place: one finding says it, and the line alone is dropped.
    assert.equal(
      runCli(dir, 'check').stdout,
      [
        'pyproject.toml:2:24: warning conflicts-with-minimum pandas==1.5.3 is below the standard minimum 2.0.0',
        'pyproject.toml:2:40: error parse-error Not valid UTF-8: byte 0xE9 cannot be decoded (and 1 more place), so tomllib and pip cannot read this file; save the file as UTF-8',
        'pyproject.toml:6:20: warning python-below-minimum [tool.black] target-version "py38" is below the standard Python minimum 3.10',
        '3 problems (1 error, 2 warnings); 2 fixable with --fix',
        '',
      ].join('\n'),
    );
  });
});

describe('the CLI on an internal error', () => {
  it('prints the stack of each internal error on stderr, with where it was met, and nothing for other findings', () => {
    const at = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
    const finding: Finding = {
      code: 'below-minimum',
      severity: 'warning',
      message: 'm',
      file: '/p/a.txt',
      range: at,
      fixes: [],
    };
    const internal: Finding = {
      ...finding,
      code: 'internal-error',
      trace: 'Error: boom\n    at rule (rules/package.ts:1:1)',
    };
    assert.equal(
      formatTraces([finding, internal], (f) => path.basename(f)),
      'stack-standard: internal error at a.txt:3:5; please report it with this trace:\nError: boom\n    at rule (rules/package.ts:1:1)\n',
    );
    assert.equal(
      formatTraces([finding], (f) => f),
      '',
    );
  });
});

describe('the CLI output', () => {
  before(ensureCliBuilt);

  it('writes all of a long report into a pipe that another process made non-blocking', function () {
    // The CLI writes to a pipe with write(2): a full non-blocking pipe answers EAGAIN until the reader catches up.
    const expected = runCli(path.join(ROOT, 'test/fixtures'), 'check', '--format', 'json', '--fail-on', 'never');
    assert.ok(expected.stdout.length > 1 << 18, 'the report is several times what a pipe holds (64 KB)');
    const script = `
import fcntl, json, os, subprocess, sys, time
args = json.load(sys.stdin)
read, write = os.pipe()
fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(args['command'], cwd=args['cwd'], stdout=write, stderr=subprocess.DEVNULL)
os.close(write)
time.sleep(0.5)
out = b''
while chunk := os.read(read, 1 << 16):
    out += chunk
print(json.dumps({'code': child.wait(), 'stdout': out.decode('utf-8')}))
`;
    const command = [process.execPath, CLI, 'check', '--format', 'json', '--fail-on', 'never'];
    assert.deepEqual(runPython(this, script, { command, cwd: path.join(ROOT, 'test/fixtures') }), {
      code: 0,
      stdout: expected.stdout,
    });
  });
});
