// The .vsix a user installs, installed into code-server: it activates and diagnoses a file. The run leaves the
// diagnostics and the quick-fix menu on screen for the README's screenshot.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'stack-standard.stack-standard';

describe('the packaged extension', () => {
  it('is installed from the package, not the working tree', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.match(extension.extensionPath, /stack-standard\.stack-standard-\d+\.\d+\.\d+$/);
    assert.equal((extension.packageJSON as { main: string }).main, './dist/extension.js');
  });

  it('activates on the workspace and diagnoses requirements.txt', async function () {
    this.timeout(60_000);
    const folder = (vscode.workspace.workspaceFolders as readonly vscode.WorkspaceFolder[])[0].uri.fsPath;
    const uri = vscode.Uri.file(path.join(folder, 'requirements.txt'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    // Activation comes from the manifest's activation events, not from the test.
    for (let i = 0; i < 100 && !extension?.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(extension?.isActive, true);
    const diagnostics = await new Promise<readonly vscode.Diagnostic[]>((resolve, reject) => {
      const check = () => {
        const found = vscode.languages.getDiagnostics(uri);
        if (found.length >= 4) {
          listener.dispose();
          clearTimeout(timer);
          resolve(found);
        }
      };
      const listener = vscode.languages.onDidChangeDiagnostics(check);
      const timer = setTimeout(() => reject(new Error('no diagnostics')), 30_000);
      check();
    });
    assert.deepEqual(diagnostics.map((d) => d.message).sort(), [
      'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
      'pandas==1.5.3 is below the standard minimum 2.1.0',
      'requests has no version constraint; the standard minimum is 2.31.0',
      'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
    ]);
    // For the screenshot: the Problems panel and the quick-fix menu on the pandas line.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 9, 1, 9);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await new Promise((r) => setTimeout(r, 1500));
    // The launcher takes the README's screenshot on this line, while the diagnostics are on screen.
    console.log('stack-standard:screenshot');
    await new Promise((r) => setTimeout(r, 2000));
  });
});
