import vscode = require('vscode');
import { describeRule } from '../core';
import { isGoverned, type DiagnosticsManager } from './diagnostics';
import { toRange } from './convert';

// A package name, a runtime like python39, a hook id, or a repository URL.
const SUBJECT = /[A-Za-z0-9][A-Za-z0-9._:/@+-]*[A-Za-z0-9]|[A-Za-z0-9]/;

export class RuleHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsManager) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isGoverned(document.uri)) return undefined;
    const wordRange = document.getWordRangeAtPosition(position, SUBJECT);
    if (!wordRange) return undefined;
    const word = document.getText(wordRange);
    const standard = this.diagnostics.resolverFor(document.uri.fsPath).forFile(document.uri.fsPath).inForce;
    if (!standard) return undefined;
    const rule = describeRule(word, standard);
    if (!rule) return undefined;
    const line = wordRange.start.line;
    const here = this.diagnostics
      .findingsFor(document.uri.fsPath)
      .filter((f) => f.range.start.line <= line && f.range.end.line >= line && f.code !== 'parse-error');
    const verdict =
      here.length > 0
        ? here.map((f) => `**Not met** (\`${f.code}\`): ${f.message}`)
        : ['**Met**: nothing here deviates from the standard.'];
    const range = here.length === 1 ? toRange(here[0].range).union(wordRange) : wordRange;
    return new vscode.Hover(new vscode.MarkdownString([...rule, '', ...verdict].join('\n\n')), range);
  }
}
