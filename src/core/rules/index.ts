// The rules, each over one kind of fact. A defect in a rule costs the fact it met, never the rest of the file.
import { type Fact, type Place } from '../facts';
import { internalError } from '../internal';
import type { Standard } from '../standard/model';
import type { Finding } from '../types';
import { checkHook, checkHookConfig } from './hooks';
import { checkInclude } from './includes';
import { checkMakefile } from './makefile';
import { checkPackage, type TableClaims } from './package';
import { checkProblem } from './problems';
import { checkPython } from './python';

/**
 * The findings on facts that the analyses of several files share (a requirements file that many include), kept from
 * the first analysis that judged them. Such a fact is judged on its own: no rule relates it to the facts beside it.
 */
export interface KeptJudgements {
  /** Where a shared fact's findings by `standard` on `today` are kept (`findings` undefined until judged once). */
  slot(fact: Fact, standard: Standard, today: Date): { findings?: readonly Finding[] } | undefined;
}

/** The findings on the facts of one file (and the files it reads, such as its includes), on the day `today`. */
export function judge(facts: readonly Fact[], standard: Standard, today: Date, kept?: KeptJudgements): Finding[] {
  const findings: Finding[] = [];
  const claims: TableClaims = new WeakMap();
  const judgedNames = new Set<Place>();
  for (const fact of facts) {
    const slot = kept?.slot(fact, standard, today);
    if (slot?.findings) {
      findings.push(...slot.findings);
      continue;
    }
    const before = findings.length;
    // Inline rather than through a helper: a file with thousands of facts would pay for a closure each.
    try {
      switch (fact.kind) {
        case 'problem':
          findings.push(...checkProblem(fact));
          break;
        case 'package':
          findings.push(...checkPackage(fact, standard, claims, judgedNames));
          break;
        case 'python':
          findings.push(...checkPython(fact, standard, today));
          break;
        case 'hook':
          findings.push(...checkHook(fact, standard));
          break;
        case 'hook-config':
          findings.push(...checkHookConfig(fact, standard));
          break;
        case 'include':
          findings.push(...checkInclude(fact));
          break;
        case 'makefile':
          findings.push(...checkMakefile(fact, standard));
          break;
      }
    } catch (error) {
      findings.push(internalError(placeOf(fact), error));
    }
    if (slot) slot.findings = findings.slice(before);
  }
  return findings;
}

function placeOf(fact: Fact): Place {
  if (fact.kind === 'hook-config' || fact.kind === 'makefile') return fact.missingAt;
  return fact.kind === 'hook' ? fact.hook.place : fact.place;
}
