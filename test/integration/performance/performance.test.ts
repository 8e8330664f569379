// The extension on a large generated workspace (scripts/scale-workspace.mjs) in a real extension host: its first scan
// shares the event loop (a probe of the loop's delay runs while it does), and typing reaches the Problems panel within
// 100 ms in a file cheap to analyse, while a costly file waits in proportion to what its analysis costs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StackStandardApi } from '../../../src/extension/extension';
import { diagnosticsWhen, expectDiagnosticsOf } from '../diagnostics';
import { activated } from '../activate';

const root = () => (vscode.workspace.workspaceFolders as readonly vscode.WorkspaceFolder[])[0].uri.fsPath;
const uri = (relative: string) => vscode.Uri.file(path.join(root(), relative));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Keystrokes {
  /** From the last change the extension host heard of to the diagnostics of the typed text, in ms. */
  fromChange: number;
  /** From the moment the test sent the last edit (a round trip through the workbench included). */
  fromEdit: number;
  /** The delay the extension chose for the file when the last change came. */
  delay: number;
}

let api: StackStandardApi;

/**
 * Types `texts` into line `line` of `doc`, one edit each, 15 ms apart (a fast typist), and measures when the
 * diagnostics of the last text are published: `shows` tells them.
 */
async function typeAndWait(
  doc: vscode.TextDocument,
  line: number,
  texts: readonly string[],
  shows: (ds: readonly vscode.Diagnostic[]) => boolean,
): Promise<Keystrokes> {
  let lastChange = 0;
  let delay = 0;
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document !== doc) return;
    lastChange = performance.now();
    delay = api.diagnostics.delayFor(doc.uri.fsPath);
  });
  // The manager fires right after it hands the diagnostics to the editor.
  const published = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`the diagnostics of ${texts[texts.length - 1]} never came`));
    }, 10_000);
    const listener = api.diagnostics.onDidChange(() => {
      if (!shows(vscode.languages.getDiagnostics(doc.uri))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(performance.now());
    });
  });
  let sent = 0;
  try {
    for (const text of texts) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, doc.lineAt(line).range, text);
      sent = performance.now();
      assert.ok(await vscode.workspace.applyEdit(edit));
      if (text !== texts[texts.length - 1]) await sleep(15);
    }
    const at = await published;
    return { fromChange: at - lastChange, fromEdit: at - sent, delay };
  } finally {
    changes.dispose();
  }
}

describe('Stack Standard on a large workspace', () => {
  before(async function () {
    this.timeout(180_000);
    api = await activated();
  });

  it('scans it in one walk, every governed file once, never blocking the extension host for more than 50 ms', async () => {
    const scan = await api.firstScan;
    assert.ok(scan, 'the first scan finished');
    const tree = JSON.parse(fs.readFileSync(path.join(root(), '.scale.json'), 'utf8')) as {
      governed: number;
      standards: number;
      files: number;
    };
    const stall = (ms: number | undefined) => (ms === undefined ? 'unknown' : `${ms.toFixed(1)} ms`);
    console.log(
      `first scan of ${tree.files} files: ${scan.files} analysed in ${scan.ms.toFixed(0)} ms, letting the event loop ` +
        `turn ${scan.yields} times (longest slice ${scan.longestSliceMs.toFixed(1)} ms of wall time, ` +
        `${stall(scan.longestSliceCpuMs)} of the host thread's CPU time); longest event-loop stall ` +
        `${stall(scan.maxStallMs)} of wall time, ${stall(scan.maxStallCpuMs)} of CPU time, whoever held the thread ` +
        `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
    // One walk of the one folder, and no other scan since (nothing at start-up walks it again).
    assert.equal(scan.walks, 1);
    assert.equal(api.diagnostics.walks, 1);
    assert.equal(scan.files, tree.governed + tree.standards);
    // The monolith's requirements, the one file of more than 100,000 characters, come after the 2,000 others.
    assert.equal(scan.large, 1);
    assert.ok(scan.maxStallMs !== undefined, 'the probe measured the scan');
    // What the scan's own work held the loop for, slice by slice: on a shared machine the wall time also counts what
    // the operating system gave to other processes, and the probe's stalls count the other extensions in this host
    // too (a profile of this host caught the JSON, TypeScript and settings-editing features loading their modules for
    // over 100 ms while the scan ran).
    // Where Node cannot tell a thread's CPU time, the wall time is held.
    const held = scan.longestSliceCpuMs ?? scan.longestSliceMs;
    assert.ok(held <= 50, `the scan held the event loop for ${held.toFixed(1)} ms`);
    // What it found shows, at both ends of the walk.
    await expectDiagnosticsOf(uri('services/svc-000/Dockerfile'), [
      {
        code: 'python-below-minimum',
        range: [0, 12, 0, 15],
        severity: 'Warning',
        message: 'FROM python:3.9-slim is below the standard Python minimum 3.10',
      },
    ]);
    // The repository's first governed file in path order also shows that it lacks a pre-commit config.
    const monolith = vscode.languages
      .getDiagnostics(uri('monolith/requirements.txt'))
      .map((d) => [d.range.start.line, typeof d.code === 'object' ? d.code.value : d.code])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepEqual(monolith, [
      [0, 'precommit-config-missing'],
      ...[2, 14, 17, 20, 26].map((line) => [line, 'conflicts-with-minimum']),
    ]);
  });

  it('publishes a keystroke in a file analysed in under 10 ms within 100 ms of the last change', async function () {
    this.timeout(60_000);
    // A file no other file includes, so that only its own analysis can publish what is typed in it.
    const doc = await vscode.workspace.openTextDocument(uri('services/svc-001/requirements-dev.txt'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.lineAt(2).text, 'black==22.3.0');
    const trials: Keystrokes[] = [];
    for (let i = 0; i < 9; i++) {
      const typed = `black==22.${i}.12`;
      // The version typed a character at a time, then its diagnostic.
      const keys = [`black==22.${i}.`, `black==22.${i}.1`, typed];
      trials.push(
        await typeAndWait(doc, 2, keys, (ds) =>
          ds.some((d) => d.message === `${typed} is below the standard minimum 23.0.0`),
        ),
      );
      await sleep(200);
    }
    const fromChange = median(trials.map((t) => t.fromChange));
    console.log(
      `keystroke to diagnostics, median of ${trials.length}: ${fromChange.toFixed(1)} ms from the change, ` +
        `${median(trials.map((t) => t.fromEdit)).toFixed(1)} ms from the edit sent (each from the change: ` +
        `${trials.map((t) => t.fromChange.toFixed(0)).join(', ')} ms; delay ${median(trials.map((t) => t.delay))} ms)`,
    );
    assert.ok(fromChange < 100, `median ${fromChange.toFixed(1)} ms`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('keeps a longer delay for a file whose analysis costs more, chosen by what it cost', async function () {
    this.timeout(120_000);
    // Sixteen copies of the monolith's 5,000 lines under other names: 80,000 lines.
    const base = fs.readFileSync(uri('monolith/requirements.txt').fsPath, 'utf8');
    const big = uri('monolith/requirements-all.txt');
    fs.writeFileSync(
      big.fsPath,
      Array.from({ length: 16 }, (_, k) => base.replace(/acme-pkg-/g, `acme${k}-`)).join(''),
    );
    try {
      await diagnosticsWhen(big, (ds) => ds.length > 0, 30_000);
      const doc = await vscode.workspace.openTextDocument(big);
      await vscode.window.showTextDocument(doc);
      // Its first analysis from disk measured what it costs.
      const before = api.diagnostics.delayFor(big.fsPath);
      // Longer than the 50 ms a file analysed in under 12.5 ms gets: 80,000 lines cost more than that.
      assert.ok(before > 50, `a delay of ${before} ms for 80,000 lines`);
      const trials: Keystrokes[] = [];
      for (let i = 0; i < 3; i++) {
        // The line goes on with its hashes: its backslash stays.
        const typed = `pandas==1.${i}.34`;
        trials.push(
          await typeAndWait(doc, 2, [`pandas==1.${i}.3 \\`, `${typed} \\`], (ds) =>
            ds.some((d) => d.message.startsWith(`${typed} is below the standard minimum 2.0.0`)),
          ),
        );
        await sleep(200);
      }
      console.log(
        `80,000 lines: delay ${trials.map((t) => t.delay).join(', ')} ms; keystroke to diagnostics ` +
          `${trials.map((t) => t.fromChange.toFixed(0)).join(', ')} ms`,
      );
      for (const t of trials) {
        assert.ok(t.delay > 50, `a delay of ${t.delay} ms`);
        // A timer may fire a millisecond early by the clock the test reads.
        assert.ok(t.fromChange >= t.delay - 2, `published ${t.fromChange.toFixed(1)} ms after the change`);
      }
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(big.fsPath);
    }
  });
});
