// The file-kinds suite: run in a window holding test/fixtures/file-kinds.
import { runSuite } from '../index';

export const run = () => runSuite(__dirname);
