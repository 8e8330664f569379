// The engine's public surface: what the CLI, the editor and the benchmark use.
export { analyze, examine, type AnalyzeOptions, type Examination } from './analyze';
export { Readings } from './readings';
export type { Fact, PythonFact } from './facts';
export { CODE_NAMES, DOCS_URL, FINDING_CODES, type FindingCode } from './codes';
export { describeRule } from './describe';
export {
  discover,
  isDiscovered,
  isSkippedFolder,
  repositoryRoot,
  SKIPPED_FOLDERS,
  walk,
  type DiscoveredFile,
  type Discovery,
  type DiscoveryOptions,
  type Repository,
} from './discovery';
export { applyEdits, preferredEdits, selectEdits } from './edits';
export { applyByteEdits, type Decoded, type FileEncoding } from './encoding';
export { decodeFile, nodeFileSystem } from './disk';
export {
  overlayFileSystem,
  readSource,
  type DirEntry,
  type FileSystem,
  type OverlayFileSystem,
  type SourceFile,
} from './fileSystem';
export { planFixes, type FixPlan } from './fixes';
export { formatFor, FORMATS, GOVERNED_GLOB, type FileKind, type Format } from './formats';
export { caseless, matchesGlob } from './glob';
export { PRECOMMIT_CONFIG, PRECOMMIT_CONFIGS, precommitConfigFor } from './formats/precommit';
export {
  checkRepositories,
  checkRepository,
  findingKey,
  groupFindings,
  groupRepositories,
  relativePath,
  type CheckOptions,
  type FileFindings,
  type RepositoryCheck,
  type RepositoryFiles,
} from './repository';
export { BUILTIN_NAME, BUILTIN_STANDARD } from './standard/builtin';
export { findStandardFile, isStandardFile, STANDARD_FILE_NAMES, STANDARD_GLOB } from './standard/discover';
export { builtinStandard, loadStandard, type LoadedStandard } from './standard/load';
export { judgeStandard } from './rules/standard';
export { renderStandard, STANDARD_TEMPLATE } from './standard/render';
export { pythonRuntime, type Standard, type PackageRule, type HookRule } from './standard/model';
export { StandardResolver, type ResolvedStandard } from './standard/resolve';
export { comparePositions, fileStart, LineIndex, stripBom } from './text';
export type * from './types';
export {
  defaultToday,
  LIFECYCLE,
  lifecycleOf,
  type Lifecycle,
  type LifecycleRow,
  type LifecycleSchedule,
} from './versions/lifecycle';
