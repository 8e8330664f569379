// The TOML document model both readers build: every value with its exact source span, tables in source order.

/** UTF-16 offsets into the parsed text; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface TomlString {
  kind: 'string';
  /** Decoded: escapes resolved, the line break right after an opening `"""`/`'''` dropped. */
  value: string;
  /** The whole literal, delimiters included. */
  span: Span;
  /** The quote style a fix must keep. */
  style: 'basic' | 'literal' | 'multiline-basic' | 'multiline-literal';
  /** The raw source between the delimiters: replacing it keeps the user's quotes. Differs from `value` when there are escapes. */
  contentSpan: Span;
}

export interface TomlNumber {
  kind: 'integer' | 'float';
  /** Integers beyond 2^53 are rounded. */
  value: number;
  span: Span;
}

export interface TomlBoolean {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

export interface TomlDateTime {
  kind: 'datetime';
  /** The source text, e.g. `1979-05-27T07:32:00Z` or `07:32:00`. */
  raw: string;
  span: Span;
}

/** A value array, or an array of tables (`[[tool.poetry.source]]`), whose items are tables with origin 'array-of-tables-item'. */
export interface TomlArray {
  kind: 'array';
  items: TomlValue[];
  /** For an array of tables: from the first `[[...]]` header to the end of the last item. */
  span: Span;
}

/**
 * How a table came to be. 'implicit' is a super-table only named inside a header (`tool` in `[tool.black]`),
 * 'dotted' one only named inside a dotted key (`a` in `a.b = 1`). It becomes 'header' once `[a]` appears.
 */
export type TomlTableOrigin = 'root' | 'header' | 'inline' | 'dotted' | 'implicit' | 'array-of-tables-item';

export interface TomlTable {
  kind: 'table';
  /** In source order. */
  entries: Map<string, TomlEntry>;
  /**
   * The root spans the whole text; a header table its header through its last key/value; an inline table its braces.
   * An implicit or dotted table runs from the first statement naming it to the end of the last one adding to it.
   */
  span: Span;
  origin: TomlTableOrigin;
}

export interface TomlEntry {
  /** Decoded: `"my.key" = 1` is the one key `my.key`. */
  key: string;
  /** The (last segment of the) key where it was written, quotes included; for a header table, its header's key. */
  keySpan: Span;
  value: TomlValue;
}

export type TomlValue = TomlString | TomlNumber | TomlBoolean | TomlDateTime | TomlArray | TomlTable;

export interface TomlError {
  message: string;
  span: Span;
}

export interface TomlDocument {
  root: TomlTable;
  /** One per broken statement or section, in the order they were met; their text is absent from `root`. */
  errors: TomlError[];
}
