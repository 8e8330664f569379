// How rules build findings: the severity a standard entry may override, and the link to the entry that set a rule.
import { FINDING_CODES, type FindingCode } from '../codes';
import { rangeOf, type Place } from '../facts';
import { BUILTIN_NAME } from '../standard/builtin';
import type { Finding, Fix, RelatedInformation } from '../types';

export function severityOf(code: FindingCode, rule?: { severity?: Finding['severity'] }): Finding['severity'] {
  return rule?.severity ?? FINDING_CODES[code].severity;
}

/** Where the standard file sets the rule behind a finding; nothing for the built-in standard, which has no file. */
export function ruleRelated(
  rule: { source: { file: string; range: Finding['range'] } },
  what: string,
): RelatedInformation[] | undefined {
  if (rule.source.file === BUILTIN_NAME) return undefined;
  return [{ location: rule.source, message: `${what} is set here by the standard` }];
}

/** A finding at `place`, its severity from the code unless `rule` overrides it. */
export function findingAt(
  code: FindingCode,
  place: Place,
  message: string,
  fixes: Fix[],
  rule?: { severity?: Finding['severity'] },
  related?: RelatedInformation[],
): Finding {
  return {
    code,
    severity: severityOf(code, rule),
    message,
    file: place.source.path,
    range: rangeOf(place),
    fixes,
    related,
  };
}
