// Files from public repositories (test/fixtures/real, sources and licences in SOURCES.md): every finding the CLI
// reports on them is in expected.txt, reviewed as their maintainers would read it (SURVEY.md lists the false alarms
// that used to be there), and `--fix` leaves every file as readable to the real tool as it was.
// STACK_STANDARD_UPDATE_EXPECTED=1 rewrites expected.txt instead of comparing; review its diff before committing.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCliBuilt, FIXTURES, runCli } from '../helpers';

const REAL = path.join(FIXTURES, 'real');
const EXPECTED = path.join(REAL, 'expected.txt');

// The whole folder, every finding reported and none failing the run.
const CHECK = ['check', '.', '--fail-on', 'never', '--color', 'never'];

/** Every file under `dir` (symbolic links as they are), relative, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    if (stat.isFile()) out.set(name.split(path.sep).join('/'), fs.readFileSync(full));
  }
  return out;
}

/** The reference tool's verdict on a file: 'ok', or its complaint; undefined for a kind no tool here reads. */
function referenceVerdicts(dir: string, files: string[]): Map<string, string> {
  const toml = files.filter((f) => f.endsWith('.toml'));
  const yaml = files.filter((f) => /\.pre-commit-config\.ya?ml$/.test(f));
  const verdicts = new Map<string, string>();
  const script =
    'import json,sys,tomllib\nout={}\nfor f in json.load(sys.stdin):\n  try:\n    tomllib.load(open(f,"rb")); out[f]="ok"\n  except Exception as e:\n    out[f]=str(e)\nprint(json.dumps(out))';
  const r = spawnSync('python3', ['-c', script], { cwd: dir, input: JSON.stringify(toml), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const [f, v] of Object.entries(JSON.parse(r.stdout) as Record<string, string>)) verdicts.set(f, v);
  for (const f of yaml) {
    const v = spawnSync('pre-commit', ['validate-config', f], { cwd: dir, encoding: 'utf8' });
    if (v.error && !process.env.CI) continue;
    verdicts.set(f, v.status === 0 ? 'ok' : 'invalid');
  }
  // Requirements files through pip's own reader: every line, every include, every requirement constructed.
  const requirements = files.filter((f) => /\.(txt|in)$/.test(f));
  const pip = [
    'import json,sys',
    'from pip._internal.network.session import PipSession',
    'from pip._internal.req.constructors import install_req_from_parsed_requirement',
    'from pip._internal.req.req_file import parse_requirements',
    'out={}',
    'for f in json.load(sys.stdin):',
    '  try:',
    '    for r in parse_requirements(f, session=PipSession()): install_req_from_parsed_requirement(r)',
    '    out[f]="ok"',
    '  except BaseException as e:',
    '    out[f]=type(e).__name__+": "+str(e)',
    'print(json.dumps(out))',
  ].join('\n');
  const p = spawnSync('python3', ['-c', pip], { cwd: dir, input: JSON.stringify(requirements), encoding: 'utf8' });
  if (p.status !== 0 && !process.env.CI && /No module named 'pip'/.test(p.stderr)) return verdicts;
  assert.equal(p.status, 0, p.stderr);
  for (const [f, v] of Object.entries(JSON.parse(p.stdout) as Record<string, string>)) verdicts.set(f, v);
  return verdicts;
}

describe('files from public repositories', () => {
  before(ensureCliBuilt);

  it('get exactly the reviewed findings, and no parse error', function () {
    this.timeout(60_000);
    const r = runCli(REAL, ...CHECK);
    assert.equal(r.stderr, '');
    if (process.env.STACK_STANDARD_UPDATE_EXPECTED) fs.writeFileSync(EXPECTED, r.stdout);
    assert.equal(r.stdout, fs.readFileSync(EXPECTED, 'utf8'));
    assert.doesNotMatch(r.stdout, / parse-error /);
  });

  it('stay as readable to their own tools after --fix, and a second --fix changes nothing', function () {
    this.timeout(180_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-real-'));
    fs.cpSync(REAL, dir, { recursive: true, verbatimSymlinks: true });
    const before = snapshot(dir);
    runCli(dir, ...CHECK, '--fix');
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((f) => !before.get(f)?.equals(after.get(f) as Buffer));
    assert.ok(changed.length > 100, `--fix changed ${changed.length} files`);
    // Each changed file is read by its tool as well as before (a file that was already invalid may stay so).
    const original = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-real-'));
    fs.cpSync(REAL, original, { recursive: true, verbatimSymlinks: true });
    const was = referenceVerdicts(original, changed);
    const is = referenceVerdicts(dir, changed);
    const worse = [...is].filter(([f, v]) => v !== 'ok' && was.get(f) === 'ok');
    assert.deepEqual(worse, []);
    runCli(dir, ...CHECK, '--fix');
    const again = snapshot(dir);
    assert.deepEqual(
      [...again.keys()].filter((f) => !after.get(f)?.equals(again.get(f) as Buffer)),
      [],
    );
  });
});
