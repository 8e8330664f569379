// `npm run test:integration`: builds the extension and the extension-host suites, then runs one suite in a real
// VS Code: the desktop build from @vscode/test-electron where it can be downloaded and shown, otherwise code-server
// in headless chromium (scripts/vscode-host/code-server.sh, which needs only Debian's apt and the npm registry).
//
// usage: node scripts/test-integration.mjs [--host electron|code-server] [--suite PATH] [--workspace DIR | --scale]
//                                          [--vsix FILE] [--screenshot FILE]
//   --suite       a built suite: a directory holding index.js, or the file itself (default out/integration)
//   --workspace   the folder, or a .code-workspace file, to open (default test/fixtures/workspace); the suite gets a
//                 throwaway copy of it (of the folder holding the .code-workspace file)
//   --scale       open a generated workspace of 2,000 governed files (scripts/scale-workspace.mjs) instead
//   --vsix        install this package into a throwaway profile and test it instead of the working tree
// environment:  STACK_STANDARD_VSCODE_HOST, STACK_STANDARD_VSIX, STACK_STANDARD_SCREENSHOT stand in for the flags;
//               STACK_STANDARD_TEST_TIMEOUT_MS (default 300000) and STACK_STANDARD_TEST_VERBOSE tune code-server runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';

// The day the suites judge end-of-life dates on, as the unit tests do (test/setup.ts); the editor inherits it.
process.env.STACK_STANDARD_TODAY = '2026-06-30';
// The extension then measures how long the event loop stalls during its first scan (`firstScan` of its API).
process.env.STACK_STANDARD_EVENT_LOOP_PROBE = '1';

const root = path.resolve(import.meta.dirname, '..');
const hostScript = path.join(root, 'scripts/vscode-host/code-server.sh');
const settingsFile = path.join(root, 'scripts/vscode-host/settings.json');
const HOSTS = ['electron', 'code-server'];

const { values: flags } = util.parseArgs({
  options: {
    host: { type: 'string', default: process.env.STACK_STANDARD_VSCODE_HOST || undefined },
    suite: { type: 'string', default: path.join(root, 'out/integration') },
    workspace: { type: 'string', default: path.join(root, 'test/fixtures/workspace') },
    scale: { type: 'boolean', default: false },
    vsix: { type: 'string', default: process.env.STACK_STANDARD_VSIX || undefined },
    screenshot: { type: 'string', default: process.env.STACK_STANDARD_SCREENSHOT || undefined },
  },
});
if (flags.host && !HOSTS.includes(flags.host)) fail(`unknown host '${flags.host}': use ${HOSTS.join(' or ')}`);
const suite = path.resolve(flags.suite);
const workspace = path.resolve(flags.workspace);
const vsix = flags.vsix && path.resolve(flags.vsix);
const screenshot = flags.screenshot && path.resolve(flags.screenshot);
if (vsix && !fs.existsSync(vsix)) fail(`no such package: ${vsix}`);
if (!fs.existsSync(workspace)) fail(`no such workspace folder: ${workspace}`);

// A packaged run tests the .vsix as built, so the working tree's dist/ stays out of it.
if (!vsix) build('scripts/build.mjs');
build('scripts/build-integration.mjs');
if (!fs.existsSync(suite)) fail(`no such suite: ${suite}`);

const host = flags.host ?? (hasDisplay() && (await canDownloadVSCode()) ? 'electron' : 'code-server');
const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);
console.log(`Running ${shown(suite)} in VS Code via ${host}${vsix ? ` against ${shown(vsix)}` : ''}`);
if (screenshot && host === 'electron') console.log('A screenshot is taken on code-server runs only.');

// Tests edit and save files; they do so in a copy, never in the fixtures.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-workspace-'));
const multiRoot = workspace.endsWith('.code-workspace');
const copied = multiRoot ? path.dirname(workspace) : workspace;
let workspaceCopy;
if (flags.scale) {
  workspaceCopy = path.join(scratch, 'scale');
  const { writeScaleWorkspace } = await import('./scale-workspace.mjs');
  const { files, governed } = writeScaleWorkspace(workspaceCopy);
  console.log(`Generated a workspace of ${files} files, ${governed} of them governed`);
} else {
  fs.cpSync(copied, path.join(scratch, path.basename(copied)), { recursive: true });
  workspaceCopy = path.join(scratch, path.basename(copied), multiRoot ? path.basename(workspace) : '');
}
let exitCode;
try {
  exitCode = host === 'electron' ? await runInElectron() : await runInCodeServer();
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);

function fail(message) {
  console.error(`test-integration: ${message}`);
  process.exit(2);
}

function build(script) {
  const { status } = spawnSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

// Desktop VS Code needs a display on Linux (CI gives it one with `xvfb-run`); code-server runs headless.
function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function canDownloadVSCode() {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', {
      method: 'HEAD',
      signal: AbortSignal.timeout(5000),
    });
    return response.status < 500;
  } catch {
    return false;
  }
}

async function runInElectron() {
  const electron = await import('@vscode/test-electron');
  // A fresh profile per run, as on code-server: nothing left over from an earlier run or package.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-vscode-'));
  const profileArgs = [
    `--user-data-dir=${path.join(profile, 'user-data')}`,
    `--extensions-dir=${path.join(profile, 'extensions')}`,
  ];
  fs.mkdirSync(path.join(profile, 'user-data/User'), { recursive: true });
  fs.copyFileSync(settingsFile, path.join(profile, 'user-data/User/settings.json'));
  try {
    const vscodeExecutablePath = await electron.downloadAndUnzipVSCode();
    if (vsix) {
      // Only the CLI's path: the profile flags are this run's own.
      const [cli] = electron.resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, {
        reuseMachineInstall: true,
      });
      const { status } = spawnSync(cli, [...profileArgs, '--install-extension', vsix], { stdio: 'inherit' });
      if (status !== 0) return status ?? 1;
    }
    // VS Code runs a suite only in a development host; with a package, an empty folder develops no extension
    // and the installed copy is the one the suite sees.
    const noExtension = path.join(profile, 'no-extension');
    fs.mkdirSync(noExtension);
    return await electron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: vsix ? noExtension : root,
      extensionTestsPath: suite,
      launchArgs: [workspaceCopy, ...profileArgs],
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return typeof error?.code === 'number' ? error.code : 1;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

function runInCodeServer() {
  const args = [hostScript, '--workspace', workspaceCopy, '--tests', suite];
  if (vsix) args.push('--vsix', vsix);
  else args.push('--dev', root);
  if (screenshot) args.push('--screenshot', screenshot);
  const child = spawn('bash', args, { stdio: 'inherit' });
  // The script owns code-server's lifetime; hand it the signal and wait for its cleanup.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}
