// Requirements files as facts: each requirement the rules want, what pip ignores or cannot read, and every `-r`/`-c`
// include followed (its own facts come along) or found missing or circular. A generated lock's requirements carry
// their source, where fixes go.
import path = require('node:path');
import type { Fact, Place, Source } from '../facts';
import { LineIndex, stripBom } from '../text';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { requirementFact } from './pep508';
import { readLock } from './pipCompile';
import { parseRequirements } from './pipLines';
import { ENV_VAR } from './pipReferences';

/** The source of a requirements file: an empty span at a continuation's seam is the end of the line before it. */
function requirementsSource(file: string, lines: LineIndex): Source {
  return { path: file, range: (start, end) => (end < start ? lines.rangeAt(end, end) : lines.rangeAt(start, end)) };
}

/** An include of a requirements file, followed in place by every reading that meets it. */
interface Include {
  kind: 'follow';
  target: string;
  place: Place;
}

/**
 * The facts of a requirements file and of the files it includes with `-r`/`-c` (each read once; `visiting` holds the
 * includes that lead here, to tell a cycle). Never throws.
 */
export function readRequirements(
  file: SourceFile,
  ctx: ReadContext,
  visiting: string[] = [],
  done = new Set<string>(),
): Fact[] {
  const key = path.resolve(file.path);
  done.add(key);
  // A file that several others include is read into facts once (per text, with `ctx.readings`); its includes are
  // followed anew by each, since what is a cycle or already read depends on the way there.
  const own = ctx.readings
    ? ctx.readings.reading(file, ctx, (c) => readOwn(file, c), visiting.length > 0)
    : readOwn(file, ctx);
  const facts: Fact[] = [];
  for (const item of own) {
    if (item.kind === 'follow') facts.push(...readInclude(item));
    else facts.push(item);
  }
  return facts;

  function readInclude({ target, place }: Include): Fact[] {
    if (ENV_VAR.test(target) || /^[a-z]+:\/\//i.test(target)) return [];
    // Read and named by one path, as pip opens it: `base.txt/` names a folder, which no reader can open.
    const relative = path.isAbsolute(target) ? target : path.join(path.dirname(file.path), target);
    const included = path.resolve(relative);
    if (included === key || visiting.includes(included)) {
      const chain = [...(included === key ? [] : visiting.slice(visiting.indexOf(included))), key, included].map((f) =>
        path.basename(f),
      );
      return [{ kind: 'include', target, place, problem: 'cycle', chain }];
    }
    if (done.has(included)) return [];
    const text = /[\\/]$/.test(target) ? undefined : ctx.fs.readFile(relative);
    if (text === undefined) return [{ kind: 'include', target, place, problem: 'missing' }];
    return readRequirements({ path: relative, text: stripBom(text) }, ctx, [...visiting, key], done);
  }
}

/** A requirements file's own entries as facts, in order, with its includes where they stand. */
function readOwn(file: SourceFile, ctx: ReadContext): (Fact | Include)[] {
  const lines = new LineIndex(file.text);
  const source = requirementsSource(file.path, lines);
  const at = (start: number, end: number): Place => ({ source, start, end });
  const facts: (Fact | Include)[] = [];
  const lock = readLock(file.path, file.text, ctx.fs);
  const wanted = (name: string) => ctx.wants('python', name);
  for (const entry of parseRequirements(file.text, lines, wanted)) {
    switch (entry.kind) {
      case 'error':
        facts.push({
          kind: 'problem',
          code: entry.stack === undefined ? 'parse-error' : 'internal-error',
          message: entry.message,
          place: at(entry.start, entry.end),
          stack: entry.stack,
        });
        break;
      // A requirement or wheel comes back only when `wanted` accepts its name.
      case 'requirement':
        facts.push(requirementFact(entry.req, source, entry.start, entry.end, undefined, lock));
        break;
      case 'wheel':
        facts.push(requirementFact(entry.req, source, entry.start, entry.end, 'wheel', lock));
        break;
      case 'ignored': {
        const { join } = entry;
        facts.push({
          kind: 'problem',
          code: 'ignored-text',
          message: entry.message,
          place: at(entry.start, entry.end),
          suggestions: join && [
            {
              title: `Join into ${join.name}`,
              isPreferred: false,
              edits: [{ file: file.path, range: lines.rangeAt(join.start, join.end), newText: join.name }],
            },
          ],
        });
        break;
      }
      case 'include':
        facts.push({ kind: 'follow', target: entry.target, place: at(entry.start, entry.end) });
        break;
      default:
        break;
    }
  }
  return facts;
}

// Beyond this a `.in` of no telling name is not read to see whether it holds requirements.
const SNIFF_LIMIT = 64 * 1024;

/**
 * Whether a `.in` file's text is pip's format through and through: at least one requirement or include, and not one
 * line pip could not read (a template for prose, code or configuration fails on its first line of those).
 */
export function readsAsRequirements(text: string | undefined): boolean {
  if (text === undefined || text.length > SNIFF_LIMIT) return false;
  let found = false;
  for (const entry of parseRequirements(stripBom(text))) {
    if (entry.kind === 'error' || entry.kind === 'ignored') return false;
    if (entry.kind === 'requirement' || entry.kind === 'include') found = true;
  }
  return found;
}
