// CONTRIBUTING.md quotes the real code its recipes name: each ```ts block whose first line is `// <path>` must
// appear in that file word for word, line after line (indentation aside: the quote sits in a markdown list), so the
// recipes cannot drift.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';

interface Quote {
  file: string;
  code: string;
  line: number;
}

/** Whether `code`'s lines are consecutive lines of `text`, each compared without its indentation. */
function quotedIn(code: string, text: string): boolean {
  const flat = (t: string) =>
    t
      .split('\n')
      .map((line) => line.trim())
      .join('\n');
  return `\n${flat(text)}\n`.includes(`\n${flat(code)}\n`);
}

/** The quoted blocks of a markdown text: fenced `ts` blocks, possibly indented in a list, that name their file. */
export function quotes(markdown: string): Quote[] {
  const found: Quote[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() !== '```'; j++) body.push(lines[j].slice(indent));
    const named = /^\/\/ (\S+)$/.exec(body[0] ?? '');
    if (named) found.push({ file: named[1], code: body.slice(1).join('\n'), line: i + 1 });
    i = j;
  }
  return found;
}

describe('CONTRIBUTING.md', () => {
  const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');

  it('quotes code that is in the files it names, word for word', () => {
    const found = quotes(text);
    assert.ok(found.length >= 6, `${found.length} quoted blocks`);
    for (const q of found) {
      const file = path.join(ROOT, q.file);
      assert.ok(fs.existsSync(file), `line ${q.line}: ${q.file} exists`);
      assert.ok(quotedIn(q.code, fs.readFileSync(file, 'utf8')), `line ${q.line}: the block is in ${q.file}`);
    }
  });

  it('fails on a block that is not in its file', () => {
    const [q] = quotes('1. Step\n\n   ```ts\n   // src/core/codes.ts\n   export const NOT_THERE = 1;\n   ```\n');
    assert.deepEqual(q, { file: 'src/core/codes.ts', code: 'export const NOT_THERE = 1;', line: 3 });
    assert.equal(quotedIn(q.code, fs.readFileSync(path.join(ROOT, q.file), 'utf8')), false);
    assert.equal(
      quotedIn("  'python-inconsistent': {\n  severity: 'info',", fs.readFileSync(path.join(ROOT, q.file), 'utf8')),
      true,
    );
    assert.equal(
      quotedIn("severity: 'info',\n'python-inconsistent': {", fs.readFileSync(path.join(ROOT, q.file), 'utf8')),
      false,
    );
  });

  it('names every file of the worked example', () => {
    for (const file of [
      'src/core/formats/pythonVersion.ts',
      'src/core/formats/index.ts',
      'test/unit/python-version.test.ts',
    ])
      assert.ok(text.includes(file), file);
  });
});
