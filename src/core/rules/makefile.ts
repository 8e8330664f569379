// The standard's Makefile targets: each one a Makefile has no rule for is reported, and one fix adds a stub rule for
// every missing target with its `.PHONY` entry. Only the outermost Makefile of a repository is asked.
import type { MakefileFact } from '../facts';
import type { Standard } from '../standard/model';
import type { Finding, Fix } from '../types';
import { findingAt, ruleRelated } from './finding';
import { MESSAGES } from './messages';

export function checkMakefile(fact: MakefileFact, standard: Standard): Finding[] {
  const targets = standard.makefile?.targets;
  if (!targets || fact.enclosedBy !== undefined || !fact.complete) return [];
  const missing = targets.value.filter((t) => !fact.rules.has(t));
  if (missing.length === 0) return [];
  const edits = fact.addTargets(
    missing,
    missing.filter((t) => !fact.phony.has(t)),
  );
  // A target may be defined in an included file, which is not read: the stub is offered, not applied by itself.
  const fix: Fix = { title: MESSAGES.addTargetsTitle(missing), isPreferred: fact.includes.length === 0, edits };
  const rule = { severity: standard.makefile?.severity, source: targets.source };
  return missing.map((target) =>
    findingAt(
      'make-target-missing',
      fact.missingAt,
      MESSAGES.makeTargetMissing(target, fact.phony.has(target), fact.includes),
      [fix],
      rule,
      ruleRelated(rule, 'The list of Makefile targets'),
    ),
  );
}
