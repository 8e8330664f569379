import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { builtinStandard, discover, nodeFileSystem, type FileSystem } from '../../src/core';
import { range, runPython, tempProject, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/tools/report.py';

const check = (text: string) => checkFile(FILE, text, { standard: STANDARD, sorted: true });

const fixOnce = (text: string) => fixFile(FILE, text, { standard: STANDARD, overlapsWait: true });

const on = (line: number, start: number, end: number) => range(line, start, line, end);

// The metadata as PEP 723's reference implementation reads it (the script read with universal newlines, the block
// found by the PEP's regex, its TOML parsed by tomllib), after the file compiles as Python.
const PEP723 = `
import io, json, re, sys, tomllib

REGEX = r'(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\\s(?P<content>(^#(| .*)$\\s)+)^# ///$'

def read(script):
    script = io.StringIO(script, newline=None).read()
    compile(script, 'script.py', 'exec')
    matches = [m for m in re.finditer(REGEX, script) if m.group('type') == 'script']
    content = ''.join(line[2:] if line.startswith('# ') else line[1:] for line in matches[0].group('content').splitlines(keepends=True))
    return tomllib.loads(content)

print(json.dumps([read(text) for text in json.load(sys.stdin)]))
`;

describe('PEP 723 script metadata', () => {
  const text = [
    '#!/usr/bin/env python3',
    '# /// script',
    '# requires-python = ">=3.8"',
    '# dependencies = [',
    '#   "pandas>=1.0",',
    '#   "rich",',
    '#',
    '# ]',
    '# ///',
    'import pandas',
    '',
  ].join('\n');

  it('reads requires-python as a floor and dependencies as requirements, at their places in the comments', () => {
    assert.deepEqual(check(text), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'script requires-python ">=3.8" admits Pythons below the standard minimum 3.10',
        file: FILE,
        range: on(2, 21, 26),
        fixes: [
          {
            title: 'Change to >=3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: on(2, 21, 26), newText: '>=3.10' }],
          },
        ],
      },
      {
        code: 'below-minimum',
        severity: 'warning',
        message: 'pandas>=1.0 admits versions below the standard minimum 2.0.0',
        file: FILE,
        range: on(4, 11, 16),
        fixes: [
          {
            title: 'Change to pandas>=2.0.0',
            isPreferred: true,
            edits: [{ file: FILE, range: on(4, 11, 16), newText: '>=2.0.0' }],
          },
        ],
      },
    ]);
  });

  it('fixes in place, LF and CRLF, and the reference reader finds what was meant', function () {
    const fixed = fixOnce(text);
    assert.equal(fixed, text.replace('>=3.8', '>=3.10').replace('pandas>=1.0', 'pandas>=2.0.0'));
    assert.equal(fixOnce(fixed), fixed, 'fixing twice equals fixing once');
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(check(crlf), check(text));
    const fixedCrlf = fixOnce(crlf);
    assert.equal(fixedCrlf, fixed.replace(/\n/g, '\r\n'));
    const meant = { 'requires-python': '>=3.10', dependencies: ['pandas>=2.0.0', 'rich'] };
    assert.deepEqual(runPython(this, PEP723, [fixed, fixedCrlf]), [meant, meant]);
  });

  it('finds nothing in a Python file without a block, nor in a block of another type', () => {
    assert.deepEqual(check('import sys\n# requires-python = ">=3.6"\n'), []);
    assert.deepEqual(check('# /// pyproject\n# requires-python = ">=3.6"\n# ///\n'), []);
    // The opening line must be exactly that: a trailing blank makes it another comment.
    assert.deepEqual(check('# /// script \n# requires-python = ">=3.6"\n# ///\n'), []);
  });

  it('reports a block without its closing line, a second block, and TOML errors inside a block', () => {
    assert.deepEqual(
      check('# /// script\n# requires-python = ">=3.6"\nimport os\n').map((f) => [f.code, f.range, f.message]),
      [
        [
          'parse-error',
          on(0, 0, 12),
          "This script metadata block has no closing '# ///' line, so tools do not read it",
        ],
      ],
    );
    assert.deepEqual(
      check('# /// script\n# requires-python = ">=3.11"\n# ///\n\n# /// script\n# dependencies = []\n# ///\n').map(
        (f) => [f.code, f.range, f.message],
      ),
      [['parse-error', on(4, 0, 12), 'A second script metadata block: tools refuse a script that has more than one']],
    );
    const broken = check('# /// script\n# requires-python = ">=3.8\n# dependencies = ["pandas>=1.0"]\n# ///\n');
    assert.deepEqual(
      broken.map((f) => [f.code, f.range.start.line]),
      [
        ['parse-error', 1],
        ['below-minimum', 2],
      ],
    );
  });

  it('a walk keeps only the .py files that hold a block, reading each once by its bytes, ignored ones not at all', () => {
    const script = '# /// script\n# dependencies = ["pandas>=1.0"]\n# ///\n';
    const dir = tempProject({
      '.git/HEAD': '',
      '.gitignore': 'ignored.py\n',
      'tools/report.py': `import os\n${script}`,
      'src/app.py': 'print("# /// scrip")\n',
      'ignored.py': script,
      'README.md': script,
    });
    const looked: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      readFile: (p) => {
        if (p.endsWith('.py')) looked.push(`read ${path.relative(dir, p)}`);
        return nodeFileSystem.readFile(p);
      },
      contains: (p, marker) => (
        looked.push(`contains ${path.relative(dir, p)}`),
        nodeFileSystem.contains?.(p, marker) ?? false
      ),
    };
    const found = discover(dir, { fs });
    assert.deepEqual(
      found.files.map((f) => path.relative(dir, f.path)),
      ['tools/report.py'],
    );
    assert.deepEqual(looked.sort(), ['contains src/app.py', 'contains tools/report.py']);
    // A file system that cannot look for bytes is read instead, with the same outcome.
    const plain: FileSystem = { ...nodeFileSystem, contains: undefined };
    assert.deepEqual(
      discover(dir, { fs: plain }).files.map((f) => path.relative(dir, f.path)),
      ['tools/report.py'],
    );
  });

  it("finds a marker across the disk reader's chunks, and none in a file that lacks it", () => {
    const padding = 'x'.repeat(64 * 1024 - 5);
    const dir = tempProject({
      'split.py': `${padding}\n# /// script\n# ///\n`,
      'plain.py': `${padding}\n# // script\n`,
    });
    assert.equal(nodeFileSystem.contains?.(path.join(dir, 'split.py'), '# /// script'), true);
    assert.equal(nodeFileSystem.contains?.(path.join(dir, 'plain.py'), '# /// script'), false);
    assert.equal(nodeFileSystem.contains?.(path.join(dir, 'missing.py'), '# /// script'), false);
  });
});
