import { strict as assert } from 'node:assert';
import { memberValue, parseJsonc, type JsonNode } from '../../src/core/formats/jsonc';
import { pick, seededRandom } from '../helpers';

/** The value a node stands for, as JSON.parse would give it. */
function valueOf(text: string, node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.members.map((m) => [m.key.value, valueOf(text, m.value)]));
    case 'array':
      return node.items.map((i) => valueOf(text, i));
    case 'string':
      return node.value;
    default:
      return JSON.parse(text.slice(node.start, node.end)) as unknown;
  }
}

function read(text: string): { value: unknown; errors: string[] } {
  const { root, errors } = parseJsonc(text);
  return { value: valueOf(text, root), errors: errors.map((e) => `${e.start}-${e.end} ${e.message}`) };
}

const VALID = [
  '{}',
  '[]',
  '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}',
  '{"n": -0.5e+10, "m": 0, "k": 12.25E-3}',
  '"just a string"',
  '{"esc": "q\\"x\\\\y\\/z\\b\\f\\n\\r\\t\\u00e9\\u20AC"}',
  '{"dup": 1, "dup": 2}',
  '\t{\r\n\t"tabs": "and CRLF"\r\n}\r\n',
  '{"unicode": "déjà 🐍"}',
];

describe('JSON with comments', () => {
  it('reads every JSON document as JSON.parse does, with no error', () => {
    for (const text of VALID) assert.deepEqual(read(text), { value: JSON.parse(text) as unknown, errors: [] }, text);
  });

  it('takes comments and trailing commas, as pyright and the dev container tools do', () => {
    const text = '// head\n{\n  /* a */ "a": [1, 2,], // two\n  "b": {"c": "3.8",},\n}\n/* tail */\n';
    assert.deepEqual(read(text), { value: { a: [1, 2], b: { c: '3.8' } }, errors: [] });
  });

  it('keeps exact offsets of strings, and says whether the text between the quotes is the value', () => {
    const text = '{ "pythonVersion" : "3.8", "e": "3\\u002e8" }';
    const { root } = parseJsonc(text);
    const version = memberValue(root, 'pythonVersion');
    assert.deepEqual(version, { kind: 'string', start: 20, end: 25, value: '3.8', verbatim: true });
    assert.equal(text.slice(version.start, version.end), '"3.8"');
    assert.deepEqual(memberValue(root, 'e'), { kind: 'string', start: 32, end: 42, value: '3.8', verbatim: false });
    assert.equal(memberValue(root, 'missing'), undefined);
    assert.equal(memberValue(version, 'x'), undefined);
  });

  it('reports each error where it is and reads on past it', () => {
    const cases: [string, unknown, string[]][] = [
      ['{\n  "a": 1\n  "b": "3.8"\n}', { a: 1, b: '3.8' }, ["13-14 Invalid JSON: expected ',' or '}'"]],
      ['{"a": , "b": "3.8"}', { a: undefined, b: '3.8' }, ["6-7 Invalid JSON: expected a value, found ','"]],
      [
        '{\'a\': 1, "b": "3.8"}',
        { b: '3.8' },
        ['1-2 Invalid JSON: expected a property name in double quotes, found a single quote'],
      ],
      [
        '{"a": yes, "b": 2}',
        { a: undefined, b: 2 },
        ["6-9 Invalid JSON: unexpected 'yes': a string needs double quotes"],
      ],
      ['{"a" 1, "b": 2}', { a: undefined, b: 2 }, ['1-4 Invalid JSON: expected \':\' after "a"']],
      [
        '{"a": "open\n, "b": "3.8"}',
        { a: 'open', b: '3.8' },
        ['6-11 Invalid JSON: a string that never ends: expected "'],
      ],
      ['{"a": "\\x"}', { a: '' }, ["7-9 Invalid JSON: invalid escape '\\x'"]],
      [
        '{"a": {"b": 1',
        { a: { b: 1 } },
        [
          '6-7 Invalid JSON: an object that never ends: expected }',
          '0-1 Invalid JSON: an object that never ends: expected }',
        ],
      ],
      ['[1 2]', [1, 2], ["3-4 Invalid JSON: expected ',' or ']'"]],
      ['{} }', {}, ['3-4 Invalid JSON: unexpected text after the end of the document']],
      ['/* open', undefined, ['0-2 Invalid JSON: a comment that never ends: expected */']],
      ['{"a": 01, "b": 2}', { a: 0, b: 2 }, ["7-8 Invalid JSON: expected ',' or '}'"]],
      ['[01, 2]', [0, 1, 2], ["2-3 Invalid JSON: expected ',' or ']'"]],
    ];
    for (const [text, value, errors] of cases) assert.deepEqual(read(text), { value, errors }, text);
  });

  it('reads an empty file or one of comments as no document, without an error', () => {
    for (const text of ['', '  \n', '// nothing yet\n']) assert.deepEqual(parseJsonc(text), { errors: [] }, text);
  });

  it('stops at a nesting no real file reaches, without exhausting the stack', () => {
    const { errors } = parseJsonc('['.repeat(100_000));
    assert.equal(errors[0].message, 'Invalid JSON: nested too deeply to read');
    assert.equal(errors[0].start, 500);
  });

  it('never throws and always ends, whatever the text', () => {
    const random = seededRandom(10);
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      ':',
      ',',
      '/',
      '*',
      '//',
      '/*',
      '*/',
      '\n',
      ' ',
      'a',
      '1',
      '-',
      'tru',
      'null',
      '"k"',
      '"3.8"',
      '\u00e9',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += pick(random, pieces);
      const { errors } = parseJsonc(text);
      for (const e of errors) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, JSON.stringify(text));
      // A document JSON.parse takes is read without an error.
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      if (valid) assert.deepEqual(errors, [], JSON.stringify(text));
    }
  });
});
