import { strict as assert } from 'node:assert';
import { parseDocument, type Scalar } from 'yaml';
import { textSource } from '../../src/core/facts';
import { floatVersionProblem, scalarText } from '../../src/core/formats/yamlVersions';

function valueOf(yaml: string) {
  const source = textSource('/p/a.yml', yaml);
  const node = parseDocument(yaml).get('v', true) as Scalar;
  const scalar = scalarText(source, yaml, node);
  return { scalar, node, source };
}

describe('Python versions in YAML', () => {
  it('reads a scalar as written, inside its quotes', () => {
    for (const [yaml, text, start, quote] of [
      ['v: 3.10\n', '3.10', 3, ''],
      ['v: "3.10"\n', '3.10', 4, '"'],
      ["v: '3.9'\r\n", '3.9', 4, "'"],
      ['v: python:3.10-slim # base\n', 'python:3.10-slim', 3, ''],
    ] as const) {
      const { scalar } = valueOf(yaml);
      assert.deepEqual(
        scalar && [scalar.text, scalar.place.start, scalar.place.end, scalar.quote],
        [text, start, start + text.length, quote],
        yaml,
      );
    }
    for (const yaml of ['v: "3.\\x31"\n', 'v: |\n  3.10\n', 'v: [3.10]\n', 'v:\n'])
      assert.equal(valueOf(yaml).scalar, undefined, yaml);
  });

  it('reports an unquoted version that YAML reads as a float losing its trailing zero, with a fix that quotes it', () => {
    const { scalar, node, source } = valueOf('v: 3.10\n');
    assert.ok(scalar);
    const [problem] = floatVersionProblem(scalar, node);
    assert.deepEqual(problem.kind === 'problem' && [problem.code, problem.message, problem.suggestions], [
      'yaml-float-version',
      'YAML reads 3.10 as the number 3.1, so this asks for Python 3.1: quote it, "3.10"',
      [
        {
          title: 'Quote it: "3.10"',
          isPreferred: true,
          edits: [{ file: '/p/a.yml', range: source.range(3, 7), newText: '"3.10"' }],
        },
      ],
    ]);
    for (const yaml of ['v: 3.9\n', 'v: "3.10"\n', 'v: 3.11\n', 'v: 310\n', 'v: python3.10\n']) {
      const other = valueOf(yaml);
      assert.deepEqual(other.scalar && floatVersionProblem(other.scalar, other.node), [], yaml);
    }
  });
});
