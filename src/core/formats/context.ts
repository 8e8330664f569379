import type { FileSystem } from '../fileSystem';
import type { Standard } from '../standard/model';

export interface SourceFile {
  /** The path as the caller names it; findings and edits use it unchanged. */
  path: string;
  /** The text without a byte-order mark. */
  text: string;
}

export interface AnalysisContext {
  standard: Standard;
  fs: FileSystem;
}
