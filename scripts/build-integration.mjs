// Bundles the extension-host suites into out/integration/ as CommonJS, one file per index.ts and *.test.ts.
// `vscode` comes from the host; mocha stays a require from node_modules, where its stack filter recognises it.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = 'test/integration';
const outdir = 'out/integration';

const entryPoints = fs
  .readdirSync(path.join(root, source), { recursive: true })
  .filter((file) => /(^|[\\/])index\.ts$|\.test\.ts$/.test(file))
  .map((file) => path.posix.join(source, file.split(path.sep).join('/')));

// A test deleted from the source must not keep running from a stale bundle.
fs.rmSync(path.join(root, outdir), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outbase: source,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
