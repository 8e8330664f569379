// The hooks rule: the standard's pre-commit hooks are configured (a hook is its id, from whatever repository) and
// recent enough (judged where they come from a repository the standard lists for them).
import { editAt, type HookConfigFact, type HookFact, type HookRepository } from '../facts';
import { repoKey } from '../names';
import type { HookRule, Standard } from '../standard/model';
import type { Finding, Fix, TextEdit } from '../types';
import { parseVersion, compareVersions, type Version } from '../versions';
import { findingAt, ruleRelated } from './finding';
import { MESSAGES } from './messages';

const SHA = /^[0-9a-f]{7,40}$/i;

/** A version from a rev or a frozen comment: `v1.4.0`, `23.1.0`. */
function revVersion(rev: string): Version | null {
  return parseVersion(rev.replace(/^v(?=\d)/, ''));
}

/**
 * The standard's hooks a file must run, one per id: two entries with one id (from other repositories) are one hook
 * to run, and a config running a hook id twice would run it twice.
 */
export function requiredHooks(hooks: readonly HookRule[]): HookRule[] {
  const ids = new Set<string>();
  return hooks.filter((h) => !ids.has(h.id) && ids.add(h.id));
}

type Rev = NonNullable<HookRepository['rev']>;

/** The rev as a message shows it: a SHA shortened, with its frozen version. */
function showRev(rev: Rev): string {
  return rev.frozen ? `${rev.text.slice(0, 12)} (frozen: ${rev.frozen.version})` : rev.text;
}

/** The edits setting the rev; a frozen comment goes, as it would lie. */
function revEdits(rev: Rev, newRev: string): TextEdit[] {
  const edits = [editAt(rev.place, rev.quote + newRev + rev.quote)];
  if (rev.frozen) edits.push(editAt(rev.frozen.place, ''));
  return edits;
}

function checkRev(repo: HookRepository, rule: HookRule, url: string): Finding[] {
  const rev = repo.rev;
  if (!rule.minimum || !rule.rev || !rev) return [];
  const sha = SHA.test(rev.text);
  const judged = sha ? rev.frozen?.version : rev.text;
  const version = judged === undefined ? null : revVersion(judged);
  if (!version) {
    const message = sha
      ? MESSAGES.revUnknownSha(rule.id, rev.text, rule.minimum.text)
      : MESSAGES.revNotVersion(rule.id, rev.text, rule.minimum.text);
    const fixes = [{ title: MESSAGES.changeRevTitle(rule.rev), edits: revEdits(rev, rule.rev) }];
    return [
      findingAt('hook-rev-unknown', rev.place, message, fixes, rule, ruleRelated(rule, `The minimum for ${rule.id}`)),
    ];
  }
  if (compareVersions(version, rule.minimum) >= 0) return [];
  return [
    findingAt(
      'hook-below-minimum',
      rev.place,
      MESSAGES.hookBelow(rule.id, url, showRev(rev), rule.minimum.text),
      [{ title: MESSAGES.changeHookRevTitle(rule.id, rule.rev), isPreferred: true, edits: revEdits(rev, rule.rev) }],
      rule,
      ruleRelated(rule, `The minimum for ${rule.id}`),
    ),
  ];
}

/**
 * A required hook run from a repository the standard does not list for it: that repository's tags need not be the
 * hook's versions (flake8's old GitLab home stops at 3.9.x), so the rev is not judged. The fix, offered only, moves
 * the entry to the standard's repository and rev.
 */
function checkUnlisted(repo: HookRepository, rule: HookRule): Finding[] {
  const remote = repo.remote;
  if (!rule.minimum || !rule.rev || !remote) return [];
  const rev = repo.rev;
  const [target] = rule.repos;
  const fixes: Fix[] = rev
    ? [
        {
          title: MESSAGES.moveHookTitle(target, rule.rev),
          edits: [editAt(remote.place, remote.quote + target + remote.quote), ...revEdits(rev, rule.rev)],
        },
      ]
    : [];
  return [
    findingAt(
      'hook-repo-unknown',
      remote.place,
      MESSAGES.hookRepoUnknown(rule.id, remote.url, rev && showRev(rev), rule.minimum.text),
      fixes,
      rule,
      ruleRelated(rule, `The ${rule.id} hook`),
    ),
  ];
}

interface Required {
  rule: HookRule;
  keys: Set<string>;
}

/** What the whole config tells each hook's judgement: the standard's hooks by id, and which of them run where. */
interface Survey {
  required: Map<string, Required[]>;
  /** Ids of hooks the config runs, and the tools its local hooks run. */
  running: Set<string>;
  /** Ids of required hooks that run from a repository the standard lists for them. */
  judgedSomewhere: Set<string>;
}

const surveys = new WeakMap<HookConfigFact, { standard: Standard; survey: Survey }>();

function survey(config: HookConfigFact, standard: Standard): Survey {
  const known = surveys.get(config);
  if (known?.standard === standard) return known.survey;
  const required = new Map<string, Required[]>();
  for (const rule of standard.precommit.hooks) {
    required.set(rule.id, [...(required.get(rule.id) ?? []), { rule, keys: new Set(rule.repos.map(repoKey)) }]);
  }
  // A hook id counts as the standard's hook wherever it comes from. Its rev is judged where that is a repository the
  // standard lists for it; only a hook that runs from no such repository is reported for an unknown one.
  const running = new Set<string>();
  const judgedSomewhere = new Set<string>();
  for (const repo of config.repositories) {
    const key = repo.remote && repoKey(repo.remote.url);
    for (const { id, runs } of repo.hooks) {
      // A local hook is the tool its entry runs, whatever its id (`id: local-mypy`, `entry: uv run mypy src`).
      if (runs !== undefined) running.add(runs);
      if (id === undefined) continue;
      running.add(id);
      if (key && required.get(id)?.some((r) => r.keys.has(key))) judgedSomewhere.add(id);
    }
  }
  const result = { required, running, judgedSomewhere };
  surveys.set(config, { standard, survey: result });
  return result;
}

/** A hook the standard requires, judged by its entry's rev: once per id in an entry, at its first hook of that id. */
export function checkHook(fact: HookFact, standard: Standard): Finding[] {
  const { hook, repository: repo } = fact;
  const id = hook.id;
  if (id === undefined || !repo.remote) return [];
  const { required, judgedSomewhere } = survey(fact.config, standard);
  const rules = required.get(id);
  if (!rules || repo.hooks.find((h) => h.id === id) !== hook) return [];
  const key = repoKey(repo.remote.url);
  const findings: Finding[] = [];
  for (const r of rules.filter((r) => r.keys.has(key))) findings.push(...checkRev(repo, r.rule, repo.remote.url));
  const withMinimum = judgedSomewhere.has(id) ? undefined : rules.find((r) => r.rule.minimum);
  if (withMinimum) findings.push(...checkUnlisted(repo, withMinimum.rule));
  return findings;
}

/** The standard's hooks that the config does not run. */
export function checkHookConfig(fact: HookConfigFact, standard: Standard): Finding[] {
  // A file that was not read whole cannot show that a hook is absent: it may sit in the part that could not be read.
  if (!fact.complete) return [];
  const { running } = survey(fact, standard);
  const findings: Finding[] = [];
  const missing = requiredHooks(standard.precommit.hooks)
    .filter((r) => !running.has(r.id))
    .map((rule) => {
      // The hook joins an entry of a repository the standard lists for it, when the file has one.
      const keys = new Set(rule.repos.map(repoKey));
      const repo = fact.repositories.find((e) => e.remote && keys.has(repoKey(e.remote.url)));
      return { rule, repo, url: repo?.remote?.url ?? rule.repos[0] };
    });
  // Every missing hook's finding carries the one edit adding all that go to the same place, so applying any or all
  // of them inserts them once, in one pass.
  const fixes = new Map<HookRepository | undefined, Fix[]>();
  for (const { rule, repo, url } of missing) {
    let fix = fixes.get(repo);
    if (!fix) {
      const hooks = missing
        .filter((m) => m.repo === repo)
        .map((m) => ({ id: m.rule.id, repo: m.rule.repos[0], rev: m.rule.rev ?? '' }));
      const edit = fact.addHooks(hooks, repo);
      const title = repo ? MESSAGES.addHooksTitle(hooks.map((h) => h.id)) : MESSAGES.addRepositoriesTitle(hooks);
      fix = edit ? [{ title, isPreferred: true, edits: [edit] }] : [];
      fixes.set(repo, fix);
    }
    findings.push(
      findingAt(
        'hook-missing',
        fact.missingAt,
        repo ? MESSAGES.hookNotEnabled(rule.id, url) : MESSAGES.hookNotConfigured(rule.id, url),
        fix,
        rule,
        ruleRelated(rule, `The ${rule.id} hook`),
      ),
    );
  }
  return findings;
}
