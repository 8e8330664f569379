import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';

/** The number of deviations in the workspace; a click opens the Problems panel. */
export function createStatusBar(diagnostics: DiagnosticsManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('stackStandard.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Stack Standard';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const n = diagnostics.count();
    item.text = n === 0 ? '$(pass) Stack Standard' : `$(warning) Stack Standard: ${n}`;
    item.tooltip = n === 0 ? 'Nothing deviates from the stack standard' : `${n} deviation${n === 1 ? '' : 's'} from the stack standard: open the Problems panel`;
    item.show();
  };
  update();
  return vscode.Disposable.from(item, diagnostics.onDidChange(update));
}
