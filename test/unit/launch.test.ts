import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, ensureCliBuilt, runCli, tempProject } from '../helpers';

const DIST = path.join(ROOT, 'dist');
const SAMPLE = { '.git/HEAD': 'ref: refs/heads/main\n', 'requirements.txt': 'pandas==1.5.3\nrequests\nacme==1.0\n' };

/**
 * How V8 took the code cache when the launcher in `dist` compiled its bundle, in a Node of its own: `false` it used
 * it, `true` it rejected it, `undefined` no cache was offered.
 */
function cacheTaken(dist: string): string {
  const script = `const launcher = require(${JSON.stringify(path.join(dist, 'cli.js'))});
const bundle = launcher.loadBundle(${JSON.stringify(path.join(dist, 'cli-main.js'))}, true);
process.stdout.write(String(bundle.script.cachedDataRejected));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  return r.stdout;
}

/** dist/cli.js, its bundle and the bundle's code cache, copied to a folder of their own. */
function copyOfDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-dist-'));
  for (const name of ['cli.js', 'cli-main.js', 'cli-main.js.cache'])
    fs.copyFileSync(path.join(DIST, name), path.join(dir, name));
  return dir;
}

function check(dist: string, cwd: string) {
  const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check'], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI launcher', () => {
  before(ensureCliBuilt);

  it('starts the bundle from the code cache the build made of it, named by the bundle’s id', () => {
    const source = fs.readFileSync(path.join(DIST, 'cli-main.js'), 'utf8');
    const id = /\n\/\/# build ([0-9a-f]{16})\n$/.exec(source)?.[1];
    assert.ok(id, 'the bundle ends with its build id');
    const cache = fs.readFileSync(path.join(DIST, 'cli-main.js.cache'));
    assert.equal(cache.subarray(0, id.length + 1).toString('latin1'), `${id}\n`);
    assert.equal(cacheTaken(DIST), 'false');
  });

  it('passes over a cache of another bundle, one V8 rejects, or none, and checks alike', () => {
    const project = tempProject(SAMPLE);
    const expected = runCli(project, 'check');
    assert.equal(expected.code, 1);
    assert.match(expected.stdout, /^requirements\.txt:1:7: warning conflicts-with-minimum pandas==1\.5\.3/);

    const dist = copyOfDist();
    const bundle = path.join(dist, 'cli-main.js');
    const cache = path.join(dist, 'cli-main.js.cache');
    const source = fs.readFileSync(bundle, 'utf8');
    // Another build of the bundle: the cache names the one it was made of.
    fs.writeFileSync(bundle, source.replace(/(\n\/\/# build )[0-9a-f]{16}\n$/, '$10123456789abcdef\n'));
    assert.equal(cacheTaken(dist), 'undefined');
    assert.deepEqual(check(dist, project), expected);
    // The right bundle with a cache cut short: V8 rejects it and compiles the bundle.
    fs.writeFileSync(bundle, source);
    const data = fs.readFileSync(cache);
    fs.writeFileSync(cache, data.subarray(0, data.length >> 1));
    assert.equal(cacheTaken(dist), 'true');
    assert.deepEqual(check(dist, project), expected);
    fs.rmSync(cache);
    assert.equal(cacheTaken(dist), 'undefined');
    assert.deepEqual(check(dist, project), expected);
  });
});
