// The engine's public surface: what the CLI, the editor and the benchmark use.
export { analyze, type AnalyzeOptions } from './analyze';
export { CODE_NAMES, FINDING_CODES, isFindingCode, type FindingCode } from './codes';
export { applyEdits, preferredEdits } from './edits';
export { nodeFileSystem, type FileSystem } from './fileSystem';
export { formatFor, FORMATS, type FileKind } from './formats';
export { stripBom } from './formats/requirements';
export { BUILTIN_NAME, BUILTIN_STANDARD } from './standard/builtin';
export { findStandardFile, isStandardFile, STANDARD_FILE_NAMES } from './standard/discover';
export { builtinStandard, loadStandard, type LoadedStandard } from './standard/load';
export type { Standard, PackageRule, HookRule } from './standard/model';
export { StandardResolver, type ResolvedStandard } from './standard/resolve';
export { LineIndex } from './text';
export type * from './types';
