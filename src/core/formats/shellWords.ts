// The simple commands of a shell command line (a Dockerfile RUN, which `/bin/sh -c` runs), as POSIX sh tokenizes it:
// words with their quotes and escapes undone and each character traced to its offset, control operators (`&&`, `;`,
// `|`) between commands, and redirections (`>`, `2>&1`) with their targets. Only as much of the shell as finding the
// arguments of a command needs: expansions are marked, not performed. Written by hand: shell-quote and its kin on npm
// return words without offsets and do not tell a redirection glued to a word (`pandas>=1.5`) from the word itself.

/** A word as the command receives it (before expansions), with where each character was written. */
export interface ShellWord {
  kind: 'word';
  text: string;
  /** The offset of each character of `text` in the command line. */
  at: number[];
  /** Whether each character was quoted or escaped (so the shell took it literally). */
  quoted: boolean[];
  start: number;
  end: number;
  /** Holds `$…` or a command substitution: the command gets other text than this. */
  expands: boolean;
}

/** A redirection: its operator (`>`, `2>`, `<<`) and its target word, if one follows. */
export interface ShellRedirect {
  kind: 'redirect';
  op: string;
  start: number;
  /** The end of the operator. */
  opEnd: number;
  target?: ShellWord;
}

/** A simple command: its words and redirections in the order written. */
export type ShellCommand = (ShellWord | ShellRedirect)[];

const CONTROL = /&&|\|\||;;|\|&|[;&|()\n]/y;
const REDIRECT = /&>>|&>|<<-|<<<|<<|<&|<>|<|>>|>&|>\||>/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

// Characters that end an unquoted word.
function isBreak(c: string): boolean {
  return (
    isBlank(c) || c === '\n' || c === '|' || c === '&' || c === ';' || c === '<' || c === '>' || c === '(' || c === ')'
  );
}

/** The end of a `$(…)`, `${…}` or backquoted text starting at `i` (at `$` or `` ` ``), quotes inside respected. */
function skipExpansion(line: string, i: number): number {
  if (line[i] === '`') {
    let k = i + 1;
    while (k < line.length && line[k] !== '`') k += line[k] === '\\' ? 2 : 1;
    return Math.min(k + 1, line.length);
  }
  const open = line[i + 1];
  if (open !== '(' && open !== '{') {
    NAME.lastIndex = i + 1;
    if (NAME.test(line)) return NAME.lastIndex;
    // `$?`, `$1`, `$@`: one character names a special parameter.
    return /[0-9?@*#$!-]/.test(line[i + 1] ?? '') ? i + 2 : i + 1;
  }
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let k = i + 1;
  while (k < line.length) {
    const c = line[k];
    if (c === '\\') k += 2;
    else if (c === "'") {
      const end = line.indexOf("'", k + 1);
      k = end < 0 ? line.length : end + 1;
    } else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return k + 1;
      k++;
    }
  }
  return line.length;
}

/** Appends the character at `k` of `line` to `word`. */
function take(word: ShellWord, line: string, k: number, quoted: boolean): void {
  word.text += line[k];
  word.at.push(k);
  word.quoted.push(quoted);
}

/** The word starting at `i`, which must not be a blank or an operator. */
function readWord(line: string, i: number): ShellWord {
  const word: ShellWord = { kind: 'word', text: '', at: [], quoted: [], start: i, end: i, expands: false };
  while (i < line.length && !isBreak(line[i])) {
    const c = line[i];
    if (c === '\\') {
      if (i + 1 < line.length) take(word, line, i + 1, true);
      i += 2;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      const end = close < 0 ? line.length : close;
      for (let k = i + 1; k < end; k++) take(word, line, k, true);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        const d = line[i];
        if (d === '\\' && i + 1 < line.length && '$`"\\'.includes(line[i + 1])) {
          take(word, line, i + 1, true);
          i += 2;
        } else if (d === '$' || d === '`') {
          word.expands = true;
          const end = skipExpansion(line, i);
          for (; i < end; i++) take(word, line, i, true);
        } else take(word, line, i++, true);
      }
      i++;
    } else if (c === '$' || c === '`') {
      word.expands = true;
      const end = skipExpansion(line, i);
      for (; i < end; i++) take(word, line, i, false);
    } else take(word, line, i++, false);
  }
  word.end = Math.min(i, line.length);
  return word;
}

/** The simple commands of `line`, from `from`. Never throws; an unterminated quote runs to the end. */
export function shellCommands(line: string, from = 0): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = [];
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line: joined continuation lines are one line to the shell too.
      const newline = line.indexOf('\n', i);
      i = newline < 0 ? line.length : newline;
      continue;
    }
    REDIRECT.lastIndex = i;
    const redirect = REDIRECT.exec(line);
    if (redirect) {
      const item: ShellRedirect = { kind: 'redirect', op: redirect[0], start: i, opEnd: REDIRECT.lastIndex };
      // A word of digits right before the operator is its file descriptor (`2>`), not an argument.
      const last = current[current.length - 1];
      if (last?.kind === 'word' && last.end === i && /^\d+$/.test(line.slice(last.start, last.end))) {
        current.pop();
        item.start = last.start;
        item.op = line.slice(last.start, item.opEnd);
      }
      i = item.opEnd;
      while (i < line.length && isBlank(line[i])) i++;
      if (i < line.length && !isBreak(line[i])) {
        item.target = readWord(line, i);
        i = item.target.end;
      }
      current.push(item);
      continue;
    }
    CONTROL.lastIndex = i;
    const control = CONTROL.exec(line);
    if (control) {
      if (current.length > 0) commands.push(current);
      current = [];
      i = CONTROL.lastIndex;
      continue;
    }
    const word = readWord(line, i);
    current.push(word);
    i = word.end;
  }
  if (current.length > 0) commands.push(current);
  return commands;
}
