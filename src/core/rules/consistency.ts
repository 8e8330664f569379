// Files of one repository that disagree on Python: a Dockerfile running 3.9 while `requires-python = ">=3.10"`, a
// floor below anything the project runs, a tool target that differs from the floor. No single file shows these.
import path = require('node:path');
import { editAt, rangeOf, type Fact, type PythonFact } from '../facts';
import type { Standard } from '../standard/model';
import type { Finding, Fix, RelatedInformation, TextEdit } from '../types';
import { makeVersion, type Version } from '../versions';
import type { Dialect } from '../versions/dialects';
import { compareMinor, majorMinor } from '../versions/runtimes';
import { remembered } from '../memo';
import { findingAt } from './finding';
import { MESSAGES } from './messages';

type Floor = PythonFact & { statement: { form: 'range' } };

/** What a floor's text says, worked out once per text and dialect: repositories repeat the same few floors. */
interface FloorReading {
  value: unknown;
  /** The oldest Python minor the range admits. */
  lowest: Version;
  /** Whether the range admits a release of a Python series, by series (`3.9`), as asked. */
  admits: Map<string, boolean>;
}

interface ReadFloor extends FloorReading {
  fact: Floor;
}

/** One version a file runs or targets: a single statement, or one item of a list. */
interface Stated {
  fact: PythonFact;
  version: Version;
  shown: string;
  item?: number;
}

const minor = (major: number, n: number) => makeVersion({ release: [BigInt(major), BigInt(n)] });
// The Python series a floor can name: 2.7, then 3.0 to 3.40.
const SERIES = [minor(2, 7), ...Array.from({ length: 41 }, (_, n) => minor(3, n))];
const next = (v: Version) => {
  const [major, n] = majorMinor(v);
  return makeVersion({ release: [major, n + 1n] });
};
const show = (v: Version) => majorMinor(v).join('.');

/** Whether a range admits some release of the series `v` (3.9 → 3.9.x): something from `v` up, and below the next. */
function admitsSeries(dialect: Dialect, value: unknown, v: Version): boolean {
  const from = dialect.judge(value, v);
  if (from === 'any') return true;
  return from !== 'conflicts-with-minimum' && dialect.judge(value, next(v)) !== 'ok';
}

/** Whether the floor admits some release of the series `v`, each series judged once per floor text. */
function admitsOf(dialect: Dialect, reading: Pick<FloorReading, 'value' | 'admits'>, v: Version): boolean {
  const key = show(v);
  let admits = reading.admits.get(key);
  if (admits === undefined) reading.admits.set(key, (admits = admitsSeries(dialect, reading.value, v)));
  return admits;
}

function readText(dialect: Dialect, value: unknown): FloorReading | undefined {
  const reading = { value, admits: new Map<string, boolean>() };
  const lowest = SERIES.find((v) => admitsOf(dialect, reading, v));
  return lowest && { ...reading, lowest };
}

const readings = new Map<Dialect, (text: string) => FloorReading | undefined>();

/** A floor as its dialect reads its text (what a reader already made of the text is the same reading). */
function readFloor(fact: Floor): ReadFloor | undefined {
  const { dialect, constraint } = fact.statement;
  let read = readings.get(dialect);
  if (!read) {
    read = remembered(1000, (text) => {
      const r = dialect.read(text);
      return 'value' in r ? readText(dialect, r.value) : undefined;
    });
    readings.set(dialect, read);
  }
  const reading = read(constraint.text);
  return reading && { ...reading, fact };
}

function statedVersions(fact: PythonFact): Stated[] {
  const s = fact.statement;
  if (s.form === 'version') return [{ fact, version: s.version, shown: s.shown }];
  if (s.form === 'targets')
    return s.items.map((item, i) => ({ fact, version: item.version, shown: item.shown, item: i }));
  return [];
}

function placeOf(stated: Stated) {
  const s = stated.fact.statement;
  return s.form === 'targets' && stated.item !== undefined ? s.items[stated.item].place : stated.fact.place;
}

function related(items: readonly { at: ReturnType<typeof placeOf>; message: string }[]): RelatedInformation[] {
  return items.map(({ at, message }) => ({ location: { file: at.source.path, range: rangeOf(at) }, message }));
}

/** The edits that bring every declaration to `version`: floors raised to it, lower runtimes and targets set to it. */
function unify(floors: readonly ReadFloor[], facts: readonly PythonFact[], version: Version): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of floors) {
    const { dialect, constraint } = f.fact.statement;
    if (compareMinor(f.lowest, version) < 0)
      edits.push(editAt(constraint.place, dialect.fix(constraint.text, f.value, version, version)));
  }
  for (const fact of facts) {
    const s = fact.statement;
    if (s.form === 'version') {
      const differs =
        fact.role === 'target' ? compareMinor(s.version, version) !== 0 : compareMinor(s.version, version) < 0;
      if (differs) edits.push(editAt(fact.place, s.quote + s.spell(version) + s.quote));
    } else if (s.form === 'targets') {
      const below = new Set(s.items.flatMap((item, i) => (compareMinor(item.version, version) < 0 ? [i] : [])));
      if (below.size > 0) edits.push(...s.keepFrom(s.spell(version), below));
    }
  }
  return edits;
}

/**
 * Python findings per project: a file's Python statements are compared with the floors of the nearest folder at or
 * above it that states one (a monorepo's projects each have their own), floors of one folder with each other.
 */
export function judgeConsistency(files: ReadonlyMap<string, readonly Fact[]>, standard: Standard): Finding[] {
  const floorsIn = new Map<string, ReadFloor[]>();
  const others: [string, PythonFact][] = [];
  for (const [file, list] of files) {
    for (const fact of list) {
      if (fact.kind !== 'python') continue;
      const floor = fact.role === 'floor' && fact.statement.form === 'range' ? readFloor(fact as Floor) : undefined;
      if (floor) {
        const dir = path.dirname(file);
        floorsIn.set(dir, [...(floorsIn.get(dir) ?? []), floor]);
      } else if (fact.role === 'runs' || fact.role === 'target') others.push([file, fact]);
    }
  }
  const projects = new Map<string, PythonFact[]>();
  for (const [file, fact] of others) {
    let dir = path.dirname(file);
    while (!floorsIn.has(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    if (floorsIn.has(dir)) projects.set(dir, [...(projects.get(dir) ?? []), fact]);
  }
  return [...floorsIn].flatMap(([dir, floors]) => judgeProject(floors, projects.get(dir) ?? [], standard));
}

function judgeProject(floors: readonly ReadFloor[], facts: readonly PythonFact[], standard: Standard): Finding[] {
  // The project's floor is its highest; fixes bring everything to it, or to the standard's minimum when that is higher.
  const floor = floors.reduce((a, b) => (compareMinor(b.lowest, a.lowest) > 0 ? b : a));
  const minimum = standard.python?.value;
  const version = minimum && compareMinor(minimum, floor.lowest) > 0 ? minimum : floor.lowest;
  const floorText = `${floor.fact.label} "${floor.fact.statement.constraint.text}"`;
  const floorRelated = related([
    {
      at: floor.fact.place,
      message: MESSAGES.disagrees(floor.fact.label, `"${floor.fact.statement.constraint.text}"`),
    },
  ]);
  const runs = facts.filter((f) => f.role === 'runs').flatMap(statedVersions);
  const targets = facts.filter((f) => f.role === 'target').flatMap(statedVersions);

  // The one fix every finding of the project shares, worked out only for a project that has a finding.
  let unified: Fix[] | undefined;
  const fixes = (): Fix[] => {
    if (unified) return unified;
    const edits = unify(floors, facts, version);
    unified =
      edits.length > 0
        ? [
            {
              title: MESSAGES.unifyTitle(show(version), new Set(edits.map((e) => e.file)).size),
              isPreferred: true,
              edits,
            },
          ]
        : [];
    return unified;
  };
  const fixesFor = (v: Version) => (compareMinor(v, version) < 0 ? fixes() : []);
  const findings: Finding[] = [];

  for (const f of floors) {
    if (f === floor || compareMinor(f.lowest, floor.lowest) >= 0) continue;
    const { label, statement } = f.fact;
    findings.push(
      findingAt(
        'python-inconsistent',
        f.fact.place,
        MESSAGES.floorsDisagree(label, statement.constraint.text, show(f.lowest), floorText),
        fixes(),
        undefined,
        floorRelated,
      ),
    );
  }
  for (const r of runs) {
    if (admitsOf(floor.fact.statement.dialect, floor, r.version)) continue;
    findings.push(
      findingAt(
        'python-inconsistent',
        placeOf(r),
        MESSAGES.notAdmitted(r.fact.label, r.shown, show(r.version), floorText),
        fixesFor(r.version),
        undefined,
        floorRelated,
      ),
    );
  }
  const oldest = runs.reduce<Stated | undefined>(
    (a, b) => (!a || compareMinor(b.version, a.version) < 0 ? b : a),
    undefined,
  );
  if (
    oldest &&
    compareMinor(floor.lowest, oldest.version) < 0 &&
    (!minimum || compareMinor(floor.lowest, minimum) >= 0)
  ) {
    const { label, statement, place } = floor.fact;
    const { dialect, constraint } = statement;
    const raised = dialect.fix(constraint.text, floor.value, oldest.version, oldest.version);
    findings.push(
      findingAt(
        'python-inconsistent',
        place,
        MESSAGES.floorBelowRuns(label, constraint.text, show(floor.lowest), show(oldest.version)),
        [
          {
            title: MESSAGES.raiseFloorTitle(label, show(oldest.version)),
            isPreferred: false,
            edits: [editAt(constraint.place, raised)],
          },
        ],
        undefined,
        related(runs.map((r) => ({ at: placeOf(r), message: MESSAGES.disagrees(r.fact.label, r.shown) }))),
      ),
    );
  }
  for (const t of targets) {
    const list = t.fact.statement.form === 'targets';
    // A list of targets (black's) may go above the floor; its lowest must not go below it. A single target is the floor.
    const differs = list ? compareMinor(t.version, floor.lowest) < 0 : compareMinor(t.version, floor.lowest) !== 0;
    if (!differs) continue;
    findings.push(
      findingAt(
        'python-inconsistent',
        placeOf(t),
        (list ? MESSAGES.targetBelow : MESSAGES.targetDiffers)(t.fact.label, t.shown, floorText, show(floor.lowest)),
        fixes(),
        undefined,
        floorRelated,
      ),
    );
  }
  return findings;
}
