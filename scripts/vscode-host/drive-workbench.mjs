// Opens code-server's workbench in headless Debian chromium with the extension-test payload: the suite runs in
// the Node extension host and its exit code comes back through the smoke-test driver hooks. Exit 124 on timeout.
// usage: node drive-workbench.mjs --url URL --workspace DIR --dev PATH --tests PATH [--screenshot FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = util.parseArgs({
  options: {
    url: { type: 'string' },
    workspace: { type: 'string' },
    tests: { type: 'string' },
    dev: { type: 'string' },
    screenshot: { type: 'string' },
  },
});
if (!options.url || !options.workspace || !options.dev || !options.tests) {
  console.error('usage: drive-workbench.mjs --url URL --workspace DIR --dev PATH --tests PATH [--screenshot FILE]');
  process.exit(2);
}

const SCREENSHOT_MARK = 'stack-standard:screenshot';
const TIMED_OUT = 124; // what timeout(1) exits with
const timeoutMs = Number(process.env.STACK_STANDARD_TEST_TIMEOUT_MS || 300_000);
const verbose = Boolean(process.env.STACK_STANDARD_TEST_VERBOSE);
// What code-server 4.139's workbench logs on every offline run, around the suite's own output; the extension
// host's console arrives through the same hook, as `info`. STACK_STANDARD_TEST_VERBOSE shows it all.
const noise = new RegExp(
  [
    /^Resolv(ing|ed) connection token /,
    /^Creating a socket /,
    /^\[reconnection-grace-time\] /,
    /^\[Service Worker\] /,
    /^Updating additional builtin extensions cache/,
    /^Creation of workbench contribution /,
    /^No search provider registered /,
    /^\[(AgentHost|AccountPolicyGate|ChatModelSelection)/,
    /open-vsx\.org/,
    /authentication provider 'github'/,
  ]
    .map((pattern) => pattern.source)
    .join('|'),
);

const remote = (p) => `vscode-remote://${new URL(options.url).host}${path.resolve(p)}`;
const payload = [
  ['extensionDevelopmentPath', remote(options.dev)],
  ['extensionTestsPath', remote(options.tests)],
];
const target = new URL(options.url);
// A `.code-workspace` file opens a multi-root window; anything else is a folder.
target.searchParams.set(
  options.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder',
  path.resolve(options.workspace),
);
target.searchParams.set('payload', JSON.stringify(payload));

// A persistent context is how chromium takes a profile folder; `--user-data-dir` in args is ignored.
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  // The first outcome wins: the suite's exit code, the timeout, a signal, or chromium going away.
  let finish;
  const finished = new Promise((resolve) => (finish = (code, reason) => resolve({ code, reason })));
  // A suite logs SCREENSHOT_MARK when the workbench shows what the screenshot should: it is taken then, while the
  // extension host is still alive (after the run its diagnostics are gone).
  let shot;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const message = util.format(...(Array.isArray(args) ? args : [args]));
    if (message.trim() === SCREENSHOT_MARK && options.screenshot) {
      shot = page
        .screenshot({ path: options.screenshot })
        .catch((error) => console.log(`screenshot failed: ${error.message}`));
      return;
    }
    if (verbose || !noise.test(message)) console.log(type === 'info' ? message : `[${type}] ${message}`);
  });
  // The extension host always reports 0 in its own log; only this hook carries the suite's result.
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  const timer = setTimeout(() => finish(TIMED_OUT, `Extension tests timed out after ${timeoutMs} ms`), timeoutMs);
  // playwright closes chromium on these signals but leaves the process running.
  process.on('SIGINT', () => finish(130, 'Interrupted'));
  process.on('SIGTERM', () => finish(143, 'Terminated'));
  context.on('close', () => finish(1, 'Chromium closed before the suite finished'));

  page.goto(target.href).catch((error) => finish(1, `Could not open the workbench: ${error.message}`));
  const { code, reason } = await finished;
  clearTimeout(timer);
  if (reason) console.log(reason);
  if (shot) await shot;
  else if (options.screenshot && !page.isClosed()) {
    await page
      .screenshot({ path: options.screenshot })
      .catch((error) => console.log(`screenshot failed: ${error.message}`));
  }
  process.exitCode = code;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
