// The Python rule: every statement of which Python a project runs or supports, against the standard's Python minimum
// (or, for a Cloud Functions runtime, the standard runtime); what the project runs, against its end of life too.
import { editAt, type PythonFact } from '../facts';
import type { Standard } from '../standard/model';
import type { Finding } from '../types';
import type { Version } from '../versions';
import { cloudRuntimeVersion, compareMinor } from '../versions/runtimes';
import { checkEndOfLife } from './endOfLife';
import { findingAt, ruleRelated } from './finding';
import { MESSAGES } from './messages';

export function checkPython(fact: PythonFact, standard: Standard, today: Date): Finding[] {
  const runtime = fact.judgedBy === 'cloud-functions-runtime';
  const findings = runtime ? checkRuntime(fact, standard) : checkFloor(fact, standard);
  if (fact.role !== 'runs') return findings;
  // What this rule reports as below the standard, the end-of-life rule leaves alone.
  const floor = runtime
    ? cloudRuntimeVersion(standard.terraform.cloudFunctionsRuntime?.value ?? '')
    : standard.python?.value;
  const reported = (v: Version) => floor !== undefined && compareMinor(v, floor) < 0;
  return [...findings, ...checkEndOfLife(fact, standard, today, reported)];
}

function checkRuntime(fact: PythonFact, standard: Standard): Finding[] {
  const rule = standard.terraform.cloudFunctionsRuntime;
  const wanted = rule && cloudRuntimeVersion(rule.value);
  const s = fact.statement;
  if (!rule || !wanted || s.form !== 'version' || compareMinor(s.version, wanted) >= 0) return [];
  return [
    findingAt(
      'runtime-below-minimum',
      fact.place,
      MESSAGES.runtimeBelow(s.shown, fact.label, rule.value),
      [{ title: MESSAGES.changeRuntimeTitle(rule.value), isPreferred: true, edits: [editAt(fact.place, rule.value)] }],
      undefined,
      ruleRelated(rule, `The runtime ${rule.value}`),
    ),
  ];
}

function checkFloor(fact: PythonFact, standard: Standard): Finding[] {
  const python = standard.python;
  if (!python) return [];
  const minimum = python.value;
  const related = ruleRelated(python, `The Python minimum ${minimum.text}`);
  const s = fact.statement;
  switch (s.form) {
    case 'range': {
      const { dialect } = s;
      const { text, place } = s.constraint;
      const read = s.constraint.read ?? readValue(dialect.read(text));
      if (read === undefined || dialect.judge(read, minimum) === 'ok') return [];
      const newText = dialect.fix(text, read, minimum, minimum);
      return [
        findingAt(
          'python-below-minimum',
          fact.place,
          MESSAGES.pythonRange(fact.label, text, minimum.text),
          [{ title: MESSAGES.changeTo(newText), isPreferred: true, edits: [editAt(place, newText)] }],
          undefined,
          related,
        ),
      ];
    }
    case 'version': {
      if (compareMinor(s.version, minimum) >= 0) return [];
      const newText = s.spell(minimum);
      const frozen = fact.frozen && MESSAGES.frozenBecause(fact.frozen, 'version', false);
      return [
        findingAt(
          'python-below-minimum',
          fact.place,
          MESSAGES.pythonBelow(fact.label, s.shown, minimum.text) + (frozen ?? ''),
          frozen
            ? []
            : [
                {
                  title: MESSAGES.changeTo(newText),
                  isPreferred: true,
                  edits: [editAt(fact.place, s.quote + newText + s.quote)],
                },
              ],
          undefined,
          related,
        ),
      ];
    }
    case 'targets': {
      const below = new Set<number>();
      s.items.forEach((item, i) => {
        if (compareMinor(item.version, minimum) < 0) below.add(i);
      });
      if (below.size === 0) return [];
      const wanted = s.spell(minimum);
      // One finding on each target at fault; they share the one fix that mends the list.
      const title = s.drops ? MESSAGES.dropBelowTitle(wanted) : MESSAGES.targetsTitle(wanted);
      // A list whose entries cannot go without breaking the file (a matrix left without jobs, a tox entry that braces
      // multiply) is reported unfixed.
      const edits = s.keepFrom(wanted, below);
      const fixes = edits.length > 0 ? [{ title, isPreferred: true, edits }] : [];
      return [...below].map((i) =>
        findingAt(
          'python-below-minimum',
          s.items[i].place,
          MESSAGES.pythonBelow(fact.label, s.items[i].shown, minimum.text),
          fixes,
          undefined,
          related,
        ),
      );
    }
  }
}

function readValue(read: { value: unknown } | { error: unknown }): unknown {
  return 'value' in read ? read.value : undefined;
}
