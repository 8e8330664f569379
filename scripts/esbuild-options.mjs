// The esbuild options every bundle shares: dist/ (the extension and the CLI) and the benchmark's copy of the engine,
// so the benchmark measures the code that ships.
export const BUNDLE_OPTIONS = {
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

/** The extension as it ships: `vscode` is provided by the editor. */
export const EXTENSION_OPTIONS = {
  ...BUNDLE_OPTIONS,
  entryPoints: ['src/extension/extension.ts'],
  external: ['vscode'],
};
