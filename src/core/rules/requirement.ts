// The package rule: one requirement (from any file format) against the standard's minimum, replacement and Python
// floor. Formats hand over offsets in their own text plus a way to turn them into ranges; edits touch only the
// specifier (or the name, for a replacement).
import { FINDING_CODES, type FindingCode } from '../codes';
import { markerCanHoldFrom, type Marker } from '../markers';
import { normalizeName } from '../names';
import {
  fixClauses,
  formatClause,
  isKept,
  judge,
  type Clause,
  type NewClause,
  type Verdict,
  type Version,
} from '../pep440';
import { BUILTIN_NAME } from '../standard/builtin';
import type { PackageRule, Standard } from '../standard/model';
import type { Finding, Fix, Range, RelatedInformation, TextEdit } from '../types';

export interface RequirementRef {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The extras as written (`pandas[sql]`), when there are any. */
  extras?: string[];
  /** Where a missing specifier is inserted: just after the name and its extras. */
  insertAt: number;
  specifier?: { text: string; start: number; end: number; clauses: Clause[] };
  marker?: Marker;
  /** `name @ url`: the URL decides the version, so only the name is checked. */
  direct?: boolean;
  /** The line pins hashes: a version change needs new hashes, so there is no automatic fix. */
  hashed?: boolean;
}

export interface RuleTarget {
  file: string;
  range: (start: number, end: number) => Range;
  /** Overrides where fixes go and what they say, e.g. for a generated lock whose source must change instead. */
  redirect?: (finding: Finding, rule: PackageRule) => Finding;
}

export function ruleRelated(
  rule: { source: { file: string; range: Range } },
  what: string,
): RelatedInformation[] | undefined {
  if (rule.source.file === BUILTIN_NAME) return undefined;
  return [{ location: rule.source, message: `${what} is set here by the standard` }];
}

export function severityOf(code: FindingCode, rule?: { severity?: Finding['severity'] }): Finding['severity'] {
  return rule?.severity ?? FINDING_CODES[code].severity;
}

/**
 * Write clauses back in the user's style: clauses kept from `original` (offsets relative to it) keep their exact text;
 * new ones follow its spacing (`>= 1.0`) and separator (`,` or `, `).
 */
export function renderSpecifier(original: string, clauses: (Clause | NewClause)[]): string {
  const spaced = /(===|~=|==|!=|<=|>=|<|>)\s+\S/.test(original);
  const separator = /,\s/.test(original) ? ', ' : ',';
  return clauses.map((c) => (isKept(c) ? original.slice(c.start, c.end) : formatClause(c, spaced))).join(separator);
}

const assessments = new Map<string, { verdict: Verdict; fixed: string }>();

/** The verdict on a specifier and its fixed text. Both are pure and files repeat specifiers, so they are remembered. */
function assess(
  spec: { text: string; clauses: Clause[] },
  minimum: Version,
  pin: Version,
): { verdict: Verdict; fixed: string } {
  const key = `${minimum.text}\0${pin.text}\0${spec.text}`;
  let a = assessments.get(key);
  if (!a) {
    const verdict = judge(spec.clauses, minimum);
    a = {
      verdict,
      fixed: verdict === 'ok' ? spec.text : renderSpecifier(spec.text, fixClauses(spec.clauses, minimum, pin)),
    };
    if (assessments.size > 50_000) assessments.clear();
    assessments.set(key, a);
  }
  return a;
}

export function checkRequirement(req: RequirementRef, standard: Standard, target: RuleTarget): Finding[] {
  const rule = standard.packages.get(normalizeName(req.name));
  if (!rule) return [];
  if (req.marker && standard.python && !markerCanHoldFrom(req.marker, standard.python.value)) return [];
  const findings: Finding[] = [];
  // Most requirements meet the standard: ranges are only worked out for a finding.
  let nameRangeCache: Range | undefined;
  const nameRange = () => (nameRangeCache ??= target.range(req.nameStart, req.nameEnd));
  // Any edit to a line that pins hashes invalidates them. In a generated lock the fix goes to the source, so the
  // hashes are the lock tool's business.
  const hashed = req.hashed && !target.redirect;
  const unhashed = (change: string) =>
    `; the line pins hashes, so ${change} and regenerate the hashes (no automatic fix)`;

  if (rule.replacedBy) {
    const message =
      `${req.name} is replaced by ${rule.replacedBy} in the standard` + (rule.reason ? `: ${rule.reason}` : '');
    const edits: TextEdit[] = [{ file: target.file, range: nameRange(), newText: rule.replacedBy }];
    // The replacement's own minimum applies to the renamed line: meet it in the same fix, so one fix settles the line.
    const successor = standard.packages.get(normalizeName(rule.replacedBy));
    const floor = successor?.minimum;
    let version = '';
    if (floor && successor && !req.direct) {
      const spec = req.specifier;
      if (!spec || spec.clauses.length === 0) {
        version = `>=${floor.text}`;
        edits.push({ file: target.file, range: target.range(req.insertAt, req.insertAt), newText: version });
      } else {
        const { verdict, fixed } = assess(spec, floor, successor.pin ?? floor);
        if (verdict !== 'ok') {
          version = fixed;
          edits.push({ file: target.file, range: target.range(spec.start, spec.end), newText: version });
        }
      }
    }
    findings.push({
      code: 'replaced-package',
      severity: severityOf('replaced-package', rule),
      message: hashed ? message + unhashed('change the name') : message,
      file: target.file,
      range: nameRange(),
      fixes: hashed
        ? []
        : [{ title: `Replace ${req.name} with ${rule.replacedBy}${version}`, isPreferred: true, edits }],
      related: ruleRelated(rule, `The replacement of ${rule.name}`),
    });
  }

  const minimum = rule.minimum;
  if (minimum && !req.direct) {
    const pin = rule.pin ?? minimum;
    const related = ruleRelated(rule, `The minimum ${minimum.text} for ${rule.name}`);
    const spec = req.specifier;
    let finding: Finding | undefined;
    if (!spec || spec.clauses.length === 0) {
      const at = target.range(req.insertAt, req.insertAt);
      const text = `>=${minimum.text}`;
      const message = `${req.name} has no version constraint; the standard minimum is ${minimum.text}`;
      finding = {
        code: 'missing-minimum',
        severity: severityOf('missing-minimum', rule),
        message: hashed ? message + unhashed('add a version') : message,
        file: target.file,
        range: nameRange(),
        fixes: hashed
          ? []
          : [
              {
                title: `Require ${req.name}${text}`,
                isPreferred: true,
                edits: [{ file: target.file, range: at, newText: text }],
              },
            ],
        related,
      };
    } else {
      const { verdict, fixed: newText } = assess(spec, minimum, pin);
      if (verdict !== 'ok') {
        const written = `${req.name}${spec.text}`;
        const single =
          spec.clauses.length === 1 && ['==', '==='].includes(spec.clauses[0].op) && !spec.clauses[0].wildcard;
        const message =
          verdict === 'below-minimum'
            ? `${written} admits versions below the standard minimum ${minimum.text}`
            : single
              ? `${written} is below the standard minimum ${minimum.text}`
              : `${written} admits no version at or above the standard minimum ${minimum.text}`;
        const range = target.range(spec.start, spec.end);
        const fixes: Fix[] = hashed
          ? []
          : [
              {
                title: `Change to ${req.name}${newText}`,
                isPreferred: true,
                edits: [{ file: target.file, range, newText }],
              },
            ];
        finding = {
          code: verdict,
          severity: severityOf(verdict, rule),
          message: hashed ? message + unhashed('change the version') : message,
          file: target.file,
          range,
          fixes,
          related,
        };
      }
    }
    if (finding) findings.push(finding);
  }
  const redirect = target.redirect;
  return redirect ? findings.map((f) => redirect(f, rule)) : findings;
}
