// What reading a file found amiss is reported as it was found: the reader knows best what it could not read.
import type { ProblemFact } from '../facts';
import type { Finding } from '../types';
import { findingAt } from './finding';

export function checkProblem(fact: ProblemFact): Finding[] {
  const finding = findingAt(fact.code, fact.place, fact.message, fact.suggestions ?? [], undefined, fact.related);
  if (fact.stack !== undefined) finding.trace = fact.stack;
  return [finding];
}
