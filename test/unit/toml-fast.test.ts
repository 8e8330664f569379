// The one-pass TOML reader against the reference reading through toml-eslint-parser: whenever it accepts a text, the
// reference reads that text without an error into a deep-equal model, and tomllib accepts it with the same values.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTomlReference, type TomlTable, type TomlValue } from '../../src/core/formats/toml';
import { ROOT, runPython, seededRandom } from '../helpers';
import { fastVerdict, readFast } from '../helpers/toml';
import { CORPUS } from './toml-corpus';

const FIXTURES = path.join(ROOT, 'test/fixtures');
const TOML_TEST = path.join(FIXTURES, 'toml-test');

/** Every TOML file the project's fixtures hold (the toml-test corpus apart), by path relative to the fixtures. */
function tomlFixtures(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory() && file !== TOML_TEST) walk(file);
      else if (e.isFile() && /\.(toml|lock)$|^Pipfile$/.test(e.name) && e.name !== 'Pipfile.lock')
        found.set(path.relative(FIXTURES, file), fs.readFileSync(file, 'utf8'));
    }
  };
  walk(FIXTURES);
  return found;
}

const fixtures = tomlFixtures();

/** toml-test's TOML 1.0 cases that are UTF-8 text, by path under valid/ or invalid/; the others are about bytes. */
function tomlTestCases(kind: 'valid' | 'invalid'): { texts: Map<string, string>; notUtf8: string[] } {
  const texts = new Map<string, string>();
  const notUtf8: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.toml')) {
        const name = path.relative(TOML_TEST, file);
        try {
          texts.set(name, decoder.decode(fs.readFileSync(file)));
        } catch {
          notUtf8.push(name);
        }
      }
    }
  };
  walk(path.join(TOML_TEST, kind));
  return { texts, notUtf8: notUtf8.sort() };
}

const INSERTS = ['"', "'", '[', ']', '{', '}', '=', ',', '.', '\\', '\n', '\r', '\r\n', '#', ' ', '\t', '"""', "'''"];
const ODD = ['\x00', '\x01', '\x1f', '\x7f', '\u00a0', '\u00e9', '\ufeff', '\u2028', '\ud83d\ude00', '\ud800'];

/** `text` with one random edit: a character or line deleted, inserted or duplicated. */
function mutate(next: () => number, text: string): string {
  const at = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  switch (Math.floor(next() * 7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.charAt(at) + text.slice(at);
    case 2:
      return text.slice(0, lineStart) + text.slice(lineEnd + 1);
    case 3:
      return text.slice(0, lineEnd) + '\n' + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 4:
      return text.slice(0, at) + pick(ODD) + text.slice(at);
    default:
      return text.slice(0, at) + pick(INSERTS) + text.slice(at);
  }
}

/** Small texts to mutate: the pyproject fixtures and each `[[package]]` of the locks, as tomlLocks.ts reads them. */
function mutationSeeds(): string[] {
  const seeds: string[] = [];
  for (const [name, text] of fixtures) {
    if (name.endsWith('.lock')) seeds.push(...packages(text).slice(0, 20));
    else if (text.length < 6000) seeds.push(text);
  }
  return seeds;
}

/** A lock's `[[package]]` sections, each on its own. */
function packages(text: string): string[] {
  return text.split(/\n(?=\[\[package\]\]\n)/).map((s, i) => (i === 0 ? s : s + '\n'));
}

describe('the one-pass TOML reader', () => {
  it('reads every TOML fixture the reference reads without an error, into the very same model', () => {
    const wrong: string[] = [];
    const refused: string[] = [];
    let accepted = 0;
    for (const [name, text] of fixtures) {
      const verdict = fastVerdict(text);
      if (verdict.wrong) wrong.push(`${name}: ${verdict.wrong}`);
      if (verdict.accepted) accepted++;
      else if (parseTomlReference(text).errors.length === 0) refused.push(name);
    }
    assert.deepEqual(wrong, []);
    // No fixture needs the slow path but those with an error: none has a date, a hexadecimal number or the like.
    assert.deepEqual(refused, []);
    assert.ok(accepted >= 120, `${accepted} of ${fixtures.size} accepted`);
  });

  it("reads each lock's [[package]] sections on their own as the reference does", () => {
    let slices = 0;
    for (const [name, text] of fixtures) {
      if (!name.endsWith('.lock')) continue;
      for (const slice of packages(text)) {
        const verdict = fastVerdict(slice);
        assert.equal(verdict.wrong, undefined, name);
        assert.ok(verdict.accepted, `${name}: ${slice.slice(0, 80)}`);
        slices++;
      }
    }
    assert.ok(slices > 50, `${slices} sections`);
  });

  it("agrees with the reference on every snippet of the tomllib corpus, accepting tomllib's valid ones", () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (const snippets of Object.values(CORPUS))
      for (const snippet of snippets) {
        const text = typeof snippet === 'string' ? snippet : snippet.toString('utf8');
        const verdict = fastVerdict(text);
        if (verdict.wrong) wrong.push(`${JSON.stringify(text)}: ${verdict.wrong}`);
        if (verdict.accepted) accepted++;
      }
    assert.deepEqual(wrong, []);
    assert.ok(accepted > 80, `${accepted} accepted`);
  });

  describe('accepts the common shapes and gives up on the rest', () => {
    const ACCEPTED = [
      'a = -0\nb = -0.0\nc = +0.0\nd = 0e0\ne = -0e0\nf = 0\ng = [0]\nh = -0',
      'a = +inf\nb = -inf\nc = nan\nd = -nan\ne = +nan',
      'a = 1_000\nb = 1e06\nc = 6.626e-34\nd = 9_224_617.445_991_228_313\ne = 1E+2\nf = 999999999999999',
      'a = true\nb = false # trailing',
      'a = "\\b\\t\\n\\f\\r\\"\\\\ \\u00e9 \\U0001F600 \\u0000"',
      "a = 'C:\\dir\\' # literal",
      'a = """\nfirst newline trimmed"""\nb = """\r\nCRLF\r\nread as LF"""',
      'a = """one \\\n    two \\  \n\n  three"""',
      'a = """""quotes""""" \nb = \'\'\'\'\'x\'\'\'\'\'',
      'a = """\\"""\\""""',
      "a = '''\nraw \\n '' ' '''",
      'a = [\n  1, # one\n  2,\n  # none\n]\nb = [ ]\nc = [[1, 2], ["a"], [{}]]',
      'x = [{ 1 = 2, true = 3, inf = 4, nan = 5 }]\ny = [[{ false = 1 }]]',
      'k = { a = [\n1,\n2], b = """x\ny""" }',
      'p = { version = "^1", source.url = "x", source.name = "y", "q.r" = 1 }',
      '"a b" = 1\n\'c.d\' = 2\n"" = 3\ne . f = 4\ne."g" = 5\n1.2 = 6\n-_ = 7',
      '[tool.ruff]\nlint.select = ["E"]\nlint.per-file-ignores."x.py" = ["F"]\n[tool.ruff.lint.isort]\nknown = ["a"]',
      '[a.b]\nx = 1\n[a]\ny = 2\n[a.c]\nz = 3',
      '[a.b.c]\n[a.b]\n[a]',
      '[[a]]\nb.c = 1\n[a.b.d]\ne = 1',
      '[[a]]\nn = 1\n[a.b]\nc = 1\n[[a]]\n[a.b]\nc = 2\n[[a.d]]\n[[a.d]]',
      '[ a . "b c" . \'d\' ]\n[[ e ]] # comment',
      '\ufeff[project]\r\nname = "x"\r\n',
      '\n\n  # only a comment\t\n',
      '',
    ];
    for (const text of ACCEPTED)
      it(`accepts ${JSON.stringify(text)}`, () => {
        assert.deepEqual(fastVerdict(text), { accepted: true });
      });

    const REFUSED = [
      'a = 0x1f',
      'a = 0',
      'a = 0o17',
      'a = 0b1',
      'a = 01',
      'a = 12345678901234567',
      'a = 1e400',
      'a = 1979-05-27',
      'a = 1979-05-27T07:32:00Z',
      'a = 07:32:00',
      'a = "\\e"',
      'a = "\\x41"',
      'a = "\\ud800"',
      'a = "\\U00110000"',
      'a = { b = 1, }',
      'a = {\nb = 1 }',
      'a = { b = 1 # c\n}',
      'a = 1\rb = 2',
      'a = "x\ry"',
      '# \x7f',
      'a = "\x01"',
      'a = 1\u00a0',
      'a = 1\nb = 2 c = 3',
      '[a]\nb = 1\n[a]',
      'a = 1\na = 2',
      'a.b = 1\n[a]',
      'a.b = 1\na = 2',
      'a = {}\n[a.b]',
      'a = { b = 1 }\na.c = 2',
      '[[a]]\nb = [{ c = 1 }]\n[a.b.d]',
      'a = []\n[[a]]',
      '[[a]]\n[a]',
      '[a]\n[[a]]',
      '[a]\nb.c = 1\n[a.b]',
      '[x.y]\n[x]\ny.z = 1',
      '[a.b]\n[a]\nb = 1',
      '[a.b.c]\n[a]\nb.d = 1',
      'a = """x""""""',
      'a = """\\ x"""',
      'x = "' + 'y'.repeat(20_000) + '"',
      'x = ' + '['.repeat(40) + ']'.repeat(40),
      "a = '''x''''''",
      '[ [a]]',
      '[[a] ]',
      '"""a""" = 1',
      'a = tru',
      'a = infinity',
      'a = 1_',
      'a = 1__0',
      'a = 1.',
      'a = .5',
      'a = 1.e5',
      'a = +0x1',
      'a = 1.5.3',
      'a =',
      'a\n= 1',
      'a =\n1',
      'é = 1',
    ];
    for (const text of REFUSED)
      it(`gives up on ${JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text)}`, () => {
        assert.equal(readFast(text), undefined);
      });
  });

  describe('the toml-test corpus (TOML 1.0)', () => {
    it('gives up on every invalid case', () => {
      const { texts, notUtf8 } = tomlTestCases('invalid');
      // What decoding the bytes refuses never reaches a TOML reader.
      assert.deepEqual(notUtf8, [
        'invalid/encoding/bad-codepoint.toml',
        'invalid/encoding/bad-utf8-at-end.toml',
        'invalid/encoding/bad-utf8-in-array.toml',
        'invalid/encoding/bad-utf8-in-comment.toml',
        'invalid/encoding/bad-utf8-in-multiline-literal.toml',
        'invalid/encoding/bad-utf8-in-multiline.toml',
        'invalid/encoding/bad-utf8-in-string-literal.toml',
        'invalid/encoding/bad-utf8-in-string.toml',
        'invalid/encoding/utf16-bom.toml',
      ]);
      assert.ok(texts.size > 400, `${texts.size} cases`);
      const accepted = [...texts].filter(([, text]) => readFast(text) !== undefined).map(([name]) => name);
      assert.deepEqual(accepted, []);
    });

    it('reads every valid case it accepts as the reference does', () => {
      const { texts, notUtf8 } = tomlTestCases('valid');
      assert.deepEqual(notUtf8, []);
      const wrong: string[] = [];
      let accepted = 0;
      for (const [name, text] of texts) {
        const verdict = fastVerdict(text);
        if (verdict.wrong) wrong.push(`${name}: ${verdict.wrong}`);
        if (verdict.accepted) accepted++;
      }
      assert.deepEqual(wrong, []);
      assert.ok(accepted > 100, `${accepted} of ${texts.size} accepted`);
    });
  });

  it('agrees with the reference on thousands of randomly edited fixtures', () => {
    const next = seededRandom(11);
    const seeds = mutationSeeds();
    const wrong: string[] = [];
    let accepted = 0;
    const cases = 4000;
    for (let i = 0; i < cases; i++) {
      let text = seeds[Math.floor(next() * seeds.length)];
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) text = mutate(next, text);
      const verdict = fastVerdict(text);
      if (verdict.wrong) wrong.push(`${JSON.stringify(text)}: ${verdict.wrong}`);
      if (verdict.accepted) accepted++;
      if (wrong.length >= 3) break;
    }
    assert.deepEqual(wrong, []);
    // Both ways are exercised: many edits keep the text valid (in a comment or a string), many break it.
    assert.ok(accepted > cases / 10 && accepted < (cases * 9) / 10, `${accepted} of ${cases} accepted`);
  });

  describe('against tomllib', () => {
    const SCRIPT = String.raw`
import base64, json, sys, tomllib
def tag(v):
    if isinstance(v, bool): return ["b", v]
    if isinstance(v, int): return ["i", str(v)]
    if isinstance(v, float): return ["f", repr(v)]
    if isinstance(v, str): return ["s", v]
    if isinstance(v, list): return ["a", [tag(x) for x in v]]
    if isinstance(v, dict): return ["t", [[k, tag(x)] for k, x in v.items()]]
    return ["?", repr(v)]
out = []
for case in json.load(sys.stdin):
    try:
        out.append(tag(tomllib.loads(base64.b64decode(case).decode("utf-8"))))
    except Exception as e:
        out.append(["error", type(e).__name__ + ": " + str(e)])
print(json.dumps(out))
`;

    /** Our values tagged as the script tags Python's, floats as numbers. */
    function tag(value: TomlValue): unknown {
      switch (value.kind) {
        case 'table':
          return ['t', [...value.entries].map(([name, e]) => [name, tag(e.value)])];
        case 'array':
          return ['a', value.items.map(tag)];
        case 'string':
          return ['s', value.value];
        case 'boolean':
          return ['b', value.value];
        case 'integer':
          return ['i', String(value.value)];
        case 'float':
          return ['f', value.value];
        case 'datetime':
          return ['?', value.raw];
      }
    }

    /** Python's tags with each float's repr read as a number. */
    function untagFloats(tagged: unknown): unknown {
      if (!Array.isArray(tagged)) return tagged;
      const [kind, v] = tagged as [string, unknown];
      if (kind === 'f') return ['f', v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : Number(v)];
      if (kind === 'a') return ['a', (v as unknown[]).map(untagFloats)];
      if (kind === 't') return ['t', (v as [string, unknown][]).map(([k, x]) => [k, untagFloats(x)])];
      return tagged;
    }

    it('accepts every text the one-pass reader accepts, with the same values in the same order', function () {
      const texts: string[] = [];
      const roots: TomlTable[] = [];
      const add = (text: string): void => {
        const root = readFast(text);
        // A lone surrogate cannot be written as UTF-8: no file read from bytes has one.
        if (!root || /[\uD800-\uDFFF]/u.test(text)) return;
        texts.push(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
        roots.push(root);
      };
      fixtures.forEach(add);
      tomlTestCases('valid').texts.forEach(add);
      for (const snippets of Object.values(CORPUS)) for (const s of snippets) if (typeof s === 'string') add(s);
      const next = seededRandom(23);
      const seeds = mutationSeeds();
      for (let i = 0; i < 1500; i++) add(mutate(next, mutate(next, seeds[Math.floor(next() * seeds.length)])));
      assert.ok(texts.length > 500, `${texts.length} texts`);

      const verdicts = runPython(
        this,
        SCRIPT,
        texts.map((t) => Buffer.from(t, 'utf8').toString('base64')),
        ['tomllib'],
      ) as unknown[];
      const disagreements = texts.flatMap((text, i) => {
        const python = untagFloats(verdicts[i]);
        const ours = tag(roots[i]);
        try {
          assert.deepStrictEqual(ours, python);
          return [];
        } catch {
          return [`${JSON.stringify(text)}: tomllib ${JSON.stringify(verdicts[i])}, ours ${JSON.stringify(ours)}`];
        }
      });
      assert.deepEqual(disagreements.slice(0, 5), []);
    });
  });
});
