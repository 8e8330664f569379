import { strict as assert } from 'node:assert';
import { LineIndex } from '../../src/core';

describe('LineIndex', () => {
  it('counts LF, CRLF and lone CR as line breaks', () => {
    const lines = new LineIndex('a\nbb\r\nccc\rd');
    assert.deepEqual(lines.lineStarts, [0, 2, 6, 10]);
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => lines.lineText(n)),
      ['a', 'bb', 'ccc', 'd'],
    );
    assert.deepEqual(
      [new LineIndex('x\r\ny').eol, new LineIndex('x\ry').eol, new LineIndex('x\ny').eol],
      ['\r\n', '\r', '\n'],
    );
  });

  it('puts an offset between the CR and the LF of a line break at the end of its line', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.rangeAt(1, 3), { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } });
  });

  it('gives every offset its position in any order it is asked, forwards, backwards or at random', () => {
    const text = 'a\nbb\r\n\nccc\rd\r\n';
    // The position of each offset, counted character by character (a CR before an LF is the end of its line).
    const expected = [];
    let line = 0;
    let character = 0;
    for (let o = 0; o <= text.length; o++) {
      expected.push({ line, character });
      const c = text[o];
      if (c === '\n' || (c === '\r' && text[o + 1] !== '\n')) {
        line++;
        character = 0;
      } else if (c !== '\r') character++;
    }
    const offsets = expected.map((_, o) => o);
    let seed = 7;
    const shuffled = offsets
      .map((o) => ({ o, key: (seed = (seed * 48271) % 2147483647) }))
      .sort((a, b) => a.key - b.key);
    for (const order of [offsets, [...offsets].reverse(), shuffled.map((s) => s.o)]) {
      const lines = new LineIndex(text);
      for (const o of order) assert.deepEqual(lines.positionAt(o), expected[o], `offset ${o}`);
    }
  });

  it('clamps offsets and positions outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 0, character: 9 }), 2);
    assert.equal(lines.offsetAt({ line: 7, character: 0 }), 5);
  });
});
