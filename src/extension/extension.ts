import path = require('node:path');
import vscode = require('vscode');
import { GOVERNED_GLOB, isStandardFile, PRECOMMIT_CONFIGS, STANDARD_GLOB } from '../core';
import { FixProvider } from './codeActions';
import { settingsFor } from './config';
import {
  applyStandardToFile,
  applyStandardToWorkspace,
  createStandardFile,
  EffectiveStandardProvider,
  showEffectiveStandard,
  type ApplyOptions,
} from './commands';
import { DiagnosticsManager, IGNORE_GLOB, isGoverned, type ScanReport } from './diagnostics';
import { RuleHoverProvider } from './hover';
import { CommandId, EFFECTIVE_STANDARD_SCHEME, GOVERNED_FILES_CONTEXT, Setting } from './ids';
import { createStatusBar } from './statusBar';
import { eventLoopProbe, type Stalls } from './timing';

const SELECTOR: vscode.DocumentSelector = { scheme: 'file' };

/** Set (to anything) by the host tests: the report of the first scan then says how long the event loop stalled. */
export const EVENT_LOOP_PROBE = 'STACK_STANDARD_EVENT_LOOP_PROBE';

/** The first scan's report; with the probe, how long the extension host's event loop stalled while it ran. */
export type FirstScan = ScanReport & Partial<Stalls>;

/** What the extension gives its tests and other extensions. */
export interface StackStandardApi {
  diagnostics: DiagnosticsManager;
  /** Resolves when the first scan of the workspace has finished. */
  ready: Promise<void>;
  /** What the first scan did; undefined when it failed. */
  firstScan: Promise<FirstScan | undefined>;
  activationMs: number;
  /** The status bar item, so tests can read what it says. */
  statusBar: vscode.StatusBarItem;
  /** The extension's log folder, beside the extension host's own log, so tests can read what the host said of it. */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): StackStandardApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Stack Standard', { log: true });
  const diagnostics = new DiagnosticsManager(log);
  const effective = new EffectiveStandardProvider(diagnostics);
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      for (const d of vscode.workspace.textDocuments)
        if (d.uri.scheme === EFFECTIVE_STANDARD_SCHEME) effective.refresh(d.uri);
      diagnostics
        .refreshAll()
        .then(() => diagnostics.scanWorkspace())
        .catch((e: unknown) => log.error(`refresh failed: ${String(e)}`));
    }, 300);
  };
  context.subscriptions.push(log, diagnostics, { dispose: () => clearTimeout(refreshTimer) });

  // Open documents: analysed as they open and change; closed ones fall back to the disk (or go, without scanning).
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => diagnostics.schedule(d.uri, false)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      diagnostics.schedule(e.document.uri);
      if (isStandardFile(e.document.uri.fsPath)) refreshSoon();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (!isGoverned(d.uri)) return;
      if (settingsFor(d.uri).scanWorkspace) diagnostics.fromDisk(d.uri.fsPath);
      else diagnostics.remove(d.uri.fsPath);
    }),
  );

  // Files on disk: kept fresh by watchers, through the same discovery as the scan (skipped folders, .gitignore, the
  // standard's exclude); a standard file or a .gitignore changing re-checks everything it may govern. A pre-commit
  // config created or deleted changes what its repository lacks.
  const governed = vscode.workspace.createFileSystemWatcher(GOVERNED_GLOB);
  // Every path: a folder may come as one event without events for the files in it, and a file of no kind may be an
  // include of one.
  const paths = vscode.workspace.createFileSystemWatcher('**');
  const standards = vscode.workspace.createFileSystemWatcher(STANDARD_GLOB);
  const ignores = vscode.workspace.createFileSystemWatcher(IGNORE_GLOB);
  const repositoryOf = (uri: vscode.Uri) => {
    if (PRECOMMIT_CONFIGS.includes(path.basename(uri.fsPath))) diagnostics.recheckRepository(path.dirname(uri.fsPath));
  };
  const fromDisk = (uri: vscode.Uri) => {
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (!open && settingsFor(uri).scanWorkspace) diagnostics.fromDisk(uri.fsPath);
    repositoryOf(uri);
  };
  context.subscriptions.push(
    governed,
    standards,
    ignores,
    paths,
    paths.onDidCreate((uri) => diagnostics.pathChanged(uri.fsPath, 'created')),
    paths.onDidChange((uri) => diagnostics.pathChanged(uri.fsPath, 'changed')),
    paths.onDidDelete((uri) => diagnostics.pathChanged(uri.fsPath, 'deleted')),
    governed.onDidCreate(fromDisk),
    governed.onDidChange(fromDisk),
    governed.onDidDelete((uri) => {
      diagnostics.deleted(uri.fsPath);
      repositoryOf(uri);
    }),
    ignores.onDidCreate(refreshSoon),
    ignores.onDidChange(refreshSoon),
    ignores.onDidDelete(refreshSoon),
    standards.onDidCreate(refreshSoon),
    standards.onDidChange(refreshSoon),
    standards.onDidDelete((uri) => {
      diagnostics.remove(uri.fsPath);
      refreshSoon();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(Setting.section)) refreshSoon();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(refreshSoon),
  );

  // Quick fixes, fix-all (also on save), hover, the effective standard, the status bar.
  const statusBar = createStatusBar(diagnostics);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(diagnostics), FixProvider.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new RuleHoverProvider(diagnostics)),
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_STANDARD_SCHEME, effective),
    statusBar.disposable,
  );

  // The command palette, and the file-scoped command in the editor's title bar and context menu, shown (through a
  // context key listing open governed documents) only for a file the extension checks. A menu passes the file's URI.
  const governedContext = () => {
    const paths = vscode.workspace.textDocuments.filter((d) => isGoverned(d.uri)).map((d) => d.uri.fsPath);
    void vscode.commands.executeCommand('setContext', GOVERNED_FILES_CONTEXT, paths);
  };
  governedContext();
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(governedContext),
    vscode.workspace.onDidCloseTextDocument(governedContext),
    vscode.commands.registerCommand(CommandId.applyStandard, (options?: ApplyOptions) =>
      applyStandardToWorkspace(diagnostics, log, options),
    ),
    vscode.commands.registerCommand(
      CommandId.applyStandardToFile,
      (target?: vscode.Uri | ApplyOptions, options?: ApplyOptions) =>
        target instanceof vscode.Uri
          ? applyStandardToFile(diagnostics, log, target, options)
          : applyStandardToFile(diagnostics, log, undefined, target),
    ),
    vscode.commands.registerCommand(CommandId.showEffectiveStandard, showEffectiveStandard),
    vscode.commands.registerCommand(CommandId.createStandardFile, createStandardFile),
  );

  // Heavy work waits: documents already open are analysed on the next turn, the workspace scan after that.
  const firstScan = new Promise<FirstScan | undefined>((resolve) => {
    setTimeout(() => {
      const probe = process.env[EVENT_LOOP_PROBE] ? eventLoopProbe() : undefined;
      for (const d of vscode.workspace.textDocuments) if (isGoverned(d.uri)) diagnostics.analyzeFile(d.uri.fsPath);
      diagnostics.scanWorkspace().then(
        (report) => resolve({ ...report, ...probe?.stop() }),
        (e: unknown) => {
          probe?.stop();
          log.error(`workspace scan failed: ${String(e)}`);
          resolve(undefined);
        },
      );
    }, 0);
  });
  const ready = firstScan.then(() => undefined);

  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { diagnostics, ready, firstScan, activationMs, statusBar: statusBar.item, logUri: context.logUri };
}

export function deactivate(): void {}
