import type { FileSystem, SourceFile } from '../fileSystem';

/** What the rules care about, so that a reader can skim the rest: most packages of a large file have no rule. */
export interface Interest {
  /** Whether a rule judges this package (`python`), provider (`terraform-provider`) or Terraform itself. */
  wants(registry: 'python' | 'terraform-provider' | 'terraform', name: string): boolean;
  /** Whether the standard requires the pre-commit hook `id` (its tool is then a Python one). */
  requiresHook(id: string): boolean;
}

export interface ReadContext extends Interest {
  /** The files a reader may consult besides its own: includes, a module's other files, a lock's source. */
  fs: FileSystem;
  /** Readings kept across analyses (a CLI run, an editor session), for a file that many others read. */
  readings?: KeptReadings;
}

/** What readers made of files, kept for as long as the texts they read stay the same. */
export interface KeptReadings {
  /**
   * What `read` makes of `file` with `ctx`'s interest: kept from an earlier call when the file's path and text, and
   * every answer `read` had from the file system, are still the same; else read now, and kept when `keep` is true or
   * every reading is kept. The items are facts for the rules, judged once while kept (see `KeptJudgements`).
   */
  reading<T extends { kind: string }>(
    file: SourceFile,
    ctx: ReadContext,
    read: (ctx: ReadContext) => T[],
    keep: boolean,
  ): readonly T[];
}
