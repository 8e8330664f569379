import vscode = require('vscode');
import { Setting, type Settings } from './ids';

/** The settings that apply to `scope` (a file or a workspace folder), with the manifest's defaults. */
export function settingsFor(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(Setting.section, scope);
  return {
    enable: c.get<boolean>(Setting.enable, true),
    standardPath: c.get<string>(Setting.standardPath, ''),
    scanWorkspace: c.get<boolean>(Setting.scanWorkspace, true),
    exclude: c.get<string[]>(Setting.exclude, []),
    severity: c.get<Settings['severity']>(Setting.severity, {}),
    // Window-scoped: asked of a configuration for a resource, VS Code logs a warning on every read (half a
    // millisecond each, for every file a scan analyses).
    trace: vscode.workspace.getConfiguration(Setting.section).get<Settings['trace']>(Setting.trace, 'off'),
  };
}
