import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyze, builtinStandard, nodeFileSystem, readSource, type Finding } from '../../src/core';
import { applyByteEdits, decode, encode, type FileEncoding } from '../../src/core/encoding';
import { pick, range, runPython, seededRandom, tempProject } from '../helpers';

const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
function utf32(text: string, littleEndian: boolean): Buffer {
  const points = [...text].map((c) => c.codePointAt(0) as number);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
}
const bytes = (...parts: (number[] | Buffer | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const TEXT = 'pandas==1.5.3  # ü😀\r\nnumpy\n';

function encodingOf(name: string, bom: boolean, extra: Partial<FileEncoding> = {}): FileEncoding {
  return { name, bom, invalid: [], ...extra };
}

describe('decode', () => {
  it('reads each byte-order mark as pip does, the UTF-32 LE mark before the UTF-16 LE one it starts with', () => {
    const cases: [Buffer, string][] = [
      [bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8')), 'UTF-8'],
      [bytes([0xff, 0xfe, 0, 0], utf32(TEXT, true)), 'UTF-32 LE'],
      [bytes([0, 0, 0xfe, 0xff], utf32(TEXT, false)), 'UTF-32 BE'],
      [bytes([0xff, 0xfe], utf16le(TEXT)), 'UTF-16 LE'],
      [bytes([0xfe, 0xff], utf16be(TEXT)), 'UTF-16 BE'],
    ];
    for (const [input, name] of cases)
      assert.deepEqual(decode(input), { text: TEXT, encoding: encodingOf(name, true) }, name);
    assert.deepEqual(decode(Buffer.from(TEXT, 'utf8')), { text: TEXT, encoding: encodingOf('UTF-8', false) });
  });

  it('honours a PEP 263 comment on a line starting with # among the first two, as pip does', () => {
    const body = 'pandas==1.5.3  # caf\xe9\n';
    assert.deepEqual(decode(bytes('# -*- coding: latin-1 -*-\n', body)), {
      text: `# -*- coding: latin-1 -*-\n${body}`,
      encoding: encodingOf('latin-1', false, { declared: { start: 14, end: 21 } }),
    });
    assert.equal(
      decode(bytes('#!/usr/bin/env pip\n# vim: set fileencoding=cp1252 :\n\x80\n')).text,
      '#!/usr/bin/env pip\n# vim: set fileencoding=cp1252 :\n€\n',
    );
    // A third line, or a line not starting with `#`, declares nothing: the bytes are UTF-8, and 0xE9 is not.
    for (const input of ['\n\n# coding: latin-1\n', ' # coding: latin-1\n', 'x  # coding: latin-1\n']) {
      const decoded = decode(bytes(input, body));
      assert.equal(decoded.encoding.name, 'UTF-8', JSON.stringify(input));
      assert.deepEqual(
        decoded.encoding.invalid.map((b) => [b.offset, [...b.bytes]]),
        [[input.length + 20, [0xe9]]],
        JSON.stringify(input),
      );
    }
    // Tools that read only UTF-8 do not look.
    assert.equal(decode(bytes('# coding: latin-1\n', body), { declarations: false }).encoding.invalid.length, 1);
  });

  it('points at each unreadable UTF-8 sequence, one U+FFFD each, and takes a literal U+FFFD for text', () => {
    const input = bytes('a\xff b\xe2\x82 c\xef\xbf\xbd d\xed\xa0\x80 e\xf0\x9f\x98\x80 f\xc3');
    const decoded = decode(input);
    assert.equal(decoded.text, 'a\ufffd b\ufffd c\ufffd d\ufffd\ufffd\ufffd e😀 f\ufffd');
    assert.deepEqual(
      decoded.encoding.invalid.map((b) => [b.offset, [...b.bytes]]),
      [
        [1, [0xff]],
        [4, [0xe2, 0x82]],
        // An encoded surrogate is three separate bad bytes, as Python and the WHATWG decoder both read it.
        [10, [0xed]],
        [11, [0xa0]],
        [12, [0x80]],
        [19, [0xc3]],
      ],
    );
  });

  it('names an encoding Python does not know, and one it knows but is not read here, at the comment', () => {
    assert.deepEqual(
      decode(bytes('# coding: klingon\npandas\n')).encoding,
      encodingOf('UTF-8', false, {
        declared: { start: 10, end: 17 },
        problem: "Unknown encoding 'klingon': pip cannot read this file",
      }),
    );
    assert.deepEqual(
      decode(bytes('# coding: shift_jis\npandas\n')).encoding.problem,
      "The encoding 'shift_jis' is not one Stack Standard reads; the file is checked as UTF-8",
    );
  });

  describe("against Python: pip's choice of codec, then Python's codec", () => {
    // pip's _decode_req_file (src/pip/_internal/req/req_file.py) without its locale fallback, every unreadable
    // sequence recorded by an error handler that stands one U+FFFD in for it.
    const SCRIPT = String.raw`
import base64, codecs, json, re, sys
BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF16, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le")]
PEP263 = re.compile(rb"coding[:=]\s*([-\w.]+)")
def choose(data):
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom):]
    for line in data.split(b"\n")[:2]:
        if line[0:1] == b"#":
            m = PEP263.search(line)
            if m:
                return m.group(1).decode("ascii"), data
    return "utf-8", data
seen = []
def record(error):
    seen.append(list(error.object[error.start:error.end]))
    return ("\ufffd", error.end)
codecs.register_error("record", record)
out = []
for case in json.load(sys.stdin):
    encoding, body = choose(base64.b64decode(case))
    seen.clear()
    out.append({"text": body.decode(encoding, "record"), "invalid": list(seen)})
print(json.dumps(out))
`;

    function compare(context: Mocha.Context, inputs: Buffer[]): void {
      const expected = runPython(
        context,
        SCRIPT,
        inputs.map((b) => b.toString('base64')),
      ) as { text: string; invalid: number[][] }[];
      inputs.forEach((input, i) => {
        const { text, encoding } = decode(input);
        const label = input.toString('hex');
        assert.equal(text, expected[i].text, label);
        assert.deepEqual(
          encoding.invalid.map((b) => [...b.bytes]),
          expected[i].invalid,
          label,
        );
        for (const b of encoding.invalid) assert.equal(text[b.offset], '\ufffd', label);
      });
    }

    it('reads every byte of each code page as Python does', function () {
      const names = [
        'latin-1',
        'ISO-8859-1',
        'L1',
        'ascii',
        'us-ascii',
        'cp1252',
        'windows-1252',
        'cp1250',
        'cp1251',
        'cp1253',
        'cp1254',
        'cp1255',
        'cp1256',
        'cp1257',
        'cp1258',
        'iso-8859-2',
        'latin2',
        'iso8859_3',
        'iso-8859-4',
        'cyrillic',
        'iso-8859-6',
        'greek',
        'hebrew',
        'iso-8859-10',
        'iso-8859-13',
        'iso-8859-14',
        'latin9',
        'koi8-r',
        'koi8_u',
        'mac-roman',
        'macintosh',
      ];
      const every = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
      compare(
        this,
        names.map((name) => bytes(`# coding: ${name}\n`, every)),
      );
    });

    it('reads random bytes under each byte-order mark and declaration as Python does', function () {
      const random = seededRandom(263);
      // Bytes that make and break sequences in every encoding: ASCII, continuation and lead bytes, surrogate halves.
      const alphabet = [
        0x00, 0x0a, 0x23, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc2, 0xc3, 0xdf, 0xd8, 0xdc, 0xe0, 0xe2, 0xed, 0xef,
        0xf0, 0xf4, 0xf5, 0xfe, 0xff,
      ];
      const prefixes = [
        [],
        [0xef, 0xbb, 0xbf],
        [0xff, 0xfe, 0, 0],
        [0, 0, 0xfe, 0xff],
        [0xff, 0xfe],
        [0xfe, 0xff],
        ...['utf-8', 'utf8', 'utf-16', 'utf-16-be', 'UTF-32', 'utf_32_be', 'latin-1', 'ascii', 'cp1252'].map((n) => [
          ...Buffer.from(`# coding=${n}\n`),
        ]),
      ];
      const inputs: Buffer[] = [];
      for (let n = 0; n < 600; n++) {
        const body = Array.from({ length: Math.floor(random() * 24) }, () => pick(random, alphabet));
        // pip's native-order codecs would take a second mark right after the first as a mark too; that is left out here.
        if (body[0] === 0xff || body[0] === 0xfe) body[0] = 0x41;
        inputs.push(Buffer.from([...pick(random, prefixes), ...body]));
      }
      compare(this, inputs);
    });
  });
});

describe('encode and applyByteEdits', () => {
  it('write each encoding back with its byte-order mark', () => {
    for (const input of [
      bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT)),
      bytes([0xff, 0xfe, 0, 0], utf32(TEXT, true)),
      bytes([0, 0, 0xfe, 0xff], utf32(TEXT, false)),
      bytes([0xff, 0xfe], utf16le(TEXT)),
      bytes([0xfe, 0xff], utf16be(TEXT)),
      Buffer.from(TEXT),
      bytes('# coding: latin-1\npandas # \xe9\n'),
    ]) {
      const decoded = decode(input);
      assert.deepEqual(Buffer.from(encode(decoded.text, decoded.encoding) ?? []), input, decoded.encoding.name);
    }
  });

  it("replace only the edited bytes, in the file's encoding, keeping bytes that cannot be read", () => {
    const utf16 = bytes([0xff, 0xfe], utf16le('a😀b==1.5\r\n'), [0x00, 0xd8], utf16le('c==1'));
    const decoded = decode(utf16);
    assert.equal(decoded.text, 'a😀b==1.5\r\n\ufffdc==1');
    const after = applyByteEdits(utf16, decoded, [
      { start: 6, end: 9, newText: '2.0.0' },
      { start: 13, end: 16, newText: '>=2' },
    ]);
    assert.deepEqual(after, bytes([0xff, 0xfe], utf16le('a😀b==2.0.0\r\n'), [0x00, 0xd8], utf16le('c>=2')));

    const utf8 = bytes('x\xff\xe2\x82 pandas==1.5\n');
    const fixed = applyByteEdits(utf8, decode(utf8), [{ start: 12, end: 15, newText: '2.0.0' }]);
    assert.deepEqual(fixed, bytes('x\xff\xe2\x82 pandas==2.0.0\n'));

    const utf32be = bytes([0, 0, 0xfe, 0xff], utf32('😀==1.5', false));
    assert.deepEqual(
      applyByteEdits(utf32be, decode(utf32be), [{ start: 4, end: 7, newText: '2.0' }]),
      bytes([0, 0, 0xfe, 0xff], utf32('😀==2.0', false)),
    );
  });

  it('say so when the new text has a character the encoding cannot hold', () => {
    const input = bytes('# coding: latin-1\npandas\n');
    assert.equal(
      applyByteEdits(input, decode(input), [{ start: 24, end: 24, newText: '>=2 # →' }]),
      'the new text ">=2 # →" cannot be written in latin-1',
    );
  });
});

describe('analysing a file read from its bytes', () => {
  /** The findings of `name`, written as `content`, read from disk as the CLI reads it: code, range, severity, message. */
  function check(name: string, content: string | Buffer): [string, string, string, string][] {
    const dir = tempProject({ [name]: content });
    const file = path.join(dir, name);
    const source = readSource(nodeFileSystem, file);
    assert.ok(source);
    const show = (f: Finding) =>
      [
        f.code,
        `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`,
        f.severity,
        f.message,
      ] as [string, string, string, string];
    return analyze(source, { standard: builtinStandard(), fs: nodeFileSystem }).map(show);
  }
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('takes a U+FFFD written in the file for text, not for an unreadable byte', () => {
    assert.deepEqual(check('requirements.txt', 'pandas==2.0.0  # \ufffd\n'), []);
    assert.deepEqual(check('pyproject.toml', 'a = "\ufffd"  # \ufffd\n'), []);
  });

  it('says which tool cannot read a file, and points the encoding comment out only where pip reads one', () => {
    assert.deepEqual(check('main.tf', latin1('# caf\xe9\nlocals {}\n')), [
      [
        'parse-error',
        '0:5-0:6',
        'error',
        'Not valid UTF-8: byte 0xE9 cannot be decoded, so Terraform cannot read this file; save the file as UTF-8',
      ],
    ]);
    assert.deepEqual(
      check('.pre-commit-config.yaml', latin1('# caf\xe9\nrepos: []\n')).filter((f) => f[0] === 'parse-error'),
      [
        [
          'parse-error',
          '0:5-0:6',
          'error',
          'Not valid UTF-8: byte 0xE9 cannot be decoded, so pre-commit cannot read this file; save the file as UTF-8',
        ],
      ],
    );
    // tomllib reads UTF-8 whatever a comment says.
    assert.deepEqual(check('pyproject.toml', latin1('# -*- coding: latin-1 -*-\n# caf\xe9\n')), [
      [
        'parse-error',
        '1:5-1:6',
        'error',
        'Not valid UTF-8: byte 0xE9 cannot be decoded, so tomllib and pip cannot read this file; save the file as UTF-8',
      ],
    ]);
  });

  it('reads a UTF-16 pyproject.toml for its findings, and says tomllib reads only UTF-8', () => {
    const text = '[project]\r\ndependencies = ["pandas==1.5.3"]  # 😀\r\n';
    assert.deepEqual(
      check('pyproject.toml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
      [
        [
          'parse-error',
          '0:0-0:0',
          'error',
          'This file is saved as UTF-16 LE, which tomllib and pip cannot read; save it as UTF-8',
        ],
        ['conflicts-with-minimum', '1:23-1:30', 'warning', 'pandas==1.5.3 is below the standard minimum 2.0.0'],
      ],
    );
    assert.deepEqual(
      check('main.tf', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('locals {}\n', 'utf16le').swap16()])),
      [
        [
          'parse-error',
          '0:0-0:0',
          'error',
          'This file is saved as UTF-16 BE, which Terraform cannot read; save it as UTF-8',
        ],
      ],
    );
  });

  it('reports an encoding pip does not know at its name, and one it knows but is not read here as a warning', () => {
    assert.deepEqual(check('requirements.txt', '# coding: utf-9\npandas==1.5.3\n'), [
      ['parse-error', '0:10-0:15', 'error', "Unknown encoding 'utf-9': pip cannot read this file"],
      ['conflicts-with-minimum', '1:6-1:13', 'warning', 'pandas==1.5.3 is below the standard minimum 2.0.0'],
    ]);
    assert.deepEqual(check('requirements.txt', '# coding: euc-jp\npandas>=2\n'), [
      [
        'parse-error',
        '0:10-0:16',
        'warning',
        "The encoding 'euc-jp' is not one Stack Standard reads; the file is checked as UTF-8",
      ],
    ]);
  });

  it('reports unreadable bytes in an included file in that file', () => {
    const dir = tempProject({ 'requirements.txt': '-r base.txt\n', 'base.txt': latin1('pandas>=2  # caf\xe9\n') });
    const file = path.join(dir, 'requirements.txt');
    const findings = analyze(readSource(nodeFileSystem, file) ?? { path: file, text: '' }, {
      standard: builtinStandard(),
      fs: nodeFileSystem,
    });
    assert.deepEqual(
      findings.map((f) => [f.file, f.range, f.message]),
      [
        [
          path.join(dir, 'base.txt'),
          range(0, 16, 0, 17),
          'Not valid UTF-8: byte 0xE9 cannot be decoded, so pip cannot read this file; save the file as UTF-8, or name its encoding in a first-line comment such as # -*- coding: latin-1 -*-',
        ],
      ],
    );
  });
});
