import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  applyEdits,
  loadStandard,
  nodeFileSystem,
  preferredEdits,
  type Finding,
  type Range,
  type Standard,
} from '../../src/core';
import { parseHcl } from '../../src/core/formats/hcl';
import { ensureCliBuilt, runCli, tempProject, parseCliJson } from '../helpers';
import { GoldenCase, goldenCases } from '../helpers/golden';

const FIXTURES = path.join(__dirname, '../fixtures/terraform');

// The standard's Terraform section exactly as the issue writes it.
const TERRAFORM_SECTION = `terraform:
  cloudFunctionsRuntime: python310    # the oldest Python runtime allowed
  requiredVersion: "1.5.0"            # optional: minimum Terraform
  providers:                          # optional: minimum provider versions
    hashicorp/google: "5.0.0"
`;

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const tfFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort();

/** A copy of a fixture module in a temporary folder, optionally with CRLF line breaks. */
function copyModule(module: string, convert: (text: string) => string = (t) => t): string {
  const dir = tempProject({});
  for (const name of tfFiles(path.join(FIXTURES, module, 'input')))
    fs.writeFileSync(
      path.join(dir, name),
      convert(fs.readFileSync(path.join(FIXTURES, module, 'input', name), 'utf8')),
    );
  return dir;
}

/** A finding as plain data: ranges as 0-based `line:character-line:character`, files by name within their module. */
interface Shown {
  code: string;
  severity: string;
  file: string;
  range: string;
  message: string;
  fixes: { title: string; preferred: boolean; edits: [string, string, string][] }[];
  related?: string[];
}

function show(f: Finding): Shown {
  const shown: Shown = {
    code: f.code,
    severity: f.severity,
    file: path.basename(f.file),
    range: at(f.range),
    message: f.message,
    fixes: f.fixes.map((x) => ({
      title: x.title,
      preferred: x.isPreferred === true,
      edits: x.edits.map((e): [string, string, string] => [path.basename(e.file), at(e.range), e.newText]),
    })),
  };
  if (f.related)
    shown.related = f.related.map((r) => `${path.basename(r.location.file)} ${at(r.location.range)}: ${r.message}`);
  return shown;
}

let standard: Standard;

function findings(file: string): Finding[] {
  return analyze({ path: file, text: fs.readFileSync(file, 'utf8') }, { standard, fs: nodeFileSystem });
}

/** Every finding of every .tf file in `dir`, shown. */
function checkModule(dir: string): Shown[] {
  return tfFiles(dir).flatMap((name) => findings(path.join(dir, name)).map(show));
}

/** One run of the fixer over a module on disk; the files it changed. */
function fixOnce(dir: string): string[] {
  const all = tfFiles(dir).flatMap((name) => findings(path.join(dir, name)));
  const changed: string[] = [];
  for (const [file, edits] of preferredEdits(all)) {
    const text = fs.readFileSync(file, 'utf8');
    const next = applyEdits(text, edits).text;
    if (next !== text) {
      fs.writeFileSync(file, next);
      changed.push(path.basename(file));
    }
  }
  return changed;
}

const RUNTIME = 'stack-standard.yaml 1:2-1:34: The runtime python310 is set here by the standard';
const VERSION = 'stack-standard.yaml 2:2-2:26: The minimum 1.5.0 is set here by the standard';
const GOOGLE = 'stack-standard.yaml 4:4-4:29: The minimum 5.0.0 is set here by the standard';

/** `runtime-below-minimum` on `range` of `file`, fixed to python310 in place. */
function runtime(file: string, range: string, message: string): Shown {
  return {
    code: 'runtime-below-minimum',
    severity: 'warning',
    file,
    range,
    message,
    fixes: [{ title: 'Change the runtime to python310', preferred: true, edits: [[file, range, 'python310']] }],
    related: [RUNTIME],
  };
}

/** A version finding on `range` of `file` whose fix writes `newText` there. */
function constraint(
  code: 'below-minimum' | 'conflicts-with-minimum',
  file: string,
  range: string,
  message: string,
  newText: string,
): Shown {
  return {
    code,
    severity: 'warning',
    file,
    range,
    message,
    fixes: [{ title: `Change to "${newText}"`, preferred: true, edits: [[file, range, newText]] }],
    related: [message.startsWith('required_version') ? VERSION : GOOGLE],
  };
}

const FUNCTIONS: Shown[] = [
  runtime(
    'main.tf',
    '3:17-3:25',
    'Runtime python39 of google_cloudfunctions_function.ingest is older than the standard runtime python310',
  ),
  // `var.local_runtime` is declared in the same file.
  runtime(
    'main.tf',
    '47:13-47:21',
    'Runtime python37 (the default of variable "local_runtime", used by google_cloudfunctions_function.local) is older than the standard runtime python310',
  ),
  runtime(
    'main.tf',
    '22:19-22:27',
    'Runtime python38 of google_cloudfunctions2_function.report is older than the standard runtime python310',
  ),
  // `var.runtime` is declared in another file of the module: the finding and the fix go there.
  runtime(
    'variables.tf',
    '3:17-3:25',
    'Runtime python39 (the default of variable "runtime", used by google_cloudfunctions2_function.scheduled) is older than the standard runtime python310',
  ),
];

const CONSTRAINTS: Record<string, Shown[]> = {
  'current.tf': [],
  'exact.tf': [
    constraint(
      'conflicts-with-minimum',
      'exact.tf',
      '1:22-1:29',
      'required_version "= 1.4.2" admits no version at or above the standard minimum 1.5.0',
      '= 1.5.0',
    ),
    // The registry host is part of the address Terraform writes out; it is the same provider.
    constraint(
      'conflicts-with-minimum',
      'exact.tf',
      '6:17-6:22',
      'Provider registry.terraform.io/hashicorp/google version "4.2.0" admits no version at or above the standard minimum 5.0.0',
      '5.0.0',
    ),
  ],
  'exclusions.tf': [
    constraint(
      'below-minimum',
      'exclusions.tf',
      '1:22-1:30',
      'required_version "!= 1.4.0" admits versions below the standard minimum 1.5.0',
      '>= 1.5.0, != 1.4.0',
    ),
    constraint(
      'below-minimum',
      'exclusions.tf',
      '6:17-6:30',
      'Provider hashicorp/google version ">=3.0,!=5.1.0" admits versions below the standard minimum 5.0.0',
      '>=5.0.0,!=5.1.0',
    ),
  ],
  'legacy.tf': [
    constraint(
      'below-minimum',
      'legacy.tf',
      '3:14-3:20',
      'Provider hashicorp/google version ">= 3.5" admits versions below the standard minimum 5.0.0',
      '>= 5.0.0',
    ),
  ],
  'pessimistic.tf': [
    constraint(
      'conflicts-with-minimum',
      'pessimistic.tf',
      '1:22-1:30',
      'required_version "~> 1.4.0" admits no version at or above the standard minimum 1.5.0',
      '~> 1.5.0',
    ),
    constraint(
      'conflicts-with-minimum',
      'pessimistic.tf',
      '6:17-6:23',
      'Provider hashicorp/google version "~> 4.0" admits no version at or above the standard minimum 5.0.0',
      '~> 5.0',
    ),
  ],
  'range.tf': [
    constraint(
      'below-minimum',
      'range.tf',
      '2:22-2:35',
      'required_version ">= 1.3, < 2.0" admits versions below the standard minimum 1.5.0',
      '>= 1.5.0, < 2.0',
    ),
    // No `source`: hashicorp/google.
    constraint(
      'below-minimum',
      'range.tf',
      '6:17-6:30',
      'Provider hashicorp/google version ">= 4.0, < 6.0" admits versions below the standard minimum 5.0.0',
      '>= 5.0.0, < 6.0',
    ),
  ],
  // A constraint that is not one is an error; one built from a template cannot be judged and is left alone.
  'unreadable.tf': [
    {
      code: 'parse-error',
      severity: 'error',
      file: 'unreadable.tf',
      range: '1:22-1:28',
      message: "'latest' is not a Terraform version constraint",
      fixes: [],
    },
  ],
};

const parseError = (file: string, range: string, message: string): Shown => ({
  code: 'parse-error',
  severity: 'error',
  file,
  range,
  message,
  fixes: [],
});
const requiredVersion = (file: string) =>
  constraint(
    'below-minimum',
    file,
    '1:22-1:30',
    'required_version ">= 1.3.0" admits versions below the standard minimum 1.5.0',
    '>= 1.5.0',
  );

// Each broken file keeps the findings before and after the break.
const BROKEN: Record<string, Shown[]> = {
  // As HashiCorp's parser says it, at the second definition, with the first as related information.
  'redefined.tf': [
    {
      ...parseError(
        'redefined.tf',
        '7:2-7:9',
        'Attribute redefined: The argument "runtime" was already set at line 6, column 3. Each argument may be set only once.',
      ),
      related: ['redefined.tf 5:2-5:9: "runtime" is first set here'],
    },
    runtime(
      'redefined.tf',
      '5:17-5:25',
      'Runtime python39 of google_cloudfunctions_function.a is older than the standard runtime python310',
    ),
    runtime(
      'redefined.tf',
      '19:13-19:21',
      'Runtime python39 of google_cloudfunctions_function.b is older than the standard runtime python310',
    ),
    requiredVersion('redefined.tf'),
  ],
  'unclosed-brace.tf': [
    parseError('unclosed-brace.tf', '4:0-5:22', "Unclosed block 'resource' (missing '}')"),
    runtime(
      'unclosed-brace.tf',
      '5:13-5:21',
      'Runtime python39 of google_cloudfunctions_function.a is older than the standard runtime python310',
    ),
    runtime(
      'unclosed-brace.tf',
      '8:13-8:21',
      'Runtime python38 of google_cloudfunctions_function.b is older than the standard runtime python310',
    ),
    requiredVersion('unclosed-brace.tf'),
  ],
  'unterminated-heredoc.tf': [
    parseError('unterminated-heredoc.tf', '6:16-13:0', "Unterminated heredoc (missing 'EOT')"),
    // The reader goes on after the heredoc's first line, so the text in it is read as configuration.
    parseError('unterminated-heredoc.tf', '7:0-7:24', "Expected '{' to open block 'Loads'"),
    runtime(
      'unterminated-heredoc.tf',
      '5:17-5:25',
      'Runtime python39 of google_cloudfunctions_function.a is older than the standard runtime python310',
    ),
    runtime(
      'unterminated-heredoc.tf',
      '11:13-11:21',
      'Runtime python38 of google_cloudfunctions_function.b is older than the standard runtime python310',
    ),
    requiredVersion('unterminated-heredoc.tf'),
  ],
  'unterminated-string.tf': [
    parseError('unterminated-string.tf', '5:16-5:29', 'Unterminated string'),
    runtime(
      'unterminated-string.tf',
      '6:17-6:25',
      'Runtime python38 of google_cloudfunctions_function.a is older than the standard runtime python310',
    ),
    runtime(
      'unterminated-string.tf',
      '10:13-10:21',
      'Runtime python39 of google_cloudfunctions_function.b is older than the standard runtime python310',
    ),
    requiredVersion('unterminated-string.tf'),
  ],
};

goldenCases('terraform', { standard: TERRAFORM_SECTION, crlf: true });

describe('Terraform', () => {
  before(() => {
    const dir = tempProject({ 'stack-standard.yaml': TERRAFORM_SECTION });
    const loaded = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem);
    assert.deepEqual(loaded.errors, []);
    standard = loaded.standard;
  });

  it("accepts the standard's terraform section as the issue writes it", () => {
    const { terraform } = standard;
    assert.equal(terraform.cloudFunctionsRuntime?.value, 'python310');
    assert.equal(terraform.requiredVersion?.value.text, '1.5.0');
    assert.deepEqual(
      [...terraform.providers].map(([address, s]) => [address, s.value.text]),
      [['hashicorp/google', '5.0.0']],
    );
  });

  describe('Cloud Functions runtimes', () => {
    it('flags Python runtimes older than the standard in both generations, through var. to the default, and nothing else', () => {
      assert.deepEqual(findings(path.join(FIXTURES, 'functions/input/main.tf')).map(show), FUNCTIONS);
      assert.deepEqual(findings(path.join(FIXTURES, 'functions/input/variables.tf')), []);
    });

    it('looks for a variable only in the module: the same file, then the other .tf files of its folder', () => {
      const alone = tempProject({ 'main.tf': fs.readFileSync(path.join(FIXTURES, 'functions/input/main.tf'), 'utf8') });
      assert.deepEqual(
        findings(path.join(alone, 'main.tf')).map(show),
        FUNCTIONS.filter((f) => f.file === 'main.tf'),
      );
    });

    it('follows the standard runtime, whatever it is', () => {
      const dir = tempProject({ 'stack-standard.yaml': 'terraform:\n  cloudFunctionsRuntime: python312\n' });
      const own = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem).standard;
      const file = path.join(FIXTURES, 'functions/input/main.tf');
      const found = analyze({ path: file, text: fs.readFileSync(file, 'utf8') }, { standard: own, fs: nodeFileSystem });
      // python311 is now too old as well; nodejs20 is still not Python.
      assert.deepEqual(
        found.map((f) => [path.basename(f.file), at(f.range), f.fixes[0].edits[0].newText]),
        [
          ['main.tf', '3:17-3:25', 'python312'],
          ['main.tf', '9:13-9:22', 'python312'],
          ['main.tf', '47:13-47:21', 'python312'],
          ['main.tf', '22:19-22:27', 'python312'],
          ['variables.tf', '3:17-3:25', 'python312'],
        ],
      );
    });
  });

  describe('required_version and required_providers', () => {
    for (const [name, expected] of Object.entries(CONSTRAINTS)) {
      it(name, () => {
        assert.deepEqual(findings(path.join(FIXTURES, 'constraints/input', name)).map(show), expected);
      });
    }

    it('are not checked when the standard sets no minimums', () => {
      const dir = tempProject({ 'stack-standard.yaml': 'terraform:\n  cloudFunctionsRuntime: python310\n' });
      const own = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem).standard;
      const file = path.join(FIXTURES, 'constraints/input/pessimistic.tf');
      assert.deepEqual(
        analyze({ path: file, text: fs.readFileSync(file, 'utf8') }, { standard: own, fs: nodeFileSystem }),
        [],
      );
    });
  });

  describe('broken files', () => {
    for (const [name, expected] of Object.entries(BROKEN)) {
      it(`${name}: a parse-error where it breaks, and the rest of the file keeps its findings`, () => {
        assert.deepEqual(findings(path.join(FIXTURES, 'broken/input', name)).map(show), expected);
      });
    }
  });

  describe('CRLF files', () => {
    for (const module of ['functions', 'constraints', 'broken']) {
      it(`${module}: the same findings and fixes as with LF`, () => {
        // Positions count characters within a line, and the fixes insert no line breaks.
        assert.deepEqual(checkModule(copyModule(module, crlf)), checkModule(copyModule(module)));
      });
    }
  });

  describe('fixes', () => {
    for (const module of ['functions', 'constraints', 'broken']) {
      for (const [variant, convert] of [
        ['LF', (t: string) => t],
        ['CRLF', crlf],
      ] as const) {
        it(`${module} (${variant}): one run gives the fixed module, which reads as before and has nothing left to fix`, () => {
          const dir = copyModule(module, convert);
          const before = Object.fromEntries(
            tfFiles(dir).map((name) => [
              name,
              parseHcl(fs.readFileSync(path.join(dir, name), 'utf8')).errors.map((e) => e.message),
            ]),
          );
          assert.notDeepEqual(fixOnce(dir), []);
          for (const name of tfFiles(dir)) {
            const text = fs.readFileSync(path.join(dir, name), 'utf8');
            assert.equal(text, convert(new GoldenCase('terraform', module).fixed(name)), name);
            // Only the broken files have errors, and the fixes add none.
            assert.deepEqual(
              parseHcl(text).errors.map((e) => e.message),
              before[name],
              name,
            );
            if (module !== 'broken') assert.deepEqual(before[name], [], name);
          }
          assert.deepEqual(
            checkModule(dir).filter((f) => f.fixes.some((x) => x.preferred)),
            [],
          );
          assert.deepEqual(fixOnce(dir), []);
        });
      }
    }
  });

  describe('the CLI', () => {
    before(ensureCliBuilt);

    const project = () => {
      const files: Record<string, string> = { 'stack-standard.yaml': TERRAFORM_SECTION };
      for (const name of tfFiles(path.join(FIXTURES, 'functions/input')))
        files[`infra/functions/${name}`] = fs.readFileSync(path.join(FIXTURES, 'functions/input', name), 'utf8');
      files['infra/versions.tf'] = fs.readFileSync(path.join(FIXTURES, 'constraints/input/pessimistic.tf'), 'utf8');
      return tempProject(files);
    };

    it('finds .tf files and reports them as text and JSON', () => {
      const dir = project();
      const text = runCli(dir, 'check');
      assert.equal(
        text.stdout,
        [
          'infra/functions/main.tf:4:18: warning runtime-below-minimum Runtime python39 of google_cloudfunctions_function.ingest is older than the standard runtime python310',
          'infra/functions/main.tf:23:20: warning runtime-below-minimum Runtime python38 of google_cloudfunctions2_function.report is older than the standard runtime python310',
          'infra/functions/main.tf:48:14: warning runtime-below-minimum Runtime python37 (the default of variable "local_runtime", used by google_cloudfunctions_function.local) is older than the standard runtime python310',
          'infra/functions/variables.tf:4:18: warning runtime-below-minimum Runtime python39 (the default of variable "runtime", used by google_cloudfunctions2_function.scheduled) is older than the standard runtime python310',
          'infra/versions.tf:2:23: warning conflicts-with-minimum required_version "~> 1.4.0" admits no version at or above the standard minimum 1.5.0',
          'infra/versions.tf:7:18: warning conflicts-with-minimum Provider hashicorp/google version "~> 4.0" admits no version at or above the standard minimum 5.0.0',
          '6 problems (0 errors, 6 warnings); 6 fixable with --fix',
          '',
        ].join('\n'),
      );
      assert.deepEqual([text.code, text.stderr], [1, '']);
      const json = parseCliJson(runCli(dir, 'check', '--format', 'json').stdout);
      assert.equal(json.findings.length, 6);
      const range = { start: { line: 3, character: 17 }, end: { line: 3, character: 25 } };
      assert.deepEqual(json.findings[3], {
        file: 'infra/functions/variables.tf',
        code: 'runtime-below-minimum',
        severity: 'warning',
        message:
          'Runtime python39 (the default of variable "runtime", used by google_cloudfunctions2_function.scheduled) is older than the standard runtime python310',
        range,
        fixes: [
          {
            title: 'Change the runtime to python310',
            isPreferred: true,
            edits: [{ file: 'infra/functions/variables.tf', range, newText: 'python310' }],
          },
        ],
      });
    });

    it('--fix writes the fixed module, and the next run is clean', () => {
      const dir = project();
      const r = runCli(dir, 'check', '--fix');
      assert.deepEqual([r.code, r.stdout], [0, '']);
      for (const name of tfFiles(path.join(FIXTURES, 'functions/fixed'))) {
        assert.equal(
          fs.readFileSync(path.join(dir, 'infra/functions', name), 'utf8'),
          fs.readFileSync(path.join(FIXTURES, 'functions/fixed', name), 'utf8'),
          name,
        );
      }
      assert.equal(
        fs.readFileSync(path.join(dir, 'infra/versions.tf'), 'utf8'),
        fs.readFileSync(path.join(FIXTURES, 'constraints/fixed/pessimistic.tf'), 'utf8'),
      );
      assert.deepEqual(runCli(dir, 'check'), { code: 0, stdout: '', stderr: '' });
    });
  });
});
