import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { nodeFileSystem } from '../../src/core/disk';
import { normalizeName } from '../../src/core/names';
import { BUILTIN_NAME, BUILTIN_STANDARD } from '../../src/core/standard/builtin';
import { findStandardFile } from '../../src/core/standard/discover';
import { repoKey } from '../../src/core/names';
import type { CompiledLayer } from '../../src/core/standard/compiled';
import { builtinStandard, loadStandard } from '../../src/core/standard/load';
import { pythonRuntime, type Standard } from '../../src/core/standard/model';
import type { StandardResolver } from '../../src/core/standard/resolve';
import { MAX_DIGITS } from '../../src/core/versions';
import { ROOT, tempProject } from '../helpers';

function minimums(standard: Standard): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, rule] of standard.packages) if (rule.minimum) out[key] = rule.minimum.text;
  return out;
}

const ORG_EXAMPLE = `# stack-standard.yaml
extends: builtin
python: "3.10"
packages:
  pandas: "2.0.0"              # a minimum; ">=2.0.0" must be accepted too
  black: { minimum: "23.0.0", pin: "23.1.0" }
  google-cloud-aiplatform: {}  # approved, no minimum
  sklearn: { replacedBy: scikit-learn }
  requests: { minimum: "2.31.0", severity: error }
`;

describe('the built-in standard', () => {
  // The organisation's document, kept in the repository; the built-in standard must say what it says.
  const seed = fs.readFileSync(path.join(__dirname, '../../docs/technology-stack-standard.md'), 'utf8');
  const pythonBlocks = [...seed.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
  const standard = builtinStandard();

  it('has exactly the minimums the seed lists', () => {
    const listed: Record<string, string> = {};
    for (const block of pythonBlocks) {
      for (const m of block.matchAll(/^([A-Za-z0-9._-]+)>=([0-9][0-9A-Za-z.]*)/gm)) listed[normalizeName(m[1])] = m[2];
    }
    assert.ok(Object.keys(listed).length >= 29, 'the seed lists at least 29 minimums');
    assert.deepEqual(minimums(standard), listed);
  });

  it('approves or replaces every package the seed names without a minimum', () => {
    const bare = pythonBlocks.flatMap((b) => [...b.matchAll(/^([a-z][a-z0-9-]+)\s*(?:#|$)/gm)].map((m) => m[1]));
    assert.ok(bare.includes('google-cloud-aiplatform') && bare.includes('testcontainers'));
    for (const name of bare) {
      const rule = standard.packages.get(normalizeName(name));
      assert.ok(rule, `${name} is in the built-in standard`);
      if (rule.replacedBy) assert.ok(standard.packages.get(rule.replacedBy), `${rule.replacedBy} is approved`);
    }
  });

  it('approves the Google Cloud libraries the seed imports', () => {
    const imports: Record<string, string> = {
      secretmanager: 'google-cloud-secret-manager',
      pubsub_v1: 'google-cloud-pubsub',
      scheduler: 'google-cloud-scheduler',
      bigquery: 'google-cloud-bigquery',
      logging: 'google-cloud-logging',
    };
    const imported = [...seed.matchAll(/^from google\.cloud import (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(imported)].sort(), Object.keys(imports).sort());
    for (const module of imported) assert.ok(standard.packages.has(imports[module]), imports[module]);
    assert.ok(/import dask\.dataframe/.test(seed) && standard.packages.has('dask'));
  });

  it('names what PyPI publishes where the seed does not', () => {
    const replaced = [...standard.packages.values()].filter((r) => r.replacedBy).map((r) => [r.name, r.replacedBy]);
    assert.deepEqual(replaced, [
      ['google-cloud-functions-framework', 'functions-framework'],
      ['google-cloud-sql-connector', 'cloud-sql-python-connector'],
      ['sklearn', 'scikit-learn'],
    ]);
  });

  it('says Python 3.10, black pins 23.1.0, and the seed runtime and hooks', () => {
    assert.match(seed, /Python 3\.10\+/);
    assert.equal(standard.python?.value.text, '3.10');
    // What the seed deploys with: the python310 Cloud Functions runtime and python:3.10-slim images, no other.
    assert.deepEqual([...new Set([...seed.matchAll(/FROM python:(\d+\.\d+)/g)].map((m) => m[1]))], ['3.10']);
    assert.deepEqual(
      [...seed.matchAll(/runtime\s+= "python(\d)(\d+)"/g)].map((m) => `${m[1]}.${m[2]}`),
      ['3.10'],
    );
    assert.equal(standard.pythonRuntime?.value.text, '3.10');
    assert.equal(standard.packages.get('black')?.pin?.text, '23.1.0');
    assert.match(seed, /runtime\s+= "python310"/);
    assert.equal(standard.terraform.cloudFunctionsRuntime?.value, 'python310');
    const seedHooks = [...seed.matchAll(/- repo: (\S+)\n\s+hooks:\n\s+- id: (\S+)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      standard.precommit.hooks.map((h) => [h.repos[0], h.id]),
      seedHooks,
    );
    assert.deepEqual(
      standard.precommit.hooks.map((h) => [h.minimum?.text, h.rev]),
      [
        ['23.0.0', '23.1.0'],
        ['6.0.0', '6.0.0'],
        ['1.4.0', 'v1.4.0'],
      ],
    );
  });

  it("counts black from its mirror and its old names, every one tagged with black's versions", () => {
    assert.deepEqual(
      standard.precommit.hooks.map((h) => [h.id, h.repos]),
      [
        [
          'black',
          [
            'https://github.com/psf/black',
            'https://github.com/psf/black-pre-commit-mirror',
            'https://github.com/python/black',
            'https://github.com/ambv/black',
          ],
        ],
        ['flake8', ['https://github.com/pycqa/flake8']],
        ['mypy', ['https://github.com/pre-commit/mirrors-mypy']],
      ],
    );
  });

  it('loads without errors and marks its rules as built-in', () => {
    const loaded = loadStandard(BUILTIN_NAME, nodeFileSystem);
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.standard.packages.get('pandas')?.source.file, BUILTIN_NAME);
    assert.deepEqual(loaded.standard.files, [BUILTIN_NAME]);
  });
});

describe('standard files', () => {
  it('accepts the documented example exactly as written, over the built-in standard', () => {
    const dir = tempProject({ 'stack-standard.yaml': ORG_EXAMPLE });
    const file = path.join(dir, 'stack-standard.yaml');
    const { standard, errors } = loadStandard(file, nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.deepEqual(standard.files, [BUILTIN_NAME, file]);
    const requests = standard.packages.get('requests');
    assert.equal(requests?.severity, 'error');
    assert.equal(requests?.minimum?.text, '2.31.0');
    assert.deepEqual(requests?.source, {
      file,
      range: { start: { line: 8, character: 2 }, end: { line: 8, character: 50 } },
    });
    assert.equal(standard.packages.get('black')?.pin?.text, '23.1.0');
    assert.equal(standard.packages.get('google-cloud-aiplatform')?.minimum, undefined);
    assert.equal(standard.packages.get('sklearn')?.replacedBy, 'scikit-learn');
    // Entries the file does not mention still come from the built-in standard.
    assert.equal(standard.packages.get('numpy')?.minimum?.text, '1.24.0');
    assert.equal(standard.packages.get('numpy')?.source.file, BUILTIN_NAME);
  });

  it('accepts ">=" minimums, null entries and JSON files', () => {
    const dir = tempProject({
      'a.yaml': 'packages:\n  pandas: ">=2.1.0"\n  dask:\n',
      'b.json': '{"extends": "a.yaml", "packages": {"numpy": {"minimum": ">= 1.26"}}}',
    });
    const { standard, errors } = loadStandard(path.join(dir, 'b.json'), nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.deepEqual(minimums(standard), { pandas: '2.1.0', numpy: '1.26' });
    assert.ok(standard.packages.has('dask'));
  });

  it('applies extends in order, later entries and the file itself overriding earlier ones', () => {
    const dir = tempProject({
      'base.yaml': 'extends: builtin\npackages:\n  pandas: "2.1.0"\n  numpy: "1.25.0"\n',
      'team/override.yaml': 'packages:\n  numpy: "1.26.0"\n',
      'team/stack-standard.yaml':
        'extends: [../base.yaml, override.yaml]\npython: "3.11"\npackages:\n  polars: "1.0.0"\n',
    });
    const file = path.join(dir, 'team/stack-standard.yaml');
    const { standard, errors } = loadStandard(file, nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.equal(standard.packages.get('pandas')?.minimum?.text, '2.1.0');
    assert.equal(standard.packages.get('numpy')?.minimum?.text, '1.26.0');
    assert.equal(standard.packages.get('polars')?.minimum?.text, '1.0.0');
    assert.equal(standard.packages.get('scipy')?.minimum?.text, '1.10.0');
    assert.equal(standard.python?.value.text, '3.11');
    assert.deepEqual(standard.files, [
      BUILTIN_NAME,
      path.join(dir, 'base.yaml'),
      path.join(dir, 'team/override.yaml'),
      file,
    ]);
  });

  it('reads python as the minimum alone, or as minimum and runtime, each at its line', () => {
    const dir = tempProject({
      'short.yaml': 'python: "3.11"\n',
      'both.yaml': 'extends: builtin\npython:\n  minimum: ">=3.11"\n  runtime: "3.12"\n',
      'runtime.yaml': 'extends: builtin\npython: { runtime: "3.13" }\n',
    });
    const read = (name: string) => {
      const { standard: s, errors } = loadStandard(path.join(dir, name), nodeFileSystem);
      assert.deepEqual(errors, [], name);
      const at = (x: { source: { file: string; range: { start: { line: number; character: number } } } } | undefined) =>
        x && `${path.basename(x.source.file)}:${x.source.range.start.line + 1}:${x.source.range.start.character + 1}`;
      return {
        minimum: [s.python?.value.text, at(s.python)],
        runtime: [s.pythonRuntime?.value.text, at(s.pythonRuntime)],
        effective: pythonRuntime(s)?.value.text,
      };
    };
    assert.deepEqual(read('short.yaml'), {
      minimum: ['3.11', 'short.yaml:1:1'],
      runtime: [undefined, undefined],
      effective: '3.11',
    });
    assert.deepEqual(read('both.yaml'), {
      minimum: ['3.11', 'both.yaml:3:3'],
      runtime: ['3.12', 'both.yaml:4:3'],
      effective: '3.12',
    });
    // The runtime alone leaves the minimum of the standard it extends.
    assert.deepEqual(read('runtime.yaml'), {
      minimum: ['3.10', 'builtin:3:3'],
      runtime: ['3.13', 'runtime.yaml:2:11'],
      effective: '3.13',
    });
  });

  it('takes a runtime up with a minimum raised above it, and reports a runtime below the minimum at its line', () => {
    const dir = tempProject({
      // The built-in runtime 3.10 is below this floor: it follows the floor up.
      'raised.yaml': 'extends: builtin\npython: "3.12"\n',
      'below.yaml': 'python:\n  minimum: "3.11"\n  runtime: "3.10"\n',
      'below-inherited.yaml': 'extends: raised.yaml\npython: { runtime: "3.11" }\n',
    });
    const raised = loadStandard(path.join(dir, 'raised.yaml'), nodeFileSystem);
    assert.deepEqual(raised.errors, []);
    assert.deepEqual(
      [raised.standard.python?.value.text, raised.standard.pythonRuntime, pythonRuntime(raised.standard)?.value.text],
      ['3.12', undefined, '3.12'],
    );
    const at = (name: string) =>
      loadStandard(path.join(dir, name), nodeFileSystem).errors.map((e) => [
        path.basename(e.file),
        `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1}`,
        e.message,
      ]);
    assert.deepEqual(at('below.yaml'), [
      ['below.yaml', '3:3-3:18', 'python.runtime 3.10 is below the Python minimum 3.11'],
    ]);
    assert.deepEqual(at('below-inherited.yaml'), [
      ['below-inherited.yaml', '2:11-2:26', 'python.runtime 3.11 is below the Python minimum 3.12'],
    ]);
  });

  it('reports a python entry of the wrong shape at its line and column', () => {
    const dir = tempProject({
      'bad.yaml': ['python:', '  minimun: "3.10"', '  runtime: "3"', ''].join('\n'),
      'number.yaml': 'python: { runtime: 3.12 }\n',
      'list.yaml': 'python: ["3.10"]\n',
      'overlong.yaml': `python: { runtime: "3.${'1'.repeat(MAX_DIGITS + 1)}" }\n`,
    });
    const at = (name: string) =>
      loadStandard(path.join(dir, name), nodeFileSystem).errors.map(
        (e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`,
      );
    assert.deepEqual(at('bad.yaml'), [
      "2:3: Unknown key 'minimun' in python",
      "3:12: python.runtime: '3' does not have the expected form (^[0-9]+\\.[0-9]+$)",
    ]);
    assert.deepEqual(at('number.yaml'), [
      '1:20: python.runtime must be a string (quote versions: unquoted 3.12 is read as a number)',
    ]);
    assert.deepEqual(at('list.yaml'), ['1:9: python must be a string or a mapping']);
    assert.deepEqual(at('overlong.yaml'), [
      `1:11: python.runtime: '3.${'1'.repeat(18)}…${'1'.repeat(8)}' has a number of more than ${MAX_DIGITS} digits, which Python cannot read as a version`,
    ]);
  });

  it('reports an extends cycle at the entry that closes it, naming the files', () => {
    const dir = tempProject({
      'a.yaml': 'extends: b.yaml\n',
      'b.yaml': 'packages: {}\nextends:\n  - builtin\n  - a.yaml\n',
    });
    const { errors } = loadStandard(path.join(dir, 'a.yaml'), nodeFileSystem);
    assert.deepEqual(errors, [
      {
        code: 'standard-invalid',
        severity: 'error',
        message: 'extends cycle: a.yaml → b.yaml → a.yaml',
        fixes: [],
        file: path.join(dir, 'b.yaml'),
        range: { start: { line: 3, character: 4 }, end: { line: 3, character: 10 } },
      },
    ]);
  });

  it('reports a missing extends file at its line, naming the file', () => {
    const dir = tempProject({ 'a.yaml': 'python: "3.10"\nextends: [builtin, ./missing.yaml]\n' });
    const { errors } = loadStandard(path.join(dir, 'a.yaml'), nodeFileSystem);
    assert.deepEqual(
      errors.map((e) => [e.message, e.range.start, e.range.end]),
      [
        [
          `Standard file not found: ${path.join(dir, 'missing.yaml')}`,
          { line: 1, character: 19 },
          { line: 1, character: 33 },
        ],
      ],
    );
  });

  it('reports unknown keys, wrong types and invalid versions at their line and column', () => {
    const dir = tempProject({
      'bad.yaml': [
        'pyhton: "3.10"',
        'python: 3.10',
        'packages:',
        '  pandas: "two"',
        '  black: { minimum: "23.0.0", pinn: "23.1.0" }',
        '  numpy: [1]',
        '  requests: { minimum: "2.31.0", severity: fatal }',
        '  "bad name!": {}',
        'terraform:',
        '  cloudFunctionsRuntime: node18',
        '',
      ].join('\n'),
    });
    const { errors } = loadStandard(path.join(dir, 'bad.yaml'), nodeFileSystem);
    const at = errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`).sort();
    assert.deepEqual(
      at,
      [
        "10:26: terraform.cloudFunctionsRuntime: 'node18' does not have the expected form (^python[0-9]{2,3}$)",
        "1:1: Unknown key 'pyhton' in the standard",
        '2:9: python must be a string or a mapping (quote versions: unquoted 3.1 is read as a number)',
        "4:11: packages.pandas: 'two' is not a valid PEP 440 version",
        "5:31: Unknown key 'pinn' in packages.black",
        '6:10: packages.numpy must be a string, a mapping or empty',
        '7:44: packages.requests.severity must be one of error, warning, info',
        "8:3: 'bad name!' is not a valid name in packages",
      ].sort(),
    );
    assert.ok(errors.every((e) => e.code === 'standard-invalid' && e.severity === 'error'));
  });

  it('reads exclude as gitignore-style patterns, and reports one that cannot work at its line and column', () => {
    const dir = tempProject({
      'bad.yaml': [
        'exclude:',
        '  - build/',
        '  - "../other/"',
        '  - "#notes"',
        '  - ""',
        '  - 3',
        'packages: {}',
        '',
      ].join('\n'),
      'wrong.yaml': 'exclude: build/\n',
    });
    const at = (file: string) =>
      loadStandard(path.join(dir, file), nodeFileSystem).errors.map(
        (e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`,
      );
    assert.deepEqual(at('bad.yaml'), ['5:5: exclude.3 must not be empty', '6:5: exclude.4 must be a string']);
    assert.deepEqual(at('wrong.yaml'), ['1:10: exclude must be a list or empty']);
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'exclude:\n  - build/\n  - "../other/"\n  - "#notes"\n  - "!a/../b"\n',
    );
    assert.deepEqual(at('bad.yaml'), [
      "3:5: exclude: '../other/' reaches outside this file's folder; patterns are relative to it, as in a .gitignore there",
      "4:5: exclude: '#notes' starts with #, which gitignore reads as a comment; write \\#notes for a name that starts with #",
      "5:5: exclude: '!a/../b' reaches outside this file's folder; patterns are relative to it, as in a .gitignore there",
    ]);
  });

  it("takes exclude from the most specific file that sets it, relative to that file's folder", () => {
    const dir = tempProject({
      'org/base.yaml': 'extends: builtin\nexclude: [vendor/, "*.generated.txt"]\n',
      'team/stack-standard.yaml': 'extends: ../org/base.yaml\n',
      'svc/stack-standard.yaml': 'extends: ../org/base.yaml\nexclude: [legacy/]\n',
      'none/stack-standard.yaml': 'extends: ../org/base.yaml\nexclude:\n',
    });
    const exclude = (file: string) => {
      const { standard, errors } = loadStandard(path.join(dir, file), nodeFileSystem);
      assert.deepEqual(errors, []);
      return standard.exclude && [standard.exclude.value, path.relative(dir, standard.exclude.source.file)];
    };
    assert.deepEqual(exclude('team/stack-standard.yaml'), [
      ['vendor/', '*.generated.txt'],
      path.join('org', 'base.yaml'),
    ]);
    assert.deepEqual(exclude('svc/stack-standard.yaml'), [['legacy/'], path.join('svc', 'stack-standard.yaml')]);
    assert.deepEqual(exclude('none/stack-standard.yaml'), [[], path.join('none', 'stack-standard.yaml')]);
    assert.equal(builtinStandard().exclude, undefined);
  });

  it("reads a hook's repo as one URL or a list of them, and reports a bad one at its line and column", () => {
    const dir = tempProject({
      'good.yaml':
        'precommit:\n  hooks:\n    - repo:\n        - https://github.com/acme/lint\n        - git@gitlab.com:acme/lint.git\n      id: lint\n      minimum: "2.0"\n    - { repo: https://github.com/acme/fmt, id: fmt }\n',
      'bad.yaml': [
        'precommit:',
        '  hooks:',
        '    - { repo: [], id: a }',
        '    - { repo: [https://github.com/acme/b, 5], id: b }',
        '    - { repo: { url: https://github.com/acme/c }, id: c }',
        '    - { repo: [""], id: d }',
        '    - { repo: "", id: e }',
        '    - { id: f }',
        '',
      ].join('\n'),
    });
    const good = loadStandard(path.join(dir, 'good.yaml'), nodeFileSystem);
    assert.deepEqual(good.errors, []);
    assert.deepEqual(
      good.standard.precommit.hooks.map((h) => [h.id, h.repos, h.rev]),
      [
        ['lint', ['https://github.com/acme/lint', 'git@gitlab.com:acme/lint.git'], '2.0'],
        ['fmt', ['https://github.com/acme/fmt'], undefined],
      ],
    );
    const { errors } = loadStandard(path.join(dir, 'bad.yaml'), nodeFileSystem);
    assert.deepEqual(
      errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`),
      [
        '3:15: precommit.hooks.0.repo must not be empty',
        '4:43: precommit.hooks.1.repo.1 must be a string (quote versions: unquoted 5 is read as a number)',
        '5:15: precommit.hooks.2.repo must be a string or a list',
        '6:16: precommit.hooks.3.repo.0 must not be empty',
        '7:15: precommit.hooks.4.repo must not be empty',
        "8:7: precommit.hooks.5 is missing 'repo'",
      ],
    );
  });

  it("merges hooks: a later entry for the same id and any of the same repositories replaces the earlier ones, in the first one's place", () => {
    const dir = tempProject({
      'base.yaml': [
        'precommit:',
        '  hooks:',
        '    - { repo: https://github.com/acme/lint, id: lint, minimum: "1.0" }',
        '    - { repo: https://github.com/acme/lint-mirror, id: lint, minimum: "1.1" }',
        '    - { repo: https://github.com/acme/fmt, id: fmt }',
        '    - { repo: https://github.com/acme/lint, id: lint-extra }',
        '',
      ].join('\n'),
      // One entry naming both lint repositories (spelt otherwise) replaces both; a third repository alone is another rule.
      'stack-standard.yaml': [
        'extends: base.yaml',
        'precommit:',
        '  hooks:',
        '    - { repo: [https://github.com/acme/lint-mirror, git@github.com:Acme/lint.git], id: lint, minimum: "2.0" }',
        '    - { repo: https://gitlab.com/acme/fmt, id: fmt, minimum: "3.0" }',
        '',
      ].join('\n'),
    });
    const file = path.join(dir, 'stack-standard.yaml');
    const { standard, errors } = loadStandard(file, nodeFileSystem);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      standard.precommit.hooks.map((h) => [
        h.id,
        h.repos,
        h.minimum?.text,
        `${path.basename(h.source.file)}:${h.source.range.start.line + 1}`,
      ]),
      [
        [
          'lint',
          ['https://github.com/acme/lint-mirror', 'git@github.com:Acme/lint.git'],
          '2.0',
          'stack-standard.yaml:4',
        ],
        ['fmt', ['https://github.com/acme/fmt'], undefined, 'base.yaml:5'],
        ['lint-extra', ['https://github.com/acme/lint'], undefined, 'base.yaml:6'],
        ['fmt', ['https://gitlab.com/acme/fmt'], '3.0', 'stack-standard.yaml:5'],
      ],
    );
  });

  it('reports YAML syntax errors at their position', () => {
    const dir = tempProject({
      'quote.yaml': 'packages:\n  pandas: "2.0.0\n  numpy: 1\n',
      'flow.yaml': 'packages:\n  pandas: [2.0.0\n  numpy: 1\n',
    });
    const at = (name: string) =>
      loadStandard(path.join(dir, name), nodeFileSystem).errors.map((e) => [e.range.start, e.range.end, e.message]);
    assert.deepEqual(at('quote.yaml'), [
      [{ line: 1, character: 10 }, { line: 1, character: 16 }, 'Invalid YAML: Missing closing "quote'],
    ]);
    // An unclosed `[` is reported at the bracket, not where the parser gave up.
    assert.deepEqual(at('flow.yaml'), [
      [
        { line: 1, character: 10 },
        { line: 1, character: 16 },
        'Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ]);
  });
});

describe('finding the standard that applies', () => {
  it('takes the nearest standard file walking up, stopping at the repository root', () => {
    const dir = tempProject({
      'outer/stack-standard.yaml': 'packages: {}\n',
      'outer/repo/.git/HEAD': 'ref: refs/heads/main\n',
      'outer/repo/svc/requirements.txt': '',
      'outer/repo/nested/.stack-standard.yaml': 'packages: {}\n',
      'outer/repo/nested/deep/requirements.txt': '',
      'outer/repo/editor/.vscode/stack-standard.yaml': 'packages: {}\n',
      'outer/repo/editor/requirements.txt': '',
    });
    const repo = path.join(dir, 'outer/repo');
    assert.equal(findStandardFile(path.join(repo, 'svc/requirements.txt'), nodeFileSystem), undefined);
    assert.equal(
      findStandardFile(path.join(repo, 'nested/deep/requirements.txt'), nodeFileSystem),
      path.join(repo, 'nested/.stack-standard.yaml'),
    );
    assert.equal(
      findStandardFile(path.join(repo, 'editor/requirements.txt'), nodeFileSystem),
      path.join(repo, 'editor/.vscode/stack-standard.yaml'),
    );
    fs.rmSync(path.join(repo, '.git'), { recursive: true });
    assert.equal(
      findStandardFile(path.join(repo, 'svc/requirements.txt'), nodeFileSystem),
      path.join(dir, 'outer/stack-standard.yaml'),
    );
  });

  it('matches repository URLs however they are written', () => {
    const forms = [
      'https://github.com/psf/black',
      'https://github.com/PSF/black.git',
      'http://github.com/psf/black/',
      'git@github.com:psf/black.git',
      'ssh://git@github.com/psf/black',
    ];
    assert.deepEqual(new Set(forms.map(repoKey)), new Set(['github.com/psf/black']));
  });
});

describe('the generated schema validator', () => {
  it('is up to date with schemas/stack-standard.schema.json', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/generate-validator.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });
});

describe('the built-in standard as the build compiles it', () => {
  type Loader = { loadStandard: typeof loadStandard; COMPILED_BUILTIN: CompiledLayer | undefined };
  let bundled: Loader;
  // The loader bundled with the build's own options and plugin, as in dist/, next to the loader of the sources, which
  // reads the built-in YAML.
  before(async function () {
    this.timeout(60000);
    const { BUNDLE_OPTIONS } = (await import(path.join(ROOT, 'scripts/esbuild-options.mjs'))) as {
      BUNDLE_OPTIONS: esbuild.BuildOptions;
    };
    const contents =
      "export { loadStandard } from './src/core/standard/load'; export { COMPILED_BUILTIN } from './src/core/standard/compiled';";
    const out = await esbuild.build({
      ...BUNDLE_OPTIONS,
      absWorkingDir: ROOT,
      stdin: { contents, resolveDir: ROOT, loader: 'ts' },
      write: false,
    });
    const module = { exports: {} as Loader };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the bundle is the build's own output
    const evaluate = new Function('module', 'exports', 'require', out.outputFiles[0].text) as (
      ...args: unknown[]
    ) => void;
    evaluate(module, module.exports, require);
    bundled = module.exports;
  });

  it('is bundled already parsed, and loads as the YAML it was compiled from', () => {
    assert.equal(bundled.COMPILED_BUILTIN?.value.python && typeof bundled.COMPILED_BUILTIN.value.python, 'object');
    const none = { readFile: () => undefined, exists: () => false };
    const compiled = bundled.loadStandard(BUILTIN_NAME, none);
    assert.deepStrictEqual(compiled, loadStandard(BUILTIN_NAME, none));
    assert.deepEqual(compiled.standard.packages.get('pandas')?.source, {
      file: BUILTIN_NAME,
      range: { start: { line: 7, character: 2 }, end: { line: 7, character: 17 } },
    });
  });

  it('is extended by a standard file as the YAML is, that file parsed and validated at run time', () => {
    const dir = tempProject({
      'raised.yaml': 'extends: builtin\npython: "3.12"\npackages:\n  pandas: "2.1.0"\nexclude: [vendor/]\n',
      // The built-in layer applied over another: its entries replace that one's, each with its range in builtin.
      'under.yaml':
        'extends: [base.yaml, builtin]\n' +
        'precommit:\n  hooks:\n    - { repo: https://github.com/psf/black, id: black, minimum: "24.1.0" }\n',
      'base.yaml': 'python: "3.12"\nmakefile: { targets: [test] }\n',
      'invalid.yaml': 'extends: builtin\npackages:\n  pandas: 2.0\n',
    });
    for (const name of ['raised.yaml', 'under.yaml', 'invalid.yaml']) {
      const file = path.join(dir, name);
      assert.deepStrictEqual(bundled.loadStandard(file, nodeFileSystem), loadStandard(file, nodeFileSystem), name);
    }
    const under = bundled.loadStandard(path.join(dir, 'under.yaml'), nodeFileSystem).standard;
    const at = (setting?: { source: { file: string; range: { start: { line: number } } } }) =>
      setting && [path.basename(setting.source.file), setting.source.range.start.line];
    assert.deepEqual(
      [at(under.python), at(under.pythonRuntime), at(under.makefile?.targets), under.precommit.hooks.map(at)],
      [
        ['builtin', 2],
        ['builtin', 3],
        ['builtin', 84],
        [
          ['under.yaml', 3],
          ['builtin', 77],
          ['builtin', 79],
        ],
      ],
    );
    const invalid = bundled.loadStandard(path.join(dir, 'invalid.yaml'), nodeFileSystem);
    assert.deepEqual(
      invalid.errors.map((e) => [path.basename(e.file), e.range, e.message]),
      [
        [
          'invalid.yaml',
          { start: { line: 2, character: 10 }, end: { line: 2, character: 13 } },
          'packages.pandas must be a string, a mapping or empty (quote versions: unquoted 2 is read as a number)',
        ],
      ],
    );
  });
});

describe('standard layers under many standards', () => {
  type Counted = { StandardResolver: typeof StandardResolver; parsed: string[] };
  /**
   * The resolver bundled as it runs, with or without the built-in standard compiled by the build, its YAML parser
   * counting the texts it parses.
   */
  async function counted(compiled: boolean): Promise<Counted> {
    const { BUNDLE_OPTIONS, builtinStandardPlugin } = (await import(
      path.join(ROOT, 'scripts/esbuild-options.mjs')
    )) as {
      BUNDLE_OPTIONS: esbuild.BuildOptions;
      builtinStandardPlugin: esbuild.Plugin;
    };
    const counting: esbuild.Plugin = {
      name: 'counting-yaml-parses',
      setup(build) {
        build.onLoad({ filter: /[\\/]yamlErrors\.ts$/ }, (args) => {
          const text = fs.readFileSync(args.path, 'utf8');
          assert.ok(text.includes('export function parseYaml('));
          return {
            contents:
              text.replace('export function parseYaml(', 'function uncountedParseYaml(') +
              'export const parsed: string[] = [];\n' +
              'export function parseYaml(text: string, uniqueKeys: boolean): Document {\n' +
              '  parsed.push(text);\n' +
              '  return uncountedParseYaml(text, uniqueKeys);\n' +
              '}\n',
            loader: 'ts',
          };
        });
      },
    };
    const out = await esbuild.build({
      ...BUNDLE_OPTIONS,
      plugins: [...(compiled ? [builtinStandardPlugin] : []), counting],
      absWorkingDir: ROOT,
      stdin: {
        contents:
          "export { StandardResolver } from './src/core/standard/resolve'; export { parsed } from './src/core/yamlErrors';",
        resolveDir: ROOT,
        loader: 'ts',
      },
      write: false,
    });
    const module = { exports: {} as Counted };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the bundle is the build's own output
    const evaluate = new Function('module', 'exports', 'require', out.outputFiles[0].text) as (
      ...args: unknown[]
    ) => void;
    evaluate(module, module.exports, require);
    return module.exports;
  }

  // 35 standard files, as in a monorepo whose services each raise a few minimums over the built-in standard.
  const files = new Map(
    Array.from({ length: 35 }, (_, i) => [
      `/repo/svc-${i}/stack-standard.yaml`,
      `extends: builtin\npackages:\n  pandas: "2.${i}.0"\n`,
    ]),
  );
  const memory = { readFile: (file: string) => files.get(file), exists: (file: string) => files.has(file) };

  for (const [compiled, times] of [
    [true, 0],
    [false, 1],
  ] as const)
    it(`parses the built-in YAML ${times === 0 ? 'never where the build compiled it' : 'once where it runs from source'}, however many standards extend it`, async function () {
      this.timeout(60000);
      const bundle = await counted(compiled);
      const resolver = new bundle.StandardResolver(memory);
      const loaded = [...files.keys()].map((file) => resolver.load(file));
      assert.deepEqual(
        loaded.map((l) => [l.errors, l.standard.packages.get('pandas')?.minimum?.text, l.standard.files]),
        [...files.keys()].map((file, i) => [[], `2.${i}.0`, [BUILTIN_NAME, file]]),
      );
      // The same standards as the loader of the sources makes.
      for (const l of loaded) assert.deepStrictEqual(l.standard, loadStandard(l.file, memory).standard);
      assert.equal(bundle.parsed.filter((text) => text === BUILTIN_STANDARD).length, times);
      // Each standard file's own text is parsed (the count sees every parse).
      assert.deepEqual(
        bundle.parsed.filter((text) => text !== BUILTIN_STANDARD),
        [...files.values()],
      );
    });

  it('parses a base that many standards extend once per text, and none again when they are all loaded anew', async function () {
    this.timeout(60000);
    const bundle = await counted(true);
    const texts = new Map([
      ['/repo/base.yaml', 'extends: builtin\npython: "3.11"\nmakefile: { targets: [test] }\n'],
      ...Array.from({ length: 35 }, (_, i): [string, string] => [
        `/repo/svc-${i}/stack-standard.yaml`,
        `extends: ../base.yaml\npackages:\n  numpy: "1.${i + 24}.0"\n`,
      ]),
    ]);
    const standards = [...texts.keys()].slice(1);
    const layered = { readFile: (file: string) => texts.get(file), exists: (file: string) => texts.has(file) };
    const loadAll = () => {
      // As the editor does after a standard file changed: a new resolver, every standard loaded again.
      const resolver = new bundle.StandardResolver(layered);
      return standards.map((file) => resolver.load(file));
    };
    const first = loadAll();
    assert.deepEqual(
      first.map((l) => [l.errors, l.standard.python?.value.text, l.standard.packages.get('numpy')?.minimum?.text]),
      standards.map((_, i) => [[], '3.11', `1.${i + 24}.0`]),
    );
    for (const l of first) assert.deepStrictEqual(l.standard, loadStandard(l.file, layered).standard);
    // Each text once: the base when the first standard that extends it is loaded.
    assert.deepEqual([...bundle.parsed].sort(), [...texts.values()].sort());
    // Loaded anew, each from its own copy of the layers: nothing parsed again, the same standards.
    bundle.parsed.length = 0;
    const again = loadAll();
    assert.deepEqual(bundle.parsed, []);
    assert.deepStrictEqual(again, first);
    assert.notEqual(again[0].standard.makefile?.targets?.value, first[0].standard.makefile?.targets?.value);
    // The base changed: it alone is parsed again, and every standard takes the change.
    texts.set('/repo/base.yaml', 'extends: builtin\npython: "3.12"\n');
    const changed = loadAll();
    assert.deepEqual(bundle.parsed, ['extends: builtin\npython: "3.12"\n']);
    assert.deepEqual(
      changed.map((l) => l.standard.python?.value.text),
      standards.map(() => '3.12'),
    );
  });
});

describe('a standard file that does not exist', () => {
  it('is reported against its own path', () => {
    const missing = path.join(os.tmpdir(), 'no-such-folder', 'stack-standard.yaml');
    assert.deepEqual(
      loadStandard(missing, nodeFileSystem).errors.map((e) => [e.file, e.message]),
      [[missing, `Standard file not found: ${missing}`]],
    );
  });
});
