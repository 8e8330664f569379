// The performance suite: run in a generated workspace (`--scale`, scripts/scale-workspace.mjs) with the event-loop
// probe on (STACK_STANDARD_EVENT_LOOP_PROBE, set by scripts/test-integration.mjs).
import { runSuite } from '../index';

export const run = () => runSuite(__dirname);
