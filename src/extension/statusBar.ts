import path = require('node:path');
import vscode = require('vscode');
import type { DiagnosticsManager } from './diagnostics';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The number of deviations in the workspace, or a broken standard file; a click opens the Problems panel. */
export function createStatusBar(diagnostics: DiagnosticsManager): {
  item: vscode.StatusBarItem;
  disposable: vscode.Disposable;
} {
  const item = vscode.window.createStatusBarItem('stackStandard.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Stack Standard';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const n = diagnostics.count();
    const invalid = diagnostics.invalidStandards();
    if (invalid.length > 0) {
      item.text = `$(error) Stack Standard: ${invalid.length === 1 ? 'standard invalid' : `${invalid.length} standards invalid`}`;
      item.tooltip = [
        ...invalid.map(
          (s) =>
            `${path.basename(s.file)} (${s.file}) has ${plural(s.errors, 'error')}; its last valid version stays in force until it is fixed.`,
        ),
        `${plural(n, 'problem')} in the workspace: open the Problems panel.`,
      ].join('\n');
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      item.text = n === 0 ? '$(pass) Stack Standard' : `$(warning) Stack Standard: ${n}`;
      item.tooltip =
        n === 0
          ? 'Nothing deviates from the stack standard'
          : `${plural(n, 'deviation')} from the stack standard: open the Problems panel`;
      item.backgroundColor = undefined;
    }
    item.show();
  };
  update();
  return { item, disposable: vscode.Disposable.from(item, diagnostics.onDidChange(update)) };
}
