// Bundles the extension and the CLI into dist/ with every dependency inlined; `vscode` is provided by the editor.
import * as esbuild from 'esbuild';
import { BUNDLE_OPTIONS, EXTENSION_OPTIONS } from './esbuild-options.mjs';

const production = process.argv.includes('--production');
const mode = { sourcemap: !production, minify: production };

await Promise.all([
  esbuild.build({ ...EXTENSION_OPTIONS, ...mode, outfile: 'dist/extension.js' }),
  esbuild.build({
    ...BUNDLE_OPTIONS,
    ...mode,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    loader: { '.md': 'text' },
  }),
]);
