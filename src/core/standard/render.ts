// The merged standard written back as a standard file: what "Show effective standard" displays, each entry with
// the file and line that set it. Loading the output gives the same rules (a test checks it).
import path = require('node:path');
import { BUILTIN_NAME } from './builtin';
import type { Version } from '../versions';
import { defaultToday, endOf, lifecycleOf, SCHEDULE_NAMES, whenText } from '../versions/lifecycle';
import type { RuleSource, Setting, Standard } from './model';

function origin(source: RuleSource): string {
  return source.file === BUILTIN_NAME ? 'built-in' : `${path.basename(source.file)}:${source.range.start.line + 1}`;
}

const quote = (s: string) => JSON.stringify(s);
/** A URL as a plain scalar when it reads back the same in a flow collection, else quoted. */
const url = (s: string) => (/^[A-Za-z0-9]([\w.~:/@+%-]*[\w/])?$/.test(s) ? s : quote(s));

/** `; reached its end of life in October 2026 (python.org)`, for a version past or near its end; else nothing. */
function endOfLifeNote(setting: Setting<Version>, today: Date): string {
  const life = lifecycleOf(setting.value, undefined, today);
  if (!life || life.status === 'supported') return '';
  const when = whenText(endOf(life.row));
  return `; ${life.status === 'past' ? 'reached' : 'reaches'} its end of life ${when} (${SCHEDULE_NAMES[life.schedule]})`;
}

/** The standard as a standard file; `today` decides which Python versions are noted as past or near their end of life. */
export function renderStandard(standard: Standard, today: Date = defaultToday()): string {
  const out: string[] = [
    '# The effective Stack Standard: every rule that applies, after `extends`, with where it was set.',
    `# Read from: ${standard.files.map((f) => (f === BUILTIN_NAME ? 'the built-in standard' : f)).join(', then ')}.`,
  ];
  const { python, pythonRuntime } = standard;
  if (python || pythonRuntime) {
    out.push('python:');
    if (python)
      out.push(`  minimum: ${quote(python.value.text)}  # ${origin(python.source)}${endOfLifeNote(python, today)}`);
    if (pythonRuntime)
      out.push(
        `  runtime: ${quote(pythonRuntime.value.text)}  # ${origin(pythonRuntime.source)}${endOfLifeNote(pythonRuntime, today)}`,
      );
  }
  out.push('packages:');
  for (const rule of [...standard.packages.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const fields: string[] = [];
    if (rule.minimum) fields.push(`minimum: ${quote(rule.minimum.text)}`);
    if (rule.pin && rule.pin.text !== rule.minimum?.text) fields.push(`pin: ${quote(rule.pin.text)}`);
    if (rule.replacedBy) fields.push(`replacedBy: ${rule.replacedBy}`);
    if (rule.reason) fields.push(`reason: ${quote(rule.reason)}`);
    if (rule.severity) fields.push(`severity: ${rule.severity}`);
    out.push(`  ${rule.name}: { ${fields.join(', ')} }  # ${origin(rule.source)}`.replace('{  }', '{}'));
  }
  const tf = standard.terraform;
  if (tf.cloudFunctionsRuntime || tf.requiredVersion || tf.providers.size > 0) {
    out.push('terraform:');
    if (tf.cloudFunctionsRuntime)
      out.push(
        `  cloudFunctionsRuntime: ${tf.cloudFunctionsRuntime.value}  # ${origin(tf.cloudFunctionsRuntime.source)}`,
      );
    if (tf.requiredVersion)
      out.push(`  requiredVersion: ${quote(tf.requiredVersion.value.text)}  # ${origin(tf.requiredVersion.source)}`);
    if (tf.providers.size > 0) {
      out.push('  providers:');
      for (const [address, p] of tf.providers)
        out.push(`    ${address}: ${quote(p.value.text)}  # ${origin(p.source)}`);
    }
  }
  if (standard.precommit.hooks.length > 0) {
    out.push('precommit:', '  hooks:');
    for (const h of standard.precommit.hooks) {
      const repo = h.repos.length === 1 ? url(h.repos[0]) : `[${h.repos.map(url).join(', ')}]`;
      const fields = [`repo: ${repo}`, `id: ${h.id}`];
      if (h.minimum) fields.push(`minimum: ${quote(h.minimum.text)}`);
      if (h.rev) fields.push(`rev: ${quote(h.rev)}`);
      if (h.severity) fields.push(`severity: ${h.severity}`);
      out.push(`    - { ${fields.join(', ')} }  # ${origin(h.source)}`);
    }
  }
  const makefile = standard.makefile;
  if (makefile?.targets || makefile?.severity) {
    out.push('makefile:');
    if (makefile.targets)
      out.push(`  targets: [${makefile.targets.value.join(', ')}]  # ${origin(makefile.targets.source)}`);
    if (makefile.severity) out.push(`  severity: ${makefile.severity}`);
  }
  const exclude = standard.exclude;
  if (exclude) {
    // The patterns stay relative to the file that set them, which the comment names.
    const folder = exclude.source.file === BUILTIN_NAME ? '' : `, relative to ${path.dirname(exclude.source.file)}`;
    out.push(`exclude: [${exclude.value.map(quote).join(', ')}]  # ${origin(exclude.source)}${folder}`);
  }
  return out.join('\n') + '\n';
}

/** A new organisation file: extends the built-in standard, with every kind of entry shown in comments. */
export const STANDARD_TEMPLATE = `# The organisation's technology-stack standard, checked by Stack Standard in the editor and by
# \`stack-standard check\` in CI. It starts from the built-in standard ("Stack Standard: Show effective standard"
# lists every rule); entries here override it.
extends: builtin

# The oldest Python allowed, and the one deployments use (images, Cloud runtimes: a fix of a runtime past its end of
# life writes it; it defaults to the minimum). Quote versions: unquoted 3.10 is the number 3.1. \`python: "3.10"\` alone
# sets the minimum.
python:
  minimum: "3.10"
  runtime: "3.10"

packages:
  # A minimum version ("2.0.0" or ">=2.0.0"):
  #   pandas: "2.0.0"
  # A minimum that is not a real release, with the version an exact pin (==) is fixed to:
  #   black: { minimum: "23.0.0", pin: "23.1.0" }
  # Approved, with no minimum:
  #   google-cloud-aiplatform: {}
  # Replaced by another package:
  #   sklearn: { replacedBy: scikit-learn, reason: "sklearn is a deprecated stub" }
  # With its own severity (error, warning or info):
  #   requests: { minimum: "2.31.0", severity: error }

# terraform:
#   cloudFunctionsRuntime: python310   # the oldest Python runtime allowed
#   requiredVersion: "1.5.0"           # minimum Terraform
#   providers:
#     hashicorp/google: "5.0.0"

# makefile:
#   targets: [test, build, deploy, clean, lint, format]   # the rules a Makefile must have, where there is one
#   severity: warning

# Files not to check, as ruff's exclude: gitignore-style patterns relative to this file's folder. Files that
# .gitignore ignores are never checked; a file named on the command line or opened in the editor always is.
# exclude:
#   - build/
#   - "vendor/**"

# precommit:
#   hooks:
#     - { repo: https://github.com/pycqa/flake8, id: flake8, minimum: "6.0.0", rev: "6.0.0" }
#     # A hook from any of several repositories (a mirror, an old name); a fix adding it writes the first. A rev fix
#     # keeps the file's repository, so list only repositories that carry the same tags. This entry replaces the
#     # built-in one for black, which also lists black's old names.
#     - { repo: [https://github.com/psf/black, https://github.com/psf/black-pre-commit-mirror], id: black, minimum: "23.0.0", rev: "23.1.0" }
`;
