// The generated files the benchmarks read, one generator per format, each deterministic: `npm run bench` and
// `npm run bench:peers` measure the very same text.

/** Deterministic pseudo-random numbers, so every run measures the same file. */
export function prng(seed) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

export const STANDARD_NAMES = [
  'pandas',
  'numpy',
  'scikit-learn',
  'requests',
  'flask',
  'pytest',
  'black',
  'google-cloud-storage',
  'google-cloud-bigquery',
  'httpx',
  'aiohttp',
  'scipy',
];
const hex = (rand) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');

/** A 5,000-line requirements file: pip-compile style pins with hashes and `# via` comments, markers, extras, options. */
export function requirementsFile(lines = 5000) {
  const rand = prng(42);
  const out = [
    '# This file is hand-maintained; see docs/dependencies.md',
    '--index-url https://pypi.org/simple',
    '--extra-index-url https://europe-python.pkg.dev/acme/simple',
    '',
  ];
  let n = 0;
  while (out.length < lines) {
    const r = rand();
    const name = r < 0.3 ? STANDARD_NAMES[Math.floor(rand() * STANDARD_NAMES.length)] : `acme-lib-${n++}`;
    const version = `${Math.floor(rand() * 4)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
    const kind = rand();
    let entry;
    if (kind < 0.1) entry = [`# ${name}: pinned for the reporting pipeline`];
    else if (kind < 0.15) entry = [''];
    else if (kind < 0.35)
      entry = [
        `${name}==${version} \\`,
        `    --hash=sha256:${hex(rand)} \\`,
        `    --hash=sha256:${hex(rand)}`,
        `    # via acme-lib-${Math.floor(rand() * 100)}`,
      ];
    else if (kind < 0.5) entry = [`${name}[extra]>=${version},<${Number(version[0]) + 2} ; python_version >= "3.9"`];
    else if (kind < 0.6) entry = [`${name}~=${version.split('.').slice(0, 2).join('.')}  # compatible release`];
    else if (kind < 0.65) entry = [`${name} ; sys_platform == "linux" and platform_machine == "x86_64"`];
    else entry = [`${name}==${version}`];
    // A continued entry is never cut in two at the end of the file.
    out.push(...(out.length + entry.length <= lines ? entry : [`${name}==${version}`]));
  }
  return out.join('\n') + '\n';
}

/** A 2,000-dependency pyproject.toml: PEP 621, optional groups and Poetry tables, every tenth entry a standard package. */
export function pyprojectFile() {
  const rand = prng(7);
  const dep = (i) => (i % 10 === 0 ? STANDARD_NAMES[i % STANDARD_NAMES.length] : `acme-lib-${i}`);
  const version = () => `${Math.floor(rand() * 4)}.${Math.floor(rand() * 30)}`;
  const lines = ['[project]', 'name = "bench"', 'requires-python = ">=3.9"', 'dependencies = ['];
  for (let i = 0; i < 800; i++) lines.push(`    "${dep(i)}>=${version()}",  # pinned by the data team`);
  lines.push(']', '', '[project.optional-dependencies]');
  for (let g = 0; g < 8; g++)
    lines.push(
      `group${g} = [${Array.from({ length: 50 }, (_, i) => `"${dep(800 + g * 50 + i)}[extra]>=${version()} ; python_version >= '3.10'"`).join(', ')}]`,
    );
  lines.push('', '[tool.poetry.dependencies]', 'python = "^3.10"');
  // A TOML table takes each key once: the standard names repeat, so they appear under their own name once.
  const seen = new Set();
  const key = (i) => (seen.has(dep(i)) ? `acme-lib-${i}` : (seen.add(dep(i)), dep(i)));
  for (let i = 1200; i < 2000; i++)
    lines.push(
      i % 3 === 0 ? `${key(i)} = { version = "^${version()}", extras = ["all"] }` : `${key(i)} = "~${version()}"`,
    );
  lines.push('', '[tool.black]', 'target-version = ["py39", "py310"]', '');
  return lines.join('\n');
}

/** The standard the Terraform file is judged by: the built-in one with a runtime, a Terraform and a provider minimum. */
export const TERRAFORM_STANDARD =
  'extends: builtin\nterraform:\n  cloudFunctionsRuntime: python310\n  requiredVersion: "1.5.0"\n  providers:\n    hashicorp/google: "5.0.0"\n';

/** A 500-resource Terraform file: Cloud Functions of both generations, buckets, IAM, variables and a terraform block. */
export function terraformFile() {
  const rand = prng(11);
  const parts = [
    'terraform {',
    '  required_version = ">= 1.3"',
    '  required_providers {',
    '    google = {',
    '      source  = "hashicorp/google"',
    '      version = "~> 4.0"',
    '    }',
    '  }',
    '}',
    '',
    'variable "runtime" {',
    '  type    = string',
    '  default = "python39"',
    '}',
    '',
  ];
  for (let i = 0; i < 500; i++) {
    const kind = i % 4;
    if (kind === 0)
      parts.push(
        `resource "google_cloudfunctions_function" "fn_${i}" {`,
        `  name        = "fn-${i}"`,
        `  runtime     = "${rand() < 0.5 ? 'python39' : 'python311'}"`,
        '  entry_point = "main"',
        '  source_archive_bucket = google_storage_bucket.src.name',
        `  source_archive_object = "fn-${i}.zip" # built by CI`,
        '  environment_variables = {',
        '    LOG_LEVEL = "INFO"',
        `    TOPIC     = "\${var.prefix}-topic-${i}"`,
        '  }',
        '}',
        '',
      );
    else if (kind === 1)
      parts.push(
        `resource "google_cloudfunctions2_function" "fn2_${i}" {`,
        `  name     = "fn2-${i}"`,
        '  location = var.region',
        '  build_config {',
        '    runtime     = var.runtime',
        '    entry_point = "handler"',
        '  }',
        '  service_config {',
        '    max_instance_count = 3',
        '    available_memory   = "256M"',
        '  }',
        '}',
        '',
      );
    else if (kind === 2)
      parts.push(
        `resource "google_storage_bucket" "b_${i}" {`,
        `  name     = "acme-\${var.env}-${i}"`,
        '  location = "EU"',
        '  labels   = { team = "data", cost = lower("Analytics") }',
        '  lifecycle_rule {',
        '    condition { age = 30 }',
        '    action { type = "Delete" }',
        '  }',
        '}',
        '',
      );
    else
      parts.push(
        `resource "google_project_iam_member" "m_${i}" {`,
        '  project = var.project',
        '  role    = "roles/logging.logWriter"',
        `  member  = "serviceAccount:\${google_service_account.sa.email}"`,
        '}',
        '',
      );
  }
  return parts.join('\n');
}

/** A 300-repo .pre-commit-config.yaml with revs, frozen SHAs, hook options and additional_dependencies. */
export function precommitFile() {
  const rand = prng(13);
  const lines = ['default_language_version:', '  python: python3.9', 'repos:'];
  for (let i = 0; i < 300; i++) {
    const frozen = rand() < 0.3;
    lines.push(`  - repo: https://github.com/acme/hooks-${i}`);
    lines.push(
      frozen
        ? `    rev: ${Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('')}  # frozen: v${Math.floor(rand() * 9)}.${i % 10}.0`
        : `    rev: v${Math.floor(rand() * 9)}.${i % 10}.0`,
    );
    lines.push('    hooks:', `      - id: hook-${i}`, `        args: [--max-line-length=100, --select=E${i}]`);
    if (i % 3 === 0)
      lines.push(`        additional_dependencies: [pandas==1.5.${i % 9}, "types-requests>=2.${i}", numpy]`);
  }
  lines.push('  - repo: https://github.com/psf/black', '    rev: 22.3.0', '    hooks:', '      - id: black', '');
  return lines.join('\n');
}

/**
 * A pip-compile lock of about 5,000 lines as `pip-compile --generate-hashes` writes it (one pin per package in name
 * order, two hashes, a `# via` block) and the `requirements.in` it was compiled from: the standard's packages and
 * every fourth other one, most with a floor.
 */
export function pipCompileFiles(lines = 5000) {
  const rand = prng(17);
  // Zero-padded names sort in the order they are made, and before all of the standard's.
  const name = (i) => `acme-lib-${String(i).padStart(4, '0')}`;
  const source = ['# Direct dependencies; `pip-compile --generate-hashes` writes requirements.txt from this file.'];
  const lock = [
    '#',
    '# This file is autogenerated by pip-compile with Python 3.11',
    '# by the following command:',
    '#',
    '#    pip-compile --generate-hashes --output-file=requirements.txt requirements.in',
    '#',
  ];
  const pin = (pkg, direct) => {
    const version = `${Math.floor(rand() * 4)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
    const parents = direct ? ['-r requirements.in'] : [];
    if (!direct || rand() < 0.3) parents.push(name(Math.floor(rand() * 500)));
    const via =
      parents.length === 1 ? [`    # via ${parents[0]}`] : ['    # via', ...parents.map((p) => `    #   ${p}`)];
    lock.push(`${pkg}==${version} \\`, `    --hash=sha256:${hex(rand)} \\`, `    --hash=sha256:${hex(rand)}`, ...via);
    if (direct) source.push(rand() < 0.7 ? `${pkg}>=${version.split('.').slice(0, 2).join('.')}` : pkg);
  };
  // The standard's twelve entries take about 70 lines at the end.
  for (let i = 0; lock.length < lines - 70; i++) pin(name(i), i % 4 === 0);
  for (const pkg of [...STANDARD_NAMES].sort()) pin(pkg, true);
  return { lock: lock.join('\n') + '\n', source: source.join('\n') + '\n' };
}
