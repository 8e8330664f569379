/** How much a finding matters; a standard entry may override the default of its code. */
export type Severity = 'error' | 'warning' | 'info';

/** Where each code is explained: its section in docs/codes.md. */
export const DOCS_URL = 'https://github.com/stack-standard/stack-standard/blob/main/docs/codes.md';

/** Every finding code the engine emits. Stable: tools and ignore comments refer to them by name. */
export const FINDING_CODES = {
  'below-minimum': {
    severity: 'warning',
    summary: 'The version constraint admits versions below the standard minimum.',
  },
  'conflicts-with-minimum': {
    severity: 'warning',
    summary: 'The version constraint admits no version at or above the standard minimum.',
  },
  'missing-minimum': {
    severity: 'warning',
    summary: 'A package with a standard minimum has no version constraint at all.',
  },
  'replaced-package': {
    severity: 'warning',
    summary: 'The standard replaces this package name with another one.',
  },
  'python-below-minimum': {
    severity: 'warning',
    summary: 'A stated Python version admits versions below the standard Python minimum.',
  },
  'runtime-below-minimum': {
    severity: 'warning',
    summary: 'A Cloud Functions Python runtime is older than the standard runtime.',
  },
  'python-inconsistent': {
    severity: 'info',
    summary:
      "Two files of the repository disagree on Python: a runtime or CI version the project's floor does not admit, a floor below anything it runs, a tool target that differs from the floor.",
  },
  'runtime-end-of-life': {
    severity: 'error',
    summary: 'A Python the project runs on (an image, a runtime, a CI version) is past its end of life.',
  },
  'runtime-end-of-life-soon': {
    severity: 'warning',
    summary: 'A Python the project runs on reaches its end of life within 90 days.',
  },
  'yaml-float-version': {
    severity: 'error',
    summary: 'An unquoted version such as 3.10 in YAML is the number 3.1, so the tool reads another version.',
  },
  'hook-missing': {
    severity: 'warning',
    summary: 'A pre-commit hook the standard requires is not configured.',
  },
  'hook-below-minimum': {
    severity: 'warning',
    summary: "A pre-commit hook's rev is older than the standard minimum.",
  },
  'hook-rev-unknown': {
    severity: 'info',
    summary: "A pre-commit hook's rev is a bare commit SHA or a branch, so its version cannot be checked.",
  },
  'hook-repo-unknown': {
    severity: 'info',
    summary:
      'A hook the standard requires runs from a repository the standard does not list for it, so its version cannot be checked.',
  },
  'precommit-list-format': {
    severity: 'warning',
    summary: 'The pre-commit config is a top-level list of repositories, a format pre-commit 3 no longer reads.',
  },
  'precommit-config-missing': {
    severity: 'info',
    summary: 'A repository with Python files has no .pre-commit-config.yaml.',
  },
  'make-target-missing': {
    severity: 'info',
    summary: 'The Makefile has no rule for a target the standard requires (`make test`, `make lint`, …).',
  },
  'parse-error': {
    severity: 'error',
    summary: 'A line or value could not be parsed; the rest of the file is still checked.',
  },
  'internal-error': {
    severity: 'error',
    summary: 'Stack Standard met a defect of its own while checking this entry; the rest of the file is still checked.',
  },
  'ignored-text': {
    severity: 'warning',
    summary: 'pip ignores this part of the line: words it skips are not installed, options it skips have no effect.',
  },
  'include-not-found': {
    severity: 'error',
    summary: 'A `-r`/`-c` include names a file that does not exist.',
  },
  'include-cycle': {
    severity: 'error',
    summary: 'A `-r`/`-c` include leads back to a file that includes it.',
  },
  'standard-invalid': {
    severity: 'error',
    summary: 'The standard file itself is invalid: unknown key, wrong type, bad version, missing or cyclic `extends`.',
  },
  'standard-end-of-life': {
    severity: 'warning',
    summary: "The standard's Python minimum or runtime is past its end of life, or reaches it within 90 days.",
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

export const CODE_NAMES = Object.keys(FINDING_CODES) as FindingCode[];
