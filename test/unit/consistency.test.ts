import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  builtinStandard,
  checkRepositories,
  examine,
  nodeFileSystem,
  planFixes,
  StandardResolver,
  type Finding,
} from '../../src/core';
import { judgeConsistency } from '../../src/core/rules/consistency';
import { PEP440 } from '../../src/core/versions/dialects';
import { memoryFileSystem, range, tempProject } from '../helpers';

const CONFIG =
  'repos:\n  - repo: local\n    hooks:\n      - {id: black, name: black, entry: black, language: python}\n      - {id: flake8, name: flake8, entry: flake8, language: python}\n      - {id: mypy, name: mypy, entry: mypy, language: python}\n';

function project(files: Record<string, string>): string {
  return tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.pre-commit-config.yaml': CONFIG, ...files });
}

function findings(dir: string): Finding[] {
  const standards = new StandardResolver(nodeFileSystem);
  const check = checkRepositories([dir], { fs: nodeFileSystem, standards, relativeTo: dir });
  return JSON.parse(JSON.stringify(check.files.flatMap((f) => f.findings))) as Finding[];
}

/** Findings of one code as `file:line:col message`. */
function shown(dir: string, code = 'python-inconsistent'): string[] {
  return findings(dir)
    .filter((f) => f.code === code)
    .map((f) => `${path.relative(dir, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

/** Apply every preferred fix once, on disk; the files it changed. */
function fixOnce(dir: string): string[] {
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const plan = planFixes(findings(dir), read);
  for (const [file, text] of plan.texts) fs.writeFileSync(file, text);
  return [...plan.texts.keys()].map((f) => path.relative(dir, f)).sort();
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('Python consistency across a repository', () => {
  it('reports a Python the floor does not admit, with the floor as related information and one fix for every file', () => {
    const dir = project({
      'pyproject.toml': '[project]\nname = "app"\nrequires-python = ">=3.11"\n\n[tool.mypy]\npython_version = "3.12"\n',
      '.python-version': '3.10\n',
    });
    const all = findings(dir).filter((f) => f.code === 'python-inconsistent');
    assert.deepEqual(shown(dir), [
      '.python-version:1:1 .python-version 3.10 is a Python that requires-python ">=3.11" does not admit',
      'pyproject.toml:6:19 [tool.mypy] python_version "3.12" differs from the project\'s floor requires-python ">=3.11" (Python 3.11)',
    ]);
    const [python] = all;
    assert.equal(python.severity, 'info');
    assert.deepEqual(python.related, [
      {
        location: { file: path.join(dir, 'pyproject.toml'), range: range(2, 19, 2, 25) },
        message: 'requires-python ">=3.11"',
      },
    ]);
    assert.deepEqual(python.fixes[0].title, 'Bring every Python declaration to 3.11 (in 2 files)');
    assert.deepEqual(all[1].fixes, python.fixes, 'the findings share one fix');
    assert.deepEqual(fixOnce(dir), ['.python-version', 'pyproject.toml']);
    assert.equal(read(dir, '.python-version'), '3.11\n');
    assert.equal(
      read(dir, 'pyproject.toml'),
      '[project]\nname = "app"\nrequires-python = ">=3.11"\n\n[tool.mypy]\npython_version = "3.11"\n',
    );
    assert.deepEqual(shown(dir), []);
    assert.deepEqual(fixOnce(dir), [], 'a second run changes nothing');
  });

  it('raises a lower floor and lower runtimes to the standard minimum when it is above the floor', () => {
    const dir = project({
      'pyproject.toml':
        '[project]\nname = "app"\nrequires-python = ">=3.8"\n\n[tool.poetry.dependencies]\npython = "^3.9"\n',
      '.python-version': '3.8\n3.12\n',
    });
    assert.deepEqual(shown(dir), [
      '.python-version:1:1 .python-version 3.8 is a Python that Poetry python "^3.9" does not admit',
      'pyproject.toml:3:20 requires-python ">=3.8" admits Python 3.8, which Poetry python "^3.9" does not',
    ]);
    // The standard's own findings stand beside it; their fixes and the consistency fix agree.
    assert.deepEqual(
      findings(dir)
        .filter((f) => f.code === 'python-below-minimum')
        .map((f) => path.relative(dir, f.file)),
      ['.python-version', 'pyproject.toml', 'pyproject.toml'],
    );
    fixOnce(dir);
    assert.equal(read(dir, '.python-version'), '3.12\n');
    assert.match(read(dir, 'pyproject.toml'), /requires-python = ">=3\.10"\n[^]*python = "\^3\.10"\n/);
    // Only the offer to raise the floor to what runs is left, and it is not made by "fix all".
    assert.deepEqual(shown(dir), [
      'pyproject.toml:6:11 Poetry python "^3.10" admits Python 3.10, but nothing in the repository runs a Python older than 3.12',
    ]);
    assert.deepEqual(fixOnce(dir), []);
  });

  it('offers to raise a floor below everything the repository runs, without preferring it', () => {
    const dir = project({
      'pyproject.toml': '[project]\nname = "app"\nrequires-python = ">=3.10"\n',
      '.python-version': '3.12\n',
    });
    const [floor] = findings(dir).filter((f) => f.code === 'python-inconsistent');
    assert.equal(
      floor.message,
      'requires-python ">=3.10" admits Python 3.10, but nothing in the repository runs a Python older than 3.12',
    );
    assert.deepEqual(floor.related, [
      {
        location: { file: path.join(dir, '.python-version'), range: range(0, 0, 0, 4) },
        message: '.python-version 3.12',
      },
    ]);
    assert.deepEqual(floor.fixes, [
      {
        title: 'Raise requires-python to 3.12',
        isPreferred: false,
        edits: [{ file: path.join(dir, 'pyproject.toml'), range: range(2, 19, 2, 25), newText: '>=3.12' }],
      },
    ]);
  });

  it('reports black targets below the floor, and nothing when the files agree or no floor is stated', () => {
    const dir = project({
      'pyproject.toml':
        '[project]\nname = "app"\nrequires-python = ">=3.11"\n\n[tool.black]\ntarget-version = ["py310", "py311", "py312"]\n',
    });
    assert.deepEqual(shown(dir), [
      'pyproject.toml:6:20 [tool.black] target-version "py310" is below the project\'s floor requires-python ">=3.11" (Python 3.11)',
    ]);
    fixOnce(dir);
    assert.match(read(dir, 'pyproject.toml'), /target-version = \["py311", "py312"\]/);
    assert.deepEqual(shown(dir), []);
    assert.deepEqual(
      shown(project({ '.python-version': '3.12\n', 'pyproject.toml': '[tool.mypy]\npython_version = "3.11"\n' })),
      [],
    );
  });

  it('compares each project of a monorepo with its own floor, and files above every floor with none', () => {
    const dir = project({
      'a/pyproject.toml': '[project]\nname = "a"\nrequires-python = ">=3.12"\n',
      'a/.python-version': '3.11\n',
      'b/pyproject.toml': '[project]\nname = "b"\nrequires-python = ">=3.10"\n',
      'b/deploy/.python-version': '3.10\n',
      '.python-version': '3.10\n',
    });
    assert.deepEqual(shown(dir), [
      'a/.python-version:1:1 .python-version 3.11 is a Python that requires-python ">=3.12" does not admit',
    ]);
  });

  it('is silenced by an ignore comment in the file it is on', () => {
    const dir = project({
      'pyproject.toml': '[project]\nname = "app"\nrequires-python = ">=3.11"\n',
      '.python-version': '3.10 \n# stack-standard: ignore-file[python-inconsistent]\n',
    });
    assert.deepEqual(shown(dir), []);
  });

  it('judges a floor against each Python series once, however many projects state it, and builds no fix unasked', () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      files.set(`/repo/p${i}/pyproject.toml`, '[project]\nname = "p"\nrequires-python = ">=3.8.1"\n');
      files.set(`/repo/p${i}/Dockerfile`, 'FROM python:3.12-slim\n');
      files.set(`/repo/p${i}/.python-version`, '3.9\n');
    }
    const fs = memoryFileSystem(Object.fromEntries(files));
    const standard = builtinStandard();
    const facts = new Map(
      [...files].map(([file, text]) => [file, examine({ path: file, text }, { standard, fs }).facts]),
    );
    const original = { ...PEP440 };
    let judged = 0;
    let fixed = 0;
    PEP440.judge = (value, minimum) => (judged++, original.judge(value, minimum));
    PEP440.fix = (...args) => (fixed++, original.fix(...args));
    try {
      assert.deepEqual(judgeConsistency(facts, standard), []);
    } finally {
      Object.assign(PEP440, original);
    }
    // ">=3.8.1" is judged against 2.7 and 3.0 to 3.8 for its lowest series, then 3.9 and 3.12, which the projects run:
    // at most twice each, for the 40 projects together.
    assert.ok(judged <= 2 * 12, `${judged} judgements`);
    // Bringing them all to 3.10 would raise the floors, yet no finding asks for it (each file's own finding does).
    assert.equal(fixed, 0);
  });
});
