// PEP 723 inline script metadata: a `# /// script` … `# ///` comment block in a `.py` file holds TOML, whose
// `requires-python` is the script's floor and whose `dependencies` are package requirements. The block is found as
// the PEP's reference regex finds it: comment lines that are `#` or start with `# `, up to the last `# ///` among them.
import path = require('node:path');
import { textSource, type Fact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { readScriptMetadata } from './pyproject';

/** The opening line of a script block, which a folder walk looks for in a `.py` before the file is read. */
export const SCRIPT_MARKER = '# /// script';
const OPENING = SCRIPT_MARKER;

export function isPythonFile(file: string): boolean {
  return path.extname(file) === '.py';
}

interface Line {
  start: number;
  /** Without its line break. */
  text: string;
  /** After its line break. */
  next: number;
}

function* lines(text: string, from: number): Generator<Line> {
  let start = from;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const body = text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
    yield { start, text: body, next: newline < 0 ? text.length : newline + 1 };
    start = newline < 0 ? text.length : newline + 1;
  }
}

/** A `script` block: its opening line, and its content lines (each with the length of the `# ` before its TOML). */
interface Block {
  opening: Line;
  content: { line: Line; prefix: number }[];
}

/** The script blocks of `text`, and each opening line that no `# ///` closes. */
function findBlocks(text: string): { blocks: Block[]; unclosed: Line[] } {
  const blocks: Block[] = [];
  const unclosed: Line[] = [];
  const all = [...lines(text, 0)];
  for (let i = 0; i < all.length; i++) {
    // The opening line must be followed by a line break (the regex's `\s`).
    if (all[i].text !== OPENING || all[i].next === text.length) continue;
    let close = -1;
    let j = i + 1;
    for (; j < all.length && (all[j].text === '#' || all[j].text.startsWith('# ')); j++)
      if (all[j].text === '# ///') close = j;
    if (close < 0) {
      unclosed.push(all[i]);
      continue;
    }
    const content = all.slice(i + 1, close).map((line) => ({ line, prefix: line.text === '#' ? 1 : 2 }));
    blocks.push({ opening: all[i], content });
    i = close;
  }
  return { blocks, unclosed };
}

/** The text with everything but the block's TOML blanked: line breaks stay, so offsets and positions are the file's. */
function blanked(text: string, block: Block): string {
  const parts: string[] = [];
  let at = 0;
  const blank = (end: number) => {
    if (end > at) parts.push(text.slice(at, end).replace(/[^\r\n]/g, ' '));
    at = Math.max(at, end);
  };
  for (const { line, prefix } of block.content) {
    blank(line.start + prefix);
    parts.push(text.slice(at, line.start + line.text.length));
    at = line.start + line.text.length;
  }
  blank(text.length);
  return parts.join('');
}

/** The facts of a `.py` file's script metadata; nothing, fast, for a file without a block. */
export function readInlineScript(file: SourceFile, ctx: ReadContext): Fact[] {
  if (!file.text.includes(OPENING)) return [];
  const source = textSource(file.path, file.text);
  const { blocks, unclosed } = findBlocks(file.text);
  const facts: Fact[] = unclosed.map((line) => ({
    kind: 'problem',
    code: 'parse-error',
    message: "This script metadata block has no closing '# ///' line, so tools do not read it",
    place: { source, start: line.start, end: line.start + line.text.length },
  }));
  blocks.forEach((block, i) => {
    if (i > 0) {
      const { start, text } = block.opening;
      facts.push({
        kind: 'problem',
        code: 'parse-error',
        message: 'A second script metadata block: tools refuse a script that has more than one',
        place: { source, start, end: start + text.length },
      });
      return;
    }
    facts.push(...readScriptMetadata(file.path, blanked(file.text, block), ctx));
  });
  return facts;
}
