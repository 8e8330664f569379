import { strict as assert } from 'node:assert';
import {
  lookup,
  parseTomlDocument,
  type Span,
  type TomlDocument,
  type TomlString,
  type TomlValue,
} from '../../src/core/formats/toml';
import { fastVerdict } from '../helpers/toml';

/** `parseTomlDocument(text)`, the one-pass reader held on the way to the reference reading of the same text. */
function parse(text: string): TomlDocument {
  assert.equal(fastVerdict(text).wrong, undefined);
  return parseTomlDocument(text);
}

/** The span of the only occurrence of `needle` in `text`, narrowed to `part` of it when given. */
function find(text: string, needle: string, part = needle): Span {
  const at = text.indexOf(needle);
  assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `exactly one ${JSON.stringify(needle)}`);
  const offset = needle.indexOf(part);
  assert.ok(offset >= 0, `${JSON.stringify(part)} in ${JSON.stringify(needle)}`);
  return { start: at + offset, end: at + offset + part.length };
}

/** A one-line string value written as `literal` (quotes included), the only occurrence in `text`. */
function oneLineString(text: string, literal: string, value: string, style: 'basic' | 'literal' = 'basic'): TomlString {
  const span = find(text, literal);
  return { kind: 'string', value, span, style, contentSpan: { start: span.start + 1, end: span.end - 1 } };
}

/** Values without positions, to compare a whole document at once. */
function plain(value: TomlValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'table':
      return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plain(entry.value)]));
    case 'array':
      return value.items.map(plain);
    case 'datetime':
      return value.raw;
    default:
      return value.value;
  }
}

function entry(doc: TomlDocument, path: string[]) {
  const table = lookup(doc, path.slice(0, -1));
  assert.equal(table?.kind, 'table');
  return table.entries.get(path[path.length - 1]);
}

const PYPROJECT = `[build-system]
requires = ["setuptools>=68", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "demo"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = [
    "requests>=2.31",
    'pandas>=2.0,<3',  # literal: no escapes
    "numpy",
]

[project.optional-dependencies]
test = ["pytest>=8", "pytest-cov"]
gcp = ["google-cloud-storage>=2.10"]

[dependency-groups]
test = ["pytest>=8"]
dev = [{include-group = "test"}, "ruff>=0.5"]

[tool.poetry.dependencies]
python = "^3.10"
requests = { version = "^2.31", extras = ["socks"] }
"google-cloud-bigquery" = "^3.11"

[tool.poetry.dependencies.pandas]
version = "^2.0"
optional = true

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[[tool.poetry.source]]
name = "internal"
url = "https://pypi.internal/simple/"
priority = "supplemental"

[[tool.poetry.source]]
name = "mirror"

[tool.black]
line-length = 100
target-version = ["py38"]
`;

describe('parseTomlDocument', () => {
  describe('a pyproject.toml', () => {
    const doc = parse(PYPROJECT);

    it('reads every table: PEP 621, dependency groups, Poetry and tools', () => {
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(plain(doc.root), {
        'build-system': { requires: ['setuptools>=68', 'wheel'], 'build-backend': 'setuptools.build_meta' },
        project: {
          name: 'demo',
          version: '0.1.0',
          'requires-python': '>=3.10',
          dependencies: ['requests>=2.31', 'pandas>=2.0,<3', 'numpy'],
          'optional-dependencies': { test: ['pytest>=8', 'pytest-cov'], gcp: ['google-cloud-storage>=2.10'] },
        },
        'dependency-groups': { test: ['pytest>=8'], dev: [{ 'include-group': 'test' }, 'ruff>=0.5'] },
        tool: {
          poetry: {
            dependencies: {
              python: '^3.10',
              requests: { version: '^2.31', extras: ['socks'] },
              'google-cloud-bigquery': '^3.11',
              pandas: { version: '^2.0', optional: true },
            },
            group: { dev: { dependencies: { pytest: '^8.0' } } },
            source: [
              { name: 'internal', url: 'https://pypi.internal/simple/', priority: 'supplemental' },
              { name: 'mirror' },
            ],
          },
          black: { 'line-length': 100, 'target-version': ['py38'] },
        },
      });
    });

    it('gives each string its exact span, quote style and content span', () => {
      assert.deepEqual(
        lookup(doc, ['project', 'dependencies', 1]),
        oneLineString(PYPROJECT, `'pandas>=2.0,<3'`, 'pandas>=2.0,<3', 'literal'),
      );
      assert.deepEqual(lookup(doc, ['tool', 'black', 'target-version', 0]), oneLineString(PYPROJECT, '"py38"', 'py38'));
      assert.deepEqual(
        lookup(doc, ['tool', 'poetry', 'dependencies', 'requests', 'version']),
        oneLineString(PYPROJECT, '"^2.31"', '^2.31'),
      );
      const inline = find(PYPROJECT, '{include-group = "test"}').start;
      assert.deepEqual(lookup(doc, ['dependency-groups', 'dev', 0, 'include-group']), {
        kind: 'string',
        value: 'test',
        span: { start: inline + 17, end: inline + 23 },
        style: 'basic',
        contentSpan: { start: inline + 18, end: inline + 22 },
      });
    });

    it('keys a header table by its header, and spans it to its last key/value', () => {
      const pandas = entry(doc, ['tool', 'poetry', 'dependencies', 'pandas']);
      assert.deepEqual(pandas?.keySpan, find(PYPROJECT, '[tool.poetry.dependencies.pandas]', 'pandas'));
      assert.equal(pandas?.value.kind, 'table');
      assert.equal(pandas.value.origin, 'header');
      const start = find(PYPROJECT, '[tool.poetry.dependencies.pandas]').start;
      assert.deepEqual(pandas.value.span, { start, end: find(PYPROJECT, 'optional = true').end });
    });

    it('keys a quoted key by its decoded name and its quoted span', () => {
      const bigquery = entry(doc, ['tool', 'poetry', 'dependencies', 'google-cloud-bigquery']);
      assert.deepEqual(bigquery, {
        key: 'google-cloud-bigquery',
        keySpan: find(PYPROJECT, '"google-cloud-bigquery"'),
        value: oneLineString(PYPROJECT, '"^3.11"', '^3.11'),
      });
    });

    it('makes [[tool.poetry.source]] an array of tables spanning both headers', () => {
      const source = entry(doc, ['tool', 'poetry', 'source']);
      const first = PYPROJECT.indexOf('[[tool.poetry.source]]');
      const second = PYPROJECT.indexOf('[[tool.poetry.source]]', first + 1);
      assert.deepEqual(source?.keySpan, { start: first + 14, end: first + 20 });
      assert.equal(source.value.kind, 'array');
      assert.deepEqual(source.value.span, { start: first, end: find(PYPROJECT, 'name = "mirror"').end });
      assert.deepEqual(
        source.value.items.map((item) => item.kind === 'table' && { origin: item.origin, span: item.span }),
        [
          {
            origin: 'array-of-tables-item',
            span: { start: first, end: find(PYPROJECT, 'priority = "supplemental"').end },
          },
          { origin: 'array-of-tables-item', span: { start: second, end: find(PYPROJECT, 'name = "mirror"').end } },
        ],
      );
    });

    it('spans an implicit super-table from its first mention to the end of its last sub-table', () => {
      const poetry = lookup(doc, ['tool', 'poetry']);
      assert.equal(poetry?.kind, 'table');
      assert.equal(poetry.origin, 'implicit');
      assert.deepEqual(poetry.span, {
        start: find(PYPROJECT, '[tool.poetry.dependencies]').start,
        end: find(PYPROJECT, 'name = "mirror"').end,
      });
      assert.deepEqual(
        entry(doc, ['tool', 'poetry'])?.keySpan,
        find(PYPROJECT, '[tool.poetry.dependencies]', 'poetry'),
      );
    });
  });

  describe('strings', () => {
    const text = [
      'a = "x\\"y"',
      "b = 'C:\\dir'",
      'c = """\nline\\n"""',
      "d = '''\nraw\\n'''",
      'e = """q""""',
      'f = ""',
    ].join('\n');
    const doc = parse(text);

    it('decodes the value but spans the raw content between the delimiters', () => {
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(
        [...doc.root.entries.values()].map((e) => e.value),
        [
          {
            kind: 'string',
            value: 'x"y',
            span: { start: 4, end: 10 },
            style: 'basic',
            contentSpan: { start: 5, end: 9 },
          },
          {
            kind: 'string',
            value: 'C:\\dir',
            span: { start: 15, end: 23 },
            style: 'literal',
            contentSpan: { start: 16, end: 22 },
          },
          {
            kind: 'string',
            value: 'line\n',
            span: { start: 28, end: 41 },
            style: 'multiline-basic',
            contentSpan: { start: 31, end: 38 },
          },
          {
            kind: 'string',
            value: 'raw\\n',
            span: { start: 46, end: 58 },
            style: 'multiline-literal',
            contentSpan: { start: 49, end: 55 },
          },
          {
            kind: 'string',
            value: 'q"',
            span: { start: 63, end: 71 },
            style: 'multiline-basic',
            contentSpan: { start: 66, end: 68 },
          },
          {
            kind: 'string',
            value: '',
            span: { start: 76, end: 78 },
            style: 'basic',
            contentSpan: { start: 77, end: 77 },
          },
        ],
      );
    });

    it('keeps the line break after an opening """ in the content span', () => {
      const c = lookup(doc, ['c']);
      assert.equal(c?.kind, 'string');
      assert.equal(text.slice(c.contentSpan.start, c.contentSpan.end), '\nline\\n');
    });
  });

  it('reports an error the parser meets again at the same place once, however often the recovery parses', () => {
    // `"""` after a header opens a string that runs to the end: every later statement blanked meets it again.
    const text =
      '[tool.pdm.dev-dependencies]"""\ntest = [\'rich\']\n\n[tool.black]\ntarget-version = [\'py310\']\n\n[dependency-groups]\ndev = ["pytest"]\n';
    assert.deepEqual(parse(text).errors, [
      { message: 'Unterminated string constant', span: { start: text.length, end: text.length } },
    ]);
  });

  it('reads numbers, booleans and date-times with their spans', () => {
    const text = 'hex = 0xff\nbig = 1_000\nf = 6.5e-3\nyes = true\nodt = 1979-05-27 07:32:00Z\nlt = 07:32:00.5\n';
    const doc = parse(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(
      [...doc.root.entries.values()].map((e) => e.value),
      [
        { kind: 'integer', value: 255, span: { start: 6, end: 10 } },
        { kind: 'integer', value: 1000, span: { start: 17, end: 22 } },
        { kind: 'float', value: 0.0065, span: { start: 27, end: 33 } },
        { kind: 'boolean', value: true, span: { start: 40, end: 44 } },
        { kind: 'datetime', raw: '1979-05-27 07:32:00Z', span: { start: 51, end: 71 } },
        { kind: 'datetime', raw: '07:32:00.5', span: { start: 77, end: 87 } },
      ],
    );
  });

  describe('keys', () => {
    it('reads a quoted key as one key, dots and all', () => {
      const text = '"my.key" = 1\nsite."google.com" = true\n\'lit key\' = 2\n';
      const doc = parse(text);
      assert.deepEqual(plain(doc.root), { 'my.key': 1, site: { 'google.com': true }, 'lit key': 2 });
      assert.deepEqual(entry(doc, ['my.key'])?.keySpan, { start: 0, end: 8 });
      assert.deepEqual(entry(doc, ['site', 'google.com'])?.keySpan, { start: 18, end: 30 });
      assert.deepEqual(entry(doc, ['lit key'])?.keySpan, { start: 38, end: 47 });
    });

    it('merges dotted keys into dotted tables spanning the statements that fill them', () => {
      const text = 'a.b.c = 1\na.b.d = 2\na.e = 3\n';
      const doc = parse(text);
      assert.deepEqual(plain(doc.root), { a: { b: { c: 1, d: 2 }, e: 3 } });
      const a = entry(doc, ['a']);
      const b = entry(doc, ['a', 'b']);
      assert.deepEqual(
        [a?.keySpan, a?.value.span, a?.value.kind === 'table' && a.value.origin],
        [{ start: 0, end: 1 }, { start: 0, end: 27 }, 'dotted'],
      );
      assert.deepEqual(
        [b?.keySpan, b?.value.span],
        [
          { start: 2, end: 3 },
          { start: 0, end: 19 },
        ],
      );
      assert.deepEqual(entry(doc, ['a', 'b', 'd']), {
        key: 'd',
        keySpan: { start: 14, end: 15 },
        value: { kind: 'integer', value: 2, span: { start: 18, end: 19 } },
      });
    });

    it('merges dotted keys inside an inline table', () => {
      const text = 'p = { version = "^1", source.url = "x", source.name = "y" }\n';
      const doc = parse(text);
      assert.deepEqual(plain(doc.root), { p: { version: '^1', source: { url: 'x', name: 'y' } } });
      const p = lookup(doc, ['p']);
      const source = lookup(doc, ['p', 'source']);
      assert.deepEqual([p?.kind === 'table' && p.origin, p?.span], ['inline', { start: 4, end: 59 }]);
      assert.deepEqual([source?.kind === 'table' && source.origin, source?.span], ['dotted', { start: 22, end: 57 }]);
    });
  });

  describe('tables', () => {
    it('turns an implicit super-table into a header table when it is defined later', () => {
      const text = '[a.b]\nx = 1\n[a]\ny = 2\n[a.c]\nz = 3\n';
      const doc = parse(text);
      assert.deepEqual(plain(doc.root), { a: { b: { x: 1 }, y: 2, c: { z: 3 } } });
      const a = entry(doc, ['a']);
      assert.deepEqual(a?.keySpan, { start: 13, end: 14 });
      assert.deepEqual(a?.value.kind === 'table' && [a.value.origin, a.value.span], ['header', { start: 12, end: 21 }]);
    });

    it('opens a sub-table in the last item of an array of tables', () => {
      const text = '[[s]]\nn = 1\n[[s]]\nn = 2\n[s.extra]\nk = 3\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(plain(doc.root), { s: [{ n: 1 }, { n: 2, extra: { k: 3 } }] });
      assert.deepEqual(entry(doc, ['s'])?.keySpan, { start: 2, end: 3 });
    });
  });

  describe('positions', () => {
    it('counts CRLF line breaks as two code units', () => {
      const text = '[project]\r\nname = "demo"\r\ndependencies = [\r\n  "requests>=2",\r\n]\r\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(lookup(doc, ['project', 'name']), oneLineString(text, '"demo"', 'demo'));
      assert.deepEqual(
        lookup(doc, ['project', 'dependencies', 0]),
        oneLineString(text, '"requests>=2"', 'requests>=2'),
      );
      assert.deepEqual(lookup(doc, ['project', 'dependencies'])?.span, { start: 41, end: 63 });
    });

    it('reads past a byte-order mark and keeps offsets into the text as given', () => {
      const text = '\uFEFF[project]\nname = "demo"\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(lookup(doc, ['project', 'name']), {
        kind: 'string',
        value: 'demo',
        span: { start: 18, end: 24 },
        style: 'basic',
        contentSpan: { start: 19, end: 23 },
      });
      assert.deepEqual(entry(doc, ['project'])?.keySpan, { start: 2, end: 9 });
    });

    it('counts UTF-16 code units: an emoji is two', () => {
      const text = 'description = "😀 ünïcode"\n"ключ" = "значение"\nafter = 1\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(lookup(doc, ['description']), {
        kind: 'string',
        value: '😀 ünïcode',
        span: { start: 14, end: 26 },
        style: 'basic',
        contentSpan: { start: 15, end: 25 },
      });
      assert.deepEqual(entry(doc, ['ключ'])?.keySpan, { start: 27, end: 33 });
      assert.deepEqual(lookup(doc, ['after']), { kind: 'integer', value: 1, span: { start: 55, end: 56 } });
    });
  });

  describe('a syntax error mid-file', () => {
    const TOML_11 = 'is TOML 1.1 syntax, which tomllib and pip (TOML 1.0) do not accept';
    const LONE_CR = 'A carriage return (CR) must be followed by a line feed (LF): TOML has no other line break';
    const HEAD = '[project]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n';
    const TAIL = 'requests = "^2.31"\n\n[tool.black]\ntarget-version = ["py38"]\n';
    // Each: the broken text between `python` and `requests`, the message, and the text its span covers.
    const cases: { name: string; broken: string; message: string; at: string }[] = [
      { name: 'unterminated string', broken: 'pandas = "^2.0', message: 'Unterminated string constant', at: '"^2.0' },
      {
        name: 'unterminated multi-line string',
        broken: 'description = """never closed',
        message: 'Unterminated string constant',
        at: '"""never closed',
      },
      { name: 'missing =', broken: 'pandas "^2.0"', message: 'Expected equal (=) token', at: 'pandas "^2.0"' },
      { name: 'missing value', broken: 'pandas =', message: 'Unspecified values are invalid', at: '=' },
      { name: 'unclosed array over lines', broken: 'numpy = [\n  "a",\n  "b"', message: 'Unterminated array', at: '[' },
      {
        name: 'unclosed inline table',
        broken: 'pandas = { version = "^2.0"',
        message: 'Unterminated inline table',
        at: '{ version = "^2.0"',
      },
      {
        name: 'duplicate key',
        broken: 'python = "^3.11"',
        message: 'Defining a key multiple times is invalid',
        at: 'python',
      },
      { name: 'unquoted Poetry constraint', broken: 'pandas = ^1.5', message: 'Unexpected character', at: '^1.5' },
      { name: 'garbage', broken: '@@ !!', message: 'Unexpected character', at: '@@ !!' },
      { name: 'two values', broken: 'pandas = "a" "b"', message: 'Must be a newline', at: '"b"' },
      // TOML 1.1 syntax the parser reads but tomllib does not, named as such.
      { name: 'the \\e escape', broken: 'pandas = "^2.0\\e"', message: `The escape \\e ${TOML_11}`, at: '\\e' },
      { name: 'the \\x escape', broken: 'pandas = "\\x5e2.0"', message: `The escape \\xHH ${TOML_11}`, at: '\\x5e' },
      {
        name: 'a trailing comma in an inline table',
        broken: 'pandas = { version = "^2.0", }',
        message: `A trailing comma in an inline table ${TOML_11}`,
        at: ',',
      },
      {
        name: 'a line break in an inline table',
        broken: 'pandas = {\n  version = "^2.0" }',
        message: `A line break inside an inline table ${TOML_11}`,
        at: '{',
      },
      {
        name: 'a time without seconds',
        broken: 'updated = 07:32',
        message: `A time without seconds ${TOML_11}`,
        at: '07:32',
      },
      {
        name: 'a date-time without seconds',
        broken: 'updated = 1979-05-27T07:32Z',
        message: `A time without seconds ${TOML_11}`,
        at: '1979-05-27T07:32Z',
      },
      // What else tomllib refuses.
      { name: 'a lone CR ending a comment', broken: '# a comment\rwith a lone CR', message: LONE_CR, at: '\r' },
      { name: 'a lone CR between statements', broken: 'pandas = "^2.0"\rnumpy = "^1.24"', message: LONE_CR, at: '\r' },
      { name: 'a lone CR in a multi-line string', broken: 'readme = """a\rb"""', message: LONE_CR, at: '\r' },
      {
        name: 'a byte-order mark mid-file',
        broken: '\ufeffpandas = "^2.0"',
        message: 'A byte-order mark (U+FEFF) may only start the file',
        at: '\ufeff',
      },
      {
        name: 'the year 0',
        broken: 'released = 0000-01-01',
        message: "tomllib cannot read the year 0 (Python's datetime has no such value)",
        at: '0000-01-01',
      },
      {
        name: 'a leap second',
        broken: 'released = 1990-12-31T23:59:60Z',
        message: "tomllib cannot read a leap second (Python's datetime has no such value)",
        at: '1990-12-31T23:59:60Z',
      },
    ];

    for (const { name, broken, message, at } of cases) {
      it(`${name}: reports it and drops only that statement`, () => {
        const text = HEAD + broken + '\n' + TAIL;
        const doc = parse(text);
        assert.deepEqual(doc.errors, [{ message, span: find(text, broken, at) }]);
        assert.deepEqual(plain(doc.root), {
          project: { name: 'demo' },
          tool: {
            poetry: { dependencies: { python: '^3.10', requests: '^2.31' } },
            black: { 'target-version': ['py38'] },
          },
        });
        assert.deepEqual(lookup(doc, ['project', 'name']), oneLineString(text, '"demo"', 'demo'));
        assert.deepEqual(
          lookup(doc, ['tool', 'poetry', 'dependencies', 'python']),
          oneLineString(text, '"^3.10"', '^3.10'),
        );
        assert.deepEqual(
          lookup(doc, ['tool', 'poetry', 'dependencies', 'requests']),
          oneLineString(text, '"^2.31"', '^2.31'),
        );
        assert.deepEqual(lookup(doc, ['tool', 'black', 'target-version', 0]), oneLineString(text, '"py38"', 'py38'));
      });
    }

    it('missing ] in a header: drops that table and keeps the others', () => {
      const text =
        HEAD + '[tool.poetry.dependencies.pandas\nversion = "^2.0"\n\n[tool.black]\ntarget-version = ["py38"]\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [
        { message: 'Unterminated table-key', span: find(text, '[tool.poetry.dependencies.pandas') },
      ]);
      assert.deepEqual(plain(doc.root), {
        project: { name: 'demo' },
        tool: { poetry: { dependencies: { python: '^3.10' } }, black: { 'target-version': ['py38'] } },
      });
      assert.deepEqual(
        lookup(doc, ['tool', 'poetry', 'dependencies', 'python']),
        oneLineString(text, '"^3.10"', '^3.10'),
      );
      assert.deepEqual(lookup(doc, ['tool', 'black', 'target-version', 0]), oneLineString(text, '"py38"', 'py38'));
    });

    it('a table defined twice: drops the second definition', () => {
      const text = HEAD + TAIL + '\n[project]\nversion = "1"\n\n[tool.ruff]\nline-length = 100\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [
        { message: 'Defining a key multiple times is invalid', span: find(text, '\n[project]\nversion', 'project') },
      ]);
      assert.deepEqual(plain(doc.root), {
        project: { name: 'demo' },
        tool: {
          poetry: { dependencies: { python: '^3.10', requests: '^2.31' } },
          black: { 'target-version': ['py38'] },
          ruff: { 'line-length': 100 },
        },
      });
      assert.deepEqual(lookup(doc, ['tool', 'ruff', 'line-length']), {
        kind: 'integer',
        value: 100,
        span: find(text, 'line-length = 100', '100'),
      });
    });

    it('an unterminated multi-line string at the end of the file', () => {
      const text = HEAD + TAIL + 'readme = """\nnever closed\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [{ message: 'Unterminated string constant', span: find(text, '"""') }]);
      assert.deepEqual(plain(lookup(doc, ['tool', 'black'])), { 'target-version': ['py38'] });
    });

    it('errors in two tables: reports both and keeps the rest', () => {
      const text = 'top = ?\n' + HEAD + TAIL + 'skip-string-normalization = tru\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [
        { message: 'Unexpected character', span: find(text, '?') },
        { message: 'Unexpected character', span: find(text, 'tru\n', 'tru') },
      ]);
      assert.deepEqual(plain(doc.root), {
        project: { name: 'demo' },
        tool: {
          poetry: { dependencies: { python: '^3.10', requests: '^2.31' } },
          black: { 'target-version': ['py38'] },
        },
      });
    });

    it('a second error in the same table: reports both and keeps the rest of the table', () => {
      const text = HEAD + 'a = ^1\nb = ^2\n' + TAIL;
      const doc = parse(text);
      assert.deepEqual(doc.errors, [
        { message: 'Unexpected character', span: find(text, '^1') },
        { message: 'Unexpected character', span: find(text, 'b = ^2', '^2') },
      ]);
      assert.deepEqual(plain(doc.root), {
        project: { name: 'demo' },
        tool: {
          poetry: { dependencies: { python: '^3.10', requests: '^2.31' } },
          black: { 'target-version': ['py38'] },
        },
      });
    });

    it('past three broken statements in one table, drops the table', () => {
      const text = HEAD + 'a = ^1\nb = ^2\nc = ^3\nd = ^4\n' + TAIL;
      const doc = parse(text);
      assert.deepEqual(
        doc.errors.map((e) => text.slice(e.span.start, e.span.end)),
        ['^1', '^2', '^3'],
      );
      assert.deepEqual(plain(doc.root), { project: { name: 'demo' }, tool: { black: { 'target-version': ['py38'] } } });
    });

    it('keeps offsets exact after the blanked statement, with CRLF', () => {
      const text = (HEAD + 'pandas = "^2.0\n' + TAIL).replace(/\n/g, '\r\n');
      const doc = parse(text);
      assert.deepEqual(doc.errors, [{ message: 'Unterminated string constant', span: find(text, '"^2.0') }]);
      assert.deepEqual(
        lookup(doc, ['tool', 'poetry', 'dependencies', 'requests']),
        oneLineString(text, '"^2.31"', '^2.31'),
      );
    });
  });

  describe('a syntax error inside a multi-line array', () => {
    const template =
      '[project]\nname = "demo"\ndependencies = [\n    "requests>=2.31",\n    BROKEN\n    "numpy",\n]\n\n[tool.black]\nline-length = 100\n';

    for (const [broken, message, at] of [
      ['"pandas>=2', 'Unterminated string constant', '"pandas>=2'],
      ['pandas>=2,', 'Unexpected character', 'pandas>'],
      ['"pandas>=2" x,', 'Unexpected character', 'x'],
    ]) {
      it(`drops only the line ${broken}`, () => {
        const text = template.replace('BROKEN', broken);
        const doc = parse(text);
        assert.deepEqual(doc.errors, [{ message, span: find(text, broken, at) }]);
        assert.deepEqual(plain(doc.root), {
          project: { name: 'demo', dependencies: ['requests>=2.31', 'numpy'] },
          tool: { black: { 'line-length': 100 } },
        });
        assert.deepEqual(lookup(doc, ['project', 'dependencies', 1]), oneLineString(text, '"numpy"', 'numpy'));
        assert.deepEqual(lookup(doc, ['project', 'dependencies'])?.span, {
          start: find(text, '= [', '[').start,
          end: find(text, '\n]\n', ']').end,
        });
      });
    }

    it('drops the whole array when dropping the line is not enough', () => {
      const text = template.replace('BROKEN', '{include-group = "test"');
      const doc = parse(text);
      // TOML 1.0 keeps an inline table on one line, so the parser stops at the next line's item.
      assert.deepEqual(doc.errors, [
        {
          message: 'No newlines are allowed between the curly braces unless they are valid within a value',
          span: find(text, '"numpy"'),
        },
      ]);
      assert.deepEqual(plain(doc.root), { project: { name: 'demo' }, tool: { black: { 'line-length': 100 } } });
      assert.deepEqual(lookup(doc, ['tool', 'black', 'line-length']), {
        kind: 'integer',
        value: 100,
        span: find(text, '100'),
      });
    });
  });

  describe('robustness', () => {
    /** Every span the document reports lies inside the text, and every string span starts at its quote. */
    function assertSane(text: string, doc: TomlDocument): void {
      const inside = (span: Span) => 0 <= span.start && span.start <= span.end && span.end <= text.length;
      for (const error of doc.errors) assert.ok(inside(error.span), JSON.stringify({ text, error }));
      const visit = (value: TomlValue): void => {
        assert.ok(inside(value.span), JSON.stringify({ text, span: value.span }));
        if (value.kind === 'string') assert.ok(`"'`.includes(text[value.span.start]) && inside(value.contentSpan));
        if (value.kind === 'array') value.items.forEach(visit);
        if (value.kind === 'table')
          for (const e of value.entries.values()) {
            assert.ok(inside(e.keySpan));
            visit(e.value);
          }
      };
      visit(doc.root);
    }

    // A fixed-seed generator, so a failure reproduces.
    function random(seed: number): () => number {
      let state = seed;
      return () => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 2 ** 32;
      };
    }

    it('never throws on random short inputs', () => {
      const next = random(20240611);
      const alphabet = '[]{}"\'=.,#\n\r\t abc123-_+:TZ\\u';
      for (let i = 0; i < 3000; i++) {
        let text = '';
        const length = Math.floor(next() * 80);
        for (let j = 0; j < length; j++)
          text +=
            next() < 0.7
              ? alphabet[Math.floor(next() * alphabet.length)]
              : String.fromCharCode(Math.floor(next() * 0x10000));
        assertSane(text, parse(text));
      }
    });

    it('never throws on a pyproject.toml with random edits, and keeps spans on the source', () => {
      const next = random(7);
      const inserts = ['"', "'", '[', ']', '{', '}', '=', '\n', '"""', '#', ',', '.', 'x'];
      for (let i = 0; i < 1500; i++) {
        let text = PYPROJECT;
        for (let edit = 0; edit < 3; edit++) {
          const at = Math.floor(next() * text.length);
          const cut = next() < 0.5 ? 1 + Math.floor(next() * 5) : 0;
          text = text.slice(0, at) + inserts[Math.floor(next() * inserts.length)] + text.slice(at + cut);
        }
        assertSane(text, parse(text));
      }
    });

    it('reads a 1 MB single line', () => {
      const open = 'x = "' + 'a'.repeat(1 << 20);
      assert.deepEqual(parse(open), {
        root: { kind: 'table', entries: new Map(), span: { start: 0, end: open.length }, origin: 'root' },
        errors: [{ message: 'Unterminated string constant', span: { start: 4, end: open.length } }],
      });
      // The parser overflows its stack on a token this long; the statement is reported and the rest kept.
      const closed = 'a = 1\n' + open.slice(0, 150_000) + '"\nb = 2\n';
      const doc = parse(closed);
      assert.deepEqual(doc.errors, [{ message: 'Too long to parse', span: { start: 6, end: 150_007 } }]);
      assert.deepEqual(plain(doc.root), { a: 1, b: 2 });
      const garbage = '[]{}"=#\\'.repeat(1 << 17);
      assert.equal(garbage.length, 1 << 20);
      assert.deepEqual(parse(garbage).errors, [
        { message: 'Empty bare keys are not allowed', span: { start: 0, end: 1 } },
      ]);
    });

    it('reports nesting too deep for the parser as an error on that statement', () => {
      const depth = 100_000;
      const text = 'x = 1\na = ' + '['.repeat(depth) + ']'.repeat(depth) + '\ny = 2\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [
        { message: 'Nested too deeply to parse', span: { start: 6, end: 10 + 2 * depth } },
      ]);
      assert.deepEqual(plain(doc.root), { x: 1, y: 2 });
    });

    it('reads nesting up to 1000 levels and reports anything deeper', () => {
      const text = 'a = ' + '['.repeat(1001) + ']'.repeat(1001) + '\nb = 1\n';
      const doc = parse(text);
      assert.deepEqual(doc.errors, [{ message: 'Nested too deeply to read', span: { start: 1004, end: 1006 } }]);
      assert.deepEqual(lookup(doc, ['b']), { kind: 'integer', value: 1, span: { start: 2011, end: 2012 } });
    });

    it('bounds the work on a file that is all errors', () => {
      const text = Array.from({ length: 3000 }, (_, i) => `[t${i}]\nx = ^${i}`).join('\n');
      const doc = parse(text);
      // 16 statements blanked one by one, then 32 whole sections, then everything from the 49th section on.
      assert.equal(doc.errors.length, 49);
      assert.deepEqual(doc.errors[0], { message: 'Unexpected character', span: { start: 9, end: 11 } });
      assert.deepEqual(doc.errors[48], {
        message: 'Unexpected character',
        span: find(text, '[t48]\nx = ^48\n', '^48'),
      });
      assert.deepEqual(plain(doc.root), Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, {}])));
      assertSane(text, doc);
    });
  });
});

describe('lookup', () => {
  const doc = parse('[tool.poetry]\nname = "x"\n[[tool.poetry.source]]\nurl = "u"\n');

  it('walks tables by key and arrays by index, from a document or a value', () => {
    assert.deepEqual(lookup(doc, ['tool', 'poetry', 'source', 0, 'url']), {
      kind: 'string',
      value: 'u',
      span: { start: 54, end: 57 },
      style: 'basic',
      contentSpan: { start: 55, end: 56 },
    });
    const poetry = lookup(doc, ['tool', 'poetry']);
    assert.ok(poetry);
    assert.equal(lookup(poetry, ['name']), lookup(doc, ['tool', 'poetry', 'name']));
    assert.equal(lookup(doc, []), doc.root);
  });

  it('is undefined for a missing key, an index into a table or a key into a string', () => {
    assert.equal(lookup(doc, ['tool', 'black']), undefined);
    assert.equal(lookup(doc, ['tool', 0]), undefined);
    assert.equal(lookup(doc, ['tool', 'poetry', 'source', 1]), undefined);
    assert.equal(lookup(doc, ['tool', 'poetry', 'name', 'x']), undefined);
    assert.equal(lookup(doc, ['tool', 'poetry', 'source', 'url']), undefined);
  });
});
