import { strict as assert } from 'node:assert';
import { builtinStandard, type Finding, type Range } from '../../src/core';
import { parseIni, type IniDocument } from '../../src/core/formats/ini';
import { pick, range, runPython, seededRandom, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();

const check = (file: string, text: string) => checkFile(file, text, { standard: STANDARD, sorted: true });

const fixOnce = (file: string, text: string) => fixFile(file, text, { standard: STANDARD, overlapsWait: true });

function fixTwice(file: string, text: string): string {
  const fixed = fixOnce(file, text);
  assert.equal(fixOnce(file, fixed), fixed, 'fixing twice equals fixing once');
  return fixed;
}

const on = (line: number, start: number, end: number) => range(line, start, line, end);

/** A tool's target below the minimum, with the fix that writes the minimum in its place. */
function target(file: string, where: Range, label: string, shown: string, newText = '3.10'): Finding {
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message: `${label} ${shown} is below the standard Python minimum 3.10`,
    file,
    range: where,
    fixes: [{ title: 'Change to 3.10', isPreferred: true, edits: [{ file, range: where, newText }] }],
  };
}

// Each case: a file's text, read by configparser (with pylint's inline comments when asked); a value, or the error.
const CONFIGPARSER = `
import configparser, io, json, sys
out = []
for case in json.load(sys.stdin):
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=('#', ';') if case['inline'] else None)
    try:
        parser.read_string(case['text'])
    except configparser.Error as e:
        out.append({'error': type(e).__name__})
        continue
    if 'section' in case:
        out.append({'value': parser.get(case['section'], case['key'], fallback=None)})
        continue
    sections = {name: dict(values) for name, values in parser._sections.items()}
    if parser._defaults:
        sections['DEFAULT'] = dict(parser._defaults)
    out.append({'sections': sections})
print(json.dumps(out))
`;

type ConfigParserResult =
  { error: string } | { value: string | null } | { sections: Record<string, Record<string, string>> };

function configparser(
  context: Mocha.Context,
  cases: { text: string; inline: boolean; section?: string; key?: string }[],
): ConfigParserResult[] {
  return runPython(context, CONFIGPARSER, cases) as ConfigParserResult[];
}

/** The sections of a document as configparser's dictionaries hold them, blank lines inside values left out. */
function asDict(doc: IniDocument): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const section of doc.sections) {
    const options = (out[section.name] ??= {});
    for (const o of section.options) options[o.name] = o.lines.map((l) => l.text).join('\n');
  }
  // configparser keeps DEFAULT apart, and has none to show when it is empty.
  if (out.DEFAULT && Object.keys(out.DEFAULT).length === 0) delete out.DEFAULT;
  return out;
}

function withoutBlankLines(sections: Record<string, Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(sections).map(([name, options]) => [
      name,
      Object.fromEntries(
        Object.entries(options).map(([k, v]) => [
          k,
          v
            .split('\n')
            .filter((l) => l !== '')
            .join('\n'),
        ]),
      ),
    ]),
  );
}

describe('INI reader', () => {
  it('reads what configparser reads, and refuses what it refuses, on generated files', function () {
    const random = seededRandom(723);
    const pieces = [
      '[tox]',
      '[mypy]',
      '  [indented]',
      '[DEFAULT]',
      '[]',
      '[a]b]',
      '[x] ; note',
      'key = value',
      'Key:value',
      'k = ',
      'other=v # c',
      'other = v ; c',
      '= v',
      'lonely',
      '  continued',
      '\tcontinued with tab',
      '    deeper: with = signs',
      '# comment',
      '; comment',
      '  # indented comment',
      '',
      '   ',
      'python_version = 3.8',
      'envlist = py38,\n    py39',
    ];
    const cases: { text: string; inline: boolean }[] = [];
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [pick(random, ['[tox]', '[mypy]', '[x]', ''])];
      const count = 1 + Math.floor(random() * 8);
      for (let k = 0; k < count; k++) lines.push(pick(random, pieces));
      const eol = random() < 0.3 ? '\r\n' : '\n';
      cases.push({ text: lines.join(eol) + (random() < 0.8 ? eol : ''), inline: random() < 0.5 });
    }
    const expected = configparser(this, cases);
    let accepted = 0;
    cases.forEach((c, i) => {
      const doc = parseIni(c.text, { inlineComments: c.inline ? ['#', ';'] : [] });
      const reference = expected[i];
      const label = JSON.stringify(c);
      if ('error' in reference) {
        assert.ok(doc.errors.length > 0, `configparser refuses ${label} (${reference.error})`);
        return;
      }
      accepted++;
      assert.deepEqual(doc.errors, [], label);
      assert.ok('sections' in reference);
      assert.deepEqual(withoutBlankLines(asDict(doc)), withoutBlankLines(reference.sections), label);
    });
    assert.ok(accepted > 50, `enough generated files are valid (${accepted})`);
  });

  it('keeps the offset of every key and value line, in LF and CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        '[tox]',
        'envlist =',
        '    py38, py39',
        '  # note',
        '    py310',
        '[mypy]',
        'python_version: 3.8',
      ].join(eol);
      const doc = parseIni(text);
      const spans = doc.sections.flatMap((s) =>
        s.options.flatMap((o) => [
          text.slice(o.keySpan.start, o.keySpan.end),
          ...o.lines.map((l) => text.slice(l.start, l.end)),
        ]),
      );
      assert.deepEqual(spans, ['envlist', '', 'py38, py39', 'py310', 'python_version', '3.8']);
      assert.deepEqual(
        doc.sections.map((s) => text.slice(s.nameSpan.start, s.nameSpan.end)),
        ['tox', 'mypy'],
      );
    }
  });
});

describe('mypy.ini', () => {
  it('judges [mypy] python_version, in mypy.ini and .mypy.ini, LF and CRLF', function () {
    for (const file of ['/p/mypy.ini', '/p/.mypy.ini']) {
      const text = '[mypy]\nstrict = true\npython_version = 3.8\n\n[mypy-tests.*]\npython_version = 3.7\n';
      assert.deepEqual(check(file, text), [target(file, on(2, 17, 20), '[mypy] python_version', '3.8')]);
      const crlf = text.replace(/\n/g, '\r\n');
      assert.deepEqual(check(file, crlf), check(file, text));
      const fixed = fixTwice(file, crlf);
      assert.equal(fixed, crlf.replace('= 3.8', '= 3.10'));
      assert.deepEqual(configparser(this, [{ text: fixed, inline: false, section: 'mypy', key: 'python_version' }]), [
        { value: '3.10' },
      ]);
    }
  });

  it('leaves values mypy does not read as a version alone, and reports lines configparser refuses', () => {
    assert.deepEqual(check('/p/mypy.ini', '[mypy]\npython_version = 3\n'), []);
    assert.deepEqual(check('/p/mypy.ini', '[mypy]\npython_version = 3.8  # a comment is part of the value\n'), []);
    assert.deepEqual(check('/p/mypy.ini', '[mypy]\npython_version = 3.11\n'), []);
    assert.deepEqual(
      check('/p/mypy.ini', '[mypy]\nwarn_unused_ignores\npython_version = 3.9\n').map((f) => [f.code, f.range]),
      [
        ['parse-error', on(1, 0, 19)],
        ['python-below-minimum', on(2, 17, 20)],
      ],
    );
  });
});

describe('pylintrc', () => {
  it('judges py-version in any section of pylintrc and .pylintrc, with inline comments cut as pylint does', function () {
    const text = '[MAIN]\njobs = 2\npy-version = 3.8 ; the oldest we run\n';
    for (const file of ['/p/pylintrc', '/p/.pylintrc']) {
      assert.deepEqual(check(file, text), [target(file, on(2, 13, 16), '[MAIN] py-version', '3.8')]);
      const fixed = fixTwice(file, text);
      assert.equal(fixed, '[MAIN]\njobs = 2\npy-version = 3.10 ; the oldest we run\n');
      assert.deepEqual(configparser(this, [{ text: fixed, inline: true, section: 'MAIN', key: 'py-version' }]), [
        { value: '3.10' },
      ]);
    }
    const old = '[MASTER]\r\npy-version=3.7.2\r\n';
    assert.deepEqual(check('/p/.pylintrc', old), [
      target('/p/.pylintrc', on(1, 11, 16), '[MASTER] py-version', '3.7.2'),
    ]);
    assert.equal(fixTwice('/p/.pylintrc', old), '[MASTER]\r\npy-version=3.10\r\n');
  });

  it('reports a broken line and still reads the rest', () => {
    assert.deepEqual(
      check('/p/pylintrc', '[MAIN\npy-version = 3.9\n').map((f) => [f.code, f.range, f.message]),
      [
        ['parse-error', on(0, 0, 5), "Expected a [section] header, 'key = value' or an indented continuation line"],
        ['parse-error', on(1, 0, 16), 'An option comes before the first [section] header'],
      ],
    );
  });
});

describe('[tool.pylint] in pyproject.toml', () => {
  const FILE = '/p/pyproject.toml';

  it('judges py-version as a string, and as a number the way pylint reads it, writing a string', function () {
    const text = '[tool.pylint.main]\npy-version = "3.8"\n\n[tool.pylint.format]\npy-version = 3.10\n';
    assert.deepEqual(check(FILE, text), [
      target(FILE, on(1, 14, 17), '[tool.pylint.main] py-version', '"3.8"'),
      target(FILE, on(4, 13, 17), '[tool.pylint.format] py-version', '3.10 (the number 3.1)', '"3.10"'),
    ]);
    const fixed = fixTwice(FILE, text);
    assert.equal(fixed, '[tool.pylint.main]\npy-version = "3.10"\n\n[tool.pylint.format]\npy-version = "3.10"\n');
    const read = runPython(
      this,
      'import json,sys,tomllib; d=tomllib.loads(json.load(sys.stdin))["tool"]["pylint"]; print(json.dumps([d["main"]["py-version"], d["format"]["py-version"]]))',
      fixed,
    );
    assert.deepEqual(read, ['3.10', '3.10']);
    assert.deepEqual(check(FILE, '[tool.pylint]\npy-version = 3.12\n'), []);
    assert.deepEqual(
      check(FILE, '[tool.pylint]\npy-version = "3.9.1"\n').map((f) => f.message),
      ['[tool.pylint] py-version "3.9.1" is below the standard Python minimum 3.10'],
    );
  });
});
