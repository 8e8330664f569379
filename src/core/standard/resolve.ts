import path = require('node:path');
import type { FileSystem } from '../fileSystem';
import { BUILTIN_NAME } from './builtin';
import { findStandardFile } from './discover';
import { loadStandard, type LoadedStandard } from './load';
import type { Standard } from './model';

export interface ResolvedStandard extends LoadedStandard {
  /** The standard file that governs, or `builtin`. */
  file: string;
  /**
   * The standard that applies: the one loaded, or, while the file has errors, the last one it loaded without them
   * (so a half-typed standard file does not take every finding away); undefined when it never loaded cleanly.
   */
  inForce: Standard | undefined;
}

/** Finds and loads the standard that governs each file, loading each standard file once. */
export class StandardResolver {
  private readonly cache = new Map<string, ResolvedStandard>();

  /**
   * `override` (the CLI's `--standard`, the editor's setting) wins over discovery. `lastValid` remembers each standard
   * file's last clean load; the editor passes one that outlives the resolver, the CLI none (it stops on errors).
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly override?: string,
    private readonly stopAt?: string,
    private readonly lastValid = new Map<string, Standard>(),
  ) {}

  forFile(file: string): ResolvedStandard {
    return this.forNearest(this.override ? undefined : this.nearestFor(file));
  }

  /** The nearest standard file for `file` (see `findStandardFile`), whatever the override says. */
  nearestFor(file: string): string | undefined {
    return findStandardFile(file, this.fs, this.stopAt);
  }

  /** The standard for files whose nearest standard file is `nearest` (a walk knows it from its listings). */
  forNearest(nearest: string | undefined): ResolvedStandard {
    return this.load(this.override ? path.resolve(this.override) : (nearest ?? BUILTIN_NAME));
  }

  load(standardFile: string): ResolvedStandard {
    let resolved = this.cache.get(standardFile);
    if (!resolved) {
      const loaded = loadStandard(standardFile, this.fs);
      if (loaded.errors.length === 0) this.lastValid.set(standardFile, loaded.standard);
      resolved = {
        file: standardFile,
        ...loaded,
        inForce: loaded.errors.length === 0 ? loaded.standard : this.lastValid.get(standardFile),
      };
      this.cache.set(standardFile, resolved);
    }
    return resolved;
  }

  /** Forget everything loaded, e.g. after a standard file changed. */
  clear(): void {
    this.cache.clear();
  }
}
