// The suite for the packaged extension: run with `--vsix stack-standard.vsix --suite out/integration/vsix`.
import { runSuite } from '../index';

export const run = () => runSuite(__dirname);
