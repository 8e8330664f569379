// Bytes to text the way pip reads a requirements file (a byte-order mark, else a PEP 263 `coding:` comment in the
// first two lines, else UTF-8), and the same bytes back. Node's TextDecoder has no UTF-32 and no strict Python
// codecs, and reports no offsets for bytes it cannot decode, so the codecs are written here.

/** How a file's bytes were read: enough to write the same bytes back and to point at the ones that could not be read. */
export interface FileEncoding {
  /** As people write it: `UTF-8`, `UTF-16 LE`, `UTF-32 BE`, or the Python codec a PEP 263 comment named (`latin-1`). */
  name: string;
  /** The byte-order mark that came before the text, kept when the file is written back. */
  bom: boolean;
  /** Where a PEP 263 comment names the encoding: the name's offsets in the text. */
  declared?: { start: number; end: number };
  /** Byte sequences not valid in the encoding, in order; each reads as one U+FFFD at `offset` in the text. */
  invalid: InvalidBytes[];
  /** Why the declared encoding could not be used (unknown to Python, or not one read here); the text was read as UTF-8. */
  problem?: string;
}

export interface InvalidBytes {
  /** Offset of the U+FFFD standing for them, in UTF-16 code units of the text without its byte-order mark. */
  offset: number;
  bytes: Uint8Array;
}

export interface Decoded {
  /** Without the byte-order mark. */
  text: string;
  encoding: FileEncoding;
}

interface Codec {
  name: string;
  /** Reads `bytes`; each sequence that cannot be read becomes one U+FFFD. */
  decode(bytes: Uint8Array): { text: string; invalid: InvalidBytes[] };
  /** The bytes of `text`; undefined when a character has none in this encoding. */
  encode(text: string): Uint8Array | undefined;
  /** How many bytes `text` (read without errors) takes. */
  byteLength(text: string): number;
}

const REPLACEMENT = 0xfffd;

// ---------------------------------------------------------------------------------------------------------
// UTF-8

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The sequences TextDecoder replaced, found by its own rules (the WHATWG decoder: a maximal invalid subpart is one
 * U+FFFD), so each offset lands on its replacement. Python's strict UTF-8 rejects exactly the same sequences.
 */
function invalidUtf8(bytes: Uint8Array): InvalidBytes[] {
  const invalid: InvalidBytes[] = [];
  let units = 0;
  let needed = 0;
  let seen = 0;
  let start = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      start = i;
      if (b <= 0x7f) units++;
      else if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        needed = 2;
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        needed = 3;
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
      } else invalid.push({ offset: units++, bytes: bytes.slice(i, i + 1) });
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one replacement; the byte that broke it starts afresh.
      invalid.push({ offset: units++, bytes: bytes.slice(start, i) });
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      units += needed === 3 ? 2 : 1;
      needed = seen = 0;
    }
  }
  if (needed > 0) invalid.push({ offset: units, bytes: bytes.slice(start) });
  return invalid;
}

const UTF8: Codec = {
  name: 'UTF-8',
  decode(bytes) {
    try {
      return { text: utf8Decoder.decode(bytes), invalid: [] };
    } catch {
      return { text: utf8Lenient.decode(bytes), invalid: invalidUtf8(bytes) };
    }
  },
  encode: (text) => Buffer.from(text, 'utf8'),
  byteLength: (text) => Buffer.byteLength(text, 'utf8'),
};

// ---------------------------------------------------------------------------------------------------------
// UTF-16 and UTF-32, either byte order

function utf16(littleEndian: boolean): Codec {
  const fast = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true });
  const unit = (bytes: Uint8Array, i: number) =>
    littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
  return {
    name: littleEndian ? 'UTF-16 LE' : 'UTF-16 BE',
    decode(bytes) {
      try {
        return { text: fast.decode(bytes), invalid: [] };
      } catch {
        // Python rejects an unpaired surrogate (two bytes) and an odd byte at the end.
        const codes: number[] = [];
        const invalid: InvalidBytes[] = [];
        let i = 0;
        for (; i + 1 < bytes.length; i += 2) {
          const u = unit(bytes, i);
          const next = i + 3 < bytes.length ? unit(bytes, i + 2) : -1;
          if (u >= 0xd800 && u <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            codes.push(u, next);
            i += 2;
          } else if (u >= 0xd800 && u <= 0xdbff && i + 3 === bytes.length) {
            // A high surrogate cut short by the end of the file is one sequence with the odd byte after it.
            invalid.push({ offset: codes.length, bytes: bytes.slice(i) });
            codes.push(REPLACEMENT);
            i = bytes.length;
            break;
          } else if (u >= 0xd800 && u <= 0xdfff) {
            invalid.push({ offset: codes.length, bytes: bytes.slice(i, i + 2) });
            codes.push(REPLACEMENT);
          } else codes.push(u);
        }
        if (i < bytes.length) {
          invalid.push({ offset: codes.length, bytes: bytes.slice(i) });
          codes.push(REPLACEMENT);
        }
        return { text: fromCodes(codes), invalid };
      }
    },
    encode(text) {
      const out = Buffer.from(text, 'utf16le');
      return littleEndian ? out : out.swap16();
    },
    byteLength: (text) => text.length * 2,
  };
}

function utf32(littleEndian: boolean): Codec {
  return {
    name: littleEndian ? 'UTF-32 LE' : 'UTF-32 BE',
    decode(bytes) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const codes: number[] = [];
      const invalid: InvalidBytes[] = [];
      let i = 0;
      for (; i + 3 < bytes.length; i += 4) {
        const cp = view.getUint32(i, littleEndian);
        // Python rejects surrogates and anything past U+10FFFF.
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          invalid.push({ offset: codes.length, bytes: bytes.slice(i, i + 4) });
          codes.push(REPLACEMENT);
        } else if (cp > 0xffff) codes.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else codes.push(cp);
      }
      if (i < bytes.length) {
        invalid.push({ offset: codes.length, bytes: bytes.slice(i) });
        codes.push(REPLACEMENT);
      }
      return { text: fromCodes(codes), invalid };
    },
    encode(text) {
      const points = [...text];
      const out = new DataView(new ArrayBuffer(points.length * 4));
      points.forEach((c, n) => out.setUint32(n * 4, c.codePointAt(0) as number, littleEndian));
      return new Uint8Array(out.buffer);
    },
    byteLength(text) {
      let n = 0;
      for (let i = 0; i < text.length; i++, n += 4) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
      }
      return n;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// One byte per character: latin-1, ASCII and the legacy code pages

/** Python's cp1252 for 0x80–0x9F (-1: undefined). Node 20's windows-1252 decoder reads that row as latin-1. */
const CP1252_HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e,
  0x0178,
];

/** A codec from its 256 characters (-1 where Python's codec has none). */
function singleByte(name: string, table: Int32Array): Codec {
  let reverse: Map<number, number> | undefined;
  return {
    name,
    decode(bytes) {
      const codes = new Array<number>(bytes.length);
      const invalid: InvalidBytes[] = [];
      for (let i = 0; i < bytes.length; i++) {
        const c = table[bytes[i]];
        if (c < 0) invalid.push({ offset: i, bytes: bytes.slice(i, i + 1) });
        codes[i] = c < 0 ? REPLACEMENT : c;
      }
      return { text: fromCodes(codes), invalid };
    },
    encode(text) {
      reverse ??= new Map([...table].flatMap((c, b) => (c < 0 ? [] : [[c, b] as [number, number]])));
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = reverse.get(text.charCodeAt(i));
        if (b === undefined) return undefined;
        out[i] = b;
      }
      return out;
    },
    byteLength: (text) => text.length,
  };
}

/** Bytes Python's Windows code pages leave undefined and the WHATWG tables map to a character. */
const WINDOWS_HOLES: Record<string, number[]> = {
  'windows-1250': [0x81, 0x83, 0x88, 0x90, 0x98],
  'windows-1251': [0x98],
  'windows-1252': [0x81, 0x8d, 0x8f, 0x90, 0x9d],
  'windows-1253': [0x81, 0x88, 0x8a, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x98, 0x9a, 0x9c, 0x9d, 0x9e, 0x9f, 0xaa],
  'windows-1254': [0x81, 0x8d, 0x8e, 0x8f, 0x90, 0x9d, 0x9e],
  'windows-1255': [0x81, 0x8a, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9c, 0x9d, 0x9e, 0x9f],
  'windows-1257': [0x81, 0x83, 0x88, 0x8a, 0x8c, 0x90, 0x98, 0x9a, 0x9c, 0x9f],
  'windows-1258': [0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e],
};

/** A code page read through the platform's decoder, with Python's holes in it (a unit test compares every byte with Python). */
function codePage(name: string, label: string): () => Codec {
  let codec: Codec | undefined;
  return () => {
    if (codec) return codec;
    const decoder = new TextDecoder(label);
    const table = Int32Array.from({ length: 256 }, (_, b) => decoder.decode(Uint8Array.of(b)).charCodeAt(0));
    if (label === 'windows-1252') CP1252_HIGH.forEach((c, n) => (table[0x80 + n] = c));
    for (const b of WINDOWS_HOLES[label] ?? []) table[b] = -1;
    codec = singleByte(
      name,
      table.map((c) => (c === REPLACEMENT ? -1 : c)),
    );
    return codec;
  };
}

const LATIN_1 = singleByte(
  'latin-1',
  Int32Array.from({ length: 256 }, (_, b) => b),
);
const ASCII = singleByte(
  'ascii',
  Int32Array.from({ length: 256 }, (_, b) => (b < 0x80 ? b : -1)),
);

// ---------------------------------------------------------------------------------------------------------
// Python's codec names

const CODECS: Record<string, () => Codec> = {
  utf_8: () => UTF8,
  utf_8_sig: () => UTF8,
  // Without a byte-order mark Python's `utf-16`/`utf-32` read the machine's order: little-endian everywhere pip runs.
  utf_16: () => UTF16_LE,
  utf_16_le: () => UTF16_LE,
  utf_16_be: () => UTF16_BE,
  utf_32: () => UTF32_LE,
  utf_32_le: () => UTF32_LE,
  utf_32_be: () => UTF32_BE,
  latin_1: () => LATIN_1,
  ascii: () => ASCII,
  koi8_r: codePage('koi8-r', 'koi8-r'),
  koi8_u: codePage('koi8-u', 'koi8-u'),
  mac_roman: codePage('mac-roman', 'macintosh'),
};
for (let n = 0; n <= 8; n++) CODECS[`cp125${n}`] = codePage(`cp125${n}`, `windows-125${n}`);
for (const n of [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15])
  CODECS[`iso8859_${n}`] = codePage(`iso8859-${n}`, `iso-8859-${n}`);

/** Python's aliases (encodings.aliases) of the codecs above. */
const ALIASES: Record<string, string> = {
  cp65001: 'utf_8',
  u8: 'utf_8',
  utf: 'utf_8',
  utf8: 'utf_8',
  utf8_ucs2: 'utf_8',
  utf8_ucs4: 'utf_8',
  u16: 'utf_16',
  utf16: 'utf_16',
  unicodelittleunmarked: 'utf_16_le',
  utf_16le: 'utf_16_le',
  unicodebigunmarked: 'utf_16_be',
  utf_16be: 'utf_16_be',
  u32: 'utf_32',
  utf32: 'utf_32',
  utf_32le: 'utf_32_le',
  utf_32be: 'utf_32_be',
  8859: 'latin_1',
  cp819: 'latin_1',
  csisolatin1: 'latin_1',
  ibm819: 'latin_1',
  iso8859: 'latin_1',
  iso8859_1: 'latin_1',
  iso_8859_1: 'latin_1',
  iso_8859_1_1987: 'latin_1',
  iso_ir_100: 'latin_1',
  l1: 'latin_1',
  latin: 'latin_1',
  latin1: 'latin_1',
  646: 'ascii',
  'ansi_x3.4_1968': 'ascii',
  'ansi_x3.4_1986': 'ascii',
  ansi_x3_4_1968: 'ascii',
  cp367: 'ascii',
  csascii: 'ascii',
  ibm367: 'ascii',
  iso646_us: 'ascii',
  'iso_646.irv_1991': 'ascii',
  iso_ir_6: 'ascii',
  us: 'ascii',
  us_ascii: 'ascii',
  cskoi8r: 'koi8_r',
  macintosh: 'mac_roman',
  macroman: 'mac_roman',
  csisolatin2: 'iso8859_2',
  iso_8859_2: 'iso8859_2',
  iso_8859_2_1987: 'iso8859_2',
  iso_ir_101: 'iso8859_2',
  l2: 'iso8859_2',
  latin2: 'iso8859_2',
  csisolatin3: 'iso8859_3',
  iso_8859_3: 'iso8859_3',
  iso_8859_3_1988: 'iso8859_3',
  iso_ir_109: 'iso8859_3',
  l3: 'iso8859_3',
  latin3: 'iso8859_3',
  csisolatin4: 'iso8859_4',
  iso_8859_4: 'iso8859_4',
  iso_8859_4_1988: 'iso8859_4',
  iso_ir_110: 'iso8859_4',
  l4: 'iso8859_4',
  latin4: 'iso8859_4',
  csisolatincyrillic: 'iso8859_5',
  cyrillic: 'iso8859_5',
  iso_8859_5: 'iso8859_5',
  iso_8859_5_1988: 'iso8859_5',
  iso_ir_144: 'iso8859_5',
  arabic: 'iso8859_6',
  asmo_708: 'iso8859_6',
  csisolatinarabic: 'iso8859_6',
  ecma_114: 'iso8859_6',
  iso_8859_6: 'iso8859_6',
  iso_8859_6_1987: 'iso8859_6',
  iso_ir_127: 'iso8859_6',
  csisolatingreek: 'iso8859_7',
  ecma_118: 'iso8859_7',
  elot_928: 'iso8859_7',
  greek: 'iso8859_7',
  greek8: 'iso8859_7',
  iso_8859_7: 'iso8859_7',
  iso_8859_7_1987: 'iso8859_7',
  iso_ir_126: 'iso8859_7',
  csisolatinhebrew: 'iso8859_8',
  hebrew: 'iso8859_8',
  iso_8859_8: 'iso8859_8',
  iso_8859_8_1988: 'iso8859_8',
  iso_ir_138: 'iso8859_8',
  csisolatin6: 'iso8859_10',
  iso_8859_10: 'iso8859_10',
  iso_8859_10_1992: 'iso8859_10',
  iso_ir_157: 'iso8859_10',
  l6: 'iso8859_10',
  latin6: 'iso8859_10',
  iso_8859_13: 'iso8859_13',
  l7: 'iso8859_13',
  latin7: 'iso8859_13',
  iso_8859_14: 'iso8859_14',
  iso_8859_14_1998: 'iso8859_14',
  iso_celtic: 'iso8859_14',
  iso_ir_199: 'iso8859_14',
  l8: 'iso8859_14',
  latin8: 'iso8859_14',
  iso_8859_15: 'iso8859_15',
  l9: 'iso8859_15',
  latin9: 'iso8859_15',
};
for (let n = 0; n <= 8; n++) {
  ALIASES[`125${n}`] = `cp125${n}`;
  ALIASES[`windows_125${n}`] = `cp125${n}`;
}

/** Codecs Python knows that are not read here (CJK and rarer code pages); a file declaring one is read as UTF-8. */
const OTHER_PYTHON_CODECS =
  /^(?:big5|big5hkscs|cp\d+|euc_(?:jp|jis_2004|jisx0213|kr)|gb2312|gbk|gb18030|hz|iso2022_\w+|iso8859_(?:9|11|16)|johab|koi8_t|kz1048|latin_?(?:5|10)|mac_\w+|ptcp154|shift_jis(?:_2004|x0213)?|sjis\w*|tis_620|utf_7|ks_c_5601\w*|euc\w*|cp_\w+|ms\w+|ibm\d+|csibm\d+|l5|l10|iso_8859_(?:9|11|16)\w*|utf_?7|u7|unicode_1_1_utf_7)$/;

/** Python's `encodings.normalize_encoding`, lower-cased as `codecs.lookup` does. */
function normalizeCodecName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function codecFor(name: string): Codec | undefined {
  const key = normalizeCodecName(name);
  const canonical = ALIASES[key] ?? ALIASES[key.replace(/\./g, '_')] ?? key;
  return CODECS[canonical]?.();
}

const UTF16_LE = utf16(true);
const UTF16_BE = utf16(false);
const UTF32_LE = utf32(true);
const UTF32_BE = utf32(false);

// pip's order: the UTF-16 LE mark is a prefix of the UTF-32 LE one.
const BOMS: [number[], Codec][] = [
  [[0xef, 0xbb, 0xbf], UTF8],
  [[0xff, 0xfe, 0, 0], UTF32_LE],
  [[0, 0, 0xfe, 0xff], UTF32_BE],
  [[0xff, 0xfe], UTF16_LE],
  [[0xfe, 0xff], UTF16_BE],
];

const PEP263 = /coding[:=][ \t\f\v\r]*([-\w.]+)/;

function fromCodes(codes: number[]): string {
  let text = '';
  // In slices: spreading a whole file into one call overflows the stack.
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.slice(i, i + 8192));
  return text;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The name a PEP 263 comment gives in the first two lines (those starting with `#`), as pip looks for it. */
function declaration(bytes: Uint8Array): { name: string; start: number; end: number } | undefined {
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart <= bytes.length; line++) {
    let lineEnd = bytes.indexOf(10, lineStart);
    if (lineEnd < 0) lineEnd = bytes.length;
    if (bytes[lineStart] === 35) {
      // Only ASCII can match, so reading the bytes as latin-1 keeps every offset.
      const m = PEP263.exec(latin1(bytes, lineStart, lineEnd));
      if (m) {
        const start = lineStart + m.index + m[0].length - m[1].length;
        return { name: m[1], start, end: start + m[1].length };
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

export interface DecodeOptions {
  /** Honour a PEP 263 `coding:` comment, as pip does for requirements files; tools that read only UTF-8 do not. */
  declarations: boolean;
}

/** Reads a file's bytes as pip does; never throws. */
export function decode(bytes: Uint8Array, options: DecodeOptions = { declarations: true }): Decoded {
  for (const [mark, codec] of BOMS) {
    if (bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b)) {
      const { text, invalid } = codec.decode(bytes.subarray(mark.length));
      return { text, encoding: { name: codec.name, bom: true, invalid } };
    }
  }
  const declared = options.declarations ? declaration(bytes) : undefined;
  if (declared) {
    const codec = codecFor(declared.name);
    const span = { start: declared.start, end: declared.end };
    if (codec) {
      const { text, invalid } = codec.decode(bytes);
      // The comment is ASCII before a character a multi-byte codec could shift; elsewhere its offsets are not the text's.
      const found = text.slice(span.start, span.end) === declared.name;
      return {
        text,
        encoding: {
          name: codec === UTF8 ? 'UTF-8' : declared.name,
          bom: false,
          declared: found ? span : undefined,
          invalid,
        },
      };
    }
    const known = OTHER_PYTHON_CODECS.test(normalizeCodecName(declared.name));
    const problem = known
      ? `The encoding '${declared.name}' is not one Stack Standard reads; the file is checked as UTF-8`
      : `Unknown encoding '${declared.name}': pip cannot read this file`;
    const { text, invalid } = UTF8.decode(bytes);
    return { text, encoding: { name: 'UTF-8', bom: false, declared: span, invalid, problem } };
  }
  const { text, invalid } = UTF8.decode(bytes);
  return { text, encoding: { name: 'UTF-8', bom: false, invalid } };
}

function codecOf(encoding: FileEncoding): Codec {
  return codecFor(encoding.name.replace(/ /g, '_')) ?? UTF8;
}

/** The bytes of `text` in `encoding`, with its byte-order mark; undefined when a character has no bytes in it. */
export function encode(text: string, encoding: FileEncoding): Uint8Array | undefined {
  const codec = codecOf(encoding);
  const body = codec.encode(text);
  if (!body) return undefined;
  const mark = encoding.bom ? codec.encode('\ufeff') : new Uint8Array(0);
  return mark && Buffer.concat([mark, body]);
}

export interface ByteEdit {
  /** Offsets in the decoded text, sorted, not overlapping. */
  start: number;
  end: number;
  newText: string;
}

/**
 * `bytes` with each edit's text range replaced by its new text in the file's encoding; every other byte (an invalid
 * sequence included) stays as it was. A string says why it could not be done.
 */
export function applyByteEdits(bytes: Uint8Array, decoded: Decoded, edits: readonly ByteEdit[]): Uint8Array | string {
  const codec = codecOf(decoded.encoding);
  const { text, encoding } = decoded;
  const bom = encoding.bom ? (codec.encode('\ufeff')?.length ?? 0) : 0;
  // Walk the text once, from offset to offset, stepping over the invalid sequences with their own byte counts.
  let textAt = 0;
  let byteAt = bom;
  let next = 0;
  const byteOffset = (offset: number) => {
    while (next < encoding.invalid.length && encoding.invalid[next].offset < offset) {
      const bad = encoding.invalid[next++];
      byteAt += codec.byteLength(text.slice(textAt, bad.offset)) + bad.bytes.length;
      textAt = bad.offset + 1;
    }
    byteAt += codec.byteLength(text.slice(textAt, offset));
    textAt = offset;
    return byteAt;
  };
  const parts: Uint8Array[] = [];
  let copied = 0;
  for (const e of edits) {
    const start = byteOffset(e.start);
    const end = byteOffset(e.end);
    const inserted = codec.encode(e.newText);
    if (!inserted) return `the new text ${JSON.stringify(e.newText)} cannot be written in ${encoding.name}`;
    parts.push(bytes.subarray(copied, start), inserted);
    copied = end;
  }
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
