// `node scripts/sync-manifest.mjs`: writes package.json's activation events from the engine's table of formats and
// the standard file names (test/unit/manifest.test.ts fails until they agree).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { FORMATS, STANDARD_FILE_NAMES } = require('tsx/cjs/api').require('../src/core/index.ts', import.meta.url);
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
manifest.activationEvents = [
  ...[...FORMATS.flatMap((f) => f.globs), ...STANDARD_FILE_NAMES].map((glob) => `workspaceContains:**/${glob}`),
  'onLanguage:pip-requirements',
];
fs.writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
