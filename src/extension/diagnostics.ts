// Keeps the Problems panel in step with the engine: open documents as they change, the rest of the workspace from
// disk (when `scanWorkspace` is on), standard files' own errors, and the fixes the engine computed for each finding.
import path = require('node:path');
import vscode = require('vscode');
import {
  BUILTIN_NAME,
  examine,
  checkRepository,
  findingKey,
  formatFor,
  groupRepositories,
  isDiscovered,
  isStandardFile,
  judgeStandard,
  matchesGlob,
  nodeFileSystem,
  PRECOMMIT_CONFIG,
  readSource,
  Readings,
  relativePath,
  StandardResolver,
  walk,
  type Discovery,
  type DiscoveryOptions,
  type FileSystem,
  type Fact,
  type Finding,
  type Fix,
  type Standard,
} from '../core';
import { settingsFor } from './config';
import { toDiagnostic } from './convert';
import { SOURCE } from './ids';
import { analysisDelay, timeSlices, type SliceStats } from './timing';

/** Files whose change changes what the scan finds. */
export const IGNORE_GLOB = '**/.gitignore';
/** How long paths created or deleted on disk gather before they are looked at together (a checkout brings thousands). */
const SETTLE_MS = 100;

/** What a workspace scan did, for the log and the host tests; its slices say how it shared the event loop. */
export interface ScanReport extends SliceStats {
  /** Workspace folders walked: one walk each. */
  walks: number;
  /** Files analysed: the governed files the walks found, and standard files. */
  files: number;
  /** Of them, the large ones analysed after all the others. */
  large: number;
  ms: number;
}

/** What a scan knows of a file from its walk: the nearest standard file (undefined: none, the built-in standard). */
interface Scanned {
  standardFile: string | undefined;
  /** Met by a scan's first pass, which leaves a large file to its second. */
  firstPass?: boolean;
}

// A scan analyses files of more characters than this after all the others: their diagnostics come last instead of
// holding back those of many small files, and the code that reads them has been warmed by the small ones (a
// 5,000-line lock held the host for 13–45 ms first in a scan, under 10 ms last).
const LARGE_FILE = 100_000;

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Where a repository's findings show: a file of it that exists, since the missing config itself cannot show one. */
interface RepositoryState {
  hasPython: boolean;
  /** The repository's pyproject.toml at its root, else its first governed file in path order. */
  anchor: string;
  /** The workspace folders whose scan found it. */
  folders: string[];
  /** Its governed files: their facts are what its rules compare. */
  files: Set<string>;
}

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
  /** The pending analysis of each file, and whether the files that read it are judged again after it. */
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; readers: boolean }>();
  /** What each file's last analysis cost, in milliseconds. */
  private readonly costs = new Map<string, number>();
  private readonly resolvers = new Map<string, StandardResolver>();
  /** Each standard file's last clean load, kept across re-checks: a mistake in it leaves this one in force. */
  private readonly lastValid = new Map<string, Standard>();
  /** Standards whose errors were logged, so a broken one is reported once, not for every file it governs. */
  private readonly warned = new Set<string>();
  /** What was amiss with the built-in standard and is logged, once a session. */
  private readonly noted = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** How many diagnostics each file shows, and in all: the status bar asks after every file a scan analyses. */
  private readonly shown = new Map<string, number>();
  private total = 0;
  /** Standard files whose own errors are showing, with how many. */
  private readonly standardErrors = new Map<string, number>();
  readonly onDidChange = this.changed.event;

  /** For each file an analysis read besides its own (an include, a lock's manifest), the files whose analysis read it. */
  private readonly readers = new Map<string, Set<string>>();
  /** What each file's last analysis read besides itself, so that its entries in `readers` can be replaced. */
  private readonly reads = new Map<string, Set<string>>();
  /** The files the analysis under way has read. */
  private reading: Set<string> | undefined;
  /** What included files read into, one version of each: every file that includes one reads it anew, but not into facts. */
  private readonly readings = new Readings(false);

  /** Open documents' text wins over the disk, so unsaved edits (to a standard or an include) count. */
  readonly fs: FileSystem = {
    readFile: (file) => {
      this.reading?.add(file);
      return openDocument(file)?.getText() ?? nodeFileSystem.readFile(file);
    },
    // The editor shows unreadable bytes as U+FFFD too, but says not where they were: a saved document that reads
    // the same from disk takes the disk's account of its bytes.
    readDecoded: (file) => {
      this.reading?.add(file);
      const open = openDocument(file);
      if (open?.isDirty) return undefined;
      const disk = nodeFileSystem.readDecoded?.(file);
      return !open || disk?.text === open.getText() ? disk : undefined;
    },
    exists: (file) => nodeFileSystem.exists(file) || openDocument(file) !== undefined,
    contains: (file, marker) => {
      const open = openDocument(file);
      return open ? open.getText().includes(marker) : (nodeFileSystem.contains?.(file, marker) ?? false);
    },
    listDir: (dir) => nodeFileSystem.listDir?.(dir) ?? [],
    readDir: (dir) => nodeFileSystem.readDir?.(dir),
  };
  /** Per workspace folder, the files its last scan found. */
  private readonly scanned = new Map<string, Set<string>>();
  /** Per repository root, what its last scan found. */
  private readonly repositories = new Map<string, RepositoryState>();
  /** The Python facts of each file analysed that states some, for the rules that compare a repository's files. */
  private readonly facts = new Map<string, readonly Fact[]>();
  /** How many workspace scans are running. */
  private scanning = 0;
  /** How many times a scan has walked a workspace folder since the extension started. */
  private walked = 0;
  /** Paths created and deleted on disk, gathering until `settling` fires. */
  private readonly created = new Set<string>();
  private readonly gone = new Set<string>();
  private settling: NodeJS.Timeout | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    clearTimeout(this.settling);
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

  /** Whether the user's settings leave the file out: the extension off, or the exclude setting names it. */
  private excluded(uri: vscode.Uri): boolean {
    const settings = settingsFor(uri);
    if (!settings.enable) return true;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
    return settings.exclude.some((glob) => matchesGlob(relative, glob));
  }

  /** How a scan of `folder` walks: the folder's standards, and its exclude setting (a `dir/**` glob prunes `dir`). */
  private walkOptions(folder: vscode.WorkspaceFolder): DiscoveryOptions {
    const root = folder.uri.fsPath;
    const globs = settingsFor(folder.uri).exclude;
    return {
      fs: this.fs,
      standards: this.resolverFor(path.join(root, PRECOMMIT_CONFIG)),
      exclude: (file, isFolder) => {
        const relative = path.relative(root, file);
        return isFolder
          ? globs.some((glob) => glob.endsWith('/**') && matchesGlob(relative, glob.slice(0, -3)))
          : globs.some((glob) => matchesGlob(relative, glob));
      },
    };
  }

  /**
   * A file changed on disk, or closed in the editor: analysed from disk when the scan would find it (not ignored, not
   * excluded, not in a skipped folder), else forgotten. An open document is always analysed.
   */
  fromDisk(file: string): void {
    const uri = vscode.Uri.file(file);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (openDocument(file) || !folder) this.analyzeFile(file);
    else {
      const scanned = this.scanned.get(folder.uri.fsPath) ?? new Set<string>();
      if (scanned.has(file) || isDiscovered(file, folder.uri.fsPath, this.walkOptions(folder))) {
        this.scanned.set(folder.uri.fsPath, scanned.add(file));
        this.analyzeFile(file);
      } else this.remove(file);
    }
    this.rejudgeReaders(file);
  }

  /** A file was deleted on disk: it shows nothing, and the files whose analysis read it are judged again. */
  deleted(file: string): void {
    this.remove(file);
    this.rejudgeReaders(file);
  }

  /**
   * Any path created, changed or deleted on disk. A file no watcher of a kind follows may be read by one that is (an
   * include): the files that read it are judged again. A folder created or deleted at once (a checkout, a copy,
   * `rm -r`) may come as one event for the folder alone, none for the files in it: a moment later, together, the
   * files the scan would find in each new folder are analysed, and those analysed inside a deleted one are forgotten.
   */
  pathChanged(file: string, change: 'created' | 'changed' | 'deleted'): void {
    if (change === 'changed') {
      this.rejudgeReaders(file);
      return;
    }
    (change === 'created' ? this.created : this.gone).add(file);
    this.settling ??= setTimeout(() => {
      this.settling = undefined;
      this.settle().catch((e: unknown) => this.log.error(`looking at created and deleted paths failed: ${String(e)}`));
    }, SETTLE_MS);
  }

  private async settle(): Promise<void> {
    // Outermost first: a folder inside another new one is walked with it.
    const created = [...this.created].sort((a, b) => a.length - b.length);
    const gone = new Set(this.gone);
    this.created.clear();
    this.gone.clear();
    const within = (file: string) => {
      for (let d = file; !gone.has(d); d = path.dirname(d)) if (path.dirname(d) === d) return false;
      return true;
    };
    const { pause } = timeSlices();
    const touched = new Set<string>();
    this.scanning++;
    try {
      if (gone.size > 0)
        for (const file of new Set([...this.costs.keys(), ...this.readers.keys()])) {
          if (!within(file) || nodeFileSystem.exists(file)) continue;
          const root = this.innermostRepository(file);
          if (root !== undefined && this.facts.has(file)) touched.add(root);
          if (this.costs.has(file)) this.remove(file);
          this.rejudgeReaders(file);
        }
      for (const file of created) this.rejudgeReaders(file);
      const walked: string[] = [];
      for (const dir of created) {
        await pause();
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
        if (!folder || walked.some((w) => isInside(dir, w)) || nodeFileSystem.readDir?.(dir) === undefined) continue;
        const settings = settingsFor(folder.uri);
        const options = this.walkOptions(folder);
        if (!settings.enable || !settings.scanWorkspace || !isDiscovered(dir, folder.uri.fsPath, options)) continue;
        walked.push(dir);
        const steps = walk(dir, options);
        let step = steps.next();
        while (!step.done) {
          await pause();
          step = steps.next();
        }
        const scanned = this.scanned.get(folder.uri.fsPath) ?? new Set<string>();
        this.scanned.set(folder.uri.fsPath, scanned);
        for (const file of [...step.value.standards, ...step.value.files.map((f) => f.path)]) {
          // What a watcher of its kind reported is done.
          if (this.costs.has(file)) continue;
          await pause();
          scanned.add(file);
          this.analyzeFile(file);
          const root = this.repositoryOf(file);
          if (root !== undefined) touched.add(root);
        }
      }
    } finally {
      this.scanning--;
    }
    // Each repository that files joined or left is judged once, with all of them.
    for (const root of touched) {
      await pause();
      this.recheckRepository(root);
    }
  }

  /**
   * The files whose last analysis read `file` (it includes them, or it is the manifest of their lock) are judged again
   * after it changed, each after its own delay; their own readers are not, since an analysis reads what it includes
   * to the end of the chain.
   */
  private rejudgeReaders(file: string): void {
    for (const reader of this.readers.get(file) ?? []) this.debounce(reader, false);
  }

  /**
   * Re-analyse after the user pauses typing. A document just opened (`changed` false) says nothing new to the files
   * that read it; a changed one may be read by others, even when it is not governed itself (an include).
   */
  schedule(uri: vscode.Uri, changed = true): void {
    if (uri.scheme !== 'file') return;
    if (isGoverned(uri)) this.debounce(uri.fsPath, changed);
    else if (changed) this.rejudgeReaders(uri.fsPath);
  }

  /** Analyse `file` once no change to it has come for a while, then (with `readers`) the files that read it. */
  private debounce(file: string, readers: boolean): void {
    const pending = this.timers.get(file);
    clearTimeout(pending?.timer);
    const timer = setTimeout(() => {
      this.timers.delete(file);
      this.analyzeFile(file);
      if (readers || pending?.readers) this.rejudgeReaders(file);
    }, this.delayFor(file));
    this.timers.set(file, { timer, readers: readers || (pending?.readers ?? false) });
  }

  /** How long after its last change `file` is analysed: longer for a file whose last analysis took longer. */
  delayFor(file: string): number {
    return analysisDelay(this.costs.get(file));
  }

  /**
   * Analyse one file now (open document text, else the disk) and publish what changed; what it cost sets the delay
   * after its next change. A scan passes what its walk knows, and keeps the standards it has loaded.
   */
  analyzeFile(file: string, scanned?: Scanned): boolean {
    const started = performance.now();
    const done = this.analyze(file, scanned);
    if (done) this.costs.set(file, performance.now() - started);
    return done;
  }

  /** False for a large file a scan's first pass leaves to its second. */
  private analyze(file: string, scanned: Scanned | undefined): boolean {
    const uri = vscode.Uri.file(file);
    if (this.excluded(uri)) {
      this.setResults(file, []);
      return true;
    }
    if (isStandardFile(file)) {
      this.analyzeStandard(file, scanned === undefined);
      if (!formatFor(file)) return true;
    }
    const source = readSource(this.fs, file);
    if (source === undefined) {
      this.setResults(file, []);
      return true;
    }
    if (scanned?.firstPass && source.text.length > LARGE_FILE && !isStandardFile(file)) return false;
    const started = Date.now();
    const resolver = this.resolverFor(file);
    const governing = scanned ? resolver.forNearest(scanned.standardFile) : resolver.forFile(file);
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
    if (governing.inForce) this.noteBuiltin(governing.inForce);
    const read = (this.reading = new Set());
    let examined: ReturnType<typeof examine>;
    try {
      examined = governing.inForce
        ? examine(source, { standard: governing.inForce, fs: this.fs, readings: this.readings })
        : { facts: [], findings: [] };
    } finally {
      this.reading = undefined;
    }
    this.recordReads(file, read);
    const { facts, findings } = examined;
    const line = `analysed ${file} in ${Date.now() - started} ms: ${findings.length} findings (standard: ${governing.file})`;
    if (settingsFor(uri).trace === 'verbose') this.log.info(line);
    else this.log.trace(line);
    for (const f of findings)
      if (f.trace !== undefined) this.log.error(`internal error at ${f.file}:${f.range.start.line + 1}: ${f.trace}`);
    this.setResults(file, findings);
    const before = this.facts.get(file) ?? [];
    // The repository's rules compare Python facts only; the rest (every requirement of a lock) is not kept.
    const python = facts.filter((f) => f.kind === 'python');
    if (python.length > 0) this.facts.set(file, python);
    else this.facts.delete(file);
    // Its repository's rules compare its Python facts with the other files': re-judge them when it has some (a scan
    // judges every repository once at its end).
    if (this.scanning > 0 || (before.length === 0 && python.length === 0)) return true;
    this.rejudgeRepositoryOf(file);
    return true;
  }

  /** Analyse a document's current text right away and return the findings that belong to it. */
  analyzeDocumentNow(document: vscode.TextDocument): Finding[] {
    const file = document.uri.fsPath;
    clearTimeout(this.timers.get(file)?.timer);
    this.timers.delete(file);
    this.analyzeFile(file);
    return (this.results.get(file) ?? []).filter((f) => f.file === file);
  }

  /**
   * A standard file's own findings: its errors, else the versions it sets that are past or near their end of life.
   * After a change (`changed`) every standard is loaded anew, since others may extend this one; a scan keeps them.
   */
  private analyzeStandard(file: string, changed: boolean): void {
    const resolver = this.resolverFor(file);
    if (changed) resolver.clear();
    const { errors, standard } = resolver.load(file);
    const own = errors.length > 0 ? [] : judgeStandard(standard).filter((f) => f.file !== BUILTIN_NAME);
    this.setResults(`${file}\0standard`, [...errors, ...own]);
  }

  /** The built-in standard has no file to show its findings on: they go to the log, once each. */
  private noteBuiltin(standard: Standard): void {
    for (const f of judgeStandard(standard))
      if (f.file === BUILTIN_NAME && !this.noted.has(f.message)) {
        this.noted.add(f.message);
        this.log.warn(`${f.message}; a stack-standard.yaml can set newer versions (python: { minimum, runtime })`);
      }
  }

  /**
   * A standard or a setting changed: forget loaded standards and re-check the files they may govern, in time-boxed
   * slices. Files a workspace scan covers are left to it (the next scan decides whether they are still checked).
   */
  async refreshAll(): Promise<void> {
    for (const r of this.resolvers.values()) r.clear();
    this.resolvers.clear();
    this.warned.clear();
    const scanning = (file: string) => {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
      const settings = folder && settingsFor(folder.uri);
      return settings !== undefined && settings.enable && settings.scanWorkspace && !openDocument(file);
    };
    const files = [
      ...new Set([...this.results.keys()].filter((s) => !s.endsWith('\0repository')).map((s) => s.split('\0')[0])),
    ];
    const { pause } = timeSlices();
    for (const file of files) {
      await pause();
      if (!this.fs.exists(file)) this.remove(file);
      else if (!scanning(file)) this.analyzeFile(file);
    }
  }

  /** Replace what `file`'s analysis read (less the file itself) in `readers`. */
  private recordReads(file: string, read: Set<string>): void {
    read.delete(file);
    for (const r of this.reads.get(file) ?? []) {
      const readers = this.readers.get(r);
      readers?.delete(file);
      if (readers?.size === 0) this.readers.delete(r);
    }
    for (const r of read) {
      const readers = this.readers.get(r) ?? new Set<string>();
      this.readers.set(r, readers.add(file));
    }
    if (read.size > 0) this.reads.set(file, read);
    else this.reads.delete(file);
  }

  remove(file: string): void {
    this.recordReads(file, new Set());
    this.costs.delete(file);
    this.setResults(file, []);
    this.setResults(`${file}\0standard`, []);
    this.results.delete(file);
    this.results.delete(`${file}\0standard`);
    const python = this.facts.get(file)?.some((f) => f.kind === 'python');
    this.facts.delete(file);
    if (python && this.scanning === 0) this.rejudgeRepositoryOf(file);
  }

  /**
   * Walk every workspace folder (the engine's discovery, in time-boxed slices) and analyse what it finds, then show
   * each repository's own findings; `force` ignores `scanWorkspace`. Files an earlier scan found that this one does
   * not (now ignored or excluded) are forgotten, unless they are open.
   */
  async scanWorkspace(token?: vscode.CancellationToken, force = false): Promise<ScanReport> {
    this.scanning++;
    try {
      return await this.scan(token, force);
    } finally {
      this.scanning--;
    }
  }

  private async scan(token: vscode.CancellationToken | undefined, force: boolean): Promise<ScanReport> {
    const scanStarted = performance.now();
    const slices = timeSlices();
    const { pause } = slices;
    let walks = 0;
    let analysed = 0;
    let deferred = 0;
    const report = (): ScanReport => ({
      walks,
      files: analysed,
      large: deferred,
      ms: performance.now() - scanStarted,
      ...slices.stats(),
    });
    const discoveries: { folder: vscode.WorkspaceFolder; discovery: Discovery }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = settingsFor(folder.uri);
      if (!settings.enable || (!settings.scanWorkspace && !force)) continue;
      const root = folder.uri.fsPath;
      const started = Date.now();
      // The walk loads the standards of the folders it enters (for their excludes); the analyses below keep them.
      walks++;
      this.walked++;
      const steps = walk(root, this.walkOptions(folder));
      let step = steps.next();
      while (!step.done) {
        if (token?.isCancellationRequested) return report();
        await pause();
        step = steps.next();
      }
      const discovery = step.value;
      discoveries.push({ folder, discovery });
      const found = new Set<string>();
      // A standard file's nearest standard is itself (or a sibling before it in the order of names).
      const standards = discovery.standards.map((file) => ({ path: file, standardFile: file }));
      const files = [...discovery.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const large: { path: string; standardFile: string | undefined }[] = [];
      for (const file of [...standards, ...files]) {
        if (token?.isCancellationRequested) return report();
        await pause();
        if (!this.analyzeFile(file.path, { ...file, firstPass: true })) {
          large.push(file);
          continue;
        }
        found.add(file.path);
        analysed++;
      }
      for (const file of large) {
        if (token?.isCancellationRequested) return report();
        await pause();
        this.analyzeFile(file.path, file);
        found.add(file.path);
        analysed++;
        deferred++;
      }
      for (const source of [...this.results.keys()]) {
        const file = source.split('\0')[0];
        if (!source.endsWith('\0repository') && isInside(file, root) && !found.has(file) && !openDocument(file))
          this.remove(file);
      }
      this.scanned.set(root, found);
      const line = `scanned ${found.size} files in ${folder.name} in ${Date.now() - started} ms`;
      if (settings.trace === 'off') this.log.trace(line);
      else this.log.info(line);
    }
    await this.showRepositories(discoveries, pause);
    return report();
  }

  /** `precommit-config-missing` for each repository the scan met, on a file of it that exists. */
  private async showRepositories(
    discoveries: { folder: vscode.WorkspaceFolder; discovery: Discovery }[],
    pause: () => Promise<void>,
  ): Promise<void> {
    const scannedFolders = new Set(discoveries.map((d) => d.folder.uri.fsPath));
    const seen = new Set<string>();
    for (const repository of groupRepositories(discoveries.map((d) => d.discovery))) {
      await pause();
      // A repository's pyproject.toml at its root says most about the project, else its first governed file in path
      // order (each path made relative once, not in every comparison).
      const pyproject = path.join(repository.root, 'pyproject.toml');
      let anchor: string | undefined;
      if (this.fs.exists(pyproject)) anchor = pyproject;
      else {
        let first: string | undefined;
        for (const f of repository.files) {
          const relative = relativePath(f.path, repository.root);
          if (first === undefined || relative < first) [first, anchor] = [relative, f.path];
        }
      }
      if (!anchor) continue;
      // The folders it overlaps own it: it lies in them, or they lie in it.
      const folders = discoveries
        .map((d) => d.folder.uri.fsPath)
        .filter((f) => isInside(repository.root, f) || isInside(f, repository.root));
      const files = new Set(repository.files.map((f) => f.path));
      this.repositories.set(repository.root, { hasPython: repository.hasPython, anchor, folders, files });
      seen.add(repository.root);
      this.recheckRepository(repository.root);
    }
    for (const [root, state] of this.repositories) {
      if (seen.has(root)) continue;
      // A scan of its folder no longer meets it, or its folders are gone: it shows nothing. Otherwise its folders
      // were not scanned this time, and a setting (enable, exclude) may still change what it shows.
      if (state.folders.some((f) => scannedFolders.has(f)) || !state.folders.some((f) => this.isWorkspaceFolder(f))) {
        this.repositories.delete(root);
        this.setResults(`${root}\0repository`, []);
      } else this.recheckRepository(root);
    }
  }

  private isWorkspaceFolder(root: string): boolean {
    return (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.fsPath === root);
  }

  /** Judge again the innermost repository holding `file`; a file created since the last scan joins it here. */
  private rejudgeRepositoryOf(file: string): void {
    const root = this.repositoryOf(file);
    if (root !== undefined) this.recheckRepository(root);
  }

  /** The innermost repository the last scan met that holds `file`, which joins it (it may be new). */
  private repositoryOf(file: string): string | undefined {
    const root = this.innermostRepository(file);
    if (root !== undefined) this.repositories.get(root)?.files.add(file);
    return root;
  }

  private innermostRepository(file: string): string | undefined {
    return [...this.repositories.keys()].filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0];
  }

  /** Judge a repository the last scan met again: its pre-commit config came or went, or a file's Python facts changed. */
  recheckRepository(root: string): void {
    const state = this.repositories.get(root);
    if (!state) return;
    const config = path.join(root, PRECOMMIT_CONFIG);
    const standard = this.resolverFor(config).forFile(config).inForce;
    // pre-commit reads the config from disk: a document still open after its file was deleted does not count.
    const disk = { ...this.fs, exists: (file: string) => nodeFileSystem.exists(file) };
    const facts = new Map([...state.files].flatMap((f) => (this.facts.has(f) ? [[f, this.facts.get(f) ?? []]] : [])));
    const findings = standard ? checkRepository(root, state.hasPython, standard, disk, state.anchor, facts) : [];
    this.setResults(`${root}\0repository`, this.excluded(vscode.Uri.file(state.anchor)) ? [] : findings);
  }

  /** The repository findings of the repositories found in `folders` (for "Apply stack standard"). */
  repositoryFindings(folders: readonly string[]): Finding[] {
    return [...this.repositories]
      .filter(([, state]) => state.folders.some((f) => folders.includes(f)))
      .flatMap(([root]) => this.results.get(`${root}\0repository`) ?? []);
  }

  private setResults(source: string, findings: Finding[]): void {
    const before = new Set((this.results.get(source) ?? []).map((f) => f.file));
    this.results.set(source, findings);
    if (source.endsWith('\0standard')) {
      const file = source.slice(0, -'\0standard'.length);
      if (findings.length > 0) this.standardErrors.set(file, findings.length);
      else this.standardErrors.delete(file);
    }
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
        const key = findingKey(f);
        if (fixes.has(key)) continue;
        const d = toDiagnostic(f, overrides);
        if (!d) continue;
        diagnostics.push(d);
        fixes.set(key, f.fixes);
      }
    }
    this.fixes.set(target, fixes);
    this.collection.set(uri, diagnostics);
    this.total += diagnostics.length - (this.shown.get(target) ?? 0);
    if (diagnostics.length > 0) this.shown.set(target, diagnostics.length);
    else this.shown.delete(target);
  }

  /** The engine's fixes for one of our diagnostics. */
  fixesFor(uri: vscode.Uri, d: vscode.Diagnostic): Fix[] {
    if (d.source !== SOURCE) return [];
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    return (
      this.fixes.get(uri.fsPath)?.get(findingKey({ file: uri.fsPath, range: d.range, code, message: d.message })) ?? []
    );
  }

  /** Every finding currently shown for `file`. */
  findingsFor(file: string): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const source of this.targets.get(file) ?? []) {
      for (const f of this.results.get(source) ?? []) {
        const key = findingKey(f);
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
    return [...this.standardErrors].map(([file, errors]) => ({ file, errors }));
  }

  /** How many diagnostics the workspace shows. */
  count(): number {
    return this.total;
  }

  /** How many times a scan has walked a workspace folder since the extension started. */
  get walks(): number {
    return this.walked;
  }

  /** Files with findings, for the workspace-wide fix. */
  filesWithFindings(): string[] {
    return [...this.targets].filter(([, sources]) => sources.size > 0).map(([file]) => file);
  }
}
