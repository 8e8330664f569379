// The engine's shape, kept by tests: no import cycles, a core that knows no adapter, formats that read and never
// judge. Type-only imports count: a cycle of types is still two modules that cannot be understood apart.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const CORE = path.join(__dirname, '../../src/core');

function modules(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? modules(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** Every module `file` imports or re-exports: relative ones resolved to their files, packages by name. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return fileName;
    const target = path.resolve(path.dirname(file), fileName);
    return fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
  });
}

/** The cycles a depth-first walk meets, each as the files around it. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

const graph = new Map(modules(CORE).map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(CORE, file);

describe('the engine’s shape', () => {
  it('has no import cycles in src/core', () => {
    assert.deepEqual(
      cyclesOf(graph).map((cycle) => cycle.map(rel).join(' → ')),
      [],
    );
  });

  it('sees a cycle of type-only imports and re-exports', () => {
    // The checks above on known input, so that an always-empty answer would fail here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycle-'));
    try {
      const [a, b, c] = ['a', 'b', 'c'].map((name) => path.join(dir, `${name}.ts`));
      fs.writeFileSync(a, "import type { B } from './b';\nexport type A = B;\n");
      fs.writeFileSync(b, "export { type C as B } from './c';\n");
      fs.writeFileSync(
        c,
        "import type { A } from './a';\nimport * as fs from 'node:fs';\nexport type C = A | typeof fs;\n",
      );
      const small = new Map([a, b, c].map((file) => [file, importsOf(file)]));
      assert.deepEqual(small.get(c), [a, 'node:fs']);
      assert.deepEqual(cyclesOf(small), [[a, b, c, a]]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('keeps src/core free of the editor and of the adapters', () => {
    for (const [file, imports] of graph) {
      for (const target of imports) {
        assert.notEqual(target, 'vscode', `${rel(file)} imports vscode`);
        assert.ok(
          !target.includes(`${path.sep}extension${path.sep}`) && !target.includes(`${path.sep}cli${path.sep}`),
          `${rel(file)} imports ${target}`,
        );
      }
    }
  });

  it('lets formats read and rules judge: no format imports a rule or builds a Finding', () => {
    for (const [file, imports] of graph) {
      if (!rel(file).startsWith(`formats${path.sep}`)) continue;
      for (const target of imports)
        assert.ok(!rel(target).startsWith(`rules${path.sep}`), `${rel(file)} imports the rule ${rel(target)}`);
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /\bFinding\b/, `${rel(file)} names Finding`);
    }
  });
});
