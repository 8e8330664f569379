import * as path from 'node:path';
import type { FileSystem } from '../fileSystem';
import { BUILTIN_NAME } from './builtin';
import { findStandardFile } from './discover';
import { loadStandard, type LoadedStandard } from './load';

export interface ResolvedStandard extends LoadedStandard {
  /** The standard file that governs, or `builtin`. */
  file: string;
}

/** Finds and loads the standard that governs each file, loading each standard file once. */
export class StandardResolver {
  private readonly cache = new Map<string, ResolvedStandard>();

  /** `override` (the CLI's `--standard`, the editor's setting) wins over discovery. */
  constructor(
    private readonly fs: FileSystem,
    private readonly override?: string,
    private readonly stopAt?: string,
  ) {}

  forFile(file: string): ResolvedStandard {
    const standardFile = this.override ? path.resolve(this.override) : (findStandardFile(file, this.fs, this.stopAt) ?? BUILTIN_NAME);
    return this.load(standardFile);
  }

  load(standardFile: string): ResolvedStandard {
    let resolved = this.cache.get(standardFile);
    if (!resolved) {
      resolved = { file: standardFile, ...loadStandard(standardFile, this.fs) };
      this.cache.set(standardFile, resolved);
    }
    return resolved;
  }

  /** Forget everything loaded, e.g. after a standard file changed. */
  clear(): void {
    this.cache.clear();
  }
}
