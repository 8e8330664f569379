// Dockerfiles split into instructions the way BuildKit's parser splits them (frontend/dockerfile/parser): parser
// directives at the top (`# escape=`` ` ``), lines joined at a trailing escape character, comment and blank lines
// inside a continuation dropped, heredoc bodies (`RUN <<EOF … EOF`) stepped over unread, and each instruction's text
// kept with a map back to file offsets. Written by hand: dockerfile-ast, the parser of the Docker language server, took
// about 200 ms for a 5,000-line file (the engine reads one in 10), keeps RUN's shell words split only at blanks, and
// the engine adds no dependency for it.

/** One instruction: its keyword and the text after it, its lines joined, with a map back to file offsets. */
export interface Instruction {
  /** The keyword, upper-cased: `FROM`, `RUN`, `ARG`. */
  keyword: string;
  /** The text after the keyword and its blanks, continuation lines joined without their escape and line break. */
  args: string;
  /** The file offset of the instruction's first character. */
  start: number;
  /** Where `args` starts in the joined text. */
  base: number;
  /** [start in the joined text, file offset] of each joined line, for an instruction of several lines. */
  pieces?: [number, number][];
}

/** The file offset of `ins.args[i]`; `args.length` gives the offset after its last character. */
export function offsetOf(ins: Instruction, i: number): number {
  return ins.pieces ? offsetIn(ins.pieces, ins.base + i) : ins.start + ins.base + i;
}

export interface DockerfileText {
  /** The escape character: `\`, or `` ` `` when a directive says so. */
  escape: string;
  instructions: Instruction[];
  /** What BuildKit would refuse to parse (a heredoc without its terminator), in file offsets. */
  problems: { message: string; start: number; end: number }[];
}

// `# key=value` lines at the very top, before any instruction, comment or blank line (BuildKit's reDirectives).
const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
// A word that opens a heredoc: `<<EOF`, `<<-EOF`, `2<<"EOF"` (BuildKit's reHeredoc, on the word unquoted).
const HEREDOC = /^\d*<<(-?)([^<]+)$/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The end of the line starting at `start` (before its `\r\n`, as BuildKit's trimNewline), and where the next starts. */
function lineAt(text: string, start: number): { end: number; next: number } {
  const lf = text.indexOf('\n', start);
  let end = lf < 0 ? text.length : lf;
  while (end > start && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
  return { end, next: lf < 0 ? text.length : lf + 1 };
}

/**
 * Where a line that continues is cut (at its escape character, trailing blanks after it dropped), or -1 when the line
 * ends the instruction. An escaped escape (`\\`) at the end does not continue.
 */
function continuationCut(text: string, start: number, end: number, escape: number): number {
  let last = end;
  while (last > start && (text.charCodeAt(last - 1) === 32 || text.charCodeAt(last - 1) === 9)) last--;
  if (last === start || text.charCodeAt(last - 1) !== escape) return -1;
  if (last - 1 === start) return start;
  return text.charCodeAt(last - 2) === escape ? -1 : last - 1;
}

/** The file offset of `i` in a joined text made of `pieces` ([start in the joined text, file offset], in order). */
function offsetIn(pieces: readonly [number, number][], i: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid][0] <= i) lo = mid;
    else hi = mid - 1;
  }
  return pieces[lo][1] + (i - pieces[lo][0]);
}

/** Blank-separated words of `text` from `from`, quotes and escapes kept whole: their spans. */
export function wordSpans(text: string, escape: string, from = 0): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === escape && quote !== "'") i++;
      else if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (isSpace(text.charCodeAt(i))) break;
    }
    spans.push({ start, end: Math.min(i, text.length) });
  }
  return spans;
}

/** Whether an instruction's arguments are its JSON (exec) form: `["pip", "install", "x"]`. */
export function isJsonForm(args: string): boolean {
  if (args.charCodeAt(0) !== 91) return false;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** The heredocs an instruction opens, in order: each one's terminator and whether leading tabs are stripped. */
function heredocsOf(
  keyword: string,
  args: string,
  escape: string,
): { name: string; chomp: boolean; start: number; end: number }[] {
  let from = 0;
  if (keyword === 'ONBUILD') {
    const [first] = wordSpans(args, escape);
    if (!first || !HEREDOC_KEYWORDS.has(args.slice(first.start, first.end).toUpperCase())) return [];
    from = first.end;
  } else if (!HEREDOC_KEYWORDS.has(keyword)) return [];
  if (!args.includes('<<') || isJsonForm(args.slice(from).trimStart())) return [];
  const found: { name: string; chomp: boolean; start: number; end: number }[] = [];
  for (const span of wordSpans(args, escape, from)) {
    const m = HEREDOC.exec(args.slice(span.start, span.end).replace(/["']/g, ''));
    if (m) found.push({ name: m[2], chomp: m[1] === '-', ...span });
  }
  return found;
}

/** The instructions of a Dockerfile (without its byte-order mark). Never throws. */
export function lexDockerfile(text: string): DockerfileText {
  const result: DockerfileText = { escape: '\\', instructions: [], problems: [] };
  let escape = 92;
  let directives = true;
  let pos = 0;
  while (pos < text.length) {
    const { end, next } = lineAt(text, pos);
    if (directives) {
      const m = DIRECTIVE.exec(text.slice(pos, end));
      if (m && DIRECTIVES.has(m[1].toLowerCase())) {
        if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) {
          result.escape = m[2];
          escape = m[2].charCodeAt(0);
        }
        pos = next;
        continue;
      }
      directives = false;
    }
    let first = pos;
    while (first < end && isSpace(text.charCodeAt(first))) first++;
    pos = next;
    if (first === end || text.charCodeAt(first) === 35) continue;
    let cut = continuationCut(text, first, end, escape);
    let joined = text.slice(first, cut < 0 ? end : cut);
    const pieces: [number, number][] | undefined = cut < 0 ? undefined : [[0, first]];
    while (pieces && cut >= 0 && pos < text.length) {
      const line = lineAt(text, pos);
      const start = pos;
      pos = line.next;
      let k = start;
      while (k < line.end && isSpace(text.charCodeAt(k))) k++;
      // BuildKit drops comment lines and blank lines inside a continuation.
      if (k === line.end || text.charCodeAt(k) === 35) continue;
      cut = continuationCut(text, start, line.end, escape);
      pieces.push([joined.length, start]);
      joined += text.slice(start, cut < 0 ? line.end : cut);
    }
    let k = 0;
    while (k < joined.length && !isSpace(joined.charCodeAt(k))) k++;
    const keyword = joined.slice(0, k).toUpperCase();
    while (k < joined.length && isSpace(joined.charCodeAt(k))) k++;
    const instruction: Instruction = { keyword, args: joined.slice(k), start: first, base: k, pieces };
    result.instructions.push(instruction);
    if (!HEREDOC_KEYWORDS.has(keyword) && keyword !== 'ONBUILD') continue;
    for (const heredoc of heredocsOf(keyword, instruction.args, result.escape)) {
      let closed = false;
      while (pos < text.length && !closed) {
        const line = lineAt(text, pos);
        let from = pos;
        if (heredoc.chomp) while (from < line.end && text.charCodeAt(from) === 9) from++;
        closed = text.slice(from, line.end) === heredoc.name;
        pos = line.next;
      }
      if (!closed) {
        result.problems.push({
          message: `Unterminated heredoc: no line '${heredoc.name}' ends it, so Docker cannot read this file`,
          start: offsetOf(instruction, heredoc.start),
          end: offsetOf(instruction, heredoc.end - 1) + 1,
        });
      }
    }
  }
  return result;
}

/** Text with the file offset each of its characters comes from. */
export interface Traced {
  text: string;
  at: number[];
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * A word of a FROM or ARG once BuildKit's shell lexer is through with it: quotes and escapes undone, `$NAME`,
 * `${NAME}` and `${NAME:-word}` (`-`, `:+`, `+`) replaced from `env`, each character traced to where it was written.
 * Undefined for what cannot be known before a build (`${NAME:?}` unset, `${NAME%…}` and other pattern operators) and
 * for an unterminated quote or brace, which BuildKit refuses.
 */
export function expandWord(
  raw: string,
  rawAt: (i: number) => number,
  env: ReadonlyMap<string, Traced>,
  escape: string,
): Traced | undefined {
  const out: Traced = { text: '', at: [] };
  let i = 0;
  const add = (k: number) => {
    out.text += raw[k];
    out.at.push(rawAt(k));
  };
  const append = (t: Traced) => {
    out.text += t.text;
    for (const a of t.at) out.at.push(a);
  };
  // Reads up to `stop` (outside quotes) or the end; false when the text cannot be expanded.
  const scan = (stop: string): boolean => {
    while (i < raw.length && raw[i] !== stop) {
      const c = raw[i];
      if (c === escape) {
        if (i + 1 < raw.length) add(i + 1);
        i += 2;
      } else if (c === "'") {
        const close = raw.indexOf("'", i + 1);
        if (close < 0) return false;
        for (let k = i + 1; k < close; k++) add(k);
        i = close + 1;
      } else if (c === '"') {
        i++;
        while (i < raw.length && raw[i] !== '"') {
          if (raw[i] === '$') {
            if (!dollar()) return false;
          } else if (raw[i] === escape && i + 1 < raw.length && '"$'.concat(escape).includes(raw[i + 1])) {
            add(i + 1);
            i += 2;
          } else add(i++);
        }
        if (i >= raw.length) return false;
        i++;
      } else if (c === '$') {
        if (!dollar()) return false;
      } else add(i++);
    }
    return true;
  };
  const dollar = (): boolean => {
    const braced = raw[i + 1] === '{';
    let k = braced ? i + 2 : i + 1;
    const nameStart = k;
    while (k < raw.length && NAME_CHAR.test(raw[k])) k++;
    const name = raw.slice(nameStart, k);
    if (!braced) {
      if (name === '') add(i++);
      else {
        const value = env.get(name);
        if (value) append(value);
        i = k;
      }
      return true;
    }
    if (name === '') return false;
    const value = env.get(name);
    if (raw[k] === '}') {
      if (value) append(value);
      i = k + 1;
      return true;
    }
    const colon = raw[k] === ':';
    const op = raw[colon ? k + 1 : k];
    if (op !== '-' && op !== '+' && op !== '?') return false;
    const set = value !== undefined && (!colon || value.text !== '');
    i = (colon ? k + 1 : k) + 1;
    // The word is read (and expanded) whichever way the test goes, as the lexer reads on to the brace.
    const before = { text: out.text, at: out.at.length };
    if (!scan('}') || i >= raw.length) return false;
    i++;
    const word = { text: out.text.slice(before.text.length), at: out.at.slice(before.at) };
    out.text = before.text;
    out.at.length = before.at;
    if (op === '?' && !set) return false;
    if (op === '-' ? set : op === '?' || !set) {
      if (value && op !== '+') append(value);
    } else append(word);
    return true;
  };
  return scan('') ? out : undefined;
}
