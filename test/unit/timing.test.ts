// The extension's pacing: the delay between a change and its analysis, and the slices of a workspace scan.
import { strict as assert } from 'node:assert';
import { analysisDelay, eventLoopProbe, MAX_DELAY_MS, MIN_DELAY_MS, timeSlices } from '../../src/extension/timing';

describe('the delay after a change', () => {
  it('is the shortest for a file never analysed or cheap to analyse', () => {
    assert.deepEqual([undefined, 0, 1, 5, 9.9, 12.5].map(analysisDelay), [
      MIN_DELAY_MS,
      MIN_DELAY_MS,
      MIN_DELAY_MS,
      MIN_DELAY_MS,
      MIN_DELAY_MS,
      MIN_DELAY_MS,
    ]);
    assert.equal(MIN_DELAY_MS, 50);
  });

  it('publishes a file analysed in under 10 ms within 100 ms of the last change', () => {
    for (let cost = 0; cost < 10; cost += 0.25) assert.ok(analysisDelay(cost) + cost < 100, `cost ${cost} ms`);
  });

  it('grows with what the last analysis cost, four times it, up to a second', () => {
    assert.deepEqual(
      [13, 20, 50, 100, 249, 250, 400, 60_000].map(analysisDelay),
      [52, 80, 200, 400, 996, 1000, 1000, 1000],
    );
    assert.equal(MAX_DELAY_MS, 1000);
    let last = 0;
    for (let cost = 0; cost < 400; cost += 0.5) {
      const delay = analysisDelay(cost);
      assert.ok(delay >= last, `never shorter for a costlier file (${cost} ms)`);
      last = delay;
    }
  });
});

describe('the time slices of a scan', () => {
  it('let the event loop turn only once the slice is used up, and measure the longest slice', async () => {
    let clock = 0;
    const { pause, stats } = timeSlices(15, () => clock, undefined);
    let turned = false;
    setImmediate(() => (turned = true));
    clock = 14;
    await pause();
    assert.equal(turned, false, 'no turn of the event loop within the slice');
    clock = 20;
    await pause();
    assert.equal(turned, true, 'a turn once 15 ms have passed');
    clock = 45;
    assert.deepEqual(stats(), { yields: 1, longestSliceMs: 25 });
  });

  it("measure the longest slice in the thread's CPU time too, where Node tells it", async () => {
    let [clock, cpu] = [0, 0];
    const { pause, stats } = timeSlices(
      15,
      () => clock,
      () => cpu,
    );
    // A slice of 30 ms of which the thread ran 12 (the machine's other processes took the rest), then one of 20 and 18.
    [clock, cpu] = [30, 12];
    await pause();
    [clock, cpu] = [50, 30];
    assert.deepEqual(stats(), { yields: 1, longestSliceMs: 30, longestSliceCpuMs: 18 });
  });
});

describe('the event-loop probe', () => {
  it('measures the longest time the event loop did not turn, in wall time and, where Node tells it, CPU time', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const probe = eventLoopProbe();
    await sleep(20);
    const started = performance.now();
    while (performance.now() - started < 60);
    await sleep(20);
    const stalls = probe.stop();
    assert.ok(stalls.maxStallMs >= 60 && stalls.maxStallMs < 1000, `${stalls.maxStallMs} ms`);
    // Node 23.9 and later tell a thread's CPU time: the busy loop is nearly all of it.
    if ('threadCpuUsage' in process) assert.ok((stalls.maxStallCpuMs ?? 0) >= 45, `${stalls.maxStallCpuMs} ms of CPU`);
    else assert.equal(stalls.maxStallCpuMs, undefined);
  });
});
