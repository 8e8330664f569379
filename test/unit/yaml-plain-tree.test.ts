// The nodes read from `yaml`'s lexer tokens are the nodes `yaml`'s composer builds, on every YAML file the tests
// know and on mutations of them; where the token reader declines, the composed document is the answer.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { contentEnd } from '../../src/core/formats/precommit';
import { plainYamlTree } from '../../src/core/formats/yamlPlainTree';
import { mutate } from '../fuzz/generators';
import { FIXTURES, fixtureFiles, seededRandom } from '../helpers';

/**
 * What a reader of the tree can see of a node: its kind, style, value (type and text), where it starts and where its
 * text ends (a block collection's own end differs by design: `yaml` counts the comments after it in).
 */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return [shape(node.key), shape(node.value)];
  const n = node as Node;
  const where = [n.range?.[0], contentEnd(n)];
  if (isScalar(n)) {
    const value = n.value;
    const shown = typeof value === 'number' && Number.isNaN(value) ? 'NaN' : String(value);
    return { scalar: n.type, value: `${typeof value}:${shown}`, format: n.format, where };
  }
  if (isMap(n) || isSeq(n))
    return { [isMap(n) ? 'map' : 'seq']: n.items.map(shape), flow: n.flow === true, where, anchor: n.anchor };
  return { other: n.constructor.name };
}

/** The composed document's root, when it parsed without an error. */
function composed(text: string): unknown {
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, uniqueKeys: false });
  return doc.errors.length === 0 ? doc.contents : undefined;
}

/** Checks one text: a tree read from tokens has the composed shape and comes only from a text that parses. */
function same(text: string, label: string): boolean {
  const tree = plainYamlTree(text);
  if (!tree) return false;
  const doc = composed(text);
  assert.ok(doc !== undefined, `${label}: read from tokens, but yaml reports errors:\n${text}`);
  assert.deepEqual(shape(tree), shape(doc), `${label}:\n${text}`);
  return true;
}

describe('YAML nodes from the lexer tokens', () => {
  const files = fixtureFiles((name) => /\.ya?ml$/.test(name));

  it('are the composed nodes on every YAML fixture it reads, and it reads most of them', () => {
    let read = 0;
    for (const file of files) if (same(fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file))) read++;
    // Anchors, flow maps, old-format lists and syntax errors are left to the composer; the rest is read.
    assert.ok(files.length > 100 && read > files.length * 0.75, `${read} of ${files.length}`);
  });

  it('are the composed nodes on mutations of the fixtures, and decline every mutation yaml finds broken', () => {
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const random = seededRandom(11);
    let read = 0;
    let broken = 0;
    for (let i = 0; i < 1500; i++) {
      let text = texts[Math.floor(random() * texts.length)];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(random, text, texts);
      if (same(text, `mutation ${i}`)) read++;
      else if (composed(text) === undefined) broken++;
    }
    assert.ok(read > 550 && broken > 450, `${read} read, ${broken} broken`);
  });

  it('reads the shapes configs have as yaml does', () => {
    for (const [i, text] of [
      'a: 1\nb: -2.50\nc: 0x1F\nd: 0o17\ne: 1e3\nf: .inf\ng: .NaN\nh: true\ni: False\nj: ~\nk: null\nl:\nm: ""\n',
      'a: [+1, -.5, .5, +.inf, -.Inf, .NAN, NULL, TRUE, FALSE, Null, 0o7, 1_000, 1.2.3, nan, 1e, n, ~x, --1, 0x]\n',
      'a: \'it\'\'s\'\nb: "tab\\there \\u00e9"\nc: "multi\n  line"\nd: plain\n  continued\n  # not a comment\n',
      'repos:\n- repo: x\n  hooks:\n  - id: a\n    args: [--a, "b", \'c\',]\n  -   id: b\n',
      'repos:\n  -\n    repo: x\n    rev: v1  # frozen: v2\n  - repo: y\n    hooks:\n      -\n      - id: z\n',
      '---\n# lead\nrepos:\n  - repo: local\n    hooks:\n      - id: a\n        entry: >-\n          run\n          it\n        files: |\n          ^a$\n\n...\n',
      'a:\n  [\n    x,   # one\n    "y"\n  ]\nb: [ ]\nc:\n  value on its own line\n',
      'a: |+\n  kept\n\n\nb: >2\n    indented\nc: |-\n\nd: x\r\ne: y\r\n',
      'a: 1\na: 2\n"b" : 3\nc: [a, b]   # c\n',
      '  a: 1\n  b:\n  - x\n  c: 2\n',
      'a: 1\rb:\r  - 2\r',
      'a: x\n# trailing\n   # indented\n',
      'a:\n  one\n  two\nb:\n  - |\n    text\n  -\n    [x]\n  - >-\n\n    folded\n    lines\n  # after\nc : d\n',
      'x:\n  y:\n    z:\n      - a: 1\n        b:\n          - 2\n      - c\nw: "last"',
    ].entries())
      assert.ok(same(text, `case ${i}`), `case ${i} is read from tokens:\n${text}`);
  });

  it('leaves to the composer what it does not read with certainty, valid YAML or not', () => {
    const valid = [
      '- a\n- b\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '? a\n: b\n',
      'a: {b: c}\n',
      'a: [x, [y]]\n',
      'a: [x]:\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\n  - - x\n',
      '\ufeffa: 1\n',
      'a:\tb\n',
      'plain\n',
      '# only a comment\n',
    ];
    const broken = [
      'a: "x"# no space\n',
      'a: b: c\n',
      'a:\n\t- x\n',
      'a: - x\n',
      '---\na: 1\n---\nb: 2\n',
      'a: [x, , y]\n',
      'a: [, y]\n',
      'a: |x\n  y\n',
      'a:\n  b: 1\n c: 2\n',
      'a: "unterminated\nb: 1\n',
      'a: [x\nb: 1\n',
      `${'k'.repeat(1100)}: 1\n`,
      'a: @x\n',
    ];
    for (const text of valid) assert.ok(composed(text) !== undefined && plainYamlTree(text) === undefined, text);
    for (const text of broken) assert.ok(composed(text) === undefined && plainYamlTree(text) === undefined, text);
  });
});
