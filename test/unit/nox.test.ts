import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { builtinStandard, discover, LineIndex, nodeFileSystem, type Finding, type Range } from '../../src/core';
import { pick, range, runPython, seededRandom, tempProject, check as checkFile, fixOnce as fixFile } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/noxfile.py';

const check = (text: string) => checkFile(FILE, text, { standard: STANDARD, sorted: true });

const fixOnce = (text: string) => fixFile(FILE, text, { standard: STANDARD, overlapsWait: true });

function fixTwice(text: string): string {
  const fixed = fixOnce(text);
  assert.equal(fixOnce(fixed), fixed, 'fixing twice equals fixing once');
  return fixed;
}

const on = (line: number, start: number, end: number) => range(line, start, line, end);

function below(where: Range, label: string, shown: string, title: string, edits: [Range, string][]): Finding {
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message: `${label} ${shown} is below the standard Python minimum 3.10`,
    file: FILE,
    range: where,
    fixes: [{ title, isPreferred: true, edits: edits.map(([r, newText]) => ({ file: FILE, range: r, newText })) }],
  };
}

// The Pythons of each session as nox would see them, from Python's own parser: the file compiles, and each
// `python=`/`py=` argument (or `parametrize("python", …)`) is a literal or a module-level name bound to one.
const NOX_PYTHONS = `
import ast, json, sys

def pythons(text):
    tree = ast.parse(text)
    compile(tree, 'noxfile.py', 'exec')
    names = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names[node.targets[0].id] = node.value
    def value(node):
        return ast.literal_eval(names.get(node.id, node) if isinstance(node, ast.Name) else node)
    out = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for d in node.decorator_list:
            if not isinstance(d, ast.Call):
                continue
            for k in d.keywords:
                if k.arg in ('python', 'py'):
                    out[node.name] = value(k.value)
            if d.args and isinstance(d.args[0], ast.Constant) and d.args[0].value == 'python':
                out[node.name] = value(d.args[1])
    return out

print(json.dumps([pythons(text) for text in json.load(sys.stdin)]))
`;

function noxPythons(context: Mocha.Context, texts: string[]): unknown {
  return runPython(context, NOX_PYTHONS, texts);
}

describe('noxfile.py', () => {
  it('reports each session Python below the minimum, with a fix that drops it from the list', function () {
    const text =
      'import nox\n\n\n@nox.session(python=["3.8", "3.9", "3.10", "3.11"])\ndef tests(session):\n    session.run("pytest")\n';
    const title = 'Drop the Pythons below 3.10';
    const edits: [Range, string][] = [[on(3, 21, 35), '']];
    assert.deepEqual(check(text), [
      below(on(3, 22, 25), 'nox session tests', '"3.8"', title, edits),
      below(on(3, 29, 32), 'nox session tests', '"3.9"', title, edits),
    ]);
    const fixed = fixTwice(text);
    assert.equal(fixed, text.replace('"3.8", "3.9", ', ''));
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(check(crlf), check(text));
    assert.equal(fixTwice(crlf), fixed.replace(/\n/g, '\r\n'));
    assert.deepEqual(noxPythons(this, [fixed, fixOnce(crlf)]), [
      { tests: ['3.10', '3.11'] },
      { tests: ['3.10', '3.11'] },
    ]);
  });

  it('follows a module-level list that sessions name, reporting it once, and keeps the comments between entries', function () {
    const text = [
      'import nox',
      '',
      'PYTHONS = [',
      '    "3.8",  # oldest',
      '    # current:',
      '    "3.11",',
      '    "3.12",',
      ']',
      '',
      '',
      '@nox.session(python=PYTHONS)',
      'def tests(session):',
      '    pass',
      '',
      '',
      '@nox.session(python=PYTHONS, reuse_venv=True)',
      'def lint(session):',
      '    pass',
      '',
    ].join('\n');
    assert.deepEqual(check(text), [
      below(on(3, 5, 8), 'nox PYTHONS', '"3.8"', 'Drop the Pythons below 3.10', [[range(3, 0, 4, 0), '']]),
    ]);
    const fixed = fixTwice(text);
    assert.equal(fixed, text.replace('    "3.8",  # oldest\n', ''));
    assert.deepEqual(noxPythons(this, [fixed]), [{ tests: ['3.11', '3.12'], lint: ['3.11', '3.12'] }]);
  });

  it('reads a single string, the py= alias, a tuple, the session name= and nox.parametrize', function () {
    const text = [
      'import nox',
      'from nox import session',
      '',
      '@nox.session(py="3.9", name="type-check")',
      'def mypy(session): ...',
      '',
      '@session(python=("3.8", "3.12",))',
      'def docs(session): ...',
      '',
      '@nox.session',
      '@nox.parametrize("python", ["3.7", "3.8"])',
      'def tests(session, python): ...',
      '',
    ].join('\n');
    assert.deepEqual(
      check(text).map((f) => [f.range, f.message, f.fixes[0].title]),
      [
        [on(3, 17, 20), 'nox session type-check "3.9" is below the standard Python minimum 3.10', 'Change to 3.10'],
        [
          on(6, 18, 21),
          'nox session docs "3.8" is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
        [
          on(10, 29, 32),
          'nox session tests "3.7" is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
        [
          on(10, 36, 39),
          'nox session tests "3.8" is below the standard Python minimum 3.10',
          'Drop the Pythons below 3.10',
        ],
      ],
    );
    const fixed = fixTwice(text);
    // Every Python of the parametrized list was below: the newest is raised, so the session still runs.
    assert.deepEqual(noxPythons(this, [fixed]), [{ mypy: '3.10', docs: ['3.12'], tests: ['3.10'] }]);
  });

  it('leaves comments, docstrings, other interpreters and computed values alone', () => {
    const text = [
      'import nox',
      '"""@nox.session(python="3.6") in a docstring."""',
      '# @nox.session(python="3.6") in a comment',
      'label = f"{"py"}{3.6}"',
      '',
      '@nox.session(python=["pypy3.9", "3.11"])',
      'def pypy(session): ...',
      '',
      '@nox.session(python=nox.project.python_versions(PYPROJECT))',
      'def computed(session): ...',
      '',
      '@nox.session(python=False)',
      'def no_venv(session): ...',
      '',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('reads the script metadata a noxfile may hold', () => {
    const text = '# /// script\n# dependencies = ["nox>=2024.4", "pandas>=1.0"]\n# ///\nimport nox\n';
    assert.deepEqual(
      check(text).map((f) => [f.code, f.range]),
      [['below-minimum', on(1, 40, 45)]],
    );
  });

  it('never throws on a half-typed or mutated noxfile', () => {
    const base = '@nox.session(python=["3.8", f"{x["y"]}", \'3.9\'], py=PY)\ndef t(s):\n    """doc"""\nPY = ("3.7",)\n';
    for (const text of [
      '@nox.session(python=["3.8", "3.9"',
      '@nox.session(python="3.8',
      'PYTHONS = [\n@nox.session(python=PYTHONS)',
    ]) {
      for (const f of check(text)) assert.notEqual(f.code, 'internal-error');
    }
    const random = seededRandom(3);
    const junk = ['"', "'", '"""', '(', ')', '[', ']', ',', '#', '\n', '\\', '{', '}', 'f"', '=', '@'];
    for (let n = 0; n < 300; n++) {
      let text = base;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(random() * (text.length + 1));
        text =
          random() < 0.5
            ? text.slice(0, at) + pick(random, junk) + text.slice(at)
            : text.slice(0, at) + text.slice(at + 2);
      }
      const lines = new LineIndex(text);
      for (const f of check(text)) {
        assert.notEqual(f.code, 'internal-error', JSON.stringify(text));
        for (const r of [f.range, ...f.fixes.flatMap((x) => x.edits.map((e) => e.range))])
          assert.deepEqual(lines.rangeAt(lines.offsetAt(r.start), lines.offsetAt(r.end)), r);
      }
      const once = fixOnce(text);
      assert.equal(fixOnce(once), once, JSON.stringify(text));
    }
  });

  it('is found by the folder walk, and counts as Python of its repository', () => {
    const dir = tempProject({ 'noxfile.py': '@nox.session(python="3.8")\ndef t(s): ...\n', '.git/HEAD': '' });
    const found = discover(dir, { fs: nodeFileSystem });
    assert.deepEqual(
      found.files.map((f) => path.relative(dir, f.path)),
      ['noxfile.py'],
    );
    assert.equal(found.repositories[0].hasPython, true);
  });
});
