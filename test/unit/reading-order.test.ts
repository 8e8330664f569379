import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { groupFindings } from '../../src/core/repository';
import { compareForReading, readingKey } from '../../src/core/readingOrder';
import type { Finding } from '../../src/core/types';

// The order the reports promise: ICU's en-US collation.
const collator = new Intl.Collator('en-US');
const sign = (n: number) => Math.sign(n);

/** Deterministic pseudo-random numbers, so a failure names the same strings every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\t';

describe('the reading order of paths and codes', () => {
  it('ranks every printable ASCII character and tab as en-US collation does', () => {
    const differ: string[] = [];
    for (const a of PRINTABLE)
      for (const b of PRINTABLE)
        if (sign(compareForReading(a, b)) !== sign(collator.compare(a, b))) differ.push(`${a} ${b}`);
    assert.deepEqual(differ, []);
  });

  it('orders texts as en-US collation does: by every character first, then by case from the left', () => {
    assert.deepEqual(
      ['b', 'B', 'a-b', 'aB', 'Ab', 'ab', 'a_b', 'a.b', 'a/b', 'a b', 'a', 'A', 'a1', 'a10', 'a9', '', '~', 'Z'].sort(
        compareForReading,
      ),
      ['', '~', 'a', 'A', 'a b', 'a_b', 'a-b', 'a.b', 'a/b', 'a1', 'a10', 'a9', 'ab', 'aB', 'Ab', 'b', 'B', 'Z'],
    );
    // Path-like texts: parts, dots, dashes, digits and both cases, many sharing a beginning.
    const rand = prng(11);
    const alphabet = 'aAbBzZ019/._- -~$';
    const random = () =>
      Array.from({ length: Math.floor(rand() * 8) }, () => alphabet[Math.floor(rand() * 17)]).join('');
    const differ: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const a = random();
      const b = rand() < 0.5 ? a.slice(0, Math.floor(rand() * a.length)) + random() : random();
      if (sign(compareForReading(a, b)) !== sign(collator.compare(a, b))) differ.push(JSON.stringify([a, b]));
    }
    assert.deepEqual(differ, []);
  });

  it('asks the collator for text with other characters: accents, controls, ligatures, combining marks', () => {
    for (const text of ['é.txt', 'a\u0301', 'ß', 'ﬁle', 'İ', 'a\u0001b', 'ä/b', '😀'])
      assert.equal(readingKey(text), undefined);
    assert.equal(typeof readingKey('src/App-1_a.txt'), 'string');
    const texts = [
      'e.txt',
      'é.txt',
      'E.txt',
      'f.txt',
      'a\u0301',
      'a',
      'b',
      'ss',
      'ß',
      'st',
      'fi',
      'ﬁ',
      'a\u0001b',
      'ab',
    ];
    assert.deepEqual([...texts].sort(compareForReading), [...texts].sort(collator.compare));
  });

  it('sorts the files of a report by their relative paths in that order, each file once', () => {
    const base = path.resolve('/repo');
    const finding = (file: string, line: number, code = 'missing-minimum'): Finding => ({
      code: code as Finding['code'],
      severity: 'warning',
      message: `${file}:${line}`,
      file: path.join(base, file),
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      fixes: [],
    });
    const files = [
      'b/requirements.txt',
      'B.txt',
      'a-b.txt',
      'a_b.txt',
      'a/b.txt',
      'A.txt',
      'é/requirements.txt',
      'e.txt',
    ];
    const findings = files.flatMap((f) => [finding(f, 2), finding(f, 1, 'conflicts-with-minimum'), finding(f, 1)]);
    const groups = groupFindings(findings, base);
    assert.deepEqual(
      groups.map((g) => path.relative(base, g.file).split(path.sep).join('/')),
      [...files].sort(collator.compare),
    );
    assert.deepEqual(
      groups[0].findings.map((f) => [f.range.start.line, f.code]),
      [
        [1, 'conflicts-with-minimum'],
        [1, 'missing-minimum'],
        [2, 'missing-minimum'],
      ],
    );
  });
});
