import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attribute, blocks, parseHcl } from '../../src/core/formats/hcl';
import type { HclBlock, HclBody, HclExpr, Span } from '../../src/core/formats/hcl';
import { LineIndex } from '../../src/core/text';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/hcl', name), 'utf8');

/** Renders parse results with `line:character` positions and the source text each span covers. */
function render(text: string) {
  const lines = new LineIndex(text);
  const pos = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${p.line}:${p.character}`;
  };
  const range = (span: Span) => `${pos(span.start)}-${pos(span.end)}`;
  const source = (span: Span) => text.slice(span.start, span.end);
  const expr = (e: HclExpr): unknown[] => {
    const head = [e.kind, pos(e.span.start), source(e.span)];
    switch (e.kind) {
      case 'object':
        return [...head, e.items.map((item) => [item.key, source(item.keySpan), expr(item.value)])];
      case 'tuple':
        return [...head, e.items.map(expr)];
      case 'traversal':
        return [...head, e.path];
      case 'null':
      case 'other':
        return head;
      default:
        return [...head, e.value];
    }
  };
  const body = (b: HclBody): unknown[] =>
    b.items.map((item) =>
      item.kind === 'attribute'
        ? [item.name, range(item.span), expr(item.value)]
        : [item.type, item.labels.map((label) => source(label.span)), range(item.span), body(item.body)],
    );
  return { pos, range, source, expr, body };
}

/** The top-level body and errors of `text`, rendered. */
function read(text: string) {
  const { body, errors } = parseHcl(text);
  const r = render(text);
  return { body: r.body(body), errors: errors.map((e) => [e.message, r.range(e.span)]) };
}

/** The rendered value of each top-level attribute of `text`, which must parse without errors. */
function values(text: string): Record<string, unknown[]> {
  const { body, errors } = parseHcl(text);
  assert.deepEqual(errors, []);
  const r = render(text);
  return Object.fromEntries(
    body.items.map((item) => (item.kind === 'attribute' ? [item.name, r.expr(item.value)] : [item.type, []])),
  );
}

describe('parseHcl', () => {
  describe('Terraform configurations', () => {
    const text = fixture('functions.tf');
    const { body, errors } = parseHcl(text);
    const at = (needle: string, from = 0) => {
      const offset = text.indexOf(needle, from);
      assert.ok(offset >= 0, `${needle} is in the fixture`);
      return offset;
    };

    it('reads every top-level block without errors', () => {
      assert.deepEqual(errors, []);
      assert.deepEqual(
        body.items.map((item) => (item.kind === 'block' ? [item.type, ...item.labels.map((l) => l.value)] : item.name)),
        [
          ['terraform'],
          ['variable', 'runtime'],
          ['locals'],
          ['resource', 'google_cloudfunctions_function', 'legacy'],
          ['resource', 'google_cloudfunctions2_function', 'v2'],
        ],
      );
    });

    it('gives exact spans for a variable default', () => {
      const [variable] = blocks(body, 'variable', 'runtime');
      const start = at('variable "runtime"');
      const open = at('{', start);
      const close = at('}', open);
      assert.deepEqual(
        { ...variable, body: undefined },
        {
          kind: 'block',
          type: 'variable',
          typeSpan: { start, end: start + 8 },
          labels: [{ value: 'runtime', span: { start: start + 9, end: start + 18 } }],
          body: undefined,
          span: { start, end: close + 1 },
          bodyStart: open + 1,
          bodyEnd: close,
        },
      );
      const name = at('default', start);
      assert.deepEqual(variable.body.items, [
        {
          kind: 'attribute',
          name: 'type',
          nameSpan: { start: at('type', start), end: at('type', start) + 4 },
          value: {
            kind: 'traversal',
            span: { start: at('string', start), end: at('string', start) + 6 },
            path: ['string'],
          },
          span: { start: at('type', start), end: at('string', start) + 6 },
        },
        {
          kind: 'attribute',
          name: 'default',
          nameSpan: { start: name, end: name + 7 },
          value: {
            kind: 'string',
            span: { start: name + 10, end: name + 20 },
            contentSpan: { start: name + 11, end: name + 19 },
            value: 'python39',
          },
          span: { start: name, end: name + 20 },
        },
      ]);
    });

    it('finds runtimes in both generations of Cloud Functions', () => {
      const [legacy] = blocks(body, 'resource', 'google_cloudfunctions_function');
      const legacyRuntime = at('runtime               = "python39"');
      assert.deepEqual(attribute(legacy.body, 'runtime'), {
        kind: 'attribute',
        name: 'runtime',
        nameSpan: { start: legacyRuntime, end: legacyRuntime + 7 },
        value: {
          kind: 'string',
          span: { start: legacyRuntime + 24, end: legacyRuntime + 34 },
          contentSpan: { start: legacyRuntime + 25, end: legacyRuntime + 33 },
          value: 'python39',
        },
        span: { start: legacyRuntime, end: legacyRuntime + 34 },
      });

      const [v2] = blocks(body, 'resource', 'google_cloudfunctions2_function', 'v2');
      const [buildConfig] = blocks(v2.body, 'build_config');
      const runtime = at('runtime     = "python39"');
      assert.deepEqual(attribute(buildConfig.body, 'runtime')?.value, {
        kind: 'string',
        span: { start: runtime + 14, end: runtime + 24 },
        contentSpan: { start: runtime + 15, end: runtime + 23 },
        value: 'python39',
      });
      assert.deepEqual(render(text).body(buildConfig.body), [
        ['runtime', '33:4-33:28', ['string', '33:18', '"python39"', 'python39']],
        ['entry_point', '34:4-34:24', ['string', '34:18', '"main"', 'main']],
        [
          'source',
          [],
          '35:4-40:5',
          [
            [
              'storage_source',
              [],
              '36:6-39:7',
              [
                [
                  'bucket',
                  '37:8-37:47',
                  ['traversal', '37:17', 'google_storage_bucket.src.name', ['google_storage_bucket', 'src', 'name']],
                ],
                [
                  'object',
                  '38:8-38:54',
                  [
                    'traversal',
                    '38:17',
                    'google_storage_bucket_object.zip.name',
                    ['google_storage_bucket_object', 'zip', 'name'],
                  ],
                ],
              ],
            ],
          ],
        ],
      ]);
    });

    it('reads required providers and objects with mixed separators', () => {
      const r = render(text);
      const [terraform] = blocks(body, 'terraform');
      assert.deepEqual(r.body(terraform.body), [
        ['required_version', '1:2-1:29', ['string', '1:21', '">= 1.3"', '>= 1.3']],
        [
          'required_providers',
          [],
          '2:2-7:3',
          [
            [
              'google',
              '3:4-6:5',
              [
                'object',
                '3:13',
                '{\n      source  = "hashicorp/google"\n      version = "~> 4.0"\n    }',
                [
                  ['source', 'source', ['string', '4:16', '"hashicorp/google"', 'hashicorp/google']],
                  ['version', 'version', ['string', '5:16', '"~> 4.0"', '~> 4.0']],
                ],
              ],
            ],
          ],
        ],
      ]);
      const [locals] = blocks(body, 'locals');
      assert.deepEqual(r.body(locals.body), [
        [
          'labels',
          '16:2-16:48',
          [
            'object',
            '16:11',
            '{ team = "data", "cost-center" : 42 }',
            [
              ['team', 'team', ['string', '16:20', '"data"', 'data']],
              ['cost-center', '"cost-center"', ['number', '16:44', '42', 42]],
            ],
          ],
        ],
      ]);
    });

    it('reads a whole configuration written on one line', () => {
      const line =
        'terraform { required_version = ">= 1.3" required_providers { google = { source = "hashicorp/google", version = "~> 4.0" } } }';
      assert.deepEqual(parseHcl(line), {
        body: {
          items: [
            {
              kind: 'block',
              type: 'terraform',
              typeSpan: { start: 0, end: 9 },
              labels: [],
              body: {
                items: [
                  {
                    kind: 'attribute',
                    name: 'required_version',
                    nameSpan: { start: 12, end: 28 },
                    value: {
                      kind: 'string',
                      span: { start: 31, end: 39 },
                      contentSpan: { start: 32, end: 38 },
                      value: '>= 1.3',
                    },
                    span: { start: 12, end: 39 },
                  },
                  {
                    kind: 'block',
                    type: 'required_providers',
                    typeSpan: { start: 40, end: 58 },
                    labels: [],
                    body: {
                      items: [
                        {
                          kind: 'attribute',
                          name: 'google',
                          nameSpan: { start: 61, end: 67 },
                          value: {
                            kind: 'object',
                            span: { start: 70, end: 121 },
                            items: [
                              {
                                key: 'source',
                                keySpan: { start: 72, end: 78 },
                                value: {
                                  kind: 'string',
                                  span: { start: 81, end: 99 },
                                  contentSpan: { start: 82, end: 98 },
                                  value: 'hashicorp/google',
                                },
                              },
                              {
                                key: 'version',
                                keySpan: { start: 101, end: 108 },
                                value: {
                                  kind: 'string',
                                  span: { start: 111, end: 119 },
                                  contentSpan: { start: 112, end: 118 },
                                  value: '~> 4.0',
                                },
                              },
                            ],
                          },
                          span: { start: 61, end: 121 },
                        },
                      ],
                    },
                    span: { start: 40, end: 123 },
                    bodyStart: 60,
                    bodyEnd: 122,
                  },
                ],
              },
              span: { start: 0, end: 125 },
              bodyStart: 11,
              bodyEnd: 124,
            },
          ],
        },
        errors: [],
      });
    });
  });

  describe('blocks and attributes', () => {
    it('reads quoted and bare labels, nested and one-line blocks', () => {
      const text = [
        'resource aws_instance "web" {',
        '  lifecycle { create_before_destroy = true }',
        '  dynamic "setting" {',
        '    for_each = var.settings',
        '    content {}',
        '  }',
        '}',
        'locals {}',
      ].join('\n');
      assert.deepEqual(read(text), {
        body: [
          [
            'resource',
            ['aws_instance', '"web"'],
            '0:0-6:1',
            [
              ['lifecycle', [], '1:2-1:44', [['create_before_destroy', '1:14-1:42', ['bool', '1:38', 'true', true]]]],
              [
                'dynamic',
                ['"setting"'],
                '2:2-5:3',
                [
                  ['for_each', '3:4-3:27', ['traversal', '3:15', 'var.settings', ['var', 'settings']]],
                  ['content', [], '4:4-4:14', []],
                ],
              ],
            ],
          ],
          ['locals', [], '7:0-7:9', []],
        ],
        errors: [],
      });
      const { body } = parseHcl(text);
      assert.deepEqual(blocks(body, 'resource')[0].labels, [
        { value: 'aws_instance', span: { start: 9, end: 21 } },
        { value: 'web', span: { start: 22, end: 27 } },
      ]);
    });

    it('finds blocks by leading labels and the first attribute by name', () => {
      const text = 'a "x" "y" {}\na "x" "z" {}\na "w" {}\nb = 1\nb = 2\n';
      const { body } = parseHcl(text);
      assert.deepEqual(
        blocks(body, 'a').map((b) => b.span.start),
        [0, 13, 26],
      );
      assert.deepEqual(
        blocks(body, 'a', 'x').map((b) => b.span.start),
        [0, 13],
      );
      assert.deepEqual(
        blocks(body, 'a', 'x', 'z').map((b) => b.span.start),
        [13],
      );
      assert.deepEqual(blocks(body, 'a', 'x', 'z', 'extra'), []);
      assert.deepEqual(blocks(body, 'b'), []);
      assert.equal(attribute(body, 'b')?.span.start, 35);
      assert.equal(attribute(body, 'a'), undefined);
    });
  });

  describe('expressions', () => {
    it('reads numbers, bools and null', () => {
      assert.deepEqual(values('a = 42\nb = 1.5\nc = 2e3\nd = -7\ne = true\nf = false\ng = null\n'), {
        a: ['number', '0:4', '42', 42],
        b: ['number', '1:4', '1.5', 1.5],
        c: ['number', '2:4', '2e3', 2000],
        d: ['number', '3:4', '-7', -7],
        e: ['bool', '4:4', 'true', true],
        f: ['bool', '5:4', 'false', false],
        g: ['null', '6:4', 'null'],
      });
    });

    it('reads objects with identifier, string and expression keys', () => {
      const text = [
        'a = { a = 1, "b" : 2 }',
        'b = {',
        '  x = "1"',
        '  "y" = [1]',
        '  (var.k): null,',
        '  nested = { deep = {} }',
        '}',
        'c = {}',
      ].join('\n');
      assert.deepEqual(values(text), {
        a: [
          'object',
          '0:4',
          '{ a = 1, "b" : 2 }',
          [
            ['a', 'a', ['number', '0:10', '1', 1]],
            ['b', '"b"', ['number', '0:19', '2', 2]],
          ],
        ],
        b: [
          'object',
          '1:4',
          '{\n  x = "1"\n  "y" = [1]\n  (var.k): null,\n  nested = { deep = {} }\n}',
          [
            ['x', 'x', ['string', '2:6', '"1"', '1']],
            ['y', '"y"', ['tuple', '3:8', '[1]', [['number', '3:9', '1', 1]]]],
            ['(var.k)', '(var.k)', ['null', '4:11', 'null']],
            ['nested', 'nested', ['object', '5:11', '{ deep = {} }', [['deep', 'deep', ['object', '5:20', '{}', []]]]]],
          ],
        ],
        c: ['object', '7:4', '{}', []],
      });
    });

    it('reads tuples across lines, with trailing commas and comments', () => {
      const text = 'a = [\n  "x", # first\n  [],\n  [1, [2]],\n]\nb = []\n';
      assert.deepEqual(values(text), {
        a: [
          'tuple',
          '0:4',
          '[\n  "x", # first\n  [],\n  [1, [2]],\n]',
          [
            ['string', '1:2', '"x"', 'x'],
            ['tuple', '2:2', '[]', []],
            [
              'tuple',
              '3:2',
              '[1, [2]]',
              [
                ['number', '3:3', '1', 1],
                ['tuple', '3:6', '[2]', [['number', '3:7', '2', 2]]],
              ],
            ],
          ],
        ],
        b: ['tuple', '5:4', '[]', []],
      });
    });

    it('decodes escapes and leaves templates undecoded', () => {
      const text = fixture('strings.tf');
      assert.deepEqual(values(text), {
        plain: ['string', '0:8', '"python39"', 'python39'],
        escapes: [
          'string',
          '1:10',
          '"q\\" b\\\\ n\\n t\\t u\\u00e9 U\\U0001F40D"',
          'q" b\\ n\n t\t u\u00e9 U\u{1F40D}',
        ],
        literal: ['string', '2:10', '"$${not} %%{this} $5 100%"', '${not} %{this} $5 100%'],
        lookup: ['string', '3:9', '"${lookup(var.m, "k")}"', null],
        braces: ['string', '4:9', '"${ {a = "}"}["a"] } and ${ "${"x"}" }"', null],
        directive: ['string', '5:12', '"%{ if var.x }yes%{ else }no%{ endif }"', null],
        after: ['number', '6:8', '1', 1],
      });
      const { body } = parseHcl(text);
      const lookup = attribute(body, 'lookup')?.value;
      const start = text.indexOf('"${lookup');
      assert.deepEqual(lookup, {
        kind: 'string',
        span: { start, end: start + 23 },
        contentSpan: { start: start + 1, end: start + 22 },
        value: null,
      });
    });

    it('reads heredocs with any marker, flush or not', () => {
      const text = fixture('heredocs.tf');
      assert.deepEqual(values(text), {
        script: ['heredoc', '0:9', '<<EOT\n#!/bin/sh\necho "${var.name}" }\nEOT', null],
        policy: [
          'heredoc',
          '4:9',
          '<<-POLICY\n    {\n      "Effect": "Allow"\n    }\n    POLICY',
          '{\n  "Effect": "Allow"\n}\n',
        ],
        escaped: ['heredoc', '9:10', '<<END\n  $${kept} %%{too}\n  END', '  ${kept} %{too}\n'],
        empty: ['heredoc', '12:8', '<<X\nX', ''],
        after: ['number', '15:8', '1', 1],
      });
      const { body } = parseHcl(text);
      const policy = attribute(body, 'policy')?.value;
      const open = text.indexOf('<<-POLICY');
      assert.deepEqual(policy && { ...policy, value: undefined }, {
        kind: 'heredoc',
        span: { start: open, end: text.indexOf('    POLICY', open) + 10 },
        contentSpan: { start: open + 10, end: text.indexOf('    POLICY', open) },
        value: undefined,
      });
    });

    it('reads a template interpolation that spans lines', () => {
      assert.deepEqual(values('a = "${join(",",\n  var.l)}"\nb = 1\n'), {
        a: ['string', '0:4', '"${join(",",\n  var.l)}"', null],
        b: ['number', '2:4', '1', 1],
      });
    });

    it('reads traversals, with literal index and splat steps', () => {
      assert.deepEqual(
        values(
          'a = var.x\nb = local.a.b\nc = module.m.out[0]\nd = data.x.y["k"].z\ne = a[*].id\nf = a.*.id\ng = a.0.b\nh = a.0.1\n',
        ),
        {
          a: ['traversal', '0:4', 'var.x', ['var', 'x']],
          b: ['traversal', '1:4', 'local.a.b', ['local', 'a', 'b']],
          c: ['traversal', '2:4', 'module.m.out[0]', ['module', 'm', 'out', '0']],
          d: ['traversal', '3:4', 'data.x.y["k"].z', ['data', 'x', 'y', 'k', 'z']],
          e: ['traversal', '4:4', 'a[*].id', ['a', '*', 'id']],
          f: ['traversal', '5:4', 'a.*.id', ['a', '*', 'id']],
          g: ['traversal', '6:4', 'a.0.b', ['a', '0', 'b']],
          h: ['traversal', '7:4', 'a.0.1', ['a', '0', '1']],
        },
      );
    });

    it('spans calls, conditionals, operators and for-expressions to their exact end', () => {
      const text = fixture('expressions.tf');
      assert.deepEqual(values(text), {
        call: ['other', '0:7', 'merge(local.a, { b = 1 })'],
        multiline: ['other', '1:12', 'concat(\n  [var.a], # )\n  /* ] */ [var.b],\n  var.rest...\n)'],
        cond: ['other', '6:7', 'var.x == "a" ? 1 : -1'],
        math: ['other', '7:7', '(1 + 2) * 3 % 4 >= 5 && !false || var.y != null'],
        list: ['other', '8:7', '[for s in var.l : upper(s) if s != ""]'],
        map: ['other', '9:6', '{ for k, v in var.m : k => v... }'],
        indexed: ['other', '10:10', 'var.list[var.i]'],
        provider: ['other', '11:11', 'provider::google::region_from_zone(var.zone)'],
        after: ['number', '12:8', '1', 1],
      });
    });

    it('ends an expression at the line break outside brackets', () => {
      assert.deepEqual(read('a = var.x\n  .y\nb = 1 +\n2\nc = var.\nd = 2\n'), {
        body: [
          ['a', '0:0-0:9', ['traversal', '0:4', 'var.x', ['var', 'x']]],
          ['b', '2:0-2:7', ['other', '2:4', '1 +']],
          ['c', '4:0-4:8', ['other', '4:4', 'var.']],
          ['d', '5:0-5:5', ['number', '5:4', '2', 2]],
        ],
        errors: [
          ["Unexpected '.'", '1:2-1:3'],
          ['Expected an expression', '2:7-2:7'],
          ["Unexpected '2'", '3:0-3:1'],
          ["Expected an attribute name after '.'", '4:7-4:8'],
        ],
      });
    });
  });

  describe('an attribute set twice', () => {
    it('is an error at the second definition, pointing at the first, in any body; blocks and other bodies may repeat a name', () => {
      const text =
        'a = 1\nb {\n  x = 1\n  y = 2\n  x = 3\n  c { x = 4 }\n  c {\n    x = 5\n  }\n}\nb {\n  x = 6\n}\na = 7\na = 8\n';
      const { errors } = parseHcl(text);
      const r = render(text);
      assert.deepEqual(
        errors.map((e) => [e.message, r.range(e.span), e.related && [e.related.message, r.range(e.related.span)]]),
        [
          [
            'Attribute redefined: The argument "x" was already set at line 3, column 3. Each argument may be set only once.',
            '4:2-4:3',
            ['"x" is first set here', '2:2-2:3'],
          ],
          [
            'Attribute redefined: The argument "a" was already set at line 1, column 1. Each argument may be set only once.',
            '13:0-13:1',
            ['"a" is first set here', '0:0-0:1'],
          ],
          [
            'Attribute redefined: The argument "a" was already set at line 1, column 1. Each argument may be set only once.',
            '14:0-14:1',
            ['"a" is first set here', '0:0-0:1'],
          ],
        ],
      );
      // The body keeps both definitions, in order; `attribute` finds the first.
      const [b] = blocks(parseHcl(text).body, 'b');
      assert.deepEqual(
        b.body.items.map((i) => (i.kind === 'attribute' ? i.name : i.type)),
        ['x', 'y', 'x', 'c', 'c'],
      );
      assert.equal(r.source(attribute(b.body, 'x')?.value.span ?? { start: 0, end: 0 }), '1');
    });

    it('stops naming lines once the error list is full', () => {
      const { errors } = parseHcl('a = 1\n'.repeat(1 << 17));
      assert.equal(errors.length, 1000);
      assert.deepEqual(errors[999].span, { start: 6000, end: 6001 });
    });
  });

  describe('comments', () => {
    it('skips all three styles, even holding braces and quotes', () => {
      const text = fixture('comments.tf');
      assert.deepEqual(read(text), {
        body: [
          [
            'resource',
            ['"a"', '"b"'],
            '2:0-10:1',
            [
              ['runtime', '3:2-3:22', ['string', '3:12', '"python39"', 'python39']],
              [
                'tags',
                '6:2-8:3',
                [
                  'tuple',
                  '6:9',
                  '[ /* ] */ "x", // ]\n    "y" # ]\n  ]',
                  [
                    ['string', '6:19', '"x"', 'x'],
                    ['string', '7:4', '"y"', 'y'],
                  ],
                ],
              ],
              ['after', '9:2-9:14', ['bool', '9:10', 'true', true]],
            ],
          ],
          ['last', '12:0-12:8', ['number', '12:7', '1', 1]],
        ],
        errors: [],
      });
    });

    it('treats a block comment across lines as no line break', () => {
      assert.deepEqual(values('a = /* spans\n */ 1\nb = [1, /*\n*/ 2]\n'), {
        a: ['number', '1:4', '1', 1],
        b: [
          'tuple',
          '2:4',
          '[1, /*\n*/ 2]',
          [
            ['number', '2:5', '1', 1],
            ['number', '3:3', '2', 2],
          ],
        ],
      });
    });
  });

  describe('positions', () => {
    it('keeps offsets exact with CRLF line breaks', () => {
      const lf = fixture('functions.tf');
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = parseHcl(lf);
      const b = parseHcl(crlf);
      assert.deepEqual(b.errors, []);
      // Line and character positions stay the same; only offsets move with the extra CRs.
      assert.equal(
        JSON.stringify(render(crlf).body(b.body)).replace(/\\r\\n/g, '\\n'),
        JSON.stringify(render(lf).body(a.body)),
      );
      const [v2] = blocks(b.body, 'resource', 'google_cloudfunctions2_function');
      const runtime = attribute(blocks(v2.body, 'build_config')[0].body, 'runtime');
      const start = crlf.indexOf('runtime     = "python39"');
      assert.deepEqual(runtime?.value.span, { start: start + 14, end: start + 24 });
      assert.equal(v2.bodyEnd, crlf.lastIndexOf('}'));
    });

    it('keeps heredoc line breaks and markers exact with CRLF', () => {
      const text = 'a = <<-EOT\r\n  x\r\n  EOT\r\nb = 1\r\n';
      assert.deepEqual(
        parseHcl(text).body.items.map((item) => item.kind === 'attribute' && item.value),
        [
          { kind: 'heredoc', span: { start: 4, end: 22 }, contentSpan: { start: 12, end: 17 }, value: 'x\r\n' },
          { kind: 'number', span: { start: 28, end: 29 }, value: 1 },
        ],
      );
    });

    it('counts a byte order mark as a character', () => {
      const text = '\uFEFFvariable "runtime" {\n  default = "python39"\n}\n';
      const { body, errors } = parseHcl(text);
      assert.deepEqual(errors, []);
      const [variable] = blocks(body, 'variable', 'runtime');
      assert.deepEqual(variable.typeSpan, { start: 1, end: 9 });
      assert.deepEqual(attribute(variable.body, 'default')?.value, {
        kind: 'string',
        span: { start: 34, end: 44 },
        contentSpan: { start: 35, end: 43 },
        value: 'python39',
      });
    });

    it('counts UTF-16 code units in strings and identifiers', () => {
      const text = 'a = "naïve 🐍 ok"\nnaïve = 1\nb = "🐍"\n';
      assert.deepEqual(parseHcl(text), {
        body: {
          items: [
            {
              kind: 'attribute',
              name: 'a',
              nameSpan: { start: 0, end: 1 },
              value: {
                kind: 'string',
                span: { start: 4, end: 17 },
                contentSpan: { start: 5, end: 16 },
                value: 'naïve 🐍 ok',
              },
              span: { start: 0, end: 17 },
            },
            {
              kind: 'attribute',
              name: 'naïve',
              nameSpan: { start: 18, end: 23 },
              value: { kind: 'number', span: { start: 26, end: 27 }, value: 1 },
              span: { start: 18, end: 27 },
            },
            {
              kind: 'attribute',
              name: 'b',
              nameSpan: { start: 28, end: 29 },
              value: { kind: 'string', span: { start: 32, end: 36 }, contentSpan: { start: 33, end: 35 }, value: '🐍' },
              span: { start: 28, end: 36 },
            },
          ],
        },
        errors: [],
      });
    });
  });

  describe('broken files', () => {
    it('ends an unterminated string at its line and reads on', () => {
      const text = 'resource "a" "b" {\n  name = "half\n  runtime = "python39"\n}\n';
      assert.deepEqual(read(text), {
        body: [
          [
            'resource',
            ['"a"', '"b"'],
            '0:0-3:1',
            [
              ['name', '1:2-1:14', ['string', '1:9', '"half', 'half']],
              ['runtime', '2:2-2:22', ['string', '2:12', '"python39"', 'python39']],
            ],
          ],
        ],
        errors: [['Unterminated string', '1:9-1:14']],
      });
      const [resource] = parseHcl(text).body.items as HclBlock[];
      assert.deepEqual(attribute(resource.body, 'name')?.value, {
        kind: 'string',
        span: { start: 28, end: 33 },
        contentSpan: { start: 29, end: 33 },
        value: 'half',
      });
    });

    it('ends an unterminated template at its line and reads on', () => {
      const text = 'a = "${var.x\nb = "${var.y}"\nc = 1\n';
      assert.deepEqual(read(text), {
        body: [
          ['a', '0:0-0:12', ['string', '0:4', '"${var.x', null]],
          ['b', '1:0-1:14', ['string', '1:4', '"${var.y}"', null]],
          ['c', '2:0-2:5', ['number', '2:4', '1', 1]],
        ],
        errors: [['Unterminated string', '0:4-0:12']],
      });
    });

    it('closes a block missing its } before the next top-level block', () => {
      const text = fixture('missing-brace.tf');
      assert.deepEqual(read(text), {
        body: [
          [
            'resource',
            ['"google_cloudfunctions_function"', '"a"'],
            '0:0-3:16',
            [
              ['runtime', '1:2-1:22', ['string', '1:12', '"python39"', 'python39']],
              ['event_trigger', [], '2:2-3:16', [['event_type', '3:4-3:16', ['other', '3:16', '']]]],
            ],
          ],
          [
            'resource',
            ['"google_cloudfunctions_function"', '"b"'],
            '5:0-7:1',
            [['runtime', '6:2-6:23', ['string', '6:12', '"python310"', 'python310']]],
          ],
        ],
        errors: [
          ["Unclosed block 'resource' (missing '}')", '0:0-3:16'],
          ["Unclosed block 'event_trigger' (missing '}')", '2:2-3:16'],
          ['Expected an expression', '3:16-3:16'],
        ],
      });
      const [a] = blocks(parseHcl(text).body, 'resource', 'google_cloudfunctions_function', 'a');
      assert.equal(a.bodyEnd, -1);
    });

    it('still yields the attributes and blocks of a block never closed', () => {
      const text =
        'resource "a" "b" {\n  runtime = "python39"\n  build_config {\n    runtime = "python38"\n  }\n  name = "x"\n';
      assert.deepEqual(read(text), {
        body: [
          [
            'resource',
            ['"a"', '"b"'],
            '0:0-5:12',
            [
              ['runtime', '1:2-1:22', ['string', '1:12', '"python39"', 'python39']],
              ['build_config', [], '2:2-4:3', [['runtime', '3:4-3:24', ['string', '3:14', '"python38"', 'python38']]]],
              ['name', '5:2-5:12', ['string', '5:9', '"x"', 'x']],
            ],
          ],
        ],
        errors: [["Unclosed block 'resource' (missing '}')", '0:0-5:12']],
      });
    });

    it('finds later heredoc markers after one was missing', () => {
      const text = 'a = <<NOPE\nEOT\nb = <<EOT\nx\nEOT\nc = <<X\nX\nd = <<EOT\n';
      assert.deepEqual(read(text), {
        body: [
          ['a', '0:0-0:10', ['heredoc', '0:4', '<<NOPE', null]],
          ['b', '2:0-4:3', ['heredoc', '2:4', '<<EOT\nx\nEOT', 'x\n']],
          ['c', '5:0-6:1', ['heredoc', '5:4', '<<X\nX', '']],
          ['d', '7:0-7:9', ['heredoc', '7:4', '<<EOT', null]],
        ],
        errors: [
          ["Unterminated heredoc (missing 'NOPE')", '0:4-8:0'],
          ["Expected '=' or '{' after 'EOT'", '1:0-1:3'],
          ["Unterminated heredoc (missing 'EOT')", '7:4-8:0'],
        ],
      });
    });

    it('reads on after an unterminated heredoc', () => {
      const text = 'locals {\n  script = <<EOT\n  echo hi\n  runtime = "python39"\n}\n';
      assert.deepEqual(read(text), {
        body: [
          [
            'locals',
            [],
            '0:0-4:1',
            [
              ['script', '1:2-1:16', ['heredoc', '1:11', '<<EOT', null]],
              ['runtime', '3:2-3:22', ['string', '3:12', '"python39"', 'python39']],
            ],
          ],
        ],
        errors: [
          ["Unterminated heredoc (missing 'EOT')", '1:11-5:0'],
          ["Expected '{' to open block 'echo'", '2:2-2:9'],
        ],
      });
    });

    it('reports an unterminated block comment through the end', () => {
      const text = 'a {\n  runtime = "python39"\n  /* note: } "\n  name = "x"\n}\n';
      assert.deepEqual(read(text), {
        body: [['a', [], '0:0-1:22', [['runtime', '1:2-1:22', ['string', '1:12', '"python39"', 'python39']]]]],
        errors: [
          ["Unclosed block 'a' (missing '}')", '0:0-1:22'],
          ["Unterminated comment (missing '*/')", '2:2-5:0'],
        ],
      });
    });

    it('ends unclosed brackets, parentheses and objects before the next attribute', () => {
      const text = 'a = [1, 2\nb = f(1,\nc = { x = 1\nd {\n}\ne = 5\n';
      assert.deepEqual(read(text), {
        body: [
          [
            'a',
            '0:0-0:9',
            [
              'tuple',
              '0:4',
              '[1, 2',
              [
                ['number', '0:5', '1', 1],
                ['number', '0:8', '2', 2],
              ],
            ],
          ],
          ['b', '1:0-1:8', ['other', '1:4', 'f(1,']],
          ['c', '2:0-2:11', ['object', '2:4', '{ x = 1', [['x', 'x', ['number', '2:10', '1', 1]]]]],
          ['d', [], '3:0-4:1', []],
          ['e', '5:0-5:5', ['number', '5:4', '5', 5]],
        ],
        errors: [
          ["Unclosed '[' (missing ']')", '0:4-0:9'],
          ["Unclosed '(' (missing ')')", '1:5-1:8'],
          ["Unclosed '{' (missing '}')", '2:4-2:11'],
        ],
      });
    });

    it('skips garbage no further than the next top-level block', () => {
      const text = 'locals {\n  "oops" {\nresource "a" "b" {\n  runtime = "python39"\n}\n';
      assert.deepEqual(read(text), {
        body: [
          ['locals', [], '0:0-1:10', []],
          [
            'resource',
            ['"a"', '"b"'],
            '2:0-4:1',
            [['runtime', '3:2-3:22', ['string', '3:12', '"python39"', 'python39']]],
          ],
        ],
        errors: [
          ["Unclosed block 'locals' (missing '}')", '0:0-1:10'],
          ['Unexpected \'"oops"\'', '1:2-1:8'],
        ],
      });
    });

    it('reports and skips garbage', () => {
      const text =
        'runtime = @"python39"\n] "x"\nname = 1 2\nresource "a"\nb = ~ 3\nc = "\\q"\nd =\ne = 1\norphan\nf = ]\n';
      assert.deepEqual(read(text), {
        body: [
          ['runtime', '0:0-0:21', ['string', '0:11', '"python39"', 'python39']],
          ['name', '2:0-2:8', ['number', '2:7', '1', 1]],
          ['b', '4:0-4:7', ['number', '4:6', '3', 3]],
          ['c', '5:0-5:8', ['string', '5:4', '"\\q"', '\\q']],
          ['d', '6:0-6:3', ['other', '6:3', '']],
          ['e', '7:0-7:5', ['number', '7:4', '1', 1]],
          ['f', '9:0-9:3', ['other', '9:3', '']],
        ],
        errors: [
          ["Unexpected character '@'", '0:10-0:11'],
          ["Unexpected ']'", '1:0-1:1'],
          ["Unexpected '2'", '2:9-2:10'],
          ["Expected '{' to open block 'resource'", '3:0-3:12'],
          ["Unexpected character '~'", '4:4-4:5'],
          ["Invalid escape sequence '\\q'", '5:5-5:7'],
          ['Expected an expression', '6:3-6:3'],
          ["Expected '=' or '{' after 'orphan'", '8:0-8:6'],
          ["Expected an expression, found ']'", '9:4-9:5'],
        ],
      });
    });
  });

  describe('robustness', () => {
    /** mulberry32: a small seeded generator, so that a failure can be replayed. */
    function random(seed: number): () => number {
      let a = seed;
      return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    /** Spans lie within the text, children within parents, in order; errors are sorted. */
    function assertWellFormed(text: string, result: ReturnType<typeof parseHcl>): void {
      const inside = (span: Span, outer: Span, what: string) =>
        assert.ok(
          outer.start <= span.start && span.start <= span.end && span.end <= outer.end,
          `${what} ${JSON.stringify(span)} in ${JSON.stringify(outer)}`,
        );
      const expr = (e: HclExpr, outer: Span) => {
        inside(e.span, outer, e.kind);
        if (e.kind === 'string' || e.kind === 'heredoc') inside(e.contentSpan, e.span, 'content');
        if (e.kind === 'tuple') e.items.forEach((item) => expr(item, e.span));
        if (e.kind === 'object')
          e.items.forEach((item) => (inside(item.keySpan, e.span, 'key'), expr(item.value, e.span)));
      };
      const body = (b: HclBody, outer: Span) => {
        let last = outer.start;
        for (const item of b.items) {
          inside(item.span, { start: last, end: outer.end }, item.kind);
          last = item.span.end;
          if (item.kind === 'attribute') expr(item.value, item.span);
          else body(item.body, item.span);
        }
      };
      body(result.body, { start: 0, end: text.length });
      let previous = 0;
      for (const error of result.errors) {
        inside(error.span, { start: 0, end: text.length }, error.message);
        assert.ok(error.span.start >= previous, 'errors are sorted');
        previous = error.span.start;
      }
    }

    it('never throws on random text', () => {
      const next = random(20240601);
      const alphabet = [
        '{',
        '}',
        '[',
        ']',
        '(',
        ')',
        '"',
        '$',
        '{',
        '%',
        '\\',
        '#',
        '/',
        '*',
        '<<',
        '<<-',
        'EOT',
        '\n',
        '\r\n',
        ' ',
        '=',
        ':',
        ',',
        '.',
        '?',
        'a',
        'var',
        'x1',
        '0',
        '1.5',
        '-',
        '!',
        '&&',
        '...',
        '=>',
        'for',
        'in',
        'if',
        'é',
        '🐍',
        '\uFEFF',
        '@',
        "'",
        '\u0000',
      ];
      for (let run = 0; run < 3000; run++) {
        let text = '';
        const length = Math.floor(next() * 120);
        for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
        assertWellFormed(text, parseHcl(text));
      }
    });

    it('never throws on random edits of a real configuration', () => {
      const next = random(7);
      const original = fixture('functions.tf');
      for (let run = 0; run < 1000; run++) {
        let text = original;
        for (let edit = 0; edit < 3; edit++) {
          const at = Math.floor(next() * text.length);
          const cut = Math.floor(next() * 20);
          const insert = next() < 0.5 ? '' : String.fromCharCode(32 + Math.floor(next() * 95));
          text = text.slice(0, at) + insert + text.slice(at + cut);
        }
        assertWellFormed(text, parseHcl(text));
      }
    });

    it('reads a 1 MB line', () => {
      const string = 'a = "' + 'x'.repeat(1 << 20);
      assert.deepEqual(parseHcl(string).errors, [
        { message: 'Unterminated string', span: { start: 4, end: string.length } },
      ]);
      const attributes = Array.from({ length: 1 << 17 }, (_, i) => `a${i} = [1] `).join('');
      const { body, errors } = parseHcl(attributes);
      assert.equal(body.items.length, 1 << 17);
      assert.deepEqual(errors, []);
      const garbage = parseHcl('@ '.repeat(1 << 19)).errors;
      assert.equal(garbage.length, 1000);
      assert.deepEqual(garbage[999], { message: "Unexpected character '@'", span: { start: 1998, end: 1999 } });
    });

    it('caps deep nesting instead of exhausting the stack', () => {
      const depth = 100_000;
      const brackets = 'x = ' + '['.repeat(depth);
      const { body, errors } = parseHcl(brackets);
      assert.equal(body.items.length, 1);
      assert.equal(errors.length, 101);
      assert.deepEqual(errors[0], { message: "Unclosed '[' (missing ']')", span: { start: 4, end: brackets.length } });
      assert.deepEqual(errors[100], {
        message: 'Nesting is too deep (more than 100 levels)',
        span: { start: 104, end: 105 },
      });

      const balanced = 'x = ' + '['.repeat(depth) + ']'.repeat(depth) + '\ny = 1';
      assert.deepEqual(parseHcl(balanced).errors, [
        { message: 'Nesting is too deep (more than 100 levels)', span: { start: 104, end: 105 } },
      ]);
      assert.equal(attribute(parseHcl(balanced).body, 'y')?.value.span.start, balanced.length - 1);

      for (const deep of [
        'b {'.repeat(depth),
        'x = ' + '('.repeat(depth),
        'x = ' + '{a = '.repeat(depth),
        'x = ' + '"${'.repeat(depth),
        'x = ' + '-'.repeat(depth) + '1',
      ]) {
        assertWellFormed(deep, parseHcl(deep));
      }
    });
  });
});
