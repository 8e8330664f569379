// A multi-root workspace: each folder is judged by its own standard, and "Apply stack standard" asks which folders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ApplyReport } from '../../../src/extension/commands';
import { activated } from '../activate';

const folder = (name: string) => {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `workspace folder ${name}`);
  return found;
};
const file = (name: string, relative: string) => vscode.Uri.joinPath(folder(name).uri, relative);

/** Save the documents an applied edit left dirty, so the disk shows what the edit did. */
// The workspace's own files: VS Code itself may hold the user settings dirty for a moment (a setting it migrates).
async function saveEdited(): Promise<void> {
  for (const d of vscode.workspace.textDocuments)
    if (d.isDirty && vscode.workspace.getWorkspaceFolder(d.uri)) assert.ok(await d.save(), `saved ${d.uri.fsPath}`);
}

function messages(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => d.message)
    .sort();
}

/** Resolve once the file's diagnostic messages are `expected`, re-checking on every change; fail after 15 s. */
function expectMessages(uri: vscode.Uri, expected: string[]): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  return new Promise((resolve, reject) => {
    const done = () => {
      if (JSON.stringify(messages(uri)) !== want) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${uri.fsPath}: expected ${want}, got ${JSON.stringify(messages(uri))}`));
    }, 15_000);
    done();
  });
}

describe('Stack Standard in a multi-root workspace', () => {
  before(async function () {
    this.timeout(60_000);
    await activated();
  });

  it('judges each folder by its own standard', async () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['service-a', 'service-b'],
    );
    await expectMessages(file('service-a', 'requirements.txt'), ['pandas==2.1.0 is below the standard minimum 2.2.0']);
    await expectMessages(file('service-b', 'requirements.txt'), [
      'requests>=2.31.0 admits versions below the standard minimum 2.32.0',
    ]);
  });

  it('applies the standard to the folders given, leaving the others alone', async () => {
    const report = await vscode.commands.executeCommand<ApplyReport>('stackStandard.applyStandard', {
      preview: false,
      folders: [folder('service-b').uri.fsPath],
    });
    assert.deepEqual(report.changedFiles, [file('service-b', 'requirements.txt').fsPath]);
    await saveEdited();
    assert.equal(
      fs.readFileSync(file('service-b', 'requirements.txt').fsPath, 'utf8'),
      'pandas==2.1.0\nrequests>=2.32.0\n',
    );
    assert.equal(
      fs.readFileSync(file('service-a', 'requirements.txt').fsPath, 'utf8'),
      'pandas==2.1.0\nrequests>=2.31.0\n',
    );
    await expectMessages(file('service-b', 'requirements.txt'), []);
  });

  it('asks which folders, with "All folders" first, and applies to every folder picked', async function () {
    this.timeout(30_000);
    // Both folders need a fix again, so only "All folders" changes both.
    const b = await vscode.workspace.openTextDocument(file('service-b', 'requirements.txt'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(b.uri, b.lineAt(1).range, 'requests>=2.31.0');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await saveEdited();
    await expectMessages(b.uri, ['requests>=2.31.0 admits versions below the standard minimum 2.32.0']);
    const pending = vscode.commands.executeCommand<ApplyReport | undefined>('stackStandard.applyStandard', {
      preview: false,
    });
    let settled = false;
    void pending.then(() => (settled = true));
    // The pick opens once the command reaches it; accepting its first item chooses "All folders".
    for (let tries = 0; !settled && tries < 100; tries++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = await pending;
    assert.ok(report, 'a folder was picked');
    assert.deepEqual(report.changedFiles.sort(), [
      file('service-a', 'requirements.txt').fsPath,
      file('service-b', 'requirements.txt').fsPath,
    ]);
    assert.equal(report.fixed, 2);
    await saveEdited();
    assert.equal(
      fs.readFileSync(file('service-a', 'requirements.txt').fsPath, 'utf8'),
      'pandas==2.2.0\nrequests>=2.31.0\n',
    );
    assert.equal(
      fs.readFileSync(file('service-b', 'requirements.txt').fsPath, 'utf8'),
      'pandas==2.1.0\nrequests>=2.32.0\n',
    );
    await expectMessages(file('service-a', 'requirements.txt'), []);
    await expectMessages(file('service-b', 'requirements.txt'), []);
  });
});
