// Keeps the Problems panel in step with the engine: open documents as they change, the rest of the workspace from
// disk (when `scanWorkspace` is on), standard files' own errors, and the fixes the engine computed for each finding.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  analyze,
  formatFor,
  isStandardFile,
  matchesGlob,
  nodeFileSystem,
  readSource,
  StandardResolver,
  type FileSystem,
  type Finding,
  type Fix,
  type Standard,
} from '../core';
import { settingsFor } from './config';
import { diagnosticKey, toDiagnostic } from './convert';
import { SOURCE } from './ids';

const DEBOUNCE_MS = 250;
/** Files read per turn of the event loop while scanning, so a large workspace never blocks the editor. */
const SCAN_BATCH = 20;
export const GOVERNED_GLOB =
  '**/{*requirements*.txt,constraints*.txt,*.in,pyproject.toml,*.tf,.pre-commit-config.yaml,.pre-commit-config.yml}';
export const STANDARD_GLOB =
  '**/{stack-standard.yaml,stack-standard.yml,stack-standard.json,.stack-standard.yaml,.stack-standard.yml,.vscode/stack-standard.yaml}';
const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.tox/**',
  '**/.nox/**',
  '**/__pycache__/**',
  '**/site-packages/**',
  '**/.terraform/**',
];

function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
}

export function isGoverned(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && (formatFor(uri.fsPath, nodeFileSystem) !== undefined || isStandardFile(uri.fsPath));
}

export class DiagnosticsManager implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('stack-standard');
  /** Every finding analysing a source produced; a finding may belong to another file (an include, a lock's source). */
  private readonly results = new Map<string, Finding[]>();
  /** For each file with findings, the sources that produced them. */
  private readonly targets = new Map<string, Set<string>>();
  private readonly fixes = new Map<string, Map<string, Fix[]>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly resolvers = new Map<string, StandardResolver>();
  /** Each standard file's last clean load, kept across re-checks: a mistake in it leaves this one in force. */
  private readonly lastValid = new Map<string, Standard>();
  /** Standards whose errors were logged, so a broken one is reported once, not for every file it governs. */
  private readonly warned = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** Open documents' text wins over the disk, so unsaved edits (to a standard or an include) count. */
  readonly fs: FileSystem = {
    readFile: (file) => openDocument(file)?.getText() ?? nodeFileSystem.readFile(file),
    // The editor shows unreadable bytes as U+FFFD too, but says not where they were: a saved document that reads
    // the same from disk takes the disk's account of its bytes.
    readDecoded: (file) => {
      const open = openDocument(file);
      if (open?.isDirty) return undefined;
      const disk = nodeFileSystem.readDecoded?.(file);
      return !open || disk?.text === open.getText() ? disk : undefined;
    },
    exists: (file) => nodeFileSystem.exists(file) || openDocument(file) !== undefined,
    listDir: (dir) => nodeFileSystem.listDir?.(dir) ?? [],
  };

  constructor(private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.changed.dispose();
  }

  /** The resolver for `file`'s workspace folder: the `standardPath` setting there overrides discovery. */
  resolverFor(file: string): StandardResolver {
    const uri = vscode.Uri.file(file);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const root = folder?.uri.fsPath ?? path.dirname(file);
    const configured = settingsFor(folder?.uri ?? uri).standardPath;
    const override = configured ? path.resolve(root, configured) : undefined;
    const key = `${root}\0${override ?? ''}`;
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      resolver = new StandardResolver(this.fs, override, folder?.uri.fsPath, this.lastValid);
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  private excluded(uri: vscode.Uri): boolean {
    const settings = settingsFor(uri);
    if (!settings.enable) return true;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
    // The same folders the workspace scan leaves out, for files that reach us through a watcher or an editor.
    return [...DEFAULT_EXCLUDE, ...settings.exclude].some((glob) => matchesGlob(relative, glob));
  }

  /** Re-analyse after the user pauses typing. */
  schedule(uri: vscode.Uri): void {
    if (!isGoverned(uri)) return;
    const file = uri.fsPath;
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.analyzeFile(file);
      }, DEBOUNCE_MS),
    );
  }

  /** Analyse one file now (open document text, else the disk) and publish what changed. */
  analyzeFile(file: string): void {
    const uri = vscode.Uri.file(file);
    if (this.excluded(uri)) {
      this.setResults(file, []);
      return;
    }
    if (isStandardFile(file)) {
      this.analyzeStandard(file);
      if (!formatFor(file)) return;
    }
    const source = readSource(this.fs, file);
    if (source === undefined) {
      this.setResults(file, []);
      return;
    }
    const started = Date.now();
    const governing = this.resolverFor(file).forFile(file);
    // A broken standard shows why on itself (or, when it is missing, in the log); its last clean version stays in force.
    if (governing.errors.length > 0 && !this.warned.has(governing.file)) {
      this.warned.add(governing.file);
      const fallback = governing.inForce
        ? 'its last valid version stays in force'
        : 'files it governs are not checked until it is fixed';
      this.log.warn(
        `the standard ${governing.file} cannot be used (${fallback}): ${governing.errors.map((e) => e.message).join('; ')}`,
      );
    }
    const findings = governing.inForce ? analyze(source, { standard: governing.inForce, fs: this.fs }) : [];
    const line = `analysed ${file} in ${Date.now() - started} ms: ${findings.length} findings (standard: ${governing.file})`;
    if (settingsFor(uri).trace === 'verbose') this.log.info(line);
    else this.log.trace(line);
    this.setResults(file, findings);
  }

  /** Analyse a document's current text right away and return the findings that belong to it. */
  analyzeDocumentNow(document: vscode.TextDocument): Finding[] {
    const file = document.uri.fsPath;
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
    this.analyzeFile(file);
    return (this.results.get(file) ?? []).filter((f) => f.file === file);
  }

  private analyzeStandard(file: string): void {
    const resolver = this.resolverFor(file);
    resolver.clear();
    const { errors } = resolver.load(file);
    this.setResults(`${file}\0standard`, errors);
  }

  /** A standard changed: forget loaded standards and re-check every file they may govern, a batch per turn. */
  async refreshAll(): Promise<void> {
    for (const r of this.resolvers.values()) r.clear();
    this.resolvers.clear();
    this.warned.clear();
    const files = [...new Set([...this.results.keys()].map((source) => source.split('\0')[0]))];
    for (let i = 0; i < files.length; i += SCAN_BATCH) {
      for (const file of files.slice(i, i + SCAN_BATCH)) {
        if (this.fs.exists(file)) this.analyzeFile(file);
        else this.remove(file);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  remove(file: string): void {
    this.setResults(file, []);
    this.setResults(`${file}\0standard`, []);
    this.results.delete(file);
    this.results.delete(`${file}\0standard`);
  }

  /** Analyse every governed file in the workspace, a batch per event-loop turn; `force` ignores `scanWorkspace`. */
  async scanWorkspace(token?: vscode.CancellationToken, force = false): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = settingsFor(folder.uri);
      if (!settings.enable || (!settings.scanWorkspace && !force)) continue;
      const exclude = `{${[...DEFAULT_EXCLUDE, ...settings.exclude].join(',')}}`;
      const found = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, GOVERNED_GLOB),
        exclude,
        undefined,
        token,
      );
      const standards = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, STANDARD_GLOB),
        exclude,
        undefined,
        token,
      );
      const files = [...standards, ...found].map((u) => u.fsPath);
      const started = Date.now();
      for (let i = 0; i < files.length; i += SCAN_BATCH) {
        if (token?.isCancellationRequested) return;
        for (const file of files.slice(i, i + SCAN_BATCH)) this.analyzeFile(file);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const line = `scanned ${files.length} files in ${folder.name} in ${Date.now() - started} ms`;
      if (settings.trace === 'off') this.log.trace(line);
      else this.log.info(line);
    }
  }

  private setResults(source: string, findings: Finding[]): void {
    const before = new Set((this.results.get(source) ?? []).map((f) => f.file));
    this.results.set(source, findings);
    const touched = new Set([...before, ...findings.map((f) => f.file)]);
    for (const target of touched) {
      const sources = this.targets.get(target) ?? new Set<string>();
      if (findings.some((f) => f.file === target)) sources.add(source);
      else sources.delete(source);
      this.targets.set(target, sources);
      this.publish(target);
      // A file nothing reports on any more is forgotten, so the maps do not grow with every file ever seen.
      if (sources.size === 0) {
        this.targets.delete(target);
        this.fixes.delete(target);
      }
    }
    this.changed.fire();
  }

  private publish(target: string): void {
    const uri = vscode.Uri.file(target);
    const overrides = settingsFor(uri).severity;
    const diagnostics: vscode.Diagnostic[] = [];
    const fixes = new Map<string, Fix[]>();
    for (const source of this.targets.get(target) ?? []) {
      for (const f of this.results.get(source) ?? []) {
        if (f.file !== target) continue;
        const key = diagnosticKey(f.code, f.range, f.message);
        if (fixes.has(key)) continue;
        const d = toDiagnostic(f, overrides);
        if (!d) continue;
        diagnostics.push(d);
        fixes.set(key, f.fixes);
      }
    }
    this.fixes.set(target, fixes);
    this.collection.set(uri, diagnostics);
  }

  /** The engine's fixes for one of our diagnostics. */
  fixesFor(uri: vscode.Uri, d: vscode.Diagnostic): Fix[] {
    if (d.source !== SOURCE) return [];
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    return this.fixes.get(uri.fsPath)?.get(diagnosticKey(code, d.range, d.message)) ?? [];
  }

  /** Every finding currently shown for `file`. */
  findingsFor(file: string): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const source of this.targets.get(file) ?? []) {
      for (const f of this.results.get(source) ?? []) {
        const key = diagnosticKey(f.code, f.range, f.message);
        if (f.file === file && !seen.has(key)) {
          seen.add(key);
          out.push(f);
        }
      }
    }
    return out;
  }

  /** Standard files whose own errors are showing, with how many. */
  invalidStandards(): { file: string; errors: number }[] {
    const out: { file: string; errors: number }[] = [];
    for (const [source, findings] of this.results) {
      if (source.endsWith('\0standard') && findings.length > 0)
        out.push({ file: source.slice(0, -'\0standard'.length), errors: findings.length });
    }
    return out;
  }

  /** How many diagnostics the workspace shows. */
  count(): number {
    let n = 0;
    this.collection.forEach((_uri, diagnostics) => {
      n += diagnostics.length;
    });
    return n;
  }

  /** Files with findings, for the workspace-wide fix. */
  filesWithFindings(): string[] {
    return [...this.targets].filter(([, sources]) => sources.size > 0).map(([file]) => file);
  }
}
