// Quick fixes straight from the fixes the engine computed while diagnosing, "fix all" for a file (also as
// `source.fixAll.stackStandard` for codeActionsOnSave), and suppression comments the engine honours.
import vscode = require('vscode');
import { planFixes, stripBom, type Finding } from '../core';
import { addEdits, fixToEdit } from './convert';
import { isGoverned, type DiagnosticsManager } from './diagnostics';
import { FIX_ALL_KIND, SOURCE } from './ids';

export const FIX_ALL = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

/**
 * The preferred fixes of `findings` as one edit, overlapping ones left for a later run. Fixes may reach other files
 * (a lock's source): their text comes from `readText`, so VS Code never gets overlapping edits.
 */
export function fixAllEdit(
  document: vscode.TextDocument,
  findings: readonly Finding[],
  readText: (file: string) => string | undefined,
): { edit: vscode.WorkspaceEdit; applied: number } {
  const read = (file: string) => {
    const text = file === document.uri.fsPath ? document.getText() : readText(file);
    return text === undefined ? undefined : stripBom(text);
  };
  const plan = planFixes(findings, read);
  const edit = new vscode.WorkspaceEdit();
  for (const edits of plan.edits.values()) addEdits(edit, edits);
  return { edit, applied: plan.fixed.length };
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `# stack-standard: ignore[code]` at the end of the line, or on its own line above a `\` continuation. */
function suppressLine(document: vscode.TextDocument, diagnosticLine: number, code: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  // Inside a continued requirement a comment line would end it: the comment goes above its first line.
  let line = diagnosticLine;
  while (line > 0 && /\\\s*$/.test(document.lineAt(line - 1).text)) line--;
  const text = document.lineAt(line).text;
  const existing = /stack-standard:\s*ignore\[([^\]]*)\]/.exec(text);
  if (existing) {
    const at = existing.index + existing[0].length - 1;
    edit.insert(document.uri, new vscode.Position(line, at), `, ${code}`);
  } else if (/\\\s*$/.test(text) || line !== diagnosticLine) {
    const indent = /^\s*/.exec(text)?.[0] ?? '';
    edit.insert(
      document.uri,
      new vscode.Position(line, 0),
      `${indent}# stack-standard: ignore-next-line[${code}]${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`,
    );
  } else {
    edit.insert(document.uri, new vscode.Position(line, text.length), `  # stack-standard: ignore[${code}]`);
  }
  return edit;
}

function suppressFile(document: vscode.TextDocument, code: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  edit.insert(document.uri, new vscode.Position(0, 0), `# stack-standard: ignore-file[${code}]${eol}`);
  return edit;
}

export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL],
  };

  constructor(private readonly diagnostics: DiagnosticsManager) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const only = context.only;
    if (only && (FIX_ALL.contains(only) || only.contains(FIX_ALL)) && !only.contains(vscode.CodeActionKind.QuickFix)) {
      return this.fixAll(document, FIX_ALL);
    }
    if (only && !vscode.CodeActionKind.QuickFix.contains(only) && !only.contains(vscode.CodeActionKind.QuickFix))
      return [];
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    for (const d of ours) {
      for (const fix of this.diagnostics.fixesFor(document.uri, d)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = fixToEdit(fix);
        action.diagnostics = [d];
        action.isPreferred = fix.isPreferred === true;
        actions.push(action);
      }
    }
    for (const d of ours) {
      const code = codeOf(d);
      // A comment in a file cannot silence what is about the standard file or the repository as a whole.
      if (code === 'standard-invalid' || code === 'precommit-config-missing') continue;
      const line = new vscode.CodeAction(`Ignore ${code} on this line`, vscode.CodeActionKind.QuickFix);
      line.edit = suppressLine(document, d.range.start.line, code);
      line.diagnostics = [d];
      const file = new vscode.CodeAction(`Ignore ${code} in this file`, vscode.CodeActionKind.QuickFix);
      file.edit = suppressFile(document, code);
      file.diagnostics = [d];
      actions.push(line, file);
    }
    if (ours.some((d) => this.diagnostics.fixesFor(document.uri, d).some((f) => f.isPreferred))) {
      // The menu uses the findings on screen: re-analysing here would republish them and make VS Code ask again.
      actions.push(
        ...this.fixAll(document, vscode.CodeActionKind.QuickFix, this.diagnostics.findingsFor(document.uri.fsPath)),
      );
    }
    return actions;
  }

  /** On save the last debounced analysis may be a keystroke old, so `source.fixAll` analyses the text as it is now. */
  private fixAll(
    document: vscode.TextDocument,
    kind: vscode.CodeActionKind,
    findings?: Finding[],
  ): vscode.CodeAction[] {
    if (!isGoverned(document.uri)) return [];
    const { edit, applied } = fixAllEdit(document, findings ?? this.diagnostics.analyzeDocumentNow(document), (file) =>
      this.diagnostics.fs.readFile(file),
    );
    if (applied === 0) return [];
    const action = new vscode.CodeAction('Fix all Stack Standard problems in this file', kind);
    action.edit = edit;
    return [action];
  }
}
