import type { FileEncoding } from '../encoding';
import type { FileSystem } from '../fileSystem';
import type { Standard } from '../standard/model';

export interface SourceFile {
  /** The path as the caller names it; findings and edits use it unchanged. */
  path: string;
  /** The text without a byte-order mark. */
  text: string;
  /** How the file's bytes were read, when they were (an editor's document has no bytes): invalid sequences, encoding. */
  encoding?: FileEncoding;
}

export interface AnalysisContext {
  standard: Standard;
  fs: FileSystem;
}
