// The manifests lock files are made from, as a lock's source for the rules: pyproject.toml for uv, Poetry and PDM, the
// Pipfile for Pipenv. A finding in a lock is fixed there, never in the lock. The manifest is read only when a locked
// version needs it (most locks have no finding), and once.
import path = require('node:path');
import type { Fact, LockSource, PackageFact, Source } from '../facts';
import { endsWithBlankLine, LineIndex, stripBom } from '../text';
import type { TextEdit } from '../types';
import type { ReadContext } from './context';
import { readPipfile } from './pipfile';
import { addArrayItem, readPyproject } from './pyproject';
import { lookup, parseTomlDocument, type TomlDocument, type TomlValue } from './toml';

type LockTool = 'uv' | 'poetry' | 'pdm' | 'pipenv';

/** A manifest's text, parsed on first use. */
class Manifest {
  readonly lines: LineIndex;
  readonly source: Source;
  private doc?: TomlDocument;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.source = { path, range: (s, e) => this.lines.rangeAt(s, e) };
  }

  get parsed(): TomlDocument {
    this.doc ??= parseTomlDocument(this.text);
    return this.doc;
  }

  insertion(offset: number, newText: string): TextEdit {
    return { file: this.path, range: this.lines.rangeAt(offset, offset), newText };
  }

  /** Adds the string `item` to the array at `keys`, in the array's layout. */
  addToArray(keys: string[], item: string): TextEdit | undefined {
    const at = addArrayItem(this.text, lookup(this.parsed, keys), item, this.lines.eol);
    return at && this.insertion(at.offset, at.newText);
  }

  /** Adds `line` as the last entry of the table at `keys` when a `[header]` opens it, or as the table's first line. */
  addToTable(keys: string[], line: string): TextEdit | undefined {
    const table = lookup(this.parsed, keys);
    if (table?.kind !== 'table' || table.origin !== 'header') return undefined;
    // The table's own keys, not its sub-tables (`[tool.uv.sources]`), whose keys sit under their own headers.
    const entries = [...table.entries.values()].filter((e) => e.keySpan.start < table.span.end);
    const { lines, text } = this;
    const eol = lines.eol;
    const last = entries[entries.length - 1];
    if (last) return this.insertion(lines.lineEnd(lines.positionAt(last.value.span.end).line), eol + line);
    const next = lines.positionAt(table.span.start).line + 1;
    return next < lines.lineCount
      ? this.insertion(lines.lineStarts[next], line + eol)
      : this.insertion(text.length, eol + line);
  }

  /** Adds a new `[header]` table holding `line` at the end of the file. */
  appendTable(header: string, line: string): TextEdit {
    const eol = this.lines.eol;
    const text = this.text;
    const ending = text === '' || /[\r\n]$/.test(text) ? '' : eol;
    const blank = text === '' || endsWithBlankLine(text) ? '' : eol;
    return this.insertion(text.length, `${ending}${blank}[${header}]${eol}${line}${eol}`);
  }
}

/** The requirements among a manifest's facts, as its own reader reads them. */
function packagesOf(facts: readonly Fact[]): PackageFact[] {
  return facts.filter((f): f is PackageFact => f.kind === 'package');
}

/** A TOML key as written: bare when it can be. */
function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

function origin(value: TomlValue | undefined): string | undefined {
  return value?.kind === 'table' ? value.origin : value === undefined ? undefined : 'value';
}

/** The source of a uv, Poetry or PDM lock: the pyproject.toml beside it. */
export function pyprojectLockSource(lockFile: string, tool: Exclude<LockTool, 'pipenv'>, ctx: ReadContext): LockSource {
  const sourcePath = path.join(path.dirname(lockFile), 'pyproject.toml');
  const raw = ctx.fs.readFile(sourcePath);
  const base = { tool, command: `${tool} lock`, verb: 're-lock', path: sourcePath } as const;
  if (raw === undefined) return { ...base, found: false };
  const manifest = new Manifest(sourcePath, stripBom(raw));
  let declarations: PackageFact[] | undefined;
  return {
    ...base,
    found: true,
    get declarations() {
      declarations ??= packagesOf(readPyproject({ path: sourcePath, text: manifest.text }, ctx));
      return declarations;
    },
    addRequirement(name, floor) {
      // A part that does not parse may hold the very table or key an entry would be added to.
      if (manifest.parsed.errors.length > 0) return undefined;
      const written = `${name}${floor}`;
      if (tool === 'uv') {
        // A constraint, not a dependency: it raises the resolver's floor without adding to what the project needs.
        const where = '[tool.uv] constraint-dependencies in pyproject.toml';
        const doc = manifest.parsed;
        const array = lookup(doc, ['tool', 'uv', 'constraint-dependencies']);
        if (array) {
          const edit = manifest.addToArray(['tool', 'uv', 'constraint-dependencies'], written);
          return edit && { edit, written, where };
        }
        const line = `constraint-dependencies = ["${written}"]`;
        const uv = origin(lookup(doc, ['tool', 'uv']));
        const toolTable = origin(lookup(doc, ['tool']));
        if (uv === 'header') {
          const edit = manifest.addToTable(['tool', 'uv'], line);
          return edit && { edit, written, where };
        }
        // Only a table that no header or key has made yet can be opened with `[tool.uv]` (under a `[tool]` table or
        // one made by dotted keys, as TOML allows).
        if ((uv === undefined || uv === 'implicit') && toolTable !== 'inline' && toolTable !== 'value')
          return { edit: manifest.appendTable('tool.uv', line), written, where };
        return undefined;
      }
      if (tool === 'poetry' && origin(lookup(manifest.parsed, ['tool', 'poetry', 'dependencies'])) === 'header') {
        const entry = `${tomlKey(name)} = "${floor}"`;
        const edit = manifest.addToTable(['tool', 'poetry', 'dependencies'], entry);
        return edit && { edit, written: entry, where: '[tool.poetry.dependencies] in pyproject.toml' };
      }
      const edit = manifest.addToArray(['project', 'dependencies'], written);
      return edit && { edit, written, where: 'pyproject.toml' };
    },
  };
}

/**
 * The sources of a Pipfile.lock's categories: the Pipfile beside it, read once, where a floor for a package of the
 * lock's `default` goes into `[packages]`, of `develop` into `[dev-packages]`, of any other category into its table.
 */
export function pipfileLockSources(lockFile: string, ctx: ReadContext): (category: string) => LockSource {
  const sourcePath = path.join(path.dirname(lockFile), 'Pipfile');
  const raw = ctx.fs.readFile(sourcePath);
  const base = { tool: 'pipenv', command: 'pipenv lock', verb: 're-lock', path: sourcePath } as const;
  const manifest = raw === undefined ? undefined : new Manifest(sourcePath, stripBom(raw));
  let declarations: PackageFact[] | undefined;
  const sources = new Map<string, LockSource>();
  return (category) => {
    let lock = sources.get(category);
    if (lock) return lock;
    const table = category === 'default' ? 'packages' : category === 'develop' ? 'dev-packages' : category;
    // Pipenv records no dependency graph: whether a package is direct is the Pipfile's to say.
    const pulledIn = () => ({ by: [] });
    lock = !manifest
      ? { ...base, found: false, pulledIn }
      : {
          ...base,
          found: true,
          pulledIn,
          get declarations() {
            declarations ??= packagesOf(readPipfile({ path: sourcePath, text: manifest.text }, ctx));
            return declarations;
          },
          addRequirement(name, floor) {
            if (manifest.parsed.errors.length > 0) return undefined;
            const entry = `${tomlKey(name)} = "${floor}"`;
            const made = origin(lookup(manifest.parsed, [table]));
            const edit =
              made === 'header'
                ? manifest.addToTable([table], entry)
                : made === undefined
                  ? manifest.appendTable(tomlKey(table), entry)
                  : undefined;
            return edit && { edit, written: entry, where: `[${tomlKey(table)}] in Pipfile` };
          },
        };
    sources.set(category, lock);
    return lock;
  };
}
