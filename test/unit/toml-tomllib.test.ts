// pyproject.toml is read by tomllib (and the build front-ends built on it): TOML 1.0, UTF-8. Each snippet here is
// parsed by our pipeline (bytes → decodeFile → analyze) and by Python's tomllib; we must report an error exactly
// when tomllib raises.
import { strict as assert } from 'node:assert';
import { analyze, builtinStandard, decodeFile } from '../../src/core';
import { memoryFileSystem, runPython } from '../helpers';

/** Snippets, valid or not, by the part of TOML 1.0 they exercise. */
const CORPUS: Record<string, (string | Buffer)[]> = {
  'comments, whitespace and line breaks': [
    '', '\n', '# comment', '   # indented comment\n', 'a = 1 # trailing comment', '\t a = 1', 'a = 1\r\n', 'a = 1\r\nb = 2\r\n', 'a = 1 # c # c\n',
    '# tab\tin a comment\n', '# ünïcode 😀 in a comment\n', '# \x7f\n', '# \x00\n', '# \x01\n', '# \x1f\n', 'a = 1\n\n\n', 'a = 1 \t\n',
    'a = 1\u00a0\n', '\u00a0a = 1\n', 'a\u3000= 1\n', 'a = 1\x0b\n', 'a = 1\x0c\n',
  ],
  'carriage returns': [
    'a = 1\r', 'a = 1\rb = 2\n', '# x\ry\n', '# x\r\n', 'a = "x\ry"\n', 'a = """x\ry"""\n', "a = '''x\ry'''\n", 'a = """x\r\ny"""\n', 'a = [1,\r2]\n',
    'a = [1,\r\n2]\n', '\r\na = 1\n', 'a = 1\n\r', 'a = 1 \r \n',
  ],
  'byte-order marks and replacement characters': [
    'a = 1\n\ufeffb = 2\n', 'a = "\ufeff"\n', '# \ufeff\n', 'a = 1 \ufeff\n', '\ufeff = 1\n', 'a = "\ufffd"\n', '# \ufffd\n', '\ufffd = 1\n',
  ],
  'keys': [
    'a = 1', 'a=1', 'a =', '= 1', 'a = 1 b = 2', 'a = 1\na = 2', 'a.b = 1\na.c = 2', 'a.b = 1\na = 2', 'a = 1\na.b = 2', '"a b" = 1', "'a.b' = 1",
    '"" = 1', "'' = 1", 'a . b = 1', 'a."b.c" = 1', '1234 = 1', '-_ = 1', 'é = 1', 'a b = 1', '"a\\u0041" = 1', 'true = 1', 'inf = 1', 'nan = 1',
    '3.14 = 1', '"😀" = 1', '😀 = 1', 'a. = 1', '.a = 1', 'a..b = 1', '"a"b = 1', '"unterminated = 1', 'a = 1\n"a" = 2', "a = 1\n'a' = 2",
    'a.b.c = 1\na.b.d = 2\na.e = 3', 'a = { b = 1 }\na.c = 2', 'a.b = 1\n[a]\nc = 2', 'a.b = 1\n[a.b]\nc = 2', '"a\nb" = 1', "'a\tb' = 1",
  ],
  'basic strings': [
    'a = "x"', 'a = "\\b\\t\\n\\f\\r\\"\\\\"', 'a = "\\u00E9"', 'a = "\\U0001F600"', 'a = "\\uD800"', 'a = "\\uDFFF"', 'a = "\\U00110000"', 'a = "\\U0000D800"',
    'a = "\\a"', 'a = "\\ "', 'a = "\\/"', 'a = "\\u12"', 'a = "\\u12G4"', 'a = "\\U1234"', 'a = "\\"', 'a = "unterminated', 'a = "tab\there"',
    'a = "ctl\x01"', 'a = "\x7f"', 'a = "nul\x00"', 'a = "x" "y"', 'a = "x"y', 'a = "\\u0000"', 'a = "😀 ünïcode"', 'a = "a\nb"',
  ],
  'multi-line basic strings': [
    'a = """\nx"""', 'a = """x\\\n   y"""', 'a = """x\\   \n  y"""', 'a = """x\\ y"""', 'a = """x\\\t\n"""', 'a = """a""""', 'a = """a"""""',
    'a = """a""""""', 'a = """ "" """', 'a = """ """ """', 'a = """\\e"""', 'a = """x\x01"""', 'a = """x\ty"""', 'a = """\n\n"""', 'a = """"""',
    'a = """x', 'a = """\\u00E9"""', 'a = """\\\n\n\n   x"""',
  ],
  'literal strings': [
    "a = 'x'", "a = 'x\\y'", "a = 'x\ty'", "a = 'x\x01'", "a = '''x'''", "a = ''''x''''", "a = '''x''''''", "a = 'unterminated", "a = '''\nx\n'''",
    "a = '''x\x01'''", "a = ''", "a = ''''''", "a = 'a' 'b'", "a = '\x7f'",
  ],
  'integers': [
    'a = +1', 'a = -1', 'a = 0', 'a = +0', 'a = -0', 'a = 01', 'a = 00', 'a = 1_000', 'a = 1__0', 'a = _1', 'a = 1_', 'a = 0x1F', 'a = 0xdead_beef',
    'a = 0X1F', 'a = 0x1g', 'a = 0o17', 'a = 0o8', 'a = 0b101', 'a = 0b2', 'a = +0x1', 'a = -0o1', 'a = 0x', 'a = 0x_1', 'a = 0b1_0',
    'a = 9223372036854775807', 'a = -9223372036854775808', 'a = 9223372036854775808', 'a = 99999999999999999999999999', 'a = 1 2', 'a = +-1',
    'a = --1', 'a = 0x00FF', 'a = 0o', 'a = 1a',
  ],
  'floats': [
    'a = 1.0', 'a = +1.0', 'a = -1.5', 'a = 1.', 'a = .1', 'a = 1.e1', 'a = 1e1', 'a = 1E+1', 'a = 1e-1', 'a = 1e1_0', 'a = 1_0.0_1', 'a = 1.0_',
    'a = 3.14_15', 'a = 00.1', 'a = 01.1', 'a = -0.0', 'a = +0.0', 'a = inf', 'a = +inf', 'a = -inf', 'a = nan', 'a = +nan', 'a = -nan', 'a = Inf',
    'a = NaN', 'a = 1e01', 'a = 1.0e', 'a = 6.626e-34', 'a = 1e1.0', 'a = 1._0', 'a = 1_.0', 'a = 1e_1', 'a = 1.0e+', 'a = 0e0', 'a = 1e+01',
    'a = 1.7976931348623157e309', 'a = infinity',
  ],
  'booleans': ['a = true', 'a = false', 'a = True', 'a = tru', 'a = truee', 'a = FALSE'],
  'dates and times': [
    'a = 1979-05-27T07:32:00Z', 'a = 1979-05-27T00:32:00-07:00', 'a = 1979-05-27T00:32:00.999999-07:00', 'a = 1979-05-27 07:32:00Z',
    'a = 1979-05-27t07:32:00z', 'a = 1979-05-27T07:32:00', 'a = 1979-05-27', 'a = 07:32:00', 'a = 00:32:00.999999', 'a = 1979-05-27T07:32:00.Z',
    'a = 1979-02-30', 'a = 1979-13-01', 'a = 2000-02-29', 'a = 1900-02-29', 'a = 1979-05-27T24:00:00', 'a = 1979-05-27T23:59:60Z',
    'a = 1979-05-27T07:60:00', 'a = 1979-05-27T07:32:00+25:00', 'a = 1979-05-27T07:32:00+23:59', 'a = 1979-05-27T07:32:00.1234567',
    'a = 1979-5-27', 'a = 1979-05-27T7:32:00', 'a = 1979-05-27T07:32:00+07', 'a = 1979-05-27T', 'a = 1979-05-27 ', 'a = 0000-01-01',
    'a = 1979-05-27T07:32:00.', 'a = 25:00:00', 'a = 1979-05-27  07:32:00', 'a = 1979-05-27_07:32:00', 'a = 1979-05-27T07:32:00-00:00',
    'a = 1979-05-27T07:32:00+0700', 'a = 1979-05-27T07:32:00.123+07:00', 'a = 1979-05-27 # date then comment', 'a = 1979-05-27 07:32:00',
  ],
  'arrays': [
    'a = []', 'a = [1,2,]', 'a = [1,,2]', 'a = [,]', 'a = [1\n,2]', 'a = [\n1,\n2,\n]', 'a = [1, "a", [2], {b = 1}]', 'a = [ # c\n1 # c\n, 2]',
    'a = [1 2]', 'a = [', 'a = [1', 'a = [[]]', 'a = [[1], [2, 3]]', 'a = ]', 'a = [1]]', 'a = [\n]', 'a = [1,\n\n2]', 'a = [{}, {}]',
  ],
  'inline tables': [
    'a = {}', 'a = { b = 1 }', 'a = {b=1,c=2}', 'a = { b = 1, b = 2 }', 'a = { b.c = 1, b.d = 2 }', 'a = { b = [\n1\n] }', 'a = { b = """\nx""" }',
    'a = { b = 1 } c = 2', 'a = { , }', 'a = { b = 1,, c = 2 }', 'a = { b }', 'a = { b = }', 'a = {\n}', 'a = { b = { c = 1 } }',
    'a = { b = 1 }\n[a]', 'a = { b = 1 }\n[a.c]', 'a = { b = {} }\na.b.c = 1', 'a = { b.c = 1 }\na.b.d = 2', 'a = { b = 1 # c\n}',
    'a = [{ b = 1 }]\n[[a]]',
  ],
  'tables': [
    '[a]\n[a]', '[a.b]\n[a]', '[a]\n[a.b]', '[a]\nb.c = 1\n[a.b]', '[a.b.c]\n[a]\nb.d = 1', '[a.b.c]\n[a.b]', '[ a . b ]', '["a"]', '[a."b.c"]',
    '[]', '[a.]', '[.a]', '[a] x', '[a]]', '[[a]]\n[[a]]', '[[a]]\n[a]', 'a = []\n[[a]]', '[[a]]\n[[a.b]]', '[a]\n[[a.b]]', '[[a]]\nb = 1\n[a.c]',
    '[a.b]\n[[a]]', '[[ a ]]', '[ [a]]', '[[a] ]', '[a]\nb = 1\n[a]\nc = 2', '[a] # c\nb = 1', '[a]b = 1', '[a\n]', '[a.b]\nc = 1\n[a]\nb = 2',
    '[a]\nb = 1\n[a.b]', 'a = 1\n[a]', '[a]\n[A]', '["a"]\n[a]', "['a']\n[\"a\"]", '[ "" ]', '[\u00e9]', '[a.b]\n[a.b.c]\n[a]\nb.c.d = 1',
    '[[a.b]]\n[a]\nb = 1', '[a]\nb = [1]\n[[a.b]]', '[a.b]\n[a]\nb = 1',
  ],
  'TOML 1.1 only': [
    'a = "\\e"', 'a = "\\x41"', 'a = """\\x41"""', 'a = { b = 1, }', 'a = {\nb = 1 }', 'a = { b = 1,\n c = 2 }', 'a = {\n  b = 1,\n}\n',
    'a = 07:32', 'a = 1979-05-27T07:32Z', 'a = 1979-05-27 07:32', 'a = 1979-05-27T07:32-07:00',
  ],
  'bytes that are not UTF-8': [
    Buffer.from('# caf\xe9\n', 'latin1'), Buffer.from('a = "caf\xe9"\n', 'latin1'), Buffer.from('\xff = 1\n', 'latin1'),
    Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xc0, 0xaf, 0x22, 0x0a]), Buffer.from([0x23, 0x20, 0xed, 0xa0, 0x80, 0x0a]),
    Buffer.from([0x23, 0x20, 0xf4, 0x90, 0x80, 0x80, 0x0a]), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe2, 0x82, 0x22]),
    Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3d, 0x00, 0x31, 0x00]), Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x3d, 0x00, 0x31]),
    Buffer.from('a = 1\n\xef\xbb\xbf# a second mark\n', 'latin1'),
  ],
};

/** A byte-order mark at the very start: editors hide it, so we read past it; tomllib (and pip) refuse the file. */
const OURS_ONLY = [Buffer.from('\ufeffa = 1\n'), Buffer.from('\ufeff')];

const SCRIPT = String.raw`
import base64, json, sys, tomllib
out = []
for case in json.load(sys.stdin):
    try:
        tomllib.loads(base64.b64decode(case).decode("utf-8"))
        out.append(None)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`;

/** Our parse errors for `bytes` read as a pyproject.toml, the way the CLI reads one. */
function ourErrors(bytes: Buffer): string[] {
  const file = '/p/pyproject.toml';
  const { text, encoding } = decodeFile(file, bytes);
  return analyze({ path: file, text, encoding }, { standard: builtinStandard(), fs: memoryFileSystem({}) })
    .filter((f) => f.code === 'parse-error')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

describe('pyproject.toml against tomllib', () => {
  for (const [part, snippets] of Object.entries(CORPUS)) {
    it(`reports an error exactly when tomllib raises: ${part}`, function () {
      const inputs = snippets.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s));
      const verdicts = runPython(this, SCRIPT, inputs.map((b) => b.toString('base64')), ['tomllib']) as (string | null)[];
      const disagreements = inputs.flatMap((input, i) => {
        const ours = ourErrors(input);
        if ((verdicts[i] !== null) === (ours.length > 0)) return [];
        return [`${JSON.stringify(input.toString('latin1'))}: tomllib ${verdicts[i] ?? 'accepts it'}; we ${ours.length > 0 ? `report ${ours.join(' | ')}` : 'accept it'}`];
      });
      assert.deepEqual(disagreements, []);
    });
  }

  it('reads past a byte-order mark at the very start, which tomllib refuses', function () {
    const verdicts = runPython(this, SCRIPT, OURS_ONLY.map((b) => b.toString('base64')), ['tomllib']) as (string | null)[];
    assert.deepEqual(verdicts.map((v) => v?.split(':')[0]), ['TOMLDecodeError', 'TOMLDecodeError']);
    assert.deepEqual(OURS_ONLY.map(ourErrors), [[], []]);
  });
});
