// `pip install …` in a command line: which command is an install (`pip`, `pip3.11`, `python -m pip`, `uv pip`), and
// its arguments as pip and uv read them: options (with the values some take) skipped, `-r`/`-c` files, and the
// requirements. An unquoted `>` or `<` ends a word in the shell, so `pandas>=1.5` gives pip `pandas` and writes its
// output to a file `=1.5`: such a word comes back whole, with the redirection that cut it.
import type { ShellCommand, ShellRedirect, ShellWord } from './shellWords';

/** What an install command names. */
export type InstallArgument =
  /** A requirement (or a path or URL, which the caller tells apart); `cut` is the redirection the shell took from it. */
  | { kind: 'requirement'; word: ShellWord; cut?: { start: number; end: number; given: string } }
  | { kind: 'include'; option: '-r' | '-c'; target: ShellWord };

// Options of `pip install`, pip's general options and `uv pip install` that take a value (pip 25, uv 0.8).
const LONG_VALUE = new Set([
  '--requirement',
  '--constraint',
  '--override',
  '--build-constraint',
  '--editable',
  '--target',
  '--platform',
  '--python-version',
  '--python-platform',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '--src',
  '--upgrade-strategy',
  '--global-option',
  '--install-option',
  '--config-settings',
  '--config-setting',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--root-user-action',
  '--report',
  '--index-url',
  '--extra-index-url',
  '--index',
  '--default-index',
  '--index-strategy',
  '--find-links',
  '--group',
  '--extra',
  '--log',
  '--log-file',
  '--proxy',
  '--retries',
  '--resume-retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--allow-insecure-host',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--use-feature',
  '--use-deprecated',
  '--python',
  '--keyring-provider',
  '--resolution',
  '--prerelease',
  '--fork-strategy',
  '--exclude-newer',
  '--link-mode',
  '--reinstall-package',
  '--upgrade-package',
  '--no-build-package',
  '--no-binary-package',
  '--refresh-package',
  '--config-file',
  '--directory',
  '--project',
  '--color',
  '--torch-backend',
]);
const SHORT_VALUE = new Set(['r', 'c', 'e', 't', 'i', 'f', 'C', 'b', 'p', 'P']);
// Words before a command that leave it the command: shell keywords and wrappers.
const PREFIXES = new Set(['!', '{', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'exec', 'command', 'sudo']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const PIP = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON = /^python(?:\d+(?:\.\d+)*)?$/;
// Python's own options that take a value: `python -W ignore -m pip`.
const PYTHON_VALUE = new Set(['-W', '-X']);

function basename(word: ShellWord): string {
  return word.text.slice(word.text.lastIndexOf('/') + 1);
}

/** The part of `word` from its `k`th character (an option's glued value). */
function tail(word: ShellWord, k: number): ShellWord {
  return {
    ...word,
    text: word.text.slice(k),
    at: word.at.slice(k),
    quoted: word.quoted.slice(k),
    start: word.at[k] ?? word.end,
  };
}

/** The index of the first word after `install`, when the words run `pip install` in one of its spellings. */
function installStart(words: readonly ShellWord[]): number | undefined {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i].text) || ASSIGNMENT.test(words[i].text))) i++;
  if (i >= words.length) return undefined;
  const command = basename(words[i++]);
  if (PYTHON.test(command)) {
    // `python -m pip` or `python -mpip`, after any of Python's own options.
    let module = false;
    for (; !module && i < words.length && words[i].text.startsWith('-'); i++) {
      const option = words[i].text;
      if (option === '-m') module = words[++i]?.text === 'pip';
      else if (option.startsWith('-m')) module = option === '-mpip';
      if (option === '-c' || (option.startsWith('-m') && !module)) return undefined;
      if (PYTHON_VALUE.has(option)) i++;
    }
    if (!module) return undefined;
  } else if (command === 'uv') {
    for (; i < words.length && words[i].text.startsWith('-'); i++) if (LONG_VALUE.has(words[i].text)) i++;
    if (words[i]?.text !== 'pip') return undefined;
    i++;
  } else if (!PIP.test(command)) return undefined;
  // pip's general options may stand before the subcommand.
  for (; i < words.length && words[i].text.startsWith('-'); i++) if (LONG_VALUE.has(words[i].text)) i++;
  return words[i]?.text === 'install' ? i + 1 : undefined;
}

/** The arguments of an install command, when `command` is one. */
export function installArguments(command: ShellCommand): InstallArgument[] | undefined {
  const words = command.filter((item): item is ShellWord => item.kind === 'word');
  const start = installStart(words);
  if (start === undefined) return undefined;
  const found: InstallArgument[] = [];
  let options = true;
  for (let i = start; i < words.length; i++) {
    const word = words[i];
    const text = word.text;
    if (options && text === '--') options = false;
    else if (options && text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      if (!LONG_VALUE.has(name)) continue;
      const value = eq < 0 ? words[++i] : tail(word, eq + 1);
      if (value && (name === '--requirement' || name === '--constraint'))
        found.push({ kind: 'include', option: name === '--requirement' ? '-r' : '-c', target: value });
    } else if (options && text.length > 1 && text.startsWith('-')) {
      // Short options may share a word (`-Ur req.txt`, `-rreq.txt`); one that takes a value takes the rest.
      for (let k = 1; k < text.length; k++) {
        if (!SHORT_VALUE.has(text[k])) continue;
        const value = k + 1 < text.length ? tail(word, k + 1) : words[++i];
        if (value && (text[k] === 'r' || text[k] === 'c'))
          found.push({ kind: 'include', option: text[k] === 'r' ? '-r' : '-c', target: value });
        break;
      }
    } else found.push(requirementOf(command, word));
  }
  return found;
}

/** The requirement a word was meant to be: with the redirections glued to it (`pandas>=1.5,<2`) put back. */
function requirementOf(command: ShellCommand, word: ShellWord): InstallArgument {
  let index = command.indexOf(word);
  let end = word.end;
  const whole: ShellWord = { ...word, at: [...word.at], quoted: [...word.quoted] };
  for (let next = command[index + 1]; glued(next, end); next = command[++index + 1]) {
    const { op, start, target } = next as ShellRedirect & { target: ShellWord };
    for (let k = 0; k < op.length; k++) {
      whole.text += op[k];
      whole.at.push(start + k);
      whole.quoted.push(false);
    }
    whole.text += target.text;
    whole.at.push(...target.at);
    whole.quoted.push(...target.quoted);
    whole.expands ||= target.expands;
    end = target.end;
  }
  if (end === word.end) return { kind: 'requirement', word };
  whole.end = end;
  return { kind: 'requirement', word: whole, cut: { start: word.end, end, given: word.text } };
}

/** Whether `item` is a `<` or `>` redirection written right after `end`, its unquoted target right after it. */
function glued(item: ShellCommand[number] | undefined, end: number): boolean {
  return (
    item?.kind === 'redirect' &&
    item.start === end &&
    (item.op === '>' || item.op === '<') &&
    item.target !== undefined &&
    item.target.start === item.opEnd &&
    !item.target.quoted.some(Boolean)
  );
}
