// Golden-file tests over fixture folders: the files as a user has them, the findings on them and the files after one
// run of the fixer, each kept as a file a reviewer reads. One case is a folder test/fixtures/<kind>/<case>/ holding
//   input/          the files as a user has them; a stack-standard.yaml among them is the standard that governs them
//   expected.json   the findings of a check of input/ as the CLI makes it (with their related places), every path
//                   relative to input/, in the CLI's order
//   fixed/          the files one run of the fixer changes or creates, as it leaves them; none when it changes nothing
//   remaining.json  the findings on the files after that run, beside fixed/
// A second run of the fixer must change nothing. To write expected.json, fixed/ and remaining.json anew from what the
// engine does now (never by default, and refused under CI):
//   UPDATE_GOLDEN=1 npx mocha test/unit/<file>.test.ts
// then review every change with `git diff test/fixtures` before committing it: a golden file is a claim about the
// product, and writing it makes its test pass whatever the engine does.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkRepositories,
  nodeFileSystem,
  overlayFileSystem,
  planFixes,
  relativePath,
  STANDARD_FILE_NAMES,
  StandardResolver,
  stripBom,
  type Finding,
  type TextEdit,
} from '../../src/core';
import { FIXTURES } from './index';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

export interface GoldenOptions {
  /** What each case shows, by case name: every case has a line, shown in its test's title. */
  about?: Record<string, string>;
  /** The text of the stack-standard.yaml put beside the input files of a case that has none of its own. */
  standard?: string;
  /**
   * Also check each case with every line ending CRLF: the same findings, CRLF in the text fixes insert, and the fixed
   * files in CRLF.
   */
  crlf?: boolean;
  /** More to assert of each file a run of the fixer changes: its case, its path in input/, its text before and after. */
  afterFix?: (change: { name: string; file: string; before: string; after: string }) => void;
}

/** What a check and two runs of the fixer give on a copy of a case's input. */
interface CaseRun {
  /** The input files by relative path, as copied. */
  input: Map<string, string>;
  findings: Finding[];
  /** Edits the first run left for a second because they overlap one it made. */
  skipped: TextEdit[];
  /** The files the first run changed or created, by relative path, as it leaves them. */
  fixed: Map<string, string>;
  /** The findings after the first run. */
  remaining: Finding[];
  /** The files a second run would change. */
  again: string[];
}

/** Every file below `dir`, by path relative to it (with `/`), as UTF-8 text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(relativePath(file, dir), fs.readFileSync(file, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const toCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** Findings with every path relative to `root`, as plain data (the JSON round trip drops what is undefined). */
function relative(findings: readonly Finding[], root: string): Finding[] {
  const rel = (file: string) => relativePath(file, root);
  return JSON.parse(
    JSON.stringify(
      findings.map((f) => ({
        ...f,
        file: rel(f.file),
        fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, file: rel(e.file) })) })),
        related: f.related?.map((r) => ({ ...r, location: { ...r.location, file: rel(r.location.file) } })),
      })),
    ),
  ) as Finding[];
}

/** The same findings for a file whose lines end in CRLF: the text a fix inserts ends its lines the same way. */
function crlfFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, newText: toCrlf(e.newText) })) })),
  }));
}

/** Checks a copy of `input` (with CRLF line endings if asked) as the CLI does, runs the fixer once, checks again. */
function runCase(input: string, standard: string | undefined, crlf: boolean): CaseRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-golden-'));
  fs.cpSync(input, root, { recursive: true });
  const copied = readTree(root);
  if (crlf)
    for (const [file, text] of copied) {
      copied.set(file, toCrlf(text));
      fs.writeFileSync(path.join(root, file), toCrlf(text));
    }
  if (standard !== undefined && !STANDARD_FILE_NAMES.some((name) => copied.has(name)))
    fs.writeFileSync(path.join(root, 'stack-standard.yaml'), standard);
  const files = overlayFileSystem(nodeFileSystem);
  const check = () => {
    // The standard is looked for up to the case's folder, never above it.
    const standards = new StandardResolver(files, undefined, root);
    const { files: found, invalid } = checkRepositories([root], { fs: files, standards, relativeTo: root });
    assert.equal(invalid, undefined, `the standard of ${input} loads`);
    return found.flatMap((f) => f.findings);
  };
  const read = (file: string) => {
    const text = files.readFile(file);
    return text === undefined ? undefined : stripBom(text);
  };
  const changes = (texts: Map<string, string>) =>
    [...texts].filter(([file, text]) => text !== read(file) || !files.exists(file));
  const findings = check();
  const plan = planFixes(findings, read);
  const fixed = new Map<string, string>();
  for (const [file, text] of changes(plan.texts)) {
    // A byte-order mark stays, as --fix keeps it; a file the fixer creates has none.
    fixed.set(relativePath(file, root), (nodeFileSystem.readDecoded?.(file)?.encoding.bom ? '\ufeff' : '') + text);
    files.write(file, text);
  }
  const remaining = check();
  const again = changes(planFixes(remaining, read).texts).map(([file]) => relativePath(file, root));
  fs.rmSync(root, { recursive: true, force: true });
  return {
    input: copied,
    findings: relative(findings, root),
    skipped: plan.skipped,
    fixed,
    remaining: relative(remaining, root),
    again,
  };
}

/** JSON as a reviewer reads it: two-space indents, and each range on one line. */
function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)
    .replace(/\{\n\s*"line": (\d+),\n\s*"character": (\d+)\n\s*\}/g, '{ "line": $1, "character": $2 }')
    .replace(/\{\n\s*"start": (\{[^{}\n]*\}),\n\s*"end": (\{[^{}\n]*\})\n\s*\}/g, '{ "start": $1, "end": $2 }')}\n`;
}

function readJson(file: string): Finding[] {
  assert.ok(fs.existsSync(file), `${file} is missing: write it with UPDATE_GOLDEN=1 and review it`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Finding[];
}

/** The golden files of one case. */
export class GoldenCase {
  readonly dir: string;

  constructor(
    readonly kind: string,
    readonly name: string,
  ) {
    this.dir = path.join(FIXTURES, kind, name);
  }

  /** The text of one of the input files. */
  input(file: string): string {
    return fs.readFileSync(path.join(this.dir, 'input', file), 'utf8');
  }

  /** The text of an input file after one run of the fixer (the input's own when the fixer leaves it). */
  fixed(file: string): string {
    const fixed = path.join(this.dir, 'fixed', file);
    return fs.existsSync(fixed) ? fs.readFileSync(fixed, 'utf8') : this.input(file);
  }

  /** The findings on the input, as expected.json holds them. */
  expected(): Finding[] {
    return readJson(path.join(this.dir, 'expected.json'));
  }
}

/** The cases of a kind: the folders of test/fixtures/<kind> that hold an input folder, by name. */
export function readGoldenCases(kind: string): GoldenCase[] {
  const dir = path.join(FIXTURES, kind);
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'input')))
    .sort()
    .map((name) => new GoldenCase(kind, name));
}

/**
 * One test suite over every case of a kind: a check of its input gives expected.json; one run of the fixer gives the
 * files in fixed/ (and changes nothing when there is no fixed/), after which the findings are remaining.json and a
 * second run changes nothing. See the head of this file for the layout and how to write the files anew.
 */
export function goldenCases(kind: string, options: GoldenOptions = {}): void {
  describe(`${kind} golden cases`, () => {
    const cases = readGoldenCases(kind);
    before(() => {
      if (UPDATE && process.env.CI) throw new Error('UPDATE_GOLDEN rewrites what the tests compare with: not under CI');
    });

    if (options.about)
      it('says what each case shows', () => {
        assert.deepEqual(
          Object.keys(options.about ?? {}).sort(),
          cases.map((c) => c.name),
        );
      });

    for (const golden of cases) {
      const file = (name: string) => path.join(golden.dir, name);
      const input = file('input');
      // A case without a line break to change has no CRLF variant: it would repeat the case.
      const hasLines = [...readTree(input).values()].some((text) => toCrlf(text) !== text);

      const about = options.about?.[golden.name];
      describe(about ? `${golden.name}: ${about}` : golden.name, () => {
        let run: CaseRun;
        before(() => {
          run = runCase(input, options.standard, false);
        });

        it('a check finds what expected.json holds', () => {
          if (UPDATE) fs.writeFileSync(file('expected.json'), formatJson(run.findings));
          assert.deepEqual(run.findings, golden.expected());
        });

        it('one run of the fixer gives fixed/ and leaves remaining.json; a second run changes nothing', () => {
          if (UPDATE) {
            fs.rmSync(file('fixed'), { recursive: true, force: true });
            fs.rmSync(file('remaining.json'), { force: true });
            for (const [name, text] of run.fixed) {
              fs.mkdirSync(path.dirname(path.join(file('fixed'), name)), { recursive: true });
              fs.writeFileSync(path.join(file('fixed'), name), text);
            }
            if (run.fixed.size > 0) fs.writeFileSync(file('remaining.json'), formatJson(run.remaining));
          }
          const fixed = readTree(file('fixed'));
          if (fixed.size === 0) assert.ok(!fs.existsSync(file('remaining.json')), 'remaining.json goes with fixed/');
          assertFixed(golden.name, run, fixed, () => readJson(file('remaining.json')), options);
        });

        if (options.crlf && hasLines)
          it('with CRLF line endings: the same findings, fixes that write CRLF, and the same fixed files in CRLF', () => {
            const crlf = runCase(input, options.standard, true);
            assert.deepEqual(crlf.findings, crlfFindings(golden.expected()));
            const fixed = new Map([...readTree(file('fixed'))].map(([name, text]) => [name, toCrlf(text)]));
            assertFixed(golden.name, crlf, fixed, () => crlfFindings(readJson(file('remaining.json'))), options);
          });
      });
    }
  });
}

function assertFixed(
  name: string,
  run: CaseRun,
  fixed: Map<string, string>,
  remaining: () => Finding[],
  { afterFix }: GoldenOptions,
): void {
  assert.deepEqual(run.skipped, [], 'no edit waits for a second run');
  assert.deepEqual(Object.fromEntries(run.fixed), Object.fromEntries(fixed), 'the files the fixer changes');
  if (fixed.size > 0) assert.deepEqual(run.remaining, remaining(), 'the findings after the fix');
  assert.deepEqual(run.again, [], 'a second run changes nothing');
  for (const [file, after] of run.fixed) afterFix?.({ name, file, before: run.input.get(file) ?? '', after });
}
