// The multi-root suite: run in a window holding test/fixtures/multi-root/multi-root.code-workspace.
import { runSuite } from '../index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
