// Dockerfiles (and Containerfiles) as facts: the Python image of every stage's FROM, followed through the ARGs
// declared before the first FROM (where the version then is, and is fixed), and the requirements of every
// `RUN pip install …` (pip, `python -m pip`, `uv pip`), with `-r`/`-c` files that lie beside the Dockerfile read too.
import path = require('node:path');
import { textSource, type Fact, type Frozen, type PackageFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import { stripBom } from '../text';
import type { Clause } from '../versions';
import { PEP440, type Dialect } from '../versions/dialects';
import type { ReadContext } from './context';
import {
  expandWord,
  isJsonForm,
  lexDockerfile,
  offsetOf,
  wordSpans,
  type Instruction,
  type Traced,
} from './dockerfileLexer';
import { imageFact } from './images';
import { parseRequirement, requirementFact, type RequirementRef } from './pep508';
import { installArguments, type InstallArgument } from './pipInstall';
import { isReference } from './pipReferences';
import { readRequirements } from './requirements';
import { shellCommands, type ShellWord } from './shellWords';

const DOCKERFILE = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.[Dd]ockerfile)$/;

/** The names Docker and Podman users give Dockerfiles, as globs. */
export const DOCKERFILE_GLOBS = [
  'Dockerfile',
  'Dockerfile.*',
  '*.Dockerfile',
  '*.dockerfile',
  'Containerfile',
  'Containerfile.*',
];

/** Whether `file` is named as a Dockerfile (`Dockerfile`, `Dockerfile.dev`, `api.Dockerfile`, `Containerfile`). */
export function isDockerfile(file: string): boolean {
  const name = path.basename(file);
  // BuildKit reads `<Dockerfile>.dockerignore` as that Dockerfile's ignore file.
  return DOCKERFILE.test(name) && !name.endsWith('.dockerignore');
}

// What a shell takes for something other than a literal character, so an unquoted word must not hold it.
const SHELL_SPECIAL = /[\s<>|&;()$`"'\\*?[\]]/;

/** A fixed specifier the shell passes on whole: quoted when it holds `<`, `>` or another character the shell reads. */
function shellSafe(text: string): string {
  return SHELL_SPECIAL.test(text) ? `"${text}"` : text;
}

// PEP 440 for a specifier written unquoted in a shell word (`pandas==1.5.3`): a fix to `>=2.0.0` gets quotes, so the
// shell does not read a redirection (`pandas">=2.0.0"` is the one word `pandas>=2.0.0`).
const UNQUOTED_PEP440: Dialect<Clause[]> = {
  ...PEP440,
  fix: (text, value, minimum, pin) => shellSafe(PEP440.fix(text, value, minimum, pin)),
};

/** A RUN's argument: its characters' file offsets, to judge where an edit can go. */
interface Located {
  word: ShellWord;
  /** The file offset of each character of the word. */
  file: number[];
}

const fileStart = (w: Located, k: number) => (k < w.file.length ? w.file[k] : fileEnd(w, k));
const fileEnd = (w: Located, k: number) => (k === 0 ? (w.file[0] ?? 0) : w.file[k - 1] + 1);

/** Whether the characters from `start` to `end` of the word are written in one piece of the file. */
function contiguous(w: Located, start: number, end: number): boolean {
  for (let k = start + 1; k < end; k++) if (w.file[k] !== w.file[k - 1] + 1) return false;
  return true;
}

/** Whether the characters from `start` to `end` are all quoted (true), all unquoted (false), or mixed (undefined). */
function quoting(w: Located, start: number, end: number): boolean | undefined {
  const first = w.word.quoted[start];
  for (let k = start + 1; k < end; k++) if (w.word.quoted[k] !== first) return undefined;
  return first;
}

/** The JSON strings of an exec-form instruction (`["pip", "install", "x"]`) as words, every character literal. */
function jsonWords(args: string): ShellWord[] {
  const words: ShellWord[] = [];
  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
  for (let i = args.indexOf('"'); i >= 0; i = args.indexOf('"', i)) {
    const word: ShellWord = { kind: 'word', text: '', at: [], quoted: [], start: i, end: i, expands: false };
    let k = i + 1;
    while (k < args.length && args[k] !== '"') {
      word.at.push(k);
      word.quoted.push(true);
      if (args[k] !== '\\') word.text += args[k++];
      else if (args[k + 1] === 'u') {
        word.text += String.fromCharCode(parseInt(args.slice(k + 2, k + 6), 16));
        k += 6;
      } else {
        word.text += ESCAPES[args[k + 1]] ?? args[k + 1];
        k += 2;
      }
    }
    word.end = k + 1;
    words.push(word);
    i = k + 1;
  }
  return words;
}

export function readDockerfile(file: SourceFile, ctx: ReadContext): Fact[] {
  const source = textSource(file.path, file.text);
  const lexed = lexDockerfile(file.text);
  const facts: Fact[] = lexed.problems.map((p) => ({
    kind: 'problem',
    code: 'parse-error',
    message: p.message,
    place: { source, start: p.start, end: p.end },
  }));
  // The ARGs before the first FROM, which FROM lines may use, with where their values are written.
  const args = new Map<string, Traced>();
  const argNames = new Map<Traced, string>();
  const stages = new Set<string>();
  // Where a version was found: an ARG that several FROM lines use is judged once.
  const judged = new Set<number>();
  const included = new Set<string>([path.resolve(file.path)]);
  const done = new Set<string>();
  let staged = false;
  const known = (name: string) => ctx.wants('python', name);
  for (const ins of lexed.instructions) {
    if (ins.keyword === 'ARG' && !staged) readArg(ins);
    else if (ins.keyword === 'FROM') {
      staged = true;
      readFrom(ins);
    } else if (ins.keyword === 'RUN') readRun(ins);
  }
  return facts;

  function readArg(ins: Instruction): void {
    for (const span of wordSpans(ins.args, lexed.escape)) {
      const eq = ins.args.indexOf('=', span.start);
      if (eq < 0 || eq >= span.end || eq === span.start) continue;
      const from = eq + 1;
      const value = expandWord(ins.args.slice(from, span.end), (k) => offsetOf(ins, from + k), args, lexed.escape);
      if (!value) continue;
      const name = ins.args.slice(span.start, eq);
      args.set(name, value);
      argNames.set(value, name);
    }
  }

  function readFrom(ins: Instruction): void {
    const words = wordSpans(ins.args, lexed.escape);
    let i = 0;
    while (i < words.length && ins.args.startsWith('--', words[i].start)) i++;
    const [image, as, stage] = words.slice(i);
    if (!image) return;
    const written = ins.args.slice(image.start, image.end);
    const reference = expandWord(written, (k) => offsetOf(ins, image.start + k), args, lexed.escape);
    // A FROM naming an earlier stage builds on that stage, not on an image.
    const isStage = reference !== undefined && stages.has(reference.text.toLowerCase());
    if (as && stage && ins.args.slice(as.start, as.end).toLowerCase() === 'as')
      stages.add(ins.args.slice(stage.start, stage.end).toLowerCase());
    if (!reference || isStage) return;
    const fact = imageFact(
      reference.text,
      (start, end) => {
        const at = reference.at;
        for (let k = start + 1; k < end; k++) if (at[k] !== at[k - 1] + 1) return undefined;
        return end > start ? { source, start: at[start], end: at[end - 1] + 1 } : undefined;
      },
      (at) => {
        // The version written in an ARG's default is that ARG's: the message and the fix go there.
        for (const [value, name] of argNames)
          if (value.at.includes(at.start)) return { label: `ARG ${name}`, shown: value.text };
        return { label: 'FROM', shown: written };
      },
    );
    if (!fact || judged.has(fact.place.start)) return;
    judged.add(fact.place.start);
    facts.push(fact);
  }

  function readRun(ins: Instruction): void {
    // Most RUN lines install no Python package: they are not split into words.
    if (!ins.args.includes('pip')) return;
    // RUN's own flags (`--mount=…`, `--network=…`) come first.
    let from = 0;
    for (const span of wordSpans(ins.args, lexed.escape)) {
      if (!ins.args.startsWith('--', span.start)) break;
      from = span.end;
    }
    while (from < ins.args.length && /\s/.test(ins.args[from])) from++;
    const rest = ins.args.slice(from);
    const commands = isJsonForm(rest)
      ? [
          jsonWords(rest).map((w) => ({
            ...w,
            at: w.at.map((k) => k + from),
            start: w.start + from,
            end: w.end + from,
          })),
        ]
      : shellCommands(ins.args, from);
    for (const command of commands) {
      for (const arg of installArguments(command) ?? []) {
        if (arg.kind === 'include') readInclude(arg.target);
        else readRequirement(ins, arg);
      }
    }
  }

  function readInclude(target: ShellWord): void {
    // A path in the image (`/app/requirements.txt`) or one built at run time cannot be read here.
    if (target.expands || target.text === '' || path.isAbsolute(target.text)) return;
    const relative = path.join(path.dirname(file.path), target.text);
    const key = path.resolve(relative);
    if (included.has(key)) return;
    included.add(key);
    const text = ctx.fs.readFile(relative);
    if (text !== undefined) facts.push(...readRequirements({ path: relative, text: stripBom(text) }, ctx, [], done));
  }

  function readRequirement(ins: Instruction, arg: Extract<InstallArgument, { kind: 'requirement' }>): void {
    const { word, cut } = arg;
    if (word.expands || word.text === '' || isReference(word.text)) return;
    const entry = parseRequirement(word.text, 0, false, (o) => o, known);
    if (entry.kind !== 'requirement' && entry.kind !== 'unchecked') return;
    const w: Located = { word, file: word.at.map((k) => offsetOf(ins, k)) };
    if (cut) facts.push(redirection(ins, w, cut));
    if (entry.kind === 'requirement') facts.push(packageFact(w, entry.req));
  }

  /** The shell took the end of a requirement (`>=1.5` of `pandas>=1.5`) for a redirection. */
  function redirection(ins: Instruction, w: Located, cut: { start: number; end: number; given: string }): Fact {
    const start = fileStart(w, 0);
    const end = fileEnd(w, w.file.length);
    const written = file.text.slice(start, end);
    const quoted = `"${w.word.text}"`;
    const fixable = written === w.word.text && contiguous(w, 0, w.file.length);
    const taken = ins.args.slice(cut.start, cut.end);
    return {
      kind: 'problem',
      code: 'ignored-text',
      message: taken.includes('<')
        ? `The shell reads '${taken}' as a redirection of pip's input from a file, so the command fails where that file is missing and pip never sees the version: quote the requirement, ${quoted}`
        : `The shell reads '${taken}' as a redirection of pip's output, so pip installs ${cut.given} at any version: quote the requirement, ${quoted}`,
      place: { source, start: offsetOf(ins, cut.start), end: offsetOf(ins, cut.end - 1) + 1 },
      suggestions: fixable
        ? [
            {
              title: `Quote it: ${quoted}`,
              isPreferred: true,
              edits: [{ file: file.path, range: source.range(start, end), newText: quoted }],
            },
          ]
        : [],
    };
  }

  function packageFact(w: Located, req: RequirementRef): PackageFact {
    const spec = req.specifier;
    const specQuoting = spec ? quoting(w, spec.start, spec.end) : true;
    let frozen: Frozen | undefined;
    if (
      !contiguous(w, req.nameStart, req.nameEnd) ||
      (spec && (!contiguous(w, spec.start, spec.end) || specQuoting === undefined))
    )
      frozen = 'escapes';
    const mapped: RequirementRef = {
      ...req,
      nameStart: fileStart(w, req.nameStart),
      nameEnd: fileEnd(w, req.nameEnd),
      insertAt: fileEnd(w, req.insertAt),
      specifier: spec && { ...spec, start: fileStart(w, spec.start), end: fileEnd(w, spec.end) },
    };
    const fact = requirementFact(mapped, source, fileStart(w, 0), fileEnd(w, w.file.length), frozen);
    if (specQuoting === false) fact.dialect = UNQUOTED_PEP440;
    // After an unquoted name, an added `>=2.0.0` needs quotes of its own.
    if (req.insertAt > 0 && !w.word.quoted[req.insertAt - 1]) {
      const at = mapped.insertAt;
      fact.addConstraint = (text) => ({ file: source.path, range: source.range(at, at), newText: shellSafe(text) });
    }
    return fact;
  }
}
