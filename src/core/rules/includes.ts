// The include rule: a `-r`/`-c` include that pip could not follow fails the whole install.
import type { IncludeFact } from '../facts';
import type { Finding } from '../types';
import { findingAt } from './finding';
import { MESSAGES } from './messages';

export function checkInclude(fact: IncludeFact): Finding[] {
  return fact.problem === 'cycle'
    ? [findingAt('include-cycle', fact.place, MESSAGES.includeCycle(fact.target, fact.chain ?? []), [])]
    : [findingAt('include-not-found', fact.place, MESSAGES.includeMissing(fact.target), [])];
}
