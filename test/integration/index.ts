// The suite entry VS Code loads into its extension host (`extensionTestsPath`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs every `*.test.js` in `directory` (not below it: a subfolder is a suite of its own). */
export function runSuite(directory: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000 });
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(directory, file));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, pending } = runner.stats ?? { passes: 0, pending: 0 };
      // A plain closing line that CI logs and the launchers can grep.
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (files.length === 0) reject(new Error(`no *.test.js in ${directory}`));
      else resolve();
    });
  });
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}
