// When Python runtimes stop being supported: python.org's end of life for CPython, and the runtime support schedules
// of Google Cloud's serverless platforms. Offline on purpose: a check must give the same answer without a network, so
// each row names the page its dates come from and the day they were last read there. To update: read each source
// again, change what changed, and set `checked` to that day (the unit test keeps every row well-formed).
import type { Version } from '.';
import { majorMinor } from './runtimes';

/** A day, `YYYY-MM-DD`, or a month, `YYYY-MM`, where the source names only the month. */
export type ScheduleDate = string;

/** One Python version on one schedule, with the dates its source gives. */
export interface LifecycleRow {
  /** The CPython minor version: `3.10`. */
  version: string;
  /** The platform's runtime ID: `python310`. */
  runtime?: string;
  /** python.org: the day (or month) the version's end of life is (or is planned to be). */
  endOfLife?: ScheduleDate;
  /** Cloud Run functions and Cloud Run: the start of the deprecation period, when runtime support ends. */
  deprecation?: ScheduleDate;
  /** Cloud Run functions and Cloud Run: the start of the decommission period, when deployments are refused. */
  decommission?: ScheduleDate;
  /** App Engine: the end of support, when deployments are refused. */
  endOfSupport?: ScheduleDate;
  /** The page the dates were read on. */
  source: string;
  /** The day they were last read there, `YYYY-MM-DD`. */
  checked: string;
}

/** Where a Python runs: the platforms a Python fact can name, and python.org for everything else. */
export type LifecycleSchedule =
  'python.org' | 'cloud-functions' | 'cloud-run' | 'app-engine-standard' | 'app-engine-flexible';

/** How messages name each schedule. */
export const SCHEDULE_NAMES: Record<LifecycleSchedule, string> = {
  'python.org': 'python.org',
  'cloud-functions': 'Cloud Functions',
  'cloud-run': 'Cloud Run',
  'app-engine-standard': 'App Engine standard',
  'app-engine-flexible': 'App Engine flexible',
};

const CHECKED = '2026-12-07';

// The devguide's table is python.org's release cycle data (peps.python.org/api/release-cycle.json). Versions not yet
// at their end of life have a planned month there, which is all these rows say of them.
const PYTHON_ORG = 'https://devguide.python.org/versions/';
const pythonOrg = (version: string, endOfLife: ScheduleDate): LifecycleRow => ({
  version,
  endOfLife,
  source: PYTHON_ORG,
  checked: CHECKED,
});

// One schedule for Google Cloud's buildpacks runtimes, the table that the runtime support pages of Cloud Run functions
// and of Cloud Run (source deployments) include. A runtime ID names the same runtime in both generations of Cloud
// Functions (python38 to python312 run on both, python37 on the 1st only, python313 and newer on Cloud Run functions).
const BUILDPACKS = 'https://docs.cloud.google.com/docs/buildpacks/runtime-support';
const buildpacks = (version: string, deprecation: ScheduleDate, decommission: ScheduleDate): LifecycleRow => ({
  version,
  runtime: `python${version.replace('.', '')}`,
  deprecation,
  decommission,
  source: BUILDPACKS,
  checked: CHECKED,
});
const BUILDPACKS_ROWS: readonly LifecycleRow[] = [
  buildpacks('3.14', '2030-10-10', '2031-04-10'),
  buildpacks('3.13', '2029-10-10', '2030-04-10'),
  buildpacks('3.12', '2028-10-02', '2029-04-02'),
  buildpacks('3.11', '2027-10-24', '2028-04-24'),
  buildpacks('3.10', '2026-10-04', '2027-04-04'),
  buildpacks('3.9', '2025-10-05', '2026-04-05'),
  buildpacks('3.8', '2024-10-14', '2025-10-14'),
  buildpacks('3.7', '2024-01-30', '2025-01-30'),
];

// App Engine's schedule has three columns (end of support, deprecated, decommissioned) and leaves the later ones blank
// until they are scheduled; only the end of support is read here, as it is the one every row states.
const APP_ENGINE_STANDARD = 'https://docs.cloud.google.com/appengine/docs/standard/lifecycle/support-schedule';
const appEngineStandard = (version: string, endOfSupport: ScheduleDate): LifecycleRow => ({
  version,
  runtime: `python${version.replace('.', '')}`,
  endOfSupport,
  source: APP_ENGINE_STANDARD,
  checked: CHECKED,
});

/** Every schedule, newest version first. */
export const LIFECYCLE: Record<LifecycleSchedule, readonly LifecycleRow[]> = {
  'python.org': [
    pythonOrg('3.14', '2030-10'),
    pythonOrg('3.13', '2029-10'),
    pythonOrg('3.12', '2028-10'),
    pythonOrg('3.11', '2027-10'),
    pythonOrg('3.10', '2026-10'),
    pythonOrg('3.9', '2025-10-31'),
    pythonOrg('3.8', '2024-10-07'),
    pythonOrg('3.7', '2023-06-27'),
    pythonOrg('3.6', '2021-12-23'),
  ],
  'cloud-functions': BUILDPACKS_ROWS,
  'cloud-run': BUILDPACKS_ROWS,
  'app-engine-standard': [
    appEngineStandard('3.14', '2030-10-10'),
    appEngineStandard('3.13', '2029-10-10'),
    appEngineStandard('3.12', '2028-10-02'),
    appEngineStandard('3.11', '2027-10-24'),
    appEngineStandard('3.10', '2026-10-04'),
    appEngineStandard('3.9', '2025-10-05'),
    appEngineStandard('3.8', '2024-10-14'),
    appEngineStandard('3.7', '2024-01-30'),
  ],
  // The flexible environment's schedule is not in the table: its runtimes are judged by python.org's dates.
  'app-engine-flexible': [],
};

/** How long before its end a version is reported as ending soon. */
export const WARNING_DAYS = 90;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The day number (days since 1970-01-01) on which `date` has certainly come: the day, or the day after its month. */
export function dayReached(date: ScheduleDate): number {
  const m = DATE.exec(date);
  if (!m) return NaN;
  const [year, month] = [Number(m[1]), Number(m[2])];
  // Date.UTC takes a 0-based month: `month` itself is the month after a 1-based one.
  return (m[3] === undefined ? Date.UTC(year, month, 1) : Date.UTC(year, month - 1, Number(m[3]))) / DAY_MS;
}

/** The day number of `date`'s UTC day. */
export function dayOf(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / DAY_MS;
}

/** `on 2026-10-04`, or `in October 2026` for a month. */
export function whenText(date: ScheduleDate): string {
  const m = DATE.exec(date);
  if (m && m[3] === undefined) return `in ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return `on ${date}`;
}

/** The date a row's version stops being supported: python.org's end of life, else App Engine's end of support, else
 * the start of Cloud Run's deprecation. */
export function endOf(row: LifecycleRow): ScheduleDate {
  return row.endOfLife ?? row.endOfSupport ?? row.deprecation ?? '';
}

/** Where a version stands on a schedule on a day. */
export interface Lifecycle {
  schedule: LifecycleSchedule;
  row: LifecycleRow;
  /** `past`: its end has come; `soon`: it comes within `WARNING_DAYS`. */
  status: 'past' | 'soon' | 'supported';
}

/**
 * Where `version` stands on `today`: on the platform's schedule when the platform lists it, else on python.org's;
 * undefined for a version no schedule lists.
 */
export function lifecycleOf(
  version: Version,
  platform: LifecycleSchedule | undefined,
  today: Date,
): Lifecycle | undefined {
  const key = majorMinor(version).join('.');
  let schedule: LifecycleSchedule = platform ?? 'python.org';
  let row = LIFECYCLE[schedule].find((r) => r.version === key);
  if (!row && schedule !== 'python.org') {
    schedule = 'python.org';
    row = LIFECYCLE[schedule].find((r) => r.version === key);
  }
  if (!row) return undefined;
  const end = dayReached(endOf(row));
  const day = dayOf(today);
  const status = day >= end ? 'past' : day >= end - WARNING_DAYS ? 'soon' : 'supported';
  return { schedule, row, status };
}

/**
 * The day the end-of-life rules judge by: today, or the day `STACK_STANDARD_TODAY` (`YYYY-MM-DD`) names, for runs
 * that must give the same findings whenever they happen (a CI baseline, the tests). A value of another form is ignored.
 */
export function defaultToday(): Date {
  const fixed = typeof process === 'undefined' ? undefined : process.env.STACK_STANDARD_TODAY;
  const m = fixed === undefined ? null : /^\d{4}-\d{2}-\d{2}$/.exec(fixed.trim());
  const day = m ? Date.parse(`${m[0]}T00:00:00Z`) : NaN;
  return Number.isNaN(day) ? new Date() : new Date(day);
}
