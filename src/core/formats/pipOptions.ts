// The options of a requirements-file line, read the way pip reads them: the options part is split like a POSIX shell
// (pip calls `shlex.split`) and handed to optparse with pip's own table (`SUPPORTED_OPTIONS` and
// `SUPPORTED_OPTIONS_REQ` in pip's req_file.py). So `--opt=value`, `--opt value`, `-rvalue`, unambiguous abbreviations of
// long names and words that are not options (which optparse skips) all behave as in pip. Written by hand: shlex ports
// and yargs-parser return words without their offsets, which every range needs, and none follows optparse (a unique
// prefix of a long name, `-rvalue`, a value taken from the next word whatever it is).

export interface OptionSpec {
  /** The name pip's messages use: its first long name. */
  name: string;
  long: readonly string[];
  short?: string;
  value: boolean;
  /** pip applies it to the requirement on its line (SUPPORTED_OPTIONS_REQ); the others apply to the whole file. */
  perRequirement?: boolean;
  /** pip's complaint about a value (`typed` is the option's full name), or undefined when pip takes it. */
  check?: (value: string, typed: string) => string | undefined;
}

/** A word of the options part: its text once quotes and escapes are undone, and where it sits in the line. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** The line offset of each character of `text`, only when quotes or escapes make them differ from `start + i`. */
  at?: number[];
}

export interface ParsedOption {
  spec: OptionSpec;
  /** The option's full name as pip resolved it: `-r`, `--requirement`, `--extra-index-url` for `--extra-index`. */
  typed: string;
  start: number;
  end: number;
  value?: Word;
  /** The option and its value are one word (`--hash=…`, `-rbase.txt`). */
  glued: boolean;
}

export interface OptionProblem {
  message: string;
  start: number;
  end: number;
}

export interface OptionsParse {
  options: ParsedOption[];
  /** Runs of adjacent words that are not options: optparse hands them back as arguments and pip drops them. */
  skipped: { start: number; end: number; text: string }[];
  errors: OptionProblem[];
}

// pip 26.2's FormatControl and ReleaseControl refuse a value that starts with '-', read from the next word.
const listValue = (what: string) => (value: string, typed: string) =>
  value.startsWith('-') ? `Option '${typed}' needs a value: ${what}, not '${value}'` : undefined;
const FORMATS = listValue(':all:, :none: or package names separated by commas');
const FEATURES = [
  'fast-deps',
  'inprocess-build-deps',
  'venv-isolation',
  'truststore',
  'no-binary-enable-wheel-cache',
  'build-constraint',
];
// pip's STRONG_HASHES.
const HASHES = ['sha256', 'sha384', 'sha512'];

export const PIP_OPTIONS: readonly OptionSpec[] = [
  { name: '--index-url', short: '-i', long: ['--index-url', '--pypi-url'], value: true },
  { name: '--extra-index-url', long: ['--extra-index-url'], value: true },
  { name: '--no-index', long: ['--no-index'], value: false },
  { name: '--constraint', short: '-c', long: ['--constraint'], value: true },
  { name: '--requirement', short: '-r', long: ['--requirement'], value: true },
  { name: '--editable', short: '-e', long: ['--editable'], value: true },
  { name: '--find-links', short: '-f', long: ['--find-links'], value: true },
  { name: '--no-binary', long: ['--no-binary'], value: true, check: FORMATS },
  { name: '--only-binary', long: ['--only-binary'], value: true, check: FORMATS },
  { name: '--prefer-binary', long: ['--prefer-binary'], value: false },
  { name: '--require-hashes', long: ['--require-hashes'], value: false },
  { name: '--no-require-hashes', long: ['--no-require-hashes'], value: false },
  { name: '--pre', long: ['--pre'], value: false },
  {
    name: '--all-releases',
    long: ['--all-releases'],
    value: true,
    check: listValue(':all:, :none: or package names separated by commas'),
  },
  {
    name: '--only-final',
    long: ['--only-final'],
    value: true,
    check: listValue(':all:, :none: or package names separated by commas'),
  },
  { name: '--trusted-host', long: ['--trusted-host'], value: true },
  {
    name: '--use-feature',
    long: ['--use-feature'],
    value: true,
    check: (value, typed) =>
      FEATURES.includes(value) ? undefined : `Invalid ${typed} '${value}': pip knows ${FEATURES.join(', ')}`,
  },
  {
    name: '--hash',
    long: ['--hash'],
    value: true,
    perRequirement: true,
    check: (value, typed) => {
      const colon = value.indexOf(':');
      if (colon < 0)
        return `Arguments to ${typed} must be a hash name followed by a value, like ${typed}=sha256:abcde...`;
      return HASHES.includes(value.slice(0, colon))
        ? undefined
        : `Allowed hash algorithms for ${typed} are ${HASHES.join(', ')}, not '${value.slice(0, colon)}'`;
    },
  },
  {
    name: '--config-settings',
    short: '-C',
    long: ['--config-settings'],
    value: true,
    perRequirement: true,
    check: (value, typed) =>
      value.includes('=') ? undefined : `Arguments to ${typed} must be of the form KEY=VALUE, not '${value}'`,
  },
];

// Options pip took once: optparse now calls them "no such option", which says less than when and why they went.
// Each took a value, so its value is skipped with it.
const REMOVED = new Map<string, string>([
  [
    '--install-option',
    'pip no longer accepts --install-option (removed in pip 23.1); pass build settings with --config-settings',
  ],
  [
    '--global-option',
    'pip no longer accepts --global-option (removed in pip 25.3); pass build settings with --config-settings',
  ],
  [
    '--build-option',
    'pip never accepted --build-option in a requirements file and removed it in pip 25.3; pass build settings with --config-settings',
  ],
]);

const LONG = new Map<string, OptionSpec>(PIP_OPTIONS.flatMap((o) => o.long.map((name) => [name, o] as const)));
const LONG_NAMES = [...LONG.keys()].sort();
const SHORT = new Map<string, OptionSpec>(PIP_OPTIONS.filter((o) => o.short).map((o) => [o.short as string, o]));

/** optparse's `_match_abbrev`: an exact name, else the one long name `typed` starts. */
function matchLong(typed: string): { name: string } | { error: string } {
  if (LONG.has(typed)) return { name: typed };
  const candidates = LONG_NAMES.filter((n) => n.startsWith(typed));
  if (candidates.length === 1) return { name: candidates[0] };
  if (candidates.length === 0)
    return { error: `Unknown option '${typed}': pip accepts no such option in a requirements file` };
  return {
    error: `Ambiguous option '${typed}': pip cannot tell ${candidates.slice(0, -1).join(', ')} and ${candidates[candidates.length - 1]} apart`,
  };
}

const QUOTING = /["'\\]/g;

function isShellBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * `shlex.split` of `line` from `from` (POSIX rules: quotes, backslash escapes, `\` kept inside double quotes unless
 * before `"` or `\`). A quote left open or a backslash with nothing after it is pip's "Could not split options".
 */
export function splitWords(line: string, from: number): { words: Word[]; error?: OptionProblem } {
  const words: Word[] = [];
  const n = line.length;
  let i = from;
  // Most option parts hold no quote and no backslash: blanks alone separate their words.
  QUOTING.lastIndex = from;
  const plain = !QUOTING.test(line);
  while (i < n) {
    while (i < n && isShellBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    if (plain) {
      while (i < n && !isShellBlank(line.charCodeAt(i))) i++;
      words.push({ text: line.slice(start, i), start, end: i });
      continue;
    }
    let text = '';
    const at: number[] = [];
    const add = (k: number) => {
      text += line[k];
      at.push(k);
    };
    while (i < n && !isShellBlank(line.charCodeAt(i))) {
      const c = line[i];
      if (c === "'" || c === '"') {
        let k = i + 1;
        for (; k < n && line[k] !== c; k++) {
          if (c === '"' && line[k] === '\\' && (line[k + 1] === '"' || line[k + 1] === '\\')) k++;
          add(k);
        }
        if (k >= n)
          return {
            words,
            error: {
              message: `Unbalanced ${c === '"' ? 'double' : 'single'} quote: pip cannot split this line's options`,
              start: i,
              end: n,
            },
          };
        i = k + 1;
      } else if (c === '\\') {
        if (i + 1 >= n)
          return {
            words,
            error: {
              message: "A '\\' at the end of the options escapes nothing: pip cannot split this line's options",
              start: i,
              end: n,
            },
          };
        add(i + 1);
        i += 2;
      } else {
        add(i);
        i++;
      }
    }
    const exact = text.length === i - start && line.startsWith(text, start);
    words.push(exact ? { text, start, end: i } : { text, start, end: i, at });
  }
  return { words };
}

/** The line offset of character `k` of a word (its end when `k` is its length). */
export function offsetIn(word: Word, k: number): number {
  if (!word.at) return word.start + k;
  return k < word.at.length ? word.at[k] : word.end;
}

/** The part of a word from character `k` on, as a word of its own. */
function tail(word: Word, k: number): Word {
  const start = offsetIn(word, k);
  return word.at
    ? { text: word.text.slice(k), start, end: word.end, at: word.at.slice(k) }
    : { text: word.text.slice(k), start, end: word.end };
}

/**
 * One option and its value: the value glued on, else the next word (which optparse takes whatever it is). Returns the
 * index of the last word used.
 */
function take(
  result: OptionsParse,
  spec: OptionSpec,
  typed: string,
  word: Word,
  nameEnd: number,
  glued: Word | undefined,
  words: Word[],
  w: number,
): number {
  let value = glued;
  if (spec.value && !value) {
    if (w + 1 >= words.length) {
      result.errors.push({ message: `Option '${typed}' needs a value`, start: word.start, end: word.end });
      return w;
    }
    value = words[++w];
  }
  if (!spec.value && glued) {
    result.errors.push({ message: `Option '${typed}' does not take a value`, start: word.start, end: word.end });
    return w;
  }
  const complaint = value && spec.check?.(value.text, typed);
  if (complaint && value) {
    const whole = value.text === '';
    result.errors.push({
      message: complaint,
      start: whole ? word.start : value.start,
      end: whole ? word.end : value.end,
    });
    return w;
  }
  result.options.push({
    spec,
    typed,
    start: word.start,
    end: value && !glued ? value.end : glued ? word.end : nameEnd,
    value,
    glued: glued !== undefined,
  });
  return w;
}

/**
 * Read the options part of `line` (from `from`) as optparse does, but on past the first problem so that every
 * option is examined. After a problem, words that follow are not reported as skipped: pip stopped before them.
 * Written without closures: it runs for every line that pins hashes.
 */
export function parseOptions(line: string, from: number): OptionsParse {
  const result: OptionsParse = { options: [], skipped: [], errors: [] };
  const { words, error } = splitWords(line, from);
  if (error) {
    result.errors.push(error);
    return result;
  }
  let stopped = false;
  // Whether the word before this one was skipped too: adjacent skipped words make one run (`google - auth`).
  let skipping = false;
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const t = word.text;
    const skip = stopped || t === '-' || t[0] !== '-';
    if (skip || t === '--') {
      // `--` is optparse's end of options: every word after it is an argument, which pip drops.
      if (!skip) stopped = true;
      if (result.errors.length === 0) {
        const last = result.skipped[result.skipped.length - 1];
        if (skipping && last) {
          last.end = word.end;
          last.text = line.slice(last.start, word.end);
        } else result.skipped.push({ start: word.start, end: word.end, text: line.slice(word.start, word.end) });
      }
      skipping = true;
      continue;
    }
    skipping = false;
    if (t.charCodeAt(1) === 45) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      const nameEnd = offsetIn(word, name.length);
      const removed = REMOVED.get(name);
      const match = removed ? { error: removed } : matchLong(name);
      if ('error' in match) {
        result.errors.push({ message: match.error, start: word.start, end: nameEnd });
        if (removed && eq < 0 && w + 1 < words.length) w++;
      } else
        w = take(
          result,
          LONG.get(match.name) as OptionSpec,
          match.name,
          word,
          nameEnd,
          eq < 0 ? undefined : tail(word, eq + 1),
          words,
          w,
        );
      continue;
    }
    // Short options: `-rfile` glues the value on; pip's short options all take one.
    for (let k = 1; k < t.length; k++) {
      const typed = `-${t[k]}`;
      const spec = SHORT.get(typed);
      if (!spec) {
        result.errors.push({
          message: `Unknown option '${typed}': pip accepts no such option in a requirements file`,
          start: k === 1 ? word.start : offsetIn(word, k),
          end: offsetIn(word, k + 1),
        });
        break;
      }
      const last = spec.value || k + 1 === t.length;
      const before = w;
      w = take(
        result,
        spec,
        typed,
        word,
        offsetIn(word, k + 1),
        spec.value && k + 1 < t.length ? tail(word, k + 1) : undefined,
        words,
        w,
      );
      if (last || w !== before) break;
    }
  }
  return result;
}
