// Translations between the engine's plain data and VS Code's classes. Paths are file-system paths on both sides.
import vscode = require('vscode');
import { DOCS_URL, type Finding, type Fix, type Range, type Severity, type TextEdit } from '../core';
import { SOURCE, type SeverityOverride } from './ids';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity | Exclude<SeverityOverride, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The diagnostic for a finding, or undefined when the user's severity setting turns its code off. */
export function toDiagnostic(f: Finding, overrides: Record<string, SeverityOverride>): vscode.Diagnostic | undefined {
  const override = overrides[f.code];
  if (override === 'off') return undefined;
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[override ?? f.severity]);
  d.source = SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(`${DOCS_URL}#${f.code}`) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(r.location.file), toRange(r.location.range)),
          r.message,
        ),
    );
  }
  return d;
}

export function addEdits(
  edit: vscode.WorkspaceEdit,
  edits: readonly TextEdit[],
  metadata?: vscode.WorkspaceEditEntryMetadata,
): void {
  for (const e of edits) {
    const uri = vscode.Uri.file(e.file);
    if (e.create) {
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(e.newText) }, metadata);
    } else {
      edit.replace(uri, toRange(e.range), e.newText, metadata);
    }
  }
}

export function fixToEdit(fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  addEdits(edit, fix.edits);
  return edit;
}
