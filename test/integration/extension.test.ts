// The extension in a real VS Code extension host, on a copy of test/fixtures/workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApplyReport } from '../../src/extension/commands';
import type { StackStandardApi } from '../../src/extension/extension';
import { diagnosticsWhen, expectDiagnosticsOf, shape, type Expected } from './diagnostics';
import { activated, EXTENSION_ID } from './activate';

const DOCS = 'https://github.com/stack-standard/stack-standard/blob/main/docs/codes.md';

const root = () => (vscode.workspace.workspaceFolders as readonly vscode.WorkspaceFolder[])[0].uri.fsPath;
const uri = (relative: string) => vscode.Uri.file(path.join(root(), relative));

async function expectDiagnostics(relative: string, expected: Expected[]): Promise<void> {
  await expectDiagnosticsOf(uri(relative), expected);
}

let api: StackStandardApi;

describe('Stack Standard in VS Code', () => {
  before(async function () {
    this.timeout(60_000);
    api = await activated();
  });

  it('activates within 50 ms', () => {
    console.log(`activation took ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs <= 50, `activation took ${api.activationMs} ms`);
  });

  it('diagnoses requirements files from disk, with the organisation standard linked', async () => {
    await expectDiagnostics('requirements.txt', [
      {
        code: 'conflicts-with-minimum',
        range: [1, 6, 1, 13],
        severity: 'Error',
        message: 'pandas==1.5.3 is below the standard minimum 2.1.0',
        related: ['stack-standard.yaml', 3],
      },
      {
        code: 'below-minimum',
        range: [2, 5, 2, 13],
        severity: 'Warning',
        message: 'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
      },
      {
        code: 'missing-minimum',
        range: [3, 0, 3, 8],
        severity: 'Warning',
        message: 'requests has no version constraint; the standard minimum is 2.31.0',
      },
      {
        code: 'replaced-package',
        range: [4, 0, 4, 7],
        severity: 'Warning',
        message:
          'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
      },
    ]);
    const d = vscode.languages.getDiagnostics(uri('requirements.txt'))[0];
    assert.equal(d.source, 'Stack Standard');
    assert.deepEqual(typeof d.code === 'object' ? [d.code.value, d.code.target.toString()] : d.code, [
      'conflicts-with-minimum',
      `${DOCS}#conflicts-with-minimum`,
    ]);
  });

  it('diagnoses pyproject.toml, Terraform and pre-commit files', async () => {
    await expectDiagnostics('pyproject.toml', [
      {
        code: 'python-below-minimum',
        range: [3, 19, 3, 24],
        severity: 'Warning',
        message: 'requires-python ">=3.8" admits Pythons below the standard minimum 3.10',
      },
      {
        code: 'below-minimum',
        range: [5, 26, 5, 31],
        severity: 'Warning',
        message: 'google-cloud-bigquery>=3.0 admits versions below the standard minimum 3.11.0',
      },
      {
        code: 'python-below-minimum',
        range: [9, 19, 9, 23],
        severity: 'Warning',
        message: '[tool.black] target-version "py38" is below the standard Python minimum 3.10',
      },
    ]);
    await expectDiagnostics('infra/main.tf', [
      {
        code: 'runtime-below-minimum',
        range: [2, 13, 2, 21],
        severity: 'Warning',
        message:
          'Runtime python39 of google_cloudfunctions_function.ingest is older than the standard runtime python310',
      },
    ]);
    await expectDiagnostics('.pre-commit-config.yaml', [
      {
        code: 'hook-below-minimum',
        range: [2, 9, 2, 15],
        severity: 'Warning',
        message: 'black (https://github.com/psf/black) rev 22.3.0 is below the standard minimum 23.0.0',
      },
    ]);
  });

  it('gives a nested folder its own standard', async () => {
    await expectDiagnostics('nested/requirements.txt', [
      {
        code: 'conflicts-with-minimum',
        range: [0, 5, 0, 13],
        severity: 'Warning',
        message: 'numpy==1.25.2 is below the standard minimum 1.26.0',
        related: ['nested/stack-standard.yaml', 3],
      },
    ]);
  });

  it('applies a quick-fix from the code action provider', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('requirements.txt'));
    await vscode.window.showTextDocument(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(1, 8, 1, 8),
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.deepEqual(
      titles.filter((t) => t.startsWith('Change') || t.startsWith('Ignore') || t.startsWith('Fix all')),
      [
        'Change to pandas==2.1.0',
        'Ignore conflicts-with-minimum on this line',
        'Ignore conflicts-with-minimum in this file',
        'Fix all Stack Standard problems in this file',
      ],
    );
    const fix = actions.find((a) => a.title === 'Change to pandas==2.1.0');
    assert.equal(fix?.isPreferred, true);
    assert.ok(fix?.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(doc.lineAt(1).text, 'pandas==2.1.0');
    await expectDiagnostics('requirements.txt', [
      {
        code: 'below-minimum',
        range: [2, 5, 2, 13],
        severity: 'Warning',
        message: 'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
      },
      {
        code: 'missing-minimum',
        range: [3, 0, 3, 8],
        severity: 'Warning',
        message: 'requests has no version constraint; the standard minimum is 2.31.0',
      },
      {
        code: 'replaced-package',
        range: [4, 0, 4, 7],
        severity: 'Warning',
        message:
          'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
      },
    ]);
  });

  it('suppresses a finding with the ignore comment it inserts', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('requirements.txt'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(3, 2, 3, 2),
      vscode.CodeActionKind.QuickFix.value,
    );
    const ignore = actions.find((a) => a.title === 'Ignore missing-minimum on this line');
    assert.ok(ignore?.edit && (await vscode.workspace.applyEdit(ignore.edit)));
    assert.equal(doc.lineAt(3).text, 'requests  # stack-standard: ignore[missing-minimum]');
    await diagnosticsWhen(doc.uri, (ds) => !ds.some((d) => shape(d).code === 'missing-minimum'));
    // Put the line back for the workspace-wide fix later on.
    const restore = new vscode.WorkspaceEdit();
    restore.replace(doc.uri, doc.lineAt(3).range, 'requests');
    await vscode.workspace.applyEdit(restore);
    await diagnosticsWhen(doc.uri, (ds) => ds.some((d) => shape(d).code === 'missing-minimum'));
  });

  it('explains the rule on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('requirements.txt'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(2, 2),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*numpy\*\*: the standard minimum is \*\*1\.24\.0\*\*\./);
    assert.match(text, /Set by the built-in standard\./);
    assert.match(
      text,
      /\*\*Not met\*\* \(`below-minimum`\): numpy>=1\.3,<3 admits versions below the standard minimum 1\.24\.0/,
    );
    const pandas = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(1, 2),
    );
    const pandasText = pandas.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(pandasText, /Set by stack-standard\.yaml, line 4\./);
    assert.match(pandasText, /\*\*Met\*\*/);
  });

  it('shows the effective standard for the active file, read-only, with where each rule was set', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('requirements.txt')));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('stackStandard.showEffectiveStandard');
    assert.equal(editor.document.uri.scheme, 'stack-standard');
    assert.equal(editor.document.languageId, 'yaml');
    const text = editor.document.getText();
    assert.match(text, /^  pandas: \{ minimum: "2\.1\.0", severity: error \}  # stack-standard\.yaml:4$/m);
    assert.match(text, /^  numpy: \{ minimum: "1\.24\.0" \}  # built-in$/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens the existing stack-standard.yaml instead of overwriting it', async () => {
    const before = fs.readFileSync(uri('stack-standard.yaml').fsPath, 'utf8');
    const created = await vscode.commands.executeCommand<vscode.Uri>('stackStandard.createStandardFile');
    assert.equal(created.fsPath, uri('stack-standard.yaml').fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath);
    assert.equal(fs.readFileSync(created.fsPath, 'utf8'), before);
  });

  it('re-checks governed files when the standard file changes', async () => {
    const standard = await vscode.workspace.openTextDocument(uri('nested/stack-standard.yaml'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(standard.uri, standard.lineAt(3).range, '  numpy: "1.25.0"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await standard.save();
    await expectDiagnostics('nested/requirements.txt', []);
    // A broken standard shows its error at its line and column, and in the status bar.
    const broken = new vscode.WorkspaceEdit();
    broken.replace(standard.uri, standard.lineAt(3).range, '  numpy: { minimun: "1.25.0" }');
    await vscode.workspace.applyEdit(broken);
    await standard.save();
    await expectDiagnostics('nested/stack-standard.yaml', [
      {
        code: 'standard-invalid',
        range: [3, 11, 3, 18],
        severity: 'Error',
        message: "Unknown key 'minimun' in packages.numpy",
      },
    ]);
    assert.equal(api.statusBar.text, '$(error) Stack Standard: standard invalid');
    assert.match(
      typeof api.statusBar.tooltip === 'string' ? api.statusBar.tooltip : (api.statusBar.tooltip?.value ?? ''),
      /^stack-standard\.yaml \(.*nested.stack-standard\.yaml\) has 1 error; its last valid version stays in force until it is fixed\./,
    );
    const repaired = new vscode.WorkspaceEdit();
    repaired.replace(standard.uri, standard.lineAt(3).range, '  numpy: "1.25.0"');
    await vscode.workspace.applyEdit(repaired);
    await standard.save();
    await expectDiagnostics('nested/stack-standard.yaml', []);
  });

  it('fixes a file on save with source.fixAll.stackStandard', async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'pip-requirements' })
      .update(
        'codeActionsOnSave',
        { 'source.fixAll.stackStandard': 'explicit' },
        vscode.ConfigurationTarget.Global,
        true,
      );
    try {
      const doc = await vscode.workspace.openTextDocument(uri('nested/requirements.txt'));
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(1, 0), 'black==22.3.0\n');
      await vscode.workspace.applyEdit(edit);
      await doc.save();
      assert.equal(doc.getText(), 'numpy==1.25.2\nblack==23.1.0\n');
      assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), 'numpy==1.25.2\nblack==23.1.0\n');
    } finally {
      await vscode.workspace
        .getConfiguration('editor', { languageId: 'pip-requirements' })
        .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  it('applies the severity and exclude settings', async () => {
    const config = () => vscode.workspace.getConfiguration('stackStandard');
    await config().update(
      'severity',
      { 'missing-minimum': 'off', 'below-minimum': 'error' },
      vscode.ConfigurationTarget.Global,
    );
    try {
      await expectDiagnostics('requirements.txt', [
        {
          code: 'below-minimum',
          range: [2, 5, 2, 13],
          severity: 'Error',
          message: 'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
        },
        {
          code: 'replaced-package',
          range: [4, 0, 4, 7],
          severity: 'Warning',
          message:
            'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
        },
      ]);
      await config().update('exclude', ['infra/**'], vscode.ConfigurationTarget.Global);
      await expectDiagnostics('infra/main.tf', []);
    } finally {
      await config().update('severity', undefined, vscode.ConfigurationTarget.Global);
      await config().update('exclude', undefined, vscode.ConfigurationTarget.Global);
    }
    await expectDiagnostics('infra/main.tf', [
      {
        code: 'runtime-below-minimum',
        range: [2, 13, 2, 21],
        severity: 'Warning',
        message:
          'Runtime python39 of google_cloudfunctions_function.ingest is older than the standard runtime python310',
      },
    ]);
  });

  it('keeps the last valid standard in force while the standard file is half-typed, unsaved', async () => {
    const standard = await vscode.workspace.openTextDocument(uri('stack-standard.yaml'));
    await vscode.window.showTextDocument(standard);
    const typo = new vscode.WorkspaceEdit();
    typo.insert(standard.uri, new vscode.Position(standard.lineCount, 0), 'pythn: "3.11"\n');
    assert.ok(await vscode.workspace.applyEdit(typo));
    try {
      await expectDiagnostics('stack-standard.yaml', [
        {
          code: 'standard-invalid',
          range: [4, 0, 4, 5],
          severity: 'Error',
          message: "Unknown key 'pythn' in the standard",
        },
      ]);
      // Every other file keeps its findings (without a standard in force it would have none), and the rules of the
      // last valid standard: pandas is the organisation's.
      await expectDiagnostics('requirements.txt', [
        {
          code: 'below-minimum',
          range: [2, 5, 2, 13],
          severity: 'Warning',
          message: 'numpy>=1.3,<3 admits versions below the standard minimum 1.24.0',
        },
        {
          code: 'missing-minimum',
          range: [3, 0, 3, 8],
          severity: 'Warning',
          message: 'requests has no version constraint; the standard minimum is 2.31.0',
        },
        {
          code: 'replaced-package',
          range: [4, 0, 4, 7],
          severity: 'Warning',
          message:
            'sklearn is replaced by scikit-learn in the standard: sklearn is a deprecated stub package; install scikit-learn',
        },
      ]);
      const requirements = await vscode.workspace.openTextDocument(uri('requirements.txt'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        requirements.uri,
        new vscode.Position(1, 2),
      );
      assert.match(
        hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'),
        /the standard minimum is \*\*2\.1\.0\*\*\.[^]*Set by stack-standard\.yaml, line 4\./,
      );
      assert.equal(api.statusBar.text, '$(error) Stack Standard: standard invalid');
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.delete(standard.uri, new vscode.Range(4, 0, 5, 0));
      assert.ok(await vscode.workspace.applyEdit(undo));
      await standard.save();
    }
    await expectDiagnostics('stack-standard.yaml', []);
    assert.match(api.statusBar.text, /^\$\(warning\) Stack Standard: \d+$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("compares the repository's files as they change: a Python its floor does not admit, judged again as the floor is typed", async () => {
    const version = uri('.python-version');
    // Two findings share the range: compare them in code order.
    const expectByCode = async (expected: Expected[]) => {
      const want = JSON.stringify(expected);
      const byCode = (ds: readonly vscode.Diagnostic[]) => ds.map(shape).sort((a, b) => a.code.localeCompare(b.code));
      const ds = await diagnosticsWhen(version, (d) => JSON.stringify(byCode(d)) === want).catch(() =>
        vscode.languages.getDiagnostics(version),
      );
      assert.deepEqual(byCode(ds), expected);
    };
    const below: Expected = {
      code: 'python-below-minimum',
      range: [0, 0, 0, 3],
      severity: 'Warning',
      message: '.python-version 3.7 is below the standard Python minimum 3.10',
    };
    fs.writeFileSync(version.fsPath, '3.7\n');
    const pyproject = await vscode.workspace.openTextDocument(uri('pyproject.toml'));
    try {
      await expectByCode([
        below,
        {
          code: 'python-inconsistent',
          range: [0, 0, 0, 3],
          severity: 'Information',
          message: '.python-version 3.7 is a Python that requires-python ">=3.8" does not admit',
          related: ['pyproject.toml', 3],
        },
      ]);
      // Typing in pyproject.toml (unsaved) changes what .python-version is compared with.
      const floor = pyproject.getText().indexOf('>=3.8');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        pyproject.uri,
        new vscode.Range(pyproject.positionAt(floor), pyproject.positionAt(floor + 5)),
        '>=3.7',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      await expectByCode([below]);
    } finally {
      fs.unlinkSync(version.fsPath);
      const floor = pyproject.getText().indexOf('>=3.7');
      if (floor >= 0) {
        const undo = new vscode.WorkspaceEdit();
        const range = new vscode.Range(pyproject.positionAt(floor), pyproject.positionAt(floor + 5));
        undo.replace(pyproject.uri, range, '>=3.8');
        await vscode.workspace.applyEdit(undo);
      }
      await pyproject.save();
    }
    await expectByCode([]);
  });

  it('applies the stack standard to the file in the editor only', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('nested/requirements.txt'));
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), 'requests\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const report = await vscode.commands.executeCommand<ApplyReport>('stackStandard.applyStandardToFile', {
      preview: false,
    });
    assert.deepEqual(
      { ...report, changedFiles: report.changedFiles.map((f) => path.relative(root(), f).split(path.sep).join('/')) },
      {
        scope: 'file',
        applied: true,
        changedFiles: ['nested/requirements.txt'],
        fixed: 1,
        unfixed: [],
        created: [],
      },
    );
    assert.equal(doc.getText(), 'numpy==1.25.2\nblack==23.1.0\nrequests>=2.31.0\n');
    await doc.save();
    await expectDiagnostics('nested/requirements.txt', []);
    // The workspace-wide run below still has everything else to do.
    await expectDiagnostics('infra/main.tf', [
      {
        code: 'runtime-below-minimum',
        range: [2, 13, 2, 21],
        severity: 'Warning',
        message:
          'Runtime python39 of google_cloudfunctions_function.ingest is older than the standard runtime python310',
      },
    ]);
  });

  it('applies the stack standard to the whole workspace', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const report = await vscode.commands.executeCommand<ApplyReport>('stackStandard.applyStandard', { preview: false });
    assert.equal(report.scope, 'workspace');
    assert.equal(report.applied, true);
    assert.equal(report.fixed, 8);
    assert.deepEqual(report.changedFiles.map((f) => path.relative(root(), f).split(path.sep).join('/')).sort(), [
      '.pre-commit-config.yaml',
      'infra/main.tf',
      'pyproject.toml',
      'requirements.txt',
    ]);
    assert.deepEqual(report.created, []);
    await vscode.workspace.saveAll(false);
    const read = (relative: string) => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri(relative).fsPath);
      return open ? open.getText() : fs.readFileSync(uri(relative).fsPath, 'utf8');
    };
    assert.equal(
      read('requirements.txt'),
      "# The service's runtime dependencies.\npandas==2.1.0\nnumpy>=1.24.0,<3\nrequests>=2.31.0\nscikit-learn>=1.3.0\nflask>=2.3.0\n",
    );
    assert.match(read('pyproject.toml'), /requires-python = ">=3\.10"/);
    assert.match(read('pyproject.toml'), /"google-cloud-bigquery>=3\.11\.0"/);
    assert.match(read('pyproject.toml'), /target-version = \["py310"\]/);
    assert.match(read('infra/main.tf'), /runtime = "python310"/);
    assert.match(read('.pre-commit-config.yaml'), /rev: 23\.1\.0/);
    assert.deepEqual(report.unfixed, []);
    await expectDiagnostics('requirements.txt', []);
  });

  it('shows a missing pre-commit config on pyproject.toml, with the fix that creates it, until the file exists', async () => {
    const config = uri('.pre-commit-config.yaml');
    const saved = fs.readFileSync(config.fsPath);
    const missing: Expected = {
      code: 'precommit-config-missing',
      range: [0, 0, 0, 0],
      severity: 'Information',
      message:
        'This repository has Python files but no .pre-commit-config.yaml; the standard requires the black, flake8, mypy hooks',
    };
    try {
      await vscode.workspace.fs.delete(config);
      await expectDiagnostics('pyproject.toml', [missing]);
      // The code-action command needs the document open, as in the editor.
      const pyproject = await vscode.workspace.openTextDocument(uri('pyproject.toml'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        pyproject.uri,
        new vscode.Range(0, 0, 0, 0),
        vscode.CodeActionKind.QuickFix.value,
      );
      // A comment in pyproject.toml cannot silence a finding about the repository: no "Ignore" action.
      assert.deepEqual(
        actions.map((a) => a.title).filter((t) => t.startsWith('Create') || t.startsWith('Ignore')),
        ["Create .pre-commit-config.yaml with the standard's hooks"],
      );
      const create = actions.find((a) => a.title.startsWith('Create'));
      assert.equal(create?.isPreferred, true);
      // Apply it as the light bulb does, in the workbench: an edit carrying a new file's contents cannot travel back
      // to the extension host and out again, so `applyEdit(create.edit)` is not what a user's click does.
      await vscode.window.showTextDocument(pyproject, { selection: new vscode.Range(0, 0, 0, 0) });
      await vscode.commands.executeCommand('editor.action.codeAction', {
        kind: vscode.CodeActionKind.QuickFix.value,
        preferred: true,
        apply: 'first',
      });
      await expectDiagnostics('pyproject.toml', []);
      const created = fs.readFileSync(config.fsPath, 'utf8');
      assert.match(created, /^# See https:\/\/pre-commit\.com for more information\nrepos:\n/);
      assert.deepEqual(
        [...created.matchAll(/- id: (\S+)/g)].map((m) => m[1]),
        ['black', 'flake8', 'mypy'],
      );
    } finally {
      fs.writeFileSync(config.fsPath, saved);
    }
    await expectDiagnostics('pyproject.toml', []);
  });

  it('reads its settings as their scopes ask: the host logs no warning about the extension', () => {
    // Every suite above changed and read settings, per file and per folder. The host's log sits beside the extension's.
    const folder = path.dirname(api.logUri.fsPath);
    const logs = fs.readdirSync(folder).filter((name) => name.endsWith('.log'));
    assert.ok(logs.length > 0, `the extension host's log is in ${folder}`);
    const warnings = logs
      .flatMap((name) => fs.readFileSync(path.join(folder, name), 'utf8').split('\n'))
      .filter((line) => line.toLowerCase().includes(`[${EXTENSION_ID}]`) && /\[warning\]/i.test(line));
    assert.deepEqual(warnings, []);
  });
});
