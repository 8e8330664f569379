// The esbuild options every bundle shares: dist/ (the extension and the CLI) and the benchmark's copy of the engine,
// so the benchmark measures the code that ships.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

const ENGINE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  // yaml's ES module build is the same code as its CommonJS one, and lets esbuild leave out what is never used
  // (about 17 KB of the extension bundle).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/** The built-in standard parsed and validated by the engine's own loader (`compileBuiltin` in load.ts), run here. */
async function compileBuiltin() {
  const bundle = await esbuild.build({
    ...ENGINE_OPTIONS,
    absWorkingDir: root,
    stdin: { contents: "export { compileBuiltin } from './src/core/standard/load';", resolveDir: root, loader: 'ts' },
    write: false,
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return module.exports.compileBuiltin();
}

/**
 * Bundles src/core/standard/compiled.ts as the built-in standard already compiled, so no run parses or validates its
 * YAML (20–40 ms of a CLI start); builtin.ts stays its one source, compiled afresh by every build.
 */
export const builtinStandardPlugin = {
  name: 'builtin-standard',
  setup(build) {
    const compiledModule = path.join(root, 'src/core/standard/compiled.ts');
    build.onLoad({ filter: /[\\/]compiled\.ts$/ }, async (args) => {
      if (args.path !== compiledModule) return undefined;
      const layer = await compileBuiltin();
      return {
        contents: `export const COMPILED_BUILTIN = ${JSON.stringify(layer)};\n`,
        loader: 'js',
        watchFiles: [path.join(root, 'src/core/standard/builtin.ts')],
      };
    });
  },
};

export const BUNDLE_OPTIONS = { ...ENGINE_OPTIONS, plugins: [builtinStandardPlugin] };

/** The extension as it ships: `vscode` is provided by the editor. */
export const EXTENSION_OPTIONS = {
  ...BUNDLE_OPTIONS,
  entryPoints: ['src/extension/extension.ts'],
  external: ['vscode'],
};
