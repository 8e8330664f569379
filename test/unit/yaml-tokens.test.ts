// Workflows, Cloud Build configs, app.yaml and conda environments are read from `yaml`'s lexer tokens when they have
// the usual block shape, and composed otherwise: both ways give the same facts and findings on every such file the
// tests and the fuzzer know.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinStandard, examine, formatFor, type Fact } from '../../src/core';
import { yamlReading } from '../../src/core/formats/yamlVersions';
import { plainYamlTree } from '../../src/core/formats/yamlPlainTree';
import { FORMATS, mutate } from '../fuzz/generators';
import { FIXTURES, fixtureFiles, memoryFileSystem, seededRandom } from '../helpers';

const KINDS = ['workflow', 'cloudbuild', 'app-engine', 'conda'];

/** Facts and findings as data: places by offsets, functions by name. */
function reading(file: string, text: string, neighbours: Record<string, string> = {}): string {
  const { facts, findings } = examine(
    { path: file, text },
    { standard: builtinStandard(), fs: memoryFileSystem({ ...neighbours, [file]: text }) },
  );
  const data = (value: readonly Fact[]) =>
    JSON.stringify(value, (key, v: unknown) => {
      if (key === 'source') return (v as { path: string }).path;
      if (typeof v === 'bigint') return `${v}n`;
      return typeof v === 'function' ? `function ${key}` : v;
    });
  return `${data(facts)}\n${JSON.stringify(findings)}`;
}

/** Asserts both ways agree on `text` read as `file`; answers whether the tokens were read. */
function agree(file: string, text: string, label: string, neighbours?: Record<string, string>): boolean {
  yamlReading.fromTokens = false;
  let composed: string;
  try {
    composed = reading(file, text, neighbours);
  } finally {
    yamlReading.fromTokens = true;
  }
  assert.equal(reading(file, text, neighbours), composed, `${label}:\n${text}`);
  return plainYamlTree(text) !== undefined;
}

describe('YAML kinds read from the lexer tokens', () => {
  afterEach(() => {
    yamlReading.fromTokens = true;
  });

  it('give the facts and findings of the composed document on every workflow, Cloud Build, app.yaml and conda file under test/fixtures', () => {
    const files = fixtureFiles((name) => /\.ya?ml$/.test(name)).filter((f) =>
      KINDS.includes(formatFor(f, { exists: () => true, readFile: (p) => fs.readFileSync(p, 'utf8') })?.kind ?? ''),
    );
    let read = 0;
    for (const file of files) if (agree(file, fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file))) read++;
    // Most of these kinds' cases are written in their tests; the files are the real-world ones and the host's fixtures.
    assert.ok(files.length >= 7 && read >= files.length / 2, `${read} of ${files.length} read from tokens`);
  });

  it('and on what the fuzzer generates for them and makes of their fixtures, mutated', () => {
    const random = seededRandom(11);
    for (const name of ['workflow', 'cloudbuild', 'cloudbuild-json', 'app-engine', 'conda']) {
      const format = FORMATS.find((f) => f.name === name);
      assert.ok(format, name);
      let read = 0;
      for (let i = 0; i < 200; i++) {
        let text =
          random() < 0.5 || format.corpus.length === 0
            ? format.generate(random)
            : format.corpus[i % format.corpus.length];
        for (let m = Math.floor(random() * 3); m > 0; m--) text = mutate(random, text, format.corpus);
        if (agree(format.file, text, `${name} input ${i}`, format.neighbours)) read++;
      }
      // A JSON config is never of the block shape: it is composed, as before.
      assert.ok(name === 'cloudbuild-json' ? read === 0 : read > 50, `${name}: ${read} of 200 read from tokens`);
    }
  });

  it('compose a workflow that names a key twice, for the error GitHub gives', () => {
    const text = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    runs-on: ubuntu-22.04\n';
    assert.ok(plainYamlTree(text));
    assert.ok(reading('/p/.github/workflows/ci.yml', text).includes('Map keys must be unique'));
    agree('/p/.github/workflows/ci.yml', text, 'repeated key');
  });
});
