// Makefiles as GNU make reads their rules: logical lines (a `\` joins the next line), recipe lines (a tab, or the
// `.RECIPEPREFIX`) and `define … endef` bodies skipped, `#` comments dropped, variable assignments told from rules by
// the first `=` or `:`. Both branches of a conditional are read; `include`d files are named, not followed.
import path = require('node:path');
import { editAt, type Fact, type MakefileFact, type Place, type Source } from '../facts';
import type { SourceFile } from '../fileSystem';
import { endsWithBlankLine, LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { ReadContext } from './context';

/** The names GNU make looks for, in its order. */
export const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

export function isMakefile(file: string): boolean {
  return MAKEFILE_NAMES.includes(path.basename(file));
}

/** A logical line: its text with continuations joined by a space, as make joins them, and where it lies. */
interface LogicalLine {
  start: number;
  /** Offset of the end of its last physical line, before the line break. */
  end: number;
  text: string;
  /** Where each physical line's part begins: at `index` in `text`, at `offset` in the file. */
  parts: { index: number; offset: number }[];
}

/** The file offset of character `i` of a logical line (a joining space maps to the backslash it stands for). */
function offsetOf(line: LogicalLine, i: number): number {
  let part = line.parts[0];
  for (const p of line.parts) if (p.index <= i) part = p;
  return part.offset + (i - part.index);
}

/** The logical lines of `text`. */
function logicalLines(text: string, lines: LineIndex): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    let body = text.slice(start, end);
    // An odd number of backslashes at the end continues the line; make joins the parts with one space.
    const trailing = /\\+$/.exec(body)?.[0].length ?? 0;
    const continues = trailing % 2 === 1 && line + 1 < lines.lineCount;
    if (continues) body = body.slice(0, -1);
    if (!current) current = { start, end, text: '', parts: [] };
    else body = body.trimStart();
    current.parts.push({ index: current.text.length, offset: end - (continues ? 1 : 0) - body.length });
    current.text += continues ? body + ' ' : body;
    current.end = end;
    if (continues) continue;
    out.push(current);
    current = undefined;
  }
  return out;
}

/** The text before an unescaped `#`. */
function withoutComment(text: string): string {
  for (let i = 0; i < text.length; i++) if (text[i] === '#' && text[i - 1] !== '\\') return text.slice(0, i);
  return text;
}

// A directive's word followed by a space, a parenthesis or nothing (`export:` would be a rule for `export`).
const DIRECTIVE = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif|export|unexport|vpath|undefine|override|private)(?![^ \t(])/;
const INCLUDE = /^(?:-include|sinclude|include)[ \t]+(.*)$/;
const DEFINE = /^(?:(?:override|export|private)[ \t]+)*define\b/;
// A variable assignment: its operator comes before any rule colon (`X := a:b` assigns, `a: X = 1` is a rule).
const ASSIGNMENT = /^[^:=]*(?:=|::?:?=|[?+!]=)/;
// `target: VAR = value` sets a variable for the target's recipes and makes no rule (`make target` finds none).
const TARGET_VARIABLE = /^:?[ \t]*(?:(?:export|override|private|unexport)[ \t]+)*[^ \t=:#]+[ \t]*(?:=|::?:?=|[?+!]=)/;
const RECIPE_PREFIX = /^\.RECIPEPREFIX[ \t]*(?::{1,3}=|=)[ \t]?(.?)/;

export function readMakefile(file: SourceFile, ctx: ReadContext): Fact[] {
  const text = file.text;
  const index = new LineIndex(text);
  const source: Source = { path: file.path, range: (s, e) => index.rangeAt(s, e) };
  const at = (start: number, end: number): Place => ({ source, start, end });
  const rules = new Map<string, Place>();
  const phony = new Set<string>();
  const includes: string[] = [];
  /** The `.PHONY` rules: where a new name goes (the end of their last word), and how many names each lists. */
  const phonyRules: { place: Place; insertAt: number; names: number }[] = [];
  let prefix = '\t';
  let defines = 0;
  let opened: Place | undefined;
  for (const line of logicalLines(text, index)) {
    const raw = line.text;
    if (defines > 0) {
      if (/^[ \t]*endef\b/.test(raw)) defines--;
      else if (DEFINE.test(raw.trimStart())) defines++;
      continue;
    }
    if (raw.startsWith(prefix)) continue;
    const body = withoutComment(raw);
    const trimmed = body.trimStart();
    if (trimmed === '') continue;
    if (DEFINE.test(trimmed)) {
      defines++;
      opened = at(line.start, line.end);
      continue;
    }
    const setPrefix = RECIPE_PREFIX.exec(trimmed);
    if (setPrefix) {
      prefix = setPrefix[1] || '\t';
      continue;
    }
    const include = INCLUDE.exec(trimmed);
    if (include) {
      includes.push(...include[1].trim().split(/\s+/).filter(Boolean));
      continue;
    }
    if (ASSIGNMENT.test(trimmed)) continue;
    if (DIRECTIVE.test(trimmed)) continue;
    const colon = body.indexOf(':');
    if (colon < 0 || TARGET_VARIABLE.test(body.slice(colon + 1))) continue;
    const targets = [...body.slice(0, colon).matchAll(/\S+/g)];
    for (const m of targets) {
      const name = m[0];
      const start = offsetOf(line, m.index);
      const place = at(start, offsetOf(line, m.index + name.length - 1) + 1);
      if (name === '.PHONY') {
        const listed = [
          ...body
            .slice(colon + 1)
            .replace(/;.*$/, '')
            .matchAll(/\S+/g),
        ];
        for (const p of listed) phony.add(p[0]);
        const last = listed[listed.length - 1];
        const insertAt = last
          ? offsetOf(line, last.index + colon + 1 + last[0].length - 1) + 1
          : offsetOf(line, colon) + 1;
        phonyRules.push({ place, insertAt, names: listed.length });
        continue;
      }
      // Special targets, pattern rules and names made of variables are not targets a person runs by name.
      if (name.startsWith('.') || name.includes('%') || name.includes('$')) continue;
      if (!rules.has(name)) rules.set(name, place);
    }
  }

  const enclosedBy = enclosingMakefile(file.path, ctx);
  const eol = index.eol;
  // One `.PHONY` per rule when every such rule lists one name; otherwise the fullest list takes the new names.
  const perRule = phonyRules.length > 1 && phonyRules.every((r) => r.names === 1);
  const fullest = phonyRules.reduce<(typeof phonyRules)[number] | undefined>(
    (best, r) => (best && best.names >= r.names ? best : r),
    undefined,
  );
  const facts: Fact[] = [];
  if (defines > 0 && opened)
    facts.push({
      kind: 'problem',
      code: 'parse-error',
      message: "This define has no endef: make stops with \"missing 'endef', unterminated 'define'\"",
      place: opened,
    });
  const fact: MakefileFact = {
    kind: 'makefile',
    rules,
    phony,
    includes,
    enclosedBy,
    complete: defines === 0,
    missingAt: phonyRules[0]?.place ?? at(0, 0),
    addTargets(stubs, declare) {
      const edits: TextEdit[] = [];
      const marked = new Set(declare);
      let lead = '';
      if (declare.length > 0 && !perRule) {
        if (fullest) edits.push(editAt(at(fullest.insertAt, fullest.insertAt), ` ${declare.join(' ')}`));
        else lead = `.PHONY: ${declare.join(' ')}${eol}`;
      }
      const blocks = stubs.map(
        (name) =>
          (perRule && marked.has(name) ? `.PHONY: ${name}${eol}` : '') +
          `${name}:${eol}${prefix}${stubRecipe(name)}${eol}`,
      );
      if (blocks.length === 0 && lead === '') return edits;
      // After the last line, a blank line apart from what comes before.
      const end = text.length;
      const ending = text.endsWith('\n') || text.endsWith('\r') ? '' : text.length > 0 ? eol : '';
      const blank = text.length === 0 || endsWithBlankLine(text) ? '' : eol;
      edits.push(editAt(at(end, end), ending + blank + lead + blocks.join(eol)));
      return edits;
    },
  };
  facts.push(fact);
  return facts;
}

/**
 * A stub recipe that fails with a message until someone writes the real one: `make deploy` failed before the target
 * existed, and a stub that succeeded would let CI pass a `make test` that tests nothing.
 */
export function stubRecipe(name: string): string {
  return `@echo "${name}: not implemented yet (a target the stack standard requires)" >&2; exit 1`;
}

/** A Makefile in a folder above `file`, up to the folder that holds `.git`: `file` is then a sub-make's. */
function enclosingMakefile(file: string, ctx: ReadContext): string | undefined {
  let dir = path.dirname(path.resolve(file));
  if (ctx.fs.exists(path.join(dir, '.git'))) return undefined;
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    const found = MAKEFILE_NAMES.map((n) => path.join(dir, n)).find((f) => ctx.fs.exists(f));
    if (found) return found;
    if (ctx.fs.exists(path.join(dir, '.git'))) return undefined;
  }
}
