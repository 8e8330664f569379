import * as assert from 'node:assert/strict';
import { planFixes, type Finding, type TextEdit } from '../../src/core';

const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

function finding(message: string, edits: TextEdit[], isPreferred = true): Finding {
  return {
    code: 'below-minimum',
    severity: 'warning',
    message,
    file: edits[0]?.file ?? 'a.txt',
    range: edits[0]?.range ?? at(0, 0, 0),
    fixes: [{ title: message, isPreferred, edits }],
  };
}

describe('planFixes, the one place fixes become text', () => {
  const files: Record<string, string | undefined> = { 'a.txt': 'pandas==1.5\nnumpy==1.0\n' };
  const read = (file: string) => files[file];

  it('makes the preferred fixes that fit together, and says which findings they fix', () => {
    const pandas = finding('pandas', [{ file: 'a.txt', range: at(0, 6, 11), newText: '==2.0.0' }]);
    const numpy = finding('numpy', [{ file: 'a.txt', range: at(1, 5, 10), newText: '==1.24.0' }]);
    const offered = finding('offered only', [{ file: 'a.txt', range: at(1, 0, 5), newText: 'scipy' }], false);
    const plan = planFixes([pandas, numpy, offered], read);
    assert.deepEqual(plan.texts, new Map([['a.txt', 'pandas==2.0.0\nnumpy==1.24.0\n']]));
    assert.deepEqual(plan.fixed, [pandas, numpy]);
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual(plan.created, new Set());
    assert.deepEqual(
      plan.edits.get('a.txt')?.map((e) => e.newText),
      ['==2.0.0', '==1.24.0'],
    );
  });

  it('leaves an edit that overlaps another for the next pass, and does not count its finding as fixed', () => {
    const first = finding('first', [{ file: 'a.txt', range: at(0, 6, 11), newText: '==2.0.0' }]);
    const overlapping = { file: 'a.txt', range: at(0, 9, 11), newText: '.0' };
    // A fix of two edits, one of which starts inside an earlier edit: the finding waits whole, though its other edit is made.
    const second = finding('second', [overlapping, { file: 'a.txt', range: at(1, 5, 10), newText: '==1.24.0' }]);
    const plan = planFixes([first, second], read);
    assert.deepEqual(plan.skipped, [overlapping]);
    assert.deepEqual(plan.fixed, [first]);
    assert.equal(plan.texts.get('a.txt'), 'pandas==2.0.0\nnumpy==1.24.0\n');
  });

  it('makes an edit several findings share once, and counts each of them fixed', () => {
    const shared = { file: 'a.txt', range: at(2, 0, 0), newText: 'mypy\n' };
    const one = finding('one', [shared]);
    const two = finding('two', [{ ...shared }]);
    const plan = planFixes([one, two], read);
    assert.equal(plan.texts.get('a.txt'), 'pandas==1.5\nnumpy==1.0\nmypy\n');
    assert.deepEqual(plan.fixed, [one, two]);
    assert.deepEqual(plan.skipped, []);
  });

  it('creates a missing file once, and makes no edit to a missing file it does not create', () => {
    const create = { file: 'new.yaml', range: at(0, 0, 0), newText: 'repos: []\n', create: true };
    const again = { ...create, newText: 'repos:\n' };
    const nowhere = finding('nowhere', [{ file: 'gone.txt', range: at(0, 0, 1), newText: 'x' }]);
    const plan = planFixes([finding('create', [create]), finding('again', [again]), nowhere], read);
    assert.deepEqual(plan.created, new Set(['new.yaml']));
    assert.deepEqual(plan.texts, new Map([['new.yaml', 'repos: []\n']]));
    assert.deepEqual(plan.skipped, [again]);
    assert.deepEqual(
      plan.fixed.map((f) => f.message),
      ['create'],
    );
  });
});
