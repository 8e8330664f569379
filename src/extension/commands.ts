// The command palette: apply the standard to the workspace or to one file, show the effective standard, scaffold an
// organisation standard file.
import path = require('node:path');
import vscode = require('vscode');
import { decodeFile, findingKey, planFixes, renderStandard, STANDARD_TEMPLATE, type Finding } from '../core';
import { addEdits } from './convert';
import { isGoverned, type DiagnosticsManager } from './diagnostics';
import { EFFECTIVE_STANDARD_SCHEME } from './ids';

export interface ApplyOptions {
  /** Show the refactor preview before applying (default true); tests turn it off. */
  preview?: boolean;
  /** The workspace folders to apply to, by path; without it a multi-root workspace asks, with "All folders" first. */
  folders?: string[];
}

export interface ApplyReport {
  scope: 'file' | 'workspace';
  applied: boolean;
  /** Files the edit changes (not those it creates). */
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

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folders "Apply stack standard" works on: the one folder, those given, or the user's pick (undefined: cancelled). */
async function chooseFolders(options: ApplyOptions): Promise<readonly vscode.WorkspaceFolder[] | undefined> {
  const all = vscode.workspace.workspaceFolders ?? [];
  if (options.folders) return all.filter((f) => options.folders?.some((p) => path.resolve(p) === f.uri.fsPath));
  if (all.length <= 1) return all;
  const items: (vscode.QuickPickItem & { folders: readonly vscode.WorkspaceFolder[] })[] = [
    { label: 'All folders', description: all.map((f) => f.name).join(', '), folders: all },
    ...all.map((f) => ({ label: f.name, description: f.uri.fsPath, folders: [f] })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Apply stack standard',
    placeHolder: 'Which folders should meet the stack standard?',
  });
  return picked?.folders;
}

/** "Apply stack standard": every governed file of the chosen workspace folders, as one edit in the refactor preview. */
export async function applyStandardToWorkspace(
  manager: DiagnosticsManager,
  log: vscode.LogOutputChannel,
  options: ApplyOptions = {},
): Promise<ApplyReport | undefined> {
  const folders = await chooseFolders(options);
  if (!folders || folders.length === 0) return undefined;
  // The scan also finds each repository's own findings (a missing pre-commit config), through the engine's discovery.
  await manager.scanWorkspace(undefined, true);
  const roots = folders.map((f) => f.uri.fsPath);
  const found = [
    ...manager
      .filesWithFindings()
      .filter((file) => roots.some((r) => isInside(file, r)))
      .flatMap((file) => manager.findingsFor(file)),
    ...manager.repositoryFindings(roots),
  ];
  const seen = new Set<string>();
  const findings = found.filter((f) => !seen.has(findingKey(f)) && seen.add(findingKey(f)));
  return apply(findings, 'workspace', log, options);
}

/** "Apply stack standard to this file": the file in the editor (or the one a menu names). */
export async function applyStandardToFile(
  manager: DiagnosticsManager,
  log: vscode.LogOutputChannel,
  uri: vscode.Uri | undefined,
  options: ApplyOptions = {},
): Promise<ApplyReport | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || !isGoverned(target)) {
    void vscode.window.showWarningMessage(
      'Stack Standard: open a file the stack standard governs (a requirements file, pyproject.toml, a Terraform file or .pre-commit-config.yaml).',
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target);
  return apply(manager.analyzeDocumentNow(document), 'file', log, options);
}

async function apply(
  findings: Finding[],
  scope: ApplyReport['scope'],
  log: vscode.LogOutputChannel,
  options: ApplyOptions,
): Promise<ApplyReport> {
  // Fixes can reach other files (a lock's source); every file they touch is read first, so the plan is exact.
  const texts = new Map<string, string | undefined>();
  for (const f of findings)
    for (const e of f.fixes.find((x) => x.isPreferred)?.edits ?? [])
      if (!texts.has(e.file)) texts.set(e.file, await textOf(e.file));
  const plan = planFixes(findings, (file) => texts.get(file));
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: options.preview !== false,
    label: 'Apply stack standard',
  };
  const edit = new vscode.WorkspaceEdit();
  for (const edits of plan.edits.values()) addEdits(edit, edits, metadata);
  const changedFiles = [...plan.edits.keys()].filter((file) => !plan.created.has(file));
  const unfixed = findings
    .filter((f) => !f.fixes.some((x) => x.isPreferred))
    .map((f) => ({ file: f.file, line: f.range.start.line + 1, code: f.code, message: f.message }));
  const report: ApplyReport = {
    scope,
    applied: false,
    changedFiles,
    fixed: plan.fixed.length,
    unfixed,
    created: [...plan.created],
  };

  if (edit.size > 0) report.applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  for (const u of unfixed) log.info(`not fixed: ${u.file}:${u.line} ${u.code}: ${u.message}`);
  const created =
    report.created.length > 0 ? `, created ${report.created.map((f) => path.basename(f)).join(', ')}` : '';
  const summary =
    edit.size === 0
      ? 'Stack Standard: nothing to fix'
      : report.applied
        ? `Stack Standard: applied ${plural(report.fixed, 'fix', 'fixes')} in ${plural(changedFiles.length + report.created.length, 'file')}${created}`
        : 'Stack Standard: the changes were not applied';
  const rest =
    unfixed.length > 0
      ? `; ${plural(unfixed.length, 'problem')} ${unfixed.length === 1 ? 'needs' : 'need'} a hand (see the output)`
      : '';
  log.info(summary + rest);
  void vscode.window
    .showInformationMessage(summary + rest, ...(unfixed.length > 0 ? ['Show details'] : []))
    .then((choice) => {
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
    if (governing.errors.length === 0) return renderStandard(governing.standard);
    const errors = `# The standard ${governing.file} is invalid:\n${governing.errors.map((e) => `#   ${e.file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`).join('\n')}\n`;
    return governing.inForce
      ? `${errors}# Until it is fixed, its last valid version stays in force:\n${renderStandard(governing.inForce)}`
      : errors;
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

export async function showEffectiveStandard(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const base = active?.scheme === 'file' ? active : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base) {
    void vscode.window.showWarningMessage(
      'Stack Standard: open a folder or a file to see the standard that governs it.',
    );
    return undefined;
  }
  const anchor = active?.scheme === 'file' ? base.fsPath : path.join(base.fsPath, 'requirements.txt');
  const uri = vscode.Uri.from({
    scheme: EFFECTIVE_STANDARD_SCHEME,
    path: '/effective-standard.yaml',
    query: new URLSearchParams({ for: anchor }).toString(),
  });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'yaml');
  return vscode.window.showTextDocument(doc, { preview: true });
}

export async function createStandardFile(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length <= 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should stack-standard.yaml go?' });
  if (!folder) {
    void vscode.window.showWarningMessage('Stack Standard: open a folder first.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, 'stack-standard.yaml');
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STANDARD_TEMPLATE));
  await vscode.window.showTextDocument(uri);
  return uri;
}
