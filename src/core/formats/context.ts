import type { FileSystem } from '../fileSystem';

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
}
