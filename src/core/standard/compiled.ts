// The built-in standard as the build compiles it: scripts/esbuild-options.mjs replaces this module in every bundle with
// the result of `compileBuiltin` (load.ts), so a run neither parses nor validates the built-in YAML. Run from source
// (the tests), it is undefined and the loader reads the YAML in builtin.ts, the one source of the built-in standard.
import type { Range } from '../types';
import type { StandardJson } from './model';

/** One standard file's layer, already parsed and validated: its content and the range of each entry by key path. */
export interface CompiledLayer {
  value: StandardJson;
  /** By the entry's key path joined with spaces (`packages pandas`, `precommit hooks 0`). */
  ranges: [string, Range][];
}

export const COMPILED_BUILTIN: CompiledLayer | undefined = undefined;
