// The pre-commit reader's two ways to a config's nodes, `yaml`'s lexer tokens for the plain shape and the composed
// document for everything, give the same facts (places, edits, messages) and the same findings on every config the
// tests and the fuzzer know.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinStandard, examine, loadStandard, type Fact, type Standard } from '../../src/core';
import { yamlReading } from '../../src/core/formats/yamlVersions';
import { plainYamlTree } from '../../src/core/formats/yamlPlainTree';
import { parseVersion } from '../../src/core/versions/pep440';
import { FORMATS, mutate } from '../fuzz/generators';
import { FIXTURES, fixtureFiles, memoryFileSystem, seededRandom } from '../helpers';

const FILE = '/p/.pre-commit-config.yaml';
const PYTHON = parseVersion('3.12') as NonNullable<ReturnType<typeof parseVersion>>;

/** A standard requiring hooks that fixtures run from their repositories, so that hooks are also added into entries. */
function hooksStandard(): Standard {
  const text = `extends: builtin
precommit:
  hooks:
    - { repo: https://github.com/psf/black, id: black, minimum: "23.0.0", rev: "23.1.0" }
    - { repo: https://github.com/pre-commit/pre-commit-hooks, id: check-toml, minimum: "4.0.0", rev: "v4.5.0" }
    - { repo: https://github.com/astral-sh/ruff-pre-commit, id: ruff-format, minimum: "0.1.0", rev: "v0.4.0" }
    - { repo: https://github.com/pre-commit/mirrors-mypy, id: mypy, minimum: "1.4.0", rev: "v1.4.0" }
`;
  const loaded = loadStandard('/s/stack-standard.yaml', memoryFileSystem({ '/s/stack-standard.yaml': text }));
  assert.deepEqual(loaded.errors, []);
  return loaded.standard;
}

/** The facts as data: places by offsets, each version's spelling of 3.12, and the edit adding a hook at each place. */
function factsOf(facts: readonly Fact[]): string {
  return JSON.stringify(facts, (key, value: unknown) => {
    if (key === 'source') return (value as { path: string }).path;
    if (key === 'spell' && typeof value === 'function') return (value as (v: typeof PYTHON) => string)(PYTHON);
    if (key === 'addHooks' && typeof value === 'function') {
      const add = value as Extract<Fact, { kind: 'hook-config' }>['addHooks'];
      const config = facts.find((f) => f.kind === 'hook-config');
      const hooks = [
        { id: 'new-hook', repo: 'https://example.com/new', rev: 'v1' },
        { id: 'other', repo: 'https://example.com/new', rev: 'v1' },
      ];
      return [add(hooks), ...(config?.kind === 'hook-config' ? config.repositories.map((r) => add(hooks, r)) : [])];
    }
    if (typeof value === 'bigint') return `${value}n`;
    return typeof value === 'function' ? `function ${key}` : value;
  });
}

/** Facts and findings of `text` read one way, under both standards. */
function readings(text: string, standards: readonly Standard[]): string[] {
  return standards.flatMap((standard) => {
    const options = { standard, fs: memoryFileSystem({}) };
    const { facts, findings } = examine({ path: FILE, text }, options);
    return [factsOf(facts), JSON.stringify(findings)];
  });
}

/** Asserts both ways agree on `text`; answers whether the tokens were read. */
function agree(text: string, label: string, standards: readonly Standard[]): boolean {
  const fromTokens = plainYamlTree(text) !== undefined;
  yamlReading.fromTokens = false;
  let composed: string[];
  try {
    composed = readings(text, standards);
  } finally {
    yamlReading.fromTokens = true;
  }
  const tokens = readings(text, standards);
  const what = ['facts', 'findings', 'facts under the hooks standard', 'findings under the hooks standard'];
  for (const [i, reading] of tokens.entries())
    assert.equal(reading, composed[i], `${label}: ${what[i]} differ:\n${text}`);
  return fromTokens;
}

describe('.pre-commit-config.yaml read from the lexer tokens', () => {
  let standards: Standard[];
  before(() => {
    standards = [builtinStandard(), hooksStandard()];
  });
  afterEach(() => {
    yamlReading.fromTokens = true;
  });

  it('gives the facts and findings of the composed document on every pre-commit config under test/fixtures', () => {
    const configs = fixtureFiles((name) => /^\.pre-commit-config\.ya?ml$/.test(name));
    let read = 0;
    for (const file of configs)
      if (agree(fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file), standards)) read++;
    // The rest hold anchors, flow maps, the old list format, templates or syntax errors.
    assert.ok(configs.length >= 100 && read >= 85, `${read} of ${configs.length} read from tokens`);
  });

  it('and on what the fuzzer generates and makes of the fixtures, mutated', () => {
    const format = FORMATS.find((f) => f.name === 'precommit');
    assert.ok(format);
    const corpus = [
      ...format.corpus,
      ...fixtureFiles((name) => /\.ya?ml$/.test(name)).map((f) => fs.readFileSync(f, 'utf8')),
    ];
    const random = seededRandom(7);
    let read = 0;
    const count = 500;
    for (let i = 0; i < count; i++) {
      let text = random() < 0.5 ? format.generate(random) : corpus[Math.floor(random() * corpus.length)];
      for (let m = Math.floor(random() * 3); m > 0; m--) text = mutate(random, text, corpus);
      // The second standard extends the first: one reading is enough for thousands of inputs.
      if (agree(text, `input ${i}`, standards.slice(1))) read++;
    }
    assert.ok(read > count / 3, `${read} of ${count} read from tokens`);
  });

  it('on edge cases of the plain shape: empty values, repeated keys, numbers, escapes, line ends', () => {
    const cases = [
      'repos:\n',
      'repos:\n  - repo: https://github.com/psf/black\n    rev: 22.3.0\n    hooks:\n',
      'repos:\n  - repo: https://github.com/psf/black\n    rev: 22.3.0\n    hooks:\n      -\n',
      'repos:\n  - repo: https://github.com/psf/black\n    rev: 1.10\n    hooks: [ ]\n  -\n',
      'repos:\n- repo: https://github.com/psf/black\n  rev: "22.3.0"\n  hooks:\n  - id: black\n    language_version: python3.8\n',
      'repos:\n- repo: https://github.com/psf/black\n  rev: 1\n  rev: 2\n  hooks:\n  - id: black\n  - id: black\n',
      'repos:\n- repo: \'https://github.com/psf/black\'\n  rev: "\\x32"\n  hooks:\n  - id: "bl\\u0061ck"\n',
      'repos:\r\n  - repo: https://github.com/asottile/pyupgrade\r\n    rev: v3.0.0\r\n    hooks:\r\n      - id: pyupgrade\r\n        args: [--py37-plus]\r\n',
      'repos:\r  - repo: https://github.com/asottile/pyupgrade\r    rev: v3.0.0\r    hooks:\r      - id: pyupgrade\r        args:\r          - --py37-plus\r',
      'repos:\n  - repo: local\n    hooks:\n      - id: mypy\n        name: mypy\n        entry: >-\n          uv run\n          mypy src\n        language: system\n        additional_dependencies: ["pandas==1.0", numpy>=1,\n          "requests<2"]  # pinned\n',
      'default_language_version:\n  python: python3.7\nrepos:\n  - repo: https://github.com/psf/black\n    rev: 0123456789abcdef0123456789abcdef01234567  # frozen: 22.3.0\n    hooks:\n      - id: black\n        additional_dependencies:\n          - "pandas\\x3d=1.5.3"\n          - 3.5\n          - scikit-learn<1\n',
      '---\nrepos:\n  - repo: https://github.com/pre-commit/mirrors-mypy\n    rev: v0.900\n    hooks:\n      - id: mypy\n        # trailing comment\n...\n',
      'repos: []\n',
      'repos: [\n]\n',
      'ci:\n  skip: [mypy]\nrepos:\n  - repo: https://github.com/pycqa/flake8\n    rev: 3.9.2\n    hooks:\n      - id: flake8\n\n# the end\n',
    ];
    const read = cases.filter((text, i) => agree(text, `case ${i}`, standards)).length;
    assert.equal(read, cases.length);
  });

  it('places a hook on its own text, not on the comments and blank lines after it that yaml counts into the map', () => {
    const text =
      'repos:\n  - repo: https://github.com/psf/black\n    rev: 23.1.0\n    hooks:\n      - id: black\n' +
      '        args: [--fast]  # quick\n        # more about black\n\n  - repo: local\n    hooks:\n      - id: x\n';
    for (const fromTokens of [true, false]) {
      yamlReading.fromTokens = fromTokens;
      const { facts } = examine({ path: FILE, text }, { standard: builtinStandard(), fs: memoryFileSystem({}) });
      const places = facts.flatMap((f) =>
        f.kind === 'hook' ? [[f.hook.id, f.hook.place.start, f.hook.place.end]] : [],
      );
      const black = text.indexOf('id: black');
      assert.deepEqual(places, [
        ['black', black, text.indexOf('  # quick')],
        ['x', text.indexOf('id: x'), text.length - 1],
      ]);
    }
  });
});
