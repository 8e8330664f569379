// The engine's vocabulary. Positions are 0-based lines and UTF-16 code units, as VS Code and LSP count.
import type { FindingCode, Severity } from './codes';

export type { FindingCode, Severity };

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` in `file` (a path as the caller named it) by `newText`. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
  /** The edit creates `file`; `range` is then empty at 0:0 and `newText` is the whole content. */
  create?: boolean;
}

export interface Fix {
  title: string;
  isPreferred?: boolean;
  edits: TextEdit[];
}

export interface Location {
  file: string;
  range: Range;
}

export interface RelatedInformation {
  location: Location;
  message: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  fixes: Fix[];
  /** Other places that explain the finding: a generated lock's source, the standard entry that set the rule. */
  related?: RelatedInformation[];
  /** For the log, not the user: the stack of an `internal-error`. */
  trace?: string;
}
