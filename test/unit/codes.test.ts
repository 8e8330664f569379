import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_NAMES, FINDING_CODES } from '../../src/core/codes';

describe('docs/codes.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/codes.md'), 'utf8');

  it('has a section for every finding code and no other', () => {
    const sections = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, CODE_NAMES);
  });

  it('lists every code in its table with the engine’s default severity and summary', () => {
    const rows = [...doc.matchAll(/^\| \[`([a-z-]+)`\]\(#([a-z-]+)\) \| (\w+) \| (.+) \|$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
      m[4],
    ]);
    assert.deepEqual(
      rows,
      CODE_NAMES.map((c) => [c, c, FINDING_CODES[c].severity, FINDING_CODES[c].summary]),
    );
  });
});
