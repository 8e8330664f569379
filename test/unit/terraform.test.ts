import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadStandard, nodeFileSystem, type Finding, type Range, type Standard } from '../../src/core';
import { parseHcl } from '../../src/core/formats/hcl';
import { check, ensureCliBuilt, runCli, tempProject, parseCliJson } from '../helpers';
import { GoldenCase, goldenCases } from '../helpers/golden';

const FIXTURES = path.join(__dirname, '../fixtures/terraform');

// The standard's Terraform section exactly as the issue writes it.
const TERRAFORM_SECTION = `terraform:
  cloudFunctionsRuntime: python310    # the oldest Python runtime allowed
  requiredVersion: "1.5.0"            # optional: minimum Terraform
  providers:                          # optional: minimum provider versions
    hashicorp/google: "5.0.0"
python: "3.10"
`;

const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const tfFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort();

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

// Each module of test/fixtures/terraform under the standard's Terraform section, with LF and CRLF. Lines are counted
// from 0 here, as expected.json counts them.
goldenCases('terraform', {
  standard: TERRAFORM_SECTION,
  about: {
    // `var.local_runtime` is declared in main.tf itself; `var.runtime` in variables.tf, so that finding and its fix go
    // there.
    functions:
      'Python runtimes older than the standard in both generations, through var. to the default, and nothing else',
    // The registry host is part of the address Terraform writes out (exact.tf): it is the same provider. No `source`
    // (range.tf): hashicorp/google. A constraint that is not one is an error; one built from a template cannot be
    // judged and is left alone (unreadable.tf).
    constraints: 'required_version and required_providers in each way of writing a constraint',
    // The image's version in its tag; the base image with its stack, since google-18 carries no python310;
    // `var.base_image` is declared in variables.tf, so that finding and its fix go there.
    cloudrun:
      'Cloud Run images and runtime base images and App Engine runtimes, against the Python minimum, through var. to the default',
    // redefined.tf: as HashiCorp's parser says it, at the second definition, with the first as related information.
    // unterminated-heredoc.tf: the reader goes on after the heredoc's first line, so the text in it is read as
    // configuration.
    broken: 'a parse-error where each file breaks, and the rest of the file keeps its findings and fixes',
  },
  crlf: true,
  // A fix adds no syntax error, and the broken files keep exactly theirs.
  afterFix: ({ file, before, after }) => {
    const errors = (text: string) => parseHcl(text).errors.map((e) => e.message);
    assert.deepEqual(errors(after), errors(before), file);
  },
});

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
    it('looks for a variable only in the module: the same file, then the other .tf files of its folder', () => {
      const functions = new GoldenCase('terraform', 'functions');
      const alone = tempProject({ 'main.tf': functions.input('main.tf') });
      // The module's findings in main.tf (see its golden case), without those the other file's variable gave.
      assert.deepEqual(
        check(path.join(alone, 'main.tf'), { standard, sorted: true }).map(show),
        functions
          .expected()
          .filter((f) => f.file === 'main.tf')
          .map(show),
      );
    });

    it('follows the standard runtime, whatever it is', () => {
      const dir = tempProject({ 'stack-standard.yaml': 'terraform:\n  cloudFunctionsRuntime: python312\n' });
      const own = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem).standard;
      const found = check(path.join(FIXTURES, 'functions/input/main.tf'), { standard: own });
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

  it('judges Cloud Run and App Engine by the Python minimum, whatever it is, and Cloud Functions by the standard runtime', () => {
    const dir = tempProject({ 'stack-standard.yaml': 'python: "3.12"\n' });
    const own = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem).standard;
    const found = check(path.join(FIXTURES, 'cloudrun/input/main.tf'), { standard: own });
    // python312 is current: `google_cloud_run_v2_service.current` and the gen2 function's runtime stay clean.
    assert.deepEqual(
      found.map((f) => [at(f.range), f.fixes[0].edits[0].newText]),
      [
        ['7:63-7:66', '3.12'],
        ['8:71-8:103', 'google-22-full/runtimes/python312'],
        ['2:13-2:21', 'python312'],
        ['39:16-39:24', 'python312'],
      ],
    );
  });

  it('required_version and required_providers are not checked when the standard sets no minimums', () => {
    const dir = tempProject({ 'stack-standard.yaml': 'terraform:\n  cloudFunctionsRuntime: python310\n' });
    const own = loadStandard(path.join(dir, 'stack-standard.yaml'), nodeFileSystem).standard;
    assert.deepEqual(check(path.join(FIXTURES, 'constraints/input/pessimistic.tf'), { standard: own }), []);
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
