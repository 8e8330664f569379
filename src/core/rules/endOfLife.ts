// The end-of-life rule: a Python the project runs on (an image, a runtime, a CI version, `.python-version`) past its
// end of life is an error, and one within 90 days of it a warning that says the date. The platform that runs it
// decides whose schedule counts (Cloud Functions', Cloud Run's, App Engine's); python.org's counts for the rest.
import { editAt, type PythonFact } from '../facts';
import { pythonRuntime, type Setting, type Standard } from '../standard/model';
import type { Finding, Fix } from '../types';
import type { Version } from '../versions';
import { dayOf, dayReached, lifecycleOf, SCHEDULE_NAMES, whenText, type Lifecycle } from '../versions/lifecycle';
import { compareMinor } from '../versions/runtimes';
import { findingAt, ruleRelated } from './finding';
import { MESSAGES } from './messages';

/**
 * The end-of-life findings on a fact of what the project runs. `reported` tells the versions the Python rule already
 * reports (below the standard): a finding of theirs is not repeated, as its fix raises them anyway.
 */
export function checkEndOfLife(
  fact: PythonFact,
  standard: Standard,
  today: Date,
  reported: (version: Version) => boolean,
): Finding[] {
  const s = fact.statement;
  if (fact.role !== 'runs' || s.form === 'range' || (s.form === 'targets' && !s.drops)) return [];
  const runtime = usableRuntime(standard, fact, today);
  if (s.form === 'version') {
    const life = reported(s.version) ? undefined : lifecycleOf(s.version, fact.platform, today);
    if (!life || life.status === 'supported') return [];
    const fixes: Fix[] = [];
    if (runtime && compareMinor(runtime.value, s.version) > 0) {
      const newText = s.spell(runtime.value);
      fixes.push({
        title: MESSAGES.changeTo(newText),
        isPreferred: true,
        edits: [editAt(fact.place, s.quote + newText + s.quote)],
      });
    }
    const subject =
      fact.judgedBy === 'cloud-functions-runtime' ? `Runtime ${s.shown} ${fact.label}` : `${fact.label} ${s.shown}`;
    return [finding(fact.place, life, subject, today, fixes, fixes.length > 0 ? runtime : undefined)];
  }
  // A list the project tests on (a CI matrix, tox's envlist, nox sessions): testing the oldest Pythons a project still
  // supports beside current ones is good practice, so a list is judged only once none of its Pythons is supported.
  const lives = s.items.map((item) => lifecycleOf(item.version, fact.platform, today));
  if (lives.some((life) => life === undefined || life.status === 'supported')) return [];
  const past = new Set<number>();
  lives.forEach((life, i) => {
    if (life?.status === 'past') past.add(i);
  });
  let fixes: Fix[] = [];
  if (past.size > 0 && past.size < s.items.length)
    fixes = [{ title: MESSAGES.dropEndOfLifeTitle, isPreferred: true, edits: s.keepFrom('', past) }];
  else if (past.size > 0 && runtime && s.items.every((item) => compareMinor(runtime.value, item.version) > 0)) {
    const wanted = s.spell(runtime.value);
    fixes = [{ title: MESSAGES.replaceEndOfLifeTitle(wanted), isPreferred: true, edits: s.keepFrom(wanted, past) }];
  }
  const findings: Finding[] = [];
  s.items.forEach((item, i) => {
    const life = lives[i];
    if (!life || life.status === 'supported' || reported(item.version)) return;
    const mine = life.status === 'past' ? fixes : [];
    const uses = mine.length > 0 && past.size === s.items.length ? runtime : undefined;
    findings.push(finding(item.place, life, `${fact.label} ${item.shown}`, today, mine, uses));
  });
  return findings;
}

/** The standard's runtime, unless it is itself past its end of life where the fact runs. */
function usableRuntime(standard: Standard, fact: PythonFact, today: Date): Setting<Version> | undefined {
  const runtime = pythonRuntime(standard);
  return runtime && lifecycleOf(runtime.value, fact.platform, today)?.status !== 'past' ? runtime : undefined;
}

function finding(
  place: PythonFact['place'],
  life: Lifecycle,
  subject: string,
  today: Date,
  fixes: Fix[],
  runtime: Setting<Version> | undefined,
): Finding {
  return findingAt(
    life.status === 'past' ? 'runtime-end-of-life' : 'runtime-end-of-life-soon',
    place,
    MESSAGES.endOfLife(subject, event(life, today)),
    fixes,
    undefined,
    runtime && ruleRelated(runtime, `The Python runtime ${runtime.value.text}`),
  );
}

/** What the schedule says of the version, in its own terms. */
function event({ schedule, row, status }: Lifecycle, today: Date): string {
  const past = status === 'past';
  const name = SCHEDULE_NAMES[schedule];
  const runtime = row.runtime ?? row.version;
  if (row.endOfLife) return MESSAGES.pythonOrgEnd(row.version, whenText(row.endOfLife), past);
  if (row.endOfSupport) return MESSAGES.platformEndOfSupport(name, runtime, whenText(row.endOfSupport), past);
  const decommission = row.decommission
    ? { when: whenText(row.decommission), past: dayOf(today) >= dayReached(row.decommission) }
    : undefined;
  return MESSAGES.platformDeprecation(name, runtime, whenText(row.deprecation ?? ''), past, decommission);
}
