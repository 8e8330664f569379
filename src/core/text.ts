import type { Position, Range } from './types';

/**
 * Maps string offsets to line/character positions. JavaScript strings are UTF-16, so an offset is
 * already the code-unit count VS Code expects; only the line breaks (LF, CRLF, lone CR) need finding.
 */
export class LineIndex {
  readonly lineStarts: number[];
  // The line of the last position asked for: a range's end, a fix's range and the next finding are mostly on it.
  private lastLine = 0;

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case: indexOf runs natively, far faster than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and the LF of a line break is no position an editor knows: it is the end of the line.
    if (clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    const starts = this.lineStarts;
    let line = this.lastLine;
    if (starts[line] > clamped || (line + 1 < starts.length && starts[line + 1] <= clamped)) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= clamped) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    this.lastLine = line;
    return { line, character: clamped - starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** The file's own line break, for text a fix inserts. */
  get eol(): string {
    const lf = this.text.indexOf('\n');
    if (lf > 0 && this.text.charCodeAt(lf - 1) === 13) return '\r\n';
    if (lf < 0 && this.text.includes('\r')) return '\r';
    return '\n';
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Editors show a file without its byte-order mark, so positions are counted without it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The empty range at the start of a file: where a finding about the file as a whole sits. */
export function fileStart(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Whether `text` ends with an empty (or blank) line: text appended there needs no blank line to stand apart. */
export function endsWithBlankLine(text: string): boolean {
  const body = text.replace(/(?:\r\n|\n|\r)$/, '');
  return body !== text && /(?:^|\r\n|\n|\r)[ \t]*$/.test(body);
}
