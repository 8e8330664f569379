import { strict as assert } from 'node:assert';
import { markerCanHoldFrom } from '../../src/core/versions/markerScope';
import { parseMarker, type Marker } from '../../src/core/versions/markers';
import { parseVersion } from '../../src/core/versions';

const PYTHON_310 = parseVersion('3.10');

function marker(text: string): Marker {
  const parsed = parseMarker(text);
  assert.equal(parsed.error, undefined, `${text} parses`);
  assert.ok(parsed.marker);
  return parsed.marker;
}

function canHold(text: string): boolean {
  assert.ok(PYTHON_310);
  return markerCanHoldFrom(marker(text), PYTHON_310);
}

describe('PEP 508 markers', () => {
  describe('parse errors, at their exact offsets', () => {
    const CASES: [text: string, message: string, start: number, end: number][] = [
      ['python_version >= "3.8', 'Unterminated string in marker', 18, 22],
      ["python_version >= '3.8", 'Unterminated string in marker', 18, 22],
      ['python_version >= "3.8" and', 'Marker ends too early', 27, 27],
      ['python_version >= "3.8" or', 'Marker ends too early', 26, 26],
      ['', 'Marker ends too early', 0, 0],
      ['foo == "1"', "'foo' is not a marker variable or a quoted string", 0, 3],
      ['in "x"', "'in' is not a marker variable or a quoted string", 0, 2],
      ['python_version = "3"', "Unexpected '=' in marker", 15, 16],
      ['python_version <> "3"', "'>' is not a marker variable or a quoted string", 16, 17],
      ['python_version >= 3.8', "Unexpected '3' in marker", 18, 19],
      ['python_version >= "3.8" & os_name == "nt"', "Unexpected '&' in marker", 24, 25],
      ['(python_version >= "3.8"', "Missing ')' in marker", 24, 24],
      ['python_version >= "3.8")', "Unexpected ')' in marker", 23, 24],
      ['()', "')' is not a marker variable or a quoted string", 1, 2],
      ['python_version "3.8"', "Expected a comparison operator, found '3.8'", 15, 20],
      ['python_version not "3"', "Expected a comparison operator, found 'not'", 15, 18],
      ['python_version >= "3.8" and and os_name == "nt"', "'and' is not a marker variable or a quoted string", 28, 31],
      ['"a" == "b" xor "c" == "d"', "Unexpected 'xor' in marker", 11, 14],
      ['('.repeat(70) + 'os_name == "nt"' + ')'.repeat(70), 'Marker nests too deeply', 65, 66],
      // PEP 508's strings have no escapes (pip would hand this one to Python's literal_eval).
      ['os_name == "a\\b"', 'A marker string cannot hold a backslash (PEP 508 strings have no escapes)', 13, 14],
      ['os_name == "a\nb"', 'A marker string cannot hold a line break or a NUL character', 13, 14],
      ['os_name notin "x"', "Expected a comparison operator, found 'notin'", 8, 13],
      ['os_name=="a"andos_name=="b"', "Unexpected 'andos_name' in marker", 12, 22],
      ['platform.release == "1"', "'platform.release' is not a marker variable or a quoted string", 0, 16],
      ['os_name == """x"""', "Unexpected 'x' in marker", 13, 16],
    ];
    for (const [text, message, start, end] of CASES) {
      it(`${text.length > 40 ? text.slice(0, 40) + '…' : JSON.stringify(text)}: ${message}`, () => {
        assert.deepEqual(parseMarker(text), { error: { message, start, end } });
        // Offsets are shifted by where the marker sits in its line.
        assert.deepEqual(parseMarker(text, 12), { error: { message, start: start + 12, end: end + 12 } });
      });
    }
  });

  it('parses every operator, variable spelling and grouping PEP 508 allows', () => {
    for (const text of [
      'python_version >= "3.10"',
      'python_full_version ~= "3.10.2"',
      'python_version === "3.10"',
      '"3.10" <= python_version',
      'python_version in "3.10 3.11"',
      'python_version not in "3.8 3.9"',
      "os_name == 'nt' and (sys_platform == \"win32\" or platform_machine != 'x86_64')",
      'extra == "dev"',
      'implementation_name == "cpython" and implementation_version >= "3.10"',
      'platform_release >= "5" or platform_system == "Linux" or platform_version == "1"',
      'platform_python_implementation == "CPython"',
      'os.name == "nt"',
      'sys.platform == "linux"',
      'platform.machine == "x86_64"',
      'platform.version == "1"',
      'platform.python_implementation == "CPython"',
      'python_implementation == "CPython"',
      '\tpython_version\t>=\t"3.10"\t',
      'os_name=="a"and(os_name=="b")or os_name in"x"',
      'os_name not\tin "x"',
      'extras == "a"',
      'dependency_groups in "x"',
      '"a" == "b"',
      'os_name == os_name',
      'python_version === "3.10"',
      "os_name == ''",
    ]) {
      assert.equal(parseMarker(text).error, undefined, text);
    }
  });

  it('names each variable as packaging does, and normalises what `extra` is compared with', () => {
    const compare = (text: string) => {
      const m = marker(text);
      assert.ok(m.kind === 'compare');
      return [m.left, m.op, m.right];
    };
    assert.deepEqual(compare('python_implementation == "x"'), [
      { kind: 'var', name: 'platform_python_implementation' },
      '==',
      { kind: 'str', value: 'x' },
    ]);
    assert.deepEqual(compare('platform.machine != "x"'), [
      { kind: 'var', name: 'platform_machine' },
      '!=',
      { kind: 'str', value: 'x' },
    ]);
    assert.deepEqual(compare('extra == "Dev_Tools.x"'), [
      { kind: 'var', name: 'extra' },
      '==',
      { kind: 'str', value: 'dev-tools-x' },
    ]);
    assert.deepEqual(compare('os.name == extra'), [
      { kind: 'str', value: 'os-name' },
      '==',
      { kind: 'var', name: 'extra' },
    ]);
  });

  it('binds and tighter than or', () => {
    const parsed = marker('os_name == "a" or os_name == "b" and os_name == "c"');
    assert.equal(parsed.kind, 'or');
    assert.ok(parsed.kind === 'or' && parsed.right.kind === 'and');
  });

  describe('markerCanHoldFrom Python 3.10', () => {
    const CASES: [text: string, holds: boolean][] = [
      // Python version comparisons.
      ['python_version >= "3.10"', true],
      ['python_version >= "3.8"', true],
      ['python_version > "3.9"', true],
      ['python_version == "3.11"', true],
      ['python_version != "3.10"', true],
      ['python_version < "4"', true],
      ['python_version >= "4"', true],
      ['python_version == "3.*"', true],
      ['python_version ~= "3.10"', true],
      ['"3.10" <= python_version', true],
      ['python_version < "3.10"', false],
      ['python_version <= "3.9"', false],
      ['python_version == "3.9"', false],
      ['python_version == "3.9.*"', false],
      ['python_version === "3.9"', false],
      ['"3.9" >= python_version', false],
      ['python_version >= "3.8" and python_version < "3.10"', false],
      // Full versions, including a single patch release the sample of minor versions would miss.
      ['python_full_version >= "3.10.0"', true],
      ['python_full_version == "3.10.5"', true],
      ['python_full_version == "3.12.1"', true],
      ['python_full_version >= "3.10.5" and python_full_version < "3.10.7"', true],
      ['python_full_version == "3.11.*"', true],
      ['python_full_version < "3.10.0"', false],
      ['python_full_version == "3.9.18"', false],
      // in / not in compare strings.
      ['python_version in "3.10 3.11"', true],
      ['python_version not in "3.8 3.9"', true],
      ['python_version in "2.7 3.8 3.9"', false],
      // Unknown variables may take any value: they only decide together with the Python version.
      ['os_name == "nt"', true],
      ['extra == "dev"', true],
      ['os.name == "nt"', true],
      ['platform_release == python_version', true],
      ['python_version < "3.10" or os_name == "nt"', true],
      ['python_version < "3.10" and os_name == "nt"', false],
      ['sys.platform == "linux" and python_version >= "3.6"', true],
      // Parentheses.
      ['(python_version < "3.8" or python_version >= "3.12") and platform_machine == "x86_64"', true],
      ['(python_version == "2.7" or python_version == "3.6") and sys_platform == "win32"', false],
      ['python_version < "3.10" and (os_name == "nt" or python_version >= "3.11")', false],
      // Exact where three-valued logic is not: a variable takes one value at a time.
      ['os_name == "nt" and os_name == "posix"', false],
      ['os_name == "nt" and os_name != "nt"', false],
      ['sys_platform in "linux" and sys_platform != "linux" and sys_platform not in "nux"', true],
      ['"linux" in sys_platform and "win" in sys_platform', true],
      ['extra == "Dev_Tools" and extra == "dev-tools"', true],
      ['extra == "dev" and extra == "test"', false],
      ['python_full_version > "3.11.4" and python_full_version < "3.11.5"', false],
      [
        'python_version > "3.12" and python_version < "3.15" and python_version != "3.13" and python_version != "3.14"',
        false,
      ],
      ['python_version == "3.10" and python_full_version < "3.10.0"', false],
      // Text has no order (packaging 26): < and > are false, <= and >= mean ==.
      ['os_name < "z"', false],
      ['os_name <= "nt" and os_name != "nt"', false],
      ['os_name >= "nt"', true],
      // Versions are compared as versions only for the version variables.
      ['platform_release > "5"', true],
      ['platform_release >= "5" and platform_release < "5"', false],
      ['implementation_version == "3.10.*" and implementation_version != "3.10.1"', true],
      ['implementation_version not in "7.3.13" and implementation_version == "7.3.13"', true],
      // What pip cannot evaluate somewhere is not ruled out.
      ['os_name ~= "1"', true],
      ['python_version < "3.10" and os_name === "nt"', true],
      ['python_version < "3.10" and extras == "a"', true],
      ['python_version < "3.10" and python_version ~= "3"', true],
    ];
    for (const [text, holds] of CASES) {
      it(`${text}: ${holds ? 'can hold' : 'cannot hold'}`, () => {
        assert.equal(canHold(text), holds);
      });
    }

    it('evaluates a chain of 20,000 terms without running out of stack', () => {
      const chain = (term: string, joiner: string) => Array.from({ length: 20_000 }, () => term).join(joiner);
      assert.equal(canHold(chain('python_version < "3.10"', ' and ')), false);
      assert.equal(canHold(chain('python_version < "3.10"', ' or ')), false);
      assert.equal(canHold(chain('os_name == "nt"', ' and ') + ' and python_version >= "3.11"'), true);
    });
  });
});
