// `gcloud functions deploy` and `gcloud run deploy` commands as words with offsets, wherever a file writes them: a
// list of arguments (Cloud Build's `args`), or a shell script (`bash -c '…'`, a step's `script`). Read as text and never
// run; only the flags that name a Python (`--runtime`, `--base-image`) are looked for.

/** A word of a command: its text without the quotes around it, and where that text is in the file. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** The text cannot be mapped back to the file (a YAML escape): it is read but never edited. */
  unplaced?: true;
}

/** Words in order; `null` ends a command (`;`, `&&`, `|`, a line break). */
export type Words = (Word | null)[];

/** A word from text that is quoted as a whole (`'python39'`, `"python39"`), without the quotes. */
function unquoted(word: Word): Word {
  const { text } = word;
  const q = text[0];
  if (text.length >= 2 && (q === '"' || q === "'") && text.endsWith(q) && !text.slice(1, -1).includes(q))
    return { ...word, text: text.slice(1, -1), start: word.start + 1, end: word.end - 1 };
  return word;
}

/**
 * The words of a shell script that starts at `offset` in the file. In `folded` text (a YAML folded or multi-line
 * flow scalar) a single line break is a space, as YAML reads it; only an empty line breaks a command there.
 */
export function shellWords(script: string, offset: number, folded = false): Words {
  const words: Words = [];
  let start = -1;
  const end = (i: number) => {
    if (start >= 0) words.push(unquoted({ text: script.slice(start, i), start: offset + start, end: offset + i }));
    start = -1;
  };
  const brk = (i: number) => {
    end(i);
    if (words.length > 0 && words[words.length - 1] !== null) words.push(null);
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '\\' && (script[i + 1] === '\n' || (script[i + 1] === '\r' && script[i + 2] === '\n'))) {
      // A continued line: the command goes on.
      end(i);
      i += script[i + 1] === '\r' ? 2 : 1;
    } else if (c === '\\') {
      if (start < 0) start = i;
      i++;
    } else if (c === "'" || c === '"') {
      if (start < 0) start = i;
      let j = i + 1;
      while (j < script.length && script[j] !== c) j += c === '"' && script[j] === '\\' ? 2 : 1;
      i = Math.min(j, script.length);
    } else if (c === '#' && start < 0) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (c === '\n') {
      if (!folded || /^[ \t]*\r?\n/.test(script.slice(i + 1, i + 200))) brk(i);
      else end(i);
    } else if (c === ' ' || c === '\t' || c === '\r') {
      end(i);
    } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '`') {
      brk(i);
    } else if (start < 0) {
      start = i;
    }
  }
  brk(script.length);
  return words;
}

/** A flag of a deploy command that names a Python: the command, what it deploys, and the flag's value. */
export interface DeployFlag {
  command: 'functions' | 'run';
  /** The function or service name, when the command names one right after `deploy`. */
  target?: string;
  flag: '--runtime' | '--base-image';
  value: Word;
}

const FLAGS = { functions: '--runtime', run: '--base-image' } as const;

/** The `--runtime` of each `gcloud functions deploy` and the `--base-image` of each `gcloud run deploy` in `words`. */
export function deployFlags(words: Words): DeployFlag[] {
  const found: DeployFlag[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const command = words[i]?.text;
    if ((command !== 'functions' && command !== 'run') || words[i + 1]?.text !== 'deploy') continue;
    const flag = FLAGS[command];
    const next = words[i + 2];
    const target = next && !next.text.startsWith('-') ? next.text : undefined;
    for (let j = i + 2; j < words.length; j++) {
      const word = words[j];
      if (word === null) break;
      if (word.text === flag) {
        const value = words[j + 1];
        if (value) found.push({ command, target, flag, value });
      } else if (word.text.startsWith(`${flag}=`) && !word.unplaced) {
        const at = word.start + flag.length + 1;
        const value = unquoted({ text: word.text.slice(flag.length + 1), start: at, end: word.end });
        found.push({ command, target, flag, value });
      }
    }
  }
  return found;
}
