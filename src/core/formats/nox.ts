// noxfile.py, read as text and never run: the Pythons of each session, from `@nox.session(python=…)` (or `py=`) and
// `@nox.parametrize("python", …)`: a string, a list or tuple of strings, or the name of such a list assigned at the
// module's level (`PYTHONS = ["3.9", "3.10"]`). The fix drops the list entries below the minimum. A noxfile may also
// hold PEP 723 script metadata (the requirements of the noxfile itself), which is read too.
import path = require('node:path');
import { editAt, textSource, type Fact, type PythonFact, type Source, versionFact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { Version } from '../versions';
import { dottedMinorVersion, majorMinor } from '../versions/runtimes';
import type { ReadContext } from './context';
import { readInlineScript } from './pep723';
import { tokenize, type PyString, type PyToken } from './pythonTokens';
import { lineRemovals, versionList, type ListedVersion } from './versionLists';

export const NOXFILE = 'noxfile.py';

const DOTTED = (v: Version) => majorMinor(v).join('.');

/** The index of the bracket closing the one at `open`, else the number of tokens. */
function closing(tokens: readonly PyToken[], open: number): number {
  const depth = tokens[open].depth;
  for (let j = open + 1; j < tokens.length; j++) if (tokens[j].depth <= depth && tokens[j].kind !== 'newline') return j;
  return tokens.length;
}

/** The token ranges between commas at the depth inside the bracket at `open` (up to its closing bracket). */
function items(tokens: readonly PyToken[], open: number, close: number): [number, number][] {
  const depth = tokens[open].depth + 1;
  const out: [number, number][] = [];
  let start = open + 1;
  for (let j = open + 1; j <= close; j++) {
    if (j === close || (tokens[j].depth === depth && tokens[j].text === ',' && tokens[j].kind === 'op')) {
      if (j > start) out.push([start, j]);
      start = j + 1;
    }
  }
  return out;
}

/** What an argument's tokens `[from, to)` are: one string, a list or tuple of items, a name, or something else. */
type Value =
  | { kind: 'string'; token: PyString }
  | { kind: 'list'; items: { start: number; end: number; token?: PyString }[]; open: number }
  | { kind: 'name'; name: string };

function valueOf(tokens: readonly PyToken[], from: number, to: number): Value | undefined {
  const first = tokens[from];
  if (!first || to <= from) return undefined;
  if (to - from === 1 && first.kind === 'string') return { kind: 'string', token: first as PyString };
  if (to - from === 1 && first.kind === 'name') return { kind: 'name', name: first.text };
  if (first.kind === 'op' && (first.text === '[' || first.text === '(') && closing(tokens, from) === to - 1) {
    const list = items(tokens, from, to - 1).map(([s, e]) => ({
      start: tokens[s].start,
      end: tokens[e - 1].end,
      token: e - s === 1 && tokens[s].kind === 'string' ? (tokens[s] as PyString) : undefined,
    }));
    return { kind: 'list', items: list, open: from };
  }
  return undefined;
}

/** A module-level assignment `NAME = value` (or `NAME: type = value`), at the token index of its name. */
interface Assignment {
  at: number;
  value: Value | undefined;
}

function assignments(tokens: readonly PyToken[]): Map<string, Assignment[]> {
  const found = new Map<string, Assignment[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.first || t.indent !== 0 || t.kind !== 'name') continue;
    let end = i + 1;
    while (end < tokens.length && tokens[end].kind !== 'newline') end++;
    let eq = i + 1;
    if (tokens[eq]?.text === ':') while (eq < end && !(tokens[eq].text === '=' && tokens[eq].depth === 0)) eq++;
    if (tokens[eq]?.kind !== 'op' || tokens[eq].text !== '=' || eq >= end) continue;
    const list = found.get(t.text) ?? [];
    list.push({ at: i, value: valueOf(tokens, eq + 1, end) });
    found.set(t.text, list);
    i = end;
  }
  return found;
}

/** A `@nox.session(…)` or `@nox.parametrize("python", …)` decorator's Python argument, with its session's name. */
interface PythonArgument {
  at: number;
  value: Value;
  session: string;
}

function pythonArguments(tokens: readonly PyToken[]): PythonArgument[] {
  const found: PythonArgument[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].first || tokens[i].text !== '@') continue;
    const names: string[] = [];
    let j = i + 1;
    while (tokens[j]?.kind === 'name') {
      names.push(tokens[j].text);
      if (tokens[j + 1]?.text !== '.') break;
      j += 2;
    }
    const callee = names.join('.');
    const open = j + 1;
    if (tokens[open]?.text !== '(' || !['nox.session', 'session', 'nox.parametrize', 'parametrize'].includes(callee))
      continue;
    const close = closing(tokens, open);
    const args = items(tokens, open, close);
    let value: Value | undefined;
    let name: string | undefined;
    if (callee.endsWith('parametrize')) {
      const [first, second] = args;
      const argName = first && first[1] - first[0] === 1 ? (tokens[first[0]] as PyString).value : undefined;
      if (tokens[first?.[0] ?? -1]?.kind === 'string' && argName?.trim() === 'python' && second)
        value = valueOf(tokens, second[0], second[1]);
    } else {
      for (const [s, e] of args) {
        if (tokens[s].kind !== 'name' || tokens[s + 1]?.text !== '=') continue;
        if (tokens[s].text === 'python' || tokens[s].text === 'py') value = valueOf(tokens, s + 2, e);
        if (tokens[s].text === 'name' && tokens[s + 2]?.kind === 'string' && e === s + 3)
          name = (tokens[s + 2] as PyString).value;
      }
    }
    if (value) found.push({ at: i, value, session: name ?? sessionFunction(tokens, close) ?? '?' });
    i = close;
  }
  return found;
}

/** The name of the function the decorators from `from` on apply to. */
function sessionFunction(tokens: readonly PyToken[], from: number): string | undefined {
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j];
    if (!t.first || t.text === '@') continue;
    const def = t.text === 'async' ? j + 1 : j;
    const name = tokens[def + 1];
    return tokens[def]?.text === 'def' && name?.kind === 'name' ? name.text : undefined;
  }
  return undefined;
}

function stringFact(source: Source, token: PyString, label: string): PythonFact | undefined {
  const version = token.value === undefined ? undefined : dottedMinorVersion(token.value);
  if (!version) return undefined;
  return versionFact(label, 'runs', { source, start: token.contentStart, end: token.contentEnd }, version, token.text);
}

function listFact(
  source: Source,
  text: string,
  list: Extract<Value, { kind: 'list' }>,
  label: string,
): PythonFact | undefined {
  const entries: (ListedVersion & { item: number })[] = [];
  list.items.forEach(({ token }, item) => {
    const version = token?.value === undefined ? undefined : dottedMinorVersion(token.value);
    if (token && version)
      entries.push({
        version,
        shown: token.text,
        place: { source, start: token.contentStart, end: token.contentEnd },
        item,
      });
  });
  if (entries.length === 0) return undefined;
  const remove = (removed: ReadonlySet<number>) =>
    lineRemovals(text, list.items, new Set([...removed].map((i) => entries[i].item)), '#').map((span) =>
      editAt({ source, ...span }, ''),
    );
  return {
    kind: 'python',
    label,
    role: 'runs',
    judgedBy: 'python',
    place: { source, start: list.items[0].start, end: list.items[list.items.length - 1].end },
    statement: versionList(entries, DOTTED, remove),
  };
}

/** Of assignments in file order, the last one before token `at`, else the first (a name bound later in the file). */
function inForce(assignments: readonly Assignment[], at: number): Assignment | undefined {
  let lo = 0;
  let hi = assignments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (assignments[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return assignments[lo > 0 ? lo - 1 : 0];
}

export function readNoxfile(file: SourceFile, ctx: ReadContext): Fact[] {
  const source = textSource(file.path, file.text);
  const tokens = tokenize(file.text);
  const defined = assignments(tokens);
  const facts: Fact[] = [];
  // A list named by several sessions is one statement, reported once.
  const named = new Set<Assignment>();
  for (const argument of pythonArguments(tokens)) {
    let { value } = argument;
    let label = `nox session ${argument.session}`;
    if (value.kind === 'name') {
      const name = value.name;
      // The assignment in force where the decorator runs: the last one before it (else the first after).
      const assignment = inForce(defined.get(name) ?? [], argument.at);
      if (!assignment?.value || assignment.value.kind === 'name' || named.has(assignment)) continue;
      named.add(assignment);
      value = assignment.value;
      label = `nox ${name}`;
    }
    const fact =
      value.kind === 'string'
        ? stringFact(source, value.token, label)
        : value.kind === 'list'
          ? listFact(source, file.text, value, label)
          : undefined;
    if (fact) facts.push(fact);
  }
  return [...facts, ...readInlineScript(file, ctx)];
}

export function isNoxfile(file: string): boolean {
  return path.basename(file) === NOXFILE;
}
