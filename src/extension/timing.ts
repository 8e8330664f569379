// How the extension paces its work so that the extension host stays responsive: how long it waits after a change
// before analysing, and how a workspace scan shares the event loop. No `vscode` here: the unit tests hold the numbers.

/** The wait after a change to a file that is cheap to analyse: a burst of keystrokes comes closer together than this. */
export const MIN_DELAY_MS = 50;
/** The longest wait, however costly the file: a result later than this reads as no result. */
export const MAX_DELAY_MS = 1000;
/** The wait per millisecond an analysis of the file costs: analysing then takes at most a fifth of a typing pause. */
export const DELAY_PER_COST = 4;

/**
 * How long to wait after the last change to a file before analysing it, from what its last analysis cost (undefined
 * when it was never analysed): a file analysed in under 12.5 ms publishes 50 ms after the last keystroke; a costly one
 * waits longer, so that typing in it does not keep the extension host busy.
 */
export function analysisDelay(lastCostMs: number | undefined): number {
  const wanted = DELAY_PER_COST * (lastCostMs ?? 0);
  return Math.round(Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, wanted)));
}

/** How long a workspace scan works before it lets the event loop turn. */
export const SLICE_MS = 15;

/** What a scan's slices measured: how many times it yielded, and the longest it ran without yielding. */
export interface SliceStats {
  yields: number;
  longestSliceMs: number;
  /**
   * The same in this thread's CPU time: the extension's own work (and the collections it caused), without what the
   * machine's other processes took meanwhile; undefined where Node cannot tell (before 23.9).
   */
  longestSliceCpuMs?: number;
}

/**
 * A pause that lets the event loop turn once `sliceMs` have passed since the last one, and costs nothing before: a
 * caller awaits it between units of work (a folder read, a file analysed). `stats` holds what the slices measured.
 */
export function timeSlices(
  sliceMs = SLICE_MS,
  now: () => number = () => performance.now(),
  cpuNow: (() => number) | undefined = threadCpuMs(),
): { pause: () => Promise<void>; stats: () => SliceStats } {
  let started = now();
  let cpuStarted = cpuNow?.() ?? 0;
  let yields = 0;
  let longestSliceMs = 0;
  let longestSliceCpuMs = 0;
  const close = () => {
    longestSliceMs = Math.max(longestSliceMs, now() - started);
    if (cpuNow) longestSliceCpuMs = Math.max(longestSliceCpuMs, cpuNow() - cpuStarted);
  };
  return {
    pause: async () => {
      if (now() - started < sliceMs) return;
      close();
      yields++;
      await new Promise((resolve) => setImmediate(resolve));
      started = now();
      cpuStarted = cpuNow?.() ?? 0;
    },
    stats: () => {
      close();
      return cpuNow ? { yields, longestSliceMs, longestSliceCpuMs } : { yields, longestSliceMs };
    },
  };
}

/** What an event-loop probe saw: the longest times the loop did not turn. */
export interface Stalls {
  /** In wall time: the machine's other processes count too. */
  maxStallMs: number;
  /** In this thread's CPU time: what its own work (and garbage collection) held the loop for; undefined before Node 23.9. */
  maxStallCpuMs?: number;
}

type ThreadCpuUsage = () => { user: number; system: number };

/** This thread's CPU time in milliseconds, where Node can tell it (23.9 and later). */
function threadCpuMs(): (() => number) | undefined {
  const usage = (process as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage?.bind(process);
  if (!usage) return undefined;
  return () => {
    const { user, system } = usage();
    return (user + system) / 1000;
  };
}

/**
 * Watches the event loop from now until `stop`: a timer due every millisecond notes how long it has been since it last
 * ran. Wall time counts the time the operating system gave to other processes too; CPU time counts only this thread's.
 */
export function eventLoopProbe(): { stop: () => Stalls } {
  const threadCpu = threadCpuMs();
  const cpuMs = () => threadCpu?.() ?? 0;
  let wall = performance.now();
  let cpu = cpuMs();
  let maxStallMs = 0;
  let maxStallCpuMs = 0;
  const note = () => {
    const [nowWall, nowCpu] = [performance.now(), cpuMs()];
    maxStallMs = Math.max(maxStallMs, nowWall - wall);
    maxStallCpuMs = Math.max(maxStallCpuMs, nowCpu - cpu);
    [wall, cpu] = [nowWall, nowCpu];
  };
  const timer = setInterval(note, 1);
  return {
    stop: () => {
      note();
      clearInterval(timer);
      return threadCpu ? { maxStallMs, maxStallCpuMs } : { maxStallMs };
    },
  };
}
