// The end-of-life table and the rules that read it, on fixed days: before a version's end, within 90 days of it, and
// after it, on each platform's schedule.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { analyze, planFixes, type Finding } from '../../src/core';
import { textSource, type PythonFact } from '../../src/core/facts';
import { judge } from '../../src/core/rules';
import { judgeStandard } from '../../src/core/rules/standard';
import { BUILTIN_NAME } from '../../src/core/standard/builtin';
import { builtinStandard, loadStandard } from '../../src/core/standard/load';
import type { Standard } from '../../src/core/standard/model';
import {
  dayReached,
  defaultToday,
  LIFECYCLE,
  lifecycleOf,
  type LifecycleRow,
  type LifecycleSchedule,
} from '../../src/core/versions/lifecycle';
import { dottedMinorVersion, majorMinor } from '../../src/core/versions/runtimes';
import { CLI, ensureCliBuilt, memoryFileSystem, range, tempProject } from '../helpers';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const v = (text: string) => dottedMinorVersion(text)!;
const SCHEDULES = Object.keys(LIFECYCLE) as LifecycleSchedule[];

/** A standard file's standard (over nothing else), read from memory. */
function standardOf(yaml: string): Standard {
  const { standard, errors } = loadStandard(
    '/org/stack-standard.yaml',
    memoryFileSystem({ '/org/stack-standard.yaml': yaml }),
  );
  assert.deepEqual(errors, []);
  return standard;
}

describe('the end-of-life table', () => {
  const rows = SCHEDULES.flatMap((s) => LIFECYCLE[s].map((row): [LifecycleSchedule, LifecycleRow] => [s, row]));

  it('gives every row its source page and the day it was last read there', () => {
    assert.ok(rows.length > 30);
    for (const [schedule, row] of rows) {
      const what = `${schedule} ${row.version}`;
      assert.match(row.source, /^https:\/\/[a-z.]+\/\S+$/, what);
      assert.match(row.checked, /^\d{4}-\d{2}-\d{2}$/, what);
      assert.ok(!Number.isNaN(Date.parse(row.checked)), what);
      assert.ok(row.checked <= new Date().toISOString().slice(0, 10), `${what}: checked in the future`);
    }
  });

  it('gives each row the dates of its schedule, each a real day or month, in order', () => {
    for (const [schedule, row] of rows) {
      const what = `${schedule} ${row.version}`;
      assert.match(row.version, /^3\.\d+$/, what);
      const dates = [row.endOfLife, row.endOfSupport, row.deprecation, row.decommission].filter((d) => d !== undefined);
      assert.ok(dates.length > 0, what);
      for (const d of dates) {
        assert.match(d, /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, what);
        assert.ok(!Number.isNaN(dayReached(d)), what);
      }
      if (schedule === 'python.org') assert.deepEqual([row.endOfLife !== undefined, row.runtime], [true, undefined]);
      else {
        assert.equal(row.runtime, `python${row.version.replace('.', '')}`, what);
        assert.equal(row.endOfLife, undefined, what);
      }
      if (schedule === 'cloud-functions' || schedule === 'cloud-run') {
        assert.ok(row.deprecation && row.decommission, what);
        assert.ok(
          dayReached(row.deprecation) < dayReached(row.decommission),
          `${what}: deprecated before decommissioned`,
        );
      }
      if (schedule === 'app-engine-standard') assert.ok(row.endOfSupport, what);
    }
  });

  it('lists each schedule newest first, each version once, a newer version ending later', () => {
    for (const schedule of SCHEDULES) {
      const versions = LIFECYCLE[schedule].map((r) => majorMinor(v(r.version)).map(Number));
      const sorted = [...versions].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
      assert.deepEqual(versions, sorted, schedule);
      assert.equal(new Set(LIFECYCLE[schedule].map((r) => r.version)).size, versions.length, schedule);
      const ends = LIFECYCLE[schedule].map((r) => dayReached(r.endOfLife ?? r.endOfSupport ?? r.deprecation ?? ''));
      assert.deepEqual(
        ends,
        [...ends].sort((a, b) => b - a),
        schedule,
      );
    }
  });

  it("covers CPython 3.6 to 3.14 on python.org's schedule and 3.7 to 3.14 on Google Cloud's", () => {
    const versions = (s: LifecycleSchedule) => LIFECYCLE[s].map((r) => r.version).join(' ');
    assert.equal(versions('python.org'), '3.14 3.13 3.12 3.11 3.10 3.9 3.8 3.7 3.6');
    for (const s of ['cloud-functions', 'cloud-run', 'app-engine-standard'] as const)
      assert.equal(versions(s), '3.14 3.13 3.12 3.11 3.10 3.9 3.8 3.7', s);
    // Not read: its Python facts take python.org's dates.
    assert.deepEqual(LIFECYCLE['app-engine-flexible'], []);
  });
});

describe('where a version stands on a day', () => {
  const status = (version: string, platform: LifecycleSchedule | undefined, iso: string) => {
    const life = lifecycleOf(v(version), platform, day(iso));
    return life && `${life.schedule} ${life.status}`;
  };

  it("counts a month of python.org's from the day after it ends, and warns from 90 days before that", () => {
    // 3.10: October 2026, so certainly over from 2026-11-01; 90 days before that is 2026-08-03.
    assert.equal(status('3.10', undefined, '2026-08-02'), 'python.org supported');
    assert.equal(status('3.10', undefined, '2026-08-03'), 'python.org soon');
    assert.equal(status('3.10', undefined, '2026-10-31'), 'python.org soon');
    assert.equal(status('3.10', undefined, '2026-11-01'), 'python.org past');
  });

  it('counts a day from that day, and warns from 90 days before it', () => {
    // 3.9: 2025-10-31.
    assert.equal(status('3.9', undefined, '2025-08-01'), 'python.org supported');
    assert.equal(status('3.9', undefined, '2025-08-02'), 'python.org soon');
    assert.equal(status('3.9', undefined, '2025-10-30'), 'python.org soon');
    assert.equal(status('3.9', undefined, '2025-10-31'), 'python.org past');
  });

  it("takes the platform's schedule where it lists the version, else python.org's", () => {
    // Cloud Functions deprecates python310 on 2026-10-04, python.org ends 3.10 in October 2026.
    assert.equal(status('3.10', 'cloud-functions', '2026-10-04'), 'cloud-functions past');
    assert.equal(status('3.10', 'cloud-run', '2026-10-03'), 'cloud-run soon');
    assert.equal(status('3.10', 'app-engine-standard', '2026-10-04'), 'app-engine-standard past');
    assert.equal(status('3.10', undefined, '2026-10-04'), 'python.org soon');
    assert.equal(status('3.10', 'app-engine-flexible', '2026-10-04'), 'python.org soon');
    assert.equal(status('3.6', 'cloud-functions', '2026-10-04'), 'python.org past');
    assert.equal(status('3.15', 'cloud-run', '2026-10-04'), undefined);
    assert.equal(status('3.5', undefined, '2026-10-04'), undefined);
  });

  it('judges by the day STACK_STANDARD_TODAY names when the caller gives none', () => {
    const before = process.env.STACK_STANDARD_TODAY;
    try {
      process.env.STACK_STANDARD_TODAY = '2031-02-03';
      assert.equal(defaultToday().toISOString(), '2031-02-03T00:00:00.000Z');
      process.env.STACK_STANDARD_TODAY = 'next tuesday';
      assert.ok(Math.abs(defaultToday().getTime() - Date.now()) < 60_000);
    } finally {
      process.env.STACK_STANDARD_TODAY = before;
    }
  });
});

/** The findings of `fact`-like statements of what a project runs, judged on `iso`. */
function judged(facts: PythonFact[], standard: Standard, iso: string): Finding[] {
  return JSON.parse(JSON.stringify(judge(facts, standard, day(iso)))) as Finding[];
}

/** A statement that the project runs `runtime` (`python311`) on `platform`, as a deployment file would read it. */
function runtimeFact(text: string, runtime: string, platform: PythonFact['platform']): PythonFact {
  const start = text.indexOf(runtime);
  return {
    kind: 'python',
    label: 'of app',
    role: 'runs',
    platform,
    judgedBy: 'cloud-functions-runtime',
    place: { source: textSource('/p/deploy.txt', text), start, end: start + runtime.length },
    statement: {
      form: 'version',
      version: v(`${runtime[6]}.${runtime.slice(7)}`),
      shown: runtime,
      spell: (x) => `python${majorMinor(x).join('')}`,
      quote: '',
    },
  };
}

describe('the end-of-life rule', () => {
  const builtin = builtinStandard();
  const FILE = '/p/.python-version';
  const pythonVersion = (text: string, standard: Standard, iso: string) =>
    JSON.parse(
      JSON.stringify(analyze({ path: FILE, text }, { standard, fs: memoryFileSystem({}), today: day(iso) })),
    ) as Finding[];
  // The built-in standard's floor, with a runtime it names for deployments.
  const withRuntime = standardOf('extends: builtin\npython: { minimum: "3.10", runtime: "3.12" }\n');
  const runtimeRelated = [
    {
      location: { file: '/org/stack-standard.yaml', range: range(1, 27, 1, 42) },
      message: 'The Python runtime 3.12 is set here by the standard',
    },
  ];

  it("on python.org's dates: nothing before, a warning that says the date within 90 days, an error after", () => {
    assert.deepEqual(pythonVersion('3.11\n', builtin, '2027-07-01'), []);
    assert.deepEqual(pythonVersion('3.11\n', builtin, '2027-08-15'), [
      {
        code: 'runtime-end-of-life-soon',
        severity: 'warning',
        message: '.python-version 3.11: Python 3.11 reaches its end of life in October 2027 (python.org)',
        file: FILE,
        range: range(0, 0, 0, 4),
        fixes: [],
      },
    ]);
    assert.deepEqual(pythonVersion('3.9.18\n', standardOf('python: "3.9"\n'), '2025-11-02'), [
      {
        code: 'runtime-end-of-life',
        severity: 'error',
        message: '.python-version 3.9.18: Python 3.9 reached its end of life on 2025-10-31 (python.org)',
        file: FILE,
        range: range(0, 0, 0, 6),
        fixes: [],
      },
    ]);
  });

  it("fixes to the standard's runtime where it is newer and not past its own end, in the file's spelling", () => {
    const findings = pythonVersion('cpython-3.10\n', withRuntime, '2026-12-07');
    assert.deepEqual(findings, [
      {
        code: 'runtime-end-of-life',
        severity: 'error',
        message: '.python-version 3.10: Python 3.10 reached its end of life in October 2026 (python.org)',
        file: FILE,
        range: range(0, 8, 0, 12),
        fixes: [
          {
            title: 'Change to 3.12',
            isPreferred: true,
            edits: [{ file: FILE, range: range(0, 8, 0, 12), newText: '3.12' }],
          },
        ],
        related: runtimeRelated,
      },
    ]);
    const fixed = planFixes(findings, () => 'cpython-3.10\n').texts.get(FILE);
    assert.equal(fixed, 'cpython-3.12\n');
    assert.deepEqual(pythonVersion(fixed, withRuntime, '2026-12-07'), []);
    // A runtime that is itself past its end is no way out: no fix.
    assert.deepEqual(
      pythonVersion('3.10\n', withRuntime, '2028-11-01').map((f) => [f.message, f.fixes]),
      [['.python-version 3.10: Python 3.10 reached its end of life in October 2026 (python.org)', []]],
    );
  });

  it('leaves a version the standard already reports as below its minimum to that finding', () => {
    assert.deepEqual(
      pythonVersion('3.8\n', builtin, '2026-12-07').map((f) => f.code),
      ['python-below-minimum'],
    );
  });

  it('leaves a list alone while it holds a supported Python, and judges it once none is', () => {
    // Testing the oldest Pythons a project supports beside current ones is good practice.
    assert.deepEqual(pythonVersion('3.10\r\n3.11\r\n3.12\r\n', builtin, '2027-08-15'), []);
    // 3.10 is past, 3.11 ends within 90 days: nothing the list runs on is supported any longer. The past one goes.
    const text = '3.10\r\n3.11\r\n';
    assert.deepEqual(
      pythonVersion(text, builtin, '2027-08-15').map((f) => [f.code, f.range, f.message, f.fixes]),
      [
        [
          'runtime-end-of-life',
          range(0, 0, 0, 4),
          '.python-version 3.10: Python 3.10 reached its end of life in October 2026 (python.org)',
          [
            {
              title: 'Drop the Pythons past their end of life',
              isPreferred: true,
              edits: [{ file: FILE, range: range(0, 0, 1, 0), newText: '' }],
            },
          ],
        ],
        [
          'runtime-end-of-life-soon',
          range(1, 0, 1, 4),
          '.python-version 3.11: Python 3.11 reaches its end of life in October 2027 (python.org)',
          [],
        ],
      ],
    );
  });

  it("replaces a list whose every entry is past its end with the standard's runtime, when it has one", () => {
    const text = '3.10\n3.11\n';
    const findings = pythonVersion(text, withRuntime, '2027-11-15');
    assert.deepEqual(
      findings.map((f) => [f.code, f.range, f.fixes.map((x) => x.title), f.related]),
      [
        [
          'runtime-end-of-life',
          range(0, 0, 0, 4),
          ['Replace the Pythons past their end of life with 3.12'],
          runtimeRelated,
        ],
        [
          'runtime-end-of-life',
          range(1, 0, 1, 4),
          ['Replace the Pythons past their end of life with 3.12'],
          runtimeRelated,
        ],
      ],
    );
    assert.equal(planFixes(findings, () => text).texts.get(FILE), '3.12\n');
    assert.deepEqual(
      pythonVersion(text, builtin, '2027-11-15').map((f) => f.fixes),
      [[], []],
    );
  });

  it("judges a Cloud Functions runtime in Terraform on Cloud Functions' deprecation and decommission dates", () => {
    const tf = 'resource "google_cloudfunctions_function" "fn" {\n  runtime = "python311"\n}\n';
    const file = path.join('/p', 'main.tf');
    const standard = standardOf(
      'python: { minimum: "3.10", runtime: "3.13" }\nterraform:\n  cloudFunctionsRuntime: python310\n',
    );
    const found = (iso: string) =>
      analyze({ path: file, text: tf }, { standard, fs: memoryFileSystem({}), today: day(iso) }).map((f) => [
        f.code,
        f.message,
        f.fixes.map((x) => x.edits.map((e) => e.newText)),
      ]);
    const subject = 'Runtime python311 of google_cloudfunctions_function.fn';
    assert.deepEqual(found('2027-07-25'), []);
    assert.deepEqual(found('2027-07-26'), [
      ['runtime-end-of-life-soon', `${subject}: Cloud Functions deprecates python311 on 2027-10-24`, [['python313']]],
    ]);
    assert.deepEqual(found('2027-10-24'), [
      [
        'runtime-end-of-life',
        `${subject}: Cloud Functions deprecated python311 on 2027-10-24 and decommissions it on 2028-04-24, when deployments are refused`,
        [['python313']],
      ],
    ]);
    assert.deepEqual(found('2028-04-24'), [
      [
        'runtime-end-of-life',
        `${subject}: Cloud Functions deprecated python311 on 2027-10-24 and decommissioned it on 2028-04-24`,
        [['python313']],
      ],
    ]);
  });

  it("judges Cloud Run and App Engine runtimes on their platforms' schedules, App Engine flexible on python.org's", () => {
    const text = 'runtime: python310\n';
    const facts = (['cloud-run', 'app-engine-standard', 'app-engine-flexible'] as const).map((p) =>
      runtimeFact(text, 'python310', p),
    );
    const standard = standardOf('python: "3.10"\n');
    assert.deepEqual(judged(facts, standard, '2026-07-05'), []);
    const at = range(0, 9, 0, 18);
    const shown = (iso: string) => judged(facts, standard, iso).map((f) => [f.code, f.range, f.message]);
    assert.deepEqual(shown('2026-07-06'), [
      ['runtime-end-of-life-soon', at, 'Runtime python310 of app: Cloud Run deprecates python310 on 2026-10-04'],
      [
        'runtime-end-of-life-soon',
        at,
        'Runtime python310 of app: App Engine standard ends support for python310 on 2026-10-04',
      ],
    ]);
    assert.deepEqual(shown('2026-08-03'), [
      ['runtime-end-of-life-soon', at, 'Runtime python310 of app: Cloud Run deprecates python310 on 2026-10-04'],
      [
        'runtime-end-of-life-soon',
        at,
        'Runtime python310 of app: App Engine standard ends support for python310 on 2026-10-04',
      ],
      [
        'runtime-end-of-life-soon',
        at,
        'Runtime python310 of app: Python 3.10 reaches its end of life in October 2026 (python.org)',
      ],
    ]);
    assert.deepEqual(shown('2026-11-01'), [
      [
        'runtime-end-of-life',
        at,
        'Runtime python310 of app: Cloud Run deprecated python310 on 2026-10-04 and decommissions it on 2027-04-04, when deployments are refused',
      ],
      [
        'runtime-end-of-life',
        at,
        'Runtime python310 of app: App Engine standard ended support for python310 on 2026-10-04',
      ],
      [
        'runtime-end-of-life',
        at,
        'Runtime python310 of app: Python 3.10 reached its end of life in October 2026 (python.org)',
      ],
    ]);
  });

  it('judges only what the project runs: a floor or a tool target is not a runtime', () => {
    const pyproject = '[project]\nrequires-python = ">=3.10"\n[tool.black]\ntarget-version = ["py310"]\n';
    assert.deepEqual(
      analyze(
        { path: '/p/pyproject.toml', text: pyproject },
        { standard: builtin, fs: memoryFileSystem({}), today: day('2030-01-01') },
      ),
      [],
    );
  });
});

describe("the standard's own end of life", () => {
  const FILE = '/org/stack-standard.yaml';

  it("is on the entry that sets the version: the floor's, and the runtime's when it is another version", () => {
    const standard = standardOf('extends: builtin\npython:\n  minimum: "3.10"\n  runtime: "3.11"\n');
    assert.deepEqual(judgeStandard(standard, day('2026-07-01')), []);
    assert.deepEqual(judgeStandard(standard, day('2026-12-07')), [
      {
        code: 'standard-end-of-life',
        severity: 'warning',
        message: "The standard's floor 3.10 reached its end of life in October 2026 (python.org)",
        file: FILE,
        range: range(2, 2, 2, 17),
        fixes: [],
      },
    ]);
    assert.deepEqual(
      judgeStandard(standard, day('2027-09-01')).map((f) => [f.message, f.range]),
      [
        ["The standard's floor 3.10 reached its end of life in October 2026 (python.org)", range(2, 2, 2, 17)],
        ["The standard's runtime 3.11 reaches its end of life in October 2027 (python.org)", range(3, 2, 3, 17)],
      ],
    );
  });

  it('is one finding for a floor and runtime of one version, and names the built-in standard as its file', () => {
    assert.deepEqual(
      judgeStandard(standardOf('python: "3.11"\n'), day('2027-12-01')).map((f) => [f.message, f.range]),
      [["The standard's floor 3.11 reached its end of life in October 2027 (python.org)", range(0, 0, 0, 14)]],
    );
    assert.deepEqual(
      judgeStandard(builtinStandard(), day('2026-12-07')).map((f) => [f.file, f.message]),
      [
        [
          BUILTIN_NAME,
          "The built-in standard's floor and runtime 3.10 reached its end of life in October 2026 (python.org)",
        ],
      ],
    );
  });

  describe('in the CLI', () => {
    before(ensureCliBuilt);

    /** What a run the built-in standard governs says last on stderr, once its Python 3.10 has ended. */
    const BUILTIN_NOTE =
      "stack-standard: note: the built-in standard's floor and runtime 3.10 reached its end of life in October 2026 (python.org); a stack-standard.yaml can set newer versions (python: { minimum, runtime })\n";

    /** `stack-standard check …` in `dir` on the day `today`. */
    const run = (dir: string, today: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, 'check', ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, STACK_STANDARD_TODAY: today },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it("is reported on the standard file that sets the version, once, and the built-in standard's as a note", () => {
      const dir = tempProject({
        'stack-standard.yaml': 'extends: builtin\npython:\n  minimum: "3.10"\n  runtime: "3.12"\n',
        'a/.python-version': '3.12\n',
        'b/.python-version': '3.13\n',
        'other/stack-standard.yaml': 'extends: builtin\n',
        'other/.python-version': '3.12\n',
      });
      const r = run(dir, '2026-12-07');
      assert.deepEqual(r, {
        code: 1,
        stdout:
          "stack-standard.yaml:3:3: warning standard-end-of-life The standard's floor 3.10 reached its end of life in October 2026 (python.org)\n" +
          '1 problem (0 errors, 1 warning)\n',
        stderr: BUILTIN_NOTE,
      });
      // Named on the command line, as the pre-commit hook does, the standard file is checked itself.
      assert.equal(run(dir, '2026-12-07', 'stack-standard.yaml').stdout, r.stdout);
    });

    it('judges on the day STACK_STANDARD_TODAY names', () => {
      const dir = tempProject({ '.python-version': '3.10\n' });
      assert.deepEqual(run(dir, '2026-05-01'), { code: 0, stdout: '', stderr: '' });
      assert.deepEqual(run(dir, '2026-12-07'), {
        code: 1,
        stdout:
          '.python-version:1:1: error runtime-end-of-life .python-version 3.10: Python 3.10 reached its end of life in October 2026 (python.org)\n' +
          '1 problem (1 error, 0 warnings)\n',
        stderr: BUILTIN_NOTE,
      });
    });
  });
});
