// Bundles the extension and the CLI into dist/ with every dependency inlined; `vscode` is provided by the editor.
// The CLI is its bundle, dist/cli-main.js, started by dist/cli.js from the V8 code cache made here (src/cli/launch.ts).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLE_OPTIONS, EXTENSION_OPTIONS } from './esbuild-options.mjs';

const root = path.resolve(import.meta.dirname, '..');
const production = process.argv.includes('--production');
const mode = { sourcemap: !production, minify: production };
const bundle = path.join(root, 'dist/cli-main.js');

// A cache is only ever read with the bundle it was made of; an old one goes before the bundle changes.
fs.rmSync(`${bundle}.cache`, { force: true });
const [, cli] = await Promise.all([
  esbuild.build({ ...EXTENSION_OPTIONS, ...mode, absWorkingDir: root, outfile: 'dist/extension.js' }),
  esbuild.build({
    ...BUNDLE_OPTIONS,
    ...mode,
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: bundle,
    loader: { '.md': 'text' },
    write: false,
  }),
  esbuild.build({
    ...BUNDLE_OPTIONS,
    ...mode,
    absWorkingDir: root,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
for (const { path: file, text } of cli.outputFiles) {
  // The bundle ends with an id of its content, which names it in its code cache.
  const id = file === bundle ? `//# build ${createHash('sha256').update(text).digest('hex').slice(0, 16)}\n` : '';
  fs.writeFileSync(file, text + id);
}

// The code cache holds what V8 compiled of the bundle while it checked a small requirements file, so a check like it
// neither parses nor compiles the code it runs; what else a run needs is compiled as it is met.
const launcher = createRequire(import.meta.url)(path.join(root, 'dist/cli.js'));
const loaded = launcher.loadBundle(bundle, false);
const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-build-'));
try {
  fs.mkdirSync(path.join(sample, '.git'));
  fs.writeFileSync(
    path.join(sample, 'requirements.txt'),
    'pandas==1.5.3\nnumpy>=1.24.0\nrequests\ninternal-lib==0.4.1\n',
  );
  const io = { cwd: sample, stdout: () => {}, stderr: () => {}, colour: false };
  loaded.exports.run(['check', 'requirements.txt'], io);
} finally {
  fs.rmSync(sample, { recursive: true, force: true });
}
launcher.writeCache(loaded);
