// INI files as Python's configparser reads them (tox.ini, setup.cfg, mypy.ini, pylintrc), with the offset of every
// key and value line. Written here: the npm INI readers keep no offsets and know neither configparser's continuation
// lines nor its rule that a comment is a whole line. What configparser refuses becomes an error at its line, and the
// reading goes on, so that a half-typed file still yields every option that can be read.

import type { ProblemFact, Source } from '../facts';

/** Offsets into the text; `end` is exclusive. */
export interface IniSpan {
  start: number;
  end: number;
}

/** One line of a value, stripped of the blanks around it (and of an inline comment, where the tool has them). */
export interface IniLine extends IniSpan {
  text: string;
}

export interface IniOption {
  /** The key as written. */
  key: string;
  /** The key as configparser compares it: in lower case. */
  name: string;
  keySpan: IniSpan;
  /**
   * The value's lines: first the part of the key's line after `=` or `:` (empty when the value starts on the next
   * line), then each continuation line; comment lines and blank lines are not among them.
   */
  lines: IniLine[];
}

export interface IniSection {
  /** The name between the brackets, as written (configparser compares section names with their case). */
  name: string;
  nameSpan: IniSpan;
  options: IniOption[];
}

export interface IniError extends IniSpan {
  message: string;
}

export interface IniDocument {
  sections: IniSection[];
  /** What configparser refuses (it then reads nothing at all): each at its line. */
  errors: IniError[];
}

export interface IniOptions {
  /** Prefixes that start a comment after a blank inside a line (pylint reads `#` and `;`); none by default. */
  inlineComments?: readonly string[];
}

function isBlank(c: number): boolean {
  // What Python's str.strip() takes off an ASCII line: space, tab, CR, vertical tab, form feed.
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/** The first option called `name` (as the tool compares keys) in `section`. */
export function option(section: IniSection | undefined, ...names: string[]): IniOption | undefined {
  return section?.options.find((o) => names.includes(o.name));
}

/** Every section called `name`, in order (a repeated section is an error, but each part still holds options). */
export function sections(doc: IniDocument, test: (name: string) => boolean): IniSection[] {
  return doc.sections.filter((s) => test(s.name));
}

/** A value of one line, as the tool reads it: undefined when the value spans several lines. */
export function singleLine(o: IniOption | undefined): IniLine | undefined {
  return o?.lines.length === 1 ? o.lines[0] : undefined;
}

export function parseIni(text: string, options: IniOptions = {}): IniDocument {
  const inline = options.inlineComments ?? [];
  const doc: IniDocument = { sections: [], errors: [] };
  const seenSections = new Set<string>();
  let section: IniSection | undefined;
  let seenOptions = new Set<string>();
  let current: IniOption | undefined;
  // The indentation of the line that started the current option or section: deeper lines continue the value.
  let indentLevel = Number.MAX_SAFE_INTEGER;
  let missingHeader = false;
  for (let lineStart = 0; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length : newline + 1;
    let start = lineStart;
    while (start < lineEnd && isBlank(text.charCodeAt(start))) start++;
    let end = lineEnd;
    const fullComment = start < lineEnd && (text[start] === '#' || text[start] === ';');
    if (fullComment) end = start;
    else if (inline.length > 0) end = commentStart(text, lineStart, lineEnd, inline);
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (end > start) {
      const indent = start - lineStart;
      if (section && current && indent > indentLevel) {
        current.lines.push({ text: text.slice(start, end), start, end });
      } else {
        indentLevel = indent;
        readLine(start, end);
      }
    }
    lineStart = next;
  }
  return doc;

  function error(message: string, start: number, end: number): void {
    doc.errors.push({ message, start, end });
  }

  function readLine(start: number, end: number): void {
    // configparser's header is `[` and the text up to the line's last `]` (what follows is ignored).
    let close = end - 1;
    if (text[start] === '[') while (close > start && text[close] !== ']') close--;
    if (text[start] === '[' && close >= start + 2) {
      const name = text.slice(start + 1, close);
      if (name !== 'DEFAULT' && seenSections.has(name))
        error(`The section [${name}] appears twice; configparser stops at the second`, start, end);
      seenSections.add(name);
      section = { name, nameSpan: { start: start + 1, end: close }, options: [] };
      doc.sections.push(section);
      seenOptions = new Set();
      current = undefined;
      return;
    }
    // The key runs to the first `=` or `:`.
    let delimiter = start;
    while (delimiter < end && text[delimiter] !== '=' && text[delimiter] !== ':') delimiter++;
    // A line configparser cannot read leaves the option before it open to continuation lines, as configparser does.
    if (delimiter === end) {
      error(`Expected a [section] header, 'key = value' or an indented continuation line`, start, end);
      return;
    }
    let keyEnd = delimiter;
    while (keyEnd > start && isBlank(text.charCodeAt(keyEnd - 1))) keyEnd--;
    if (keyEnd === start) {
      error(`Expected a key before '${text[delimiter]}'`, start, end);
      return;
    }
    if (!section) {
      current = undefined;
      if (!missingHeader) error('An option comes before the first [section] header', start, end);
      missingHeader = true;
      return;
    }
    const key = text.slice(start, keyEnd);
    // setuptools keeps a key's case but warns and lowers it; every other tool lowers it: they all compare lower case.
    const name = key.toLowerCase();
    if (seenOptions.has(name))
      error(`The key '${key}' appears twice in [${section.name}]; configparser stops at the second`, start, keyEnd);
    seenOptions.add(name);
    let valueStart = delimiter + 1;
    while (valueStart < end && isBlank(text.charCodeAt(valueStart))) valueStart++;
    current = {
      key,
      name,
      keySpan: { start, end: keyEnd },
      lines: [{ text: text.slice(valueStart, end), start: valueStart, end }],
    };
    section.options.push(current);
  }
}

/** `line` without an inline comment, for a tool that reads one in a file parsed without (pylint's sections of setup.cfg). */
export function withoutComment(line: IniLine, prefixes: readonly string[]): IniLine {
  let end = commentStart(line.text, 0, line.text.length, prefixes);
  while (end > 0 && isBlank(line.text.charCodeAt(end - 1))) end--;
  return end === line.text.length ? line : { text: line.text.slice(0, end), start: line.start, end: line.start + end };
}

/** Where an inline comment starts on the line (a prefix at the line's start or after a blank), else the line's end. */
function commentStart(text: string, lineStart: number, lineEnd: number, prefixes: readonly string[]): number {
  // Within the line only: a search past its end would make a file without the prefix cost a scan per line.
  for (let i = lineStart; i < lineEnd; i++)
    if ((i === lineStart || isBlank(text.charCodeAt(i - 1))) && prefixes.some((p) => text.startsWith(p, i))) return i;
  return lineEnd;
}

/** What configparser refuses, as parse errors at their lines. */
export function iniProblems(source: Source, doc: IniDocument): ProblemFact[] {
  return doc.errors.map((e) => ({
    kind: 'problem',
    code: 'parse-error',
    message: e.message,
    place: { source, start: e.start, end: e.end },
  }));
}
