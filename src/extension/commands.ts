// The command palette: apply the standard to a file or the workspace, show the effective standard, scaffold an
// organisation standard file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkRepository, decodeFile, preferredEdits, renderStandard, selectEdits, STANDARD_TEMPLATE, type Finding, type TextEdit } from '../core';
import { addEdits } from './convert';
import { isGoverned, type DiagnosticsManager } from './diagnostics';
import { EFFECTIVE_STANDARD_SCHEME } from './ids';

export interface ApplyOptions {
  /** Show the refactor preview before applying (default true); tests turn it off. */
  preview?: boolean;
  /** Apply to every governed file in the workspace even when a file editor is active. */
  workspace?: boolean;
}

export interface ApplyReport {
  scope: 'file' | 'workspace';
  applied: boolean;
  /** Files the edit changes or creates. */
  changedFiles: string[];
  fixed: number;
  /** Findings without an automatic fix, with the engine's message saying why. */
  unfixed: { file: string; line: number; code: string; message: string }[];
  created: string[];
}

async function textOf(file: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return decodeFile(file, await vscode.workspace.fs.readFile(vscode.Uri.file(file))).text;
  } catch {
    return undefined;
  }
}

async function hasPythonFiles(folder: vscode.WorkspaceFolder): Promise<boolean> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.py'), '{**/node_modules/**,**/.venv/**,**/venv/**,**/.tox/**}', 1);
  return found.length > 0;
}

export async function applyStandard(manager: DiagnosticsManager, log: vscode.LogOutputChannel, options: ApplyOptions = {}): Promise<ApplyReport> {
  const active = vscode.window.activeTextEditor?.document;
  const scope = !options.workspace && active && isGoverned(active.uri) ? 'file' : 'workspace';
  let findings: Finding[];
  const creations: TextEdit[] = [];
  if (scope === 'file' && active) {
    findings = manager.analyzeDocumentNow(active);
  } else {
    await manager.scanWorkspace(undefined, true);
    findings = manager.filesWithFindings().flatMap((f) => manager.findingsFor(f));
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const governing = manager.resolverFor(path.join(folder.uri.fsPath, '.pre-commit-config.yaml')).forFile(path.join(folder.uri.fsPath, '.pre-commit-config.yaml'));
      if (governing.errors.length > 0) continue;
      for (const f of checkRepository(folder.uri.fsPath, await hasPythonFiles(folder), governing.standard, manager.fs)) {
        creations.push(...(f.fixes[0]?.edits ?? []));
      }
    }
  }

  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: options.preview !== false, label: 'Apply stack standard' };
  const edit = new vscode.WorkspaceEdit();
  const changedFiles: string[] = [];
  const applied = new Set<string>();
  const key = (e: TextEdit) => `${e.file}\0${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}\0${e.newText}`;
  for (const [file, edits] of preferredEdits(findings)) {
    const text = await textOf(file);
    if (text === undefined) continue;
    const { kept } = selectEdits(text, edits);
    addEdits(edit, kept, metadata);
    for (const e of kept) applied.add(key(e));
    if (kept.length > 0) changedFiles.push(file);
  }
  // Findings, not edits: several findings can share one edit (every missing hook), one can need two.
  const fixed = findings.filter((f) => f.fixes.find((x) => x.isPreferred)?.edits.every((e) => applied.has(key(e)))).length;
  addEdits(edit, creations, { ...metadata, label: 'Create what the standard requires' });
  const unfixed = findings
    .filter((f) => !f.fixes.some((x) => x.isPreferred))
    .map((f) => ({ file: f.file, line: f.range.start.line + 1, code: f.code, message: f.message }));
  const report: ApplyReport = { scope, applied: false, changedFiles, fixed, unfixed, created: creations.map((e) => e.file) };

  if (edit.size > 0) report.applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  for (const u of unfixed) log.info(`not fixed: ${u.file}:${u.line} ${u.code}: ${u.message}`);
  const summary = edit.size === 0
    ? 'Stack Standard: nothing to fix'
    : report.applied
      ? `Stack Standard: applied ${fixed} fix${fixed === 1 ? '' : 'es'} in ${changedFiles.length} file${changedFiles.length === 1 ? '' : 's'}${creations.length ? `, created ${creations.map((e) => path.basename(e.file)).join(', ')}` : ''}`
      : 'Stack Standard: the changes were not applied';
  const rest = unfixed.length > 0 ? `; ${unfixed.length} problem${unfixed.length === 1 ? '' : 's'} need a hand (see the output)` : '';
  log.info(summary + rest);
  void vscode.window.showInformationMessage(summary + rest, ...(unfixed.length > 0 ? ['Show details'] : [])).then((choice) => {
    if (choice) log.show(true);
  });
  return report;
}

/** Serves `stack-standard:/effective/<file>.yaml`, a read-only view of the standard governing `<file>`. */
export class EffectiveStandardProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly manager: DiagnosticsManager) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const file = new URLSearchParams(uri.query).get('for') ?? '';
    const governing = this.manager.resolverFor(file).forFile(file);
    if (governing.errors.length > 0) {
      return `# The standard ${governing.file} is invalid:\n${governing.errors.map((e) => `#   ${e.file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`).join('\n')}\n`;
    }
    return renderStandard(governing.standard);
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

export async function showEffectiveStandard(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const base = active?.scheme === 'file' ? active : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base) {
    void vscode.window.showWarningMessage('Stack Standard: open a folder or a file to see the standard that governs it.');
    return undefined;
  }
  const anchor = active?.scheme === 'file' ? base.fsPath : path.join(base.fsPath, 'requirements.txt');
  const uri = vscode.Uri.from({ scheme: EFFECTIVE_STANDARD_SCHEME, path: '/effective-standard.yaml', query: new URLSearchParams({ for: anchor }).toString() });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'yaml');
  return vscode.window.showTextDocument(doc, { preview: true });
}

export async function createStandardFile(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should stack-standard.yaml go?' });
  if (!folder) {
    void vscode.window.showWarningMessage('Stack Standard: open a folder first.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, 'stack-standard.yaml');
  const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
  if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STANDARD_TEMPLATE));
  await vscode.window.showTextDocument(uri);
  return uri;
}
