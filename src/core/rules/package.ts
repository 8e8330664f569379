// The package rule: one requirement, in any constraint dialect, against the standard's minimum and replacement. Edits
// touch only the constraint (or the name, for a replacement); a requirement in a generated lock is judged there and
// fixed in its source.
import path = require('node:path');
import { editAt, type PackageFact, type Place } from '../facts';
import { normalizeName } from '../names';
import { fileStart } from '../text';
import type { Standard } from '../standard/model';
import type { Finding, Fix, Range, RelatedInformation, TextEdit } from '../types';
import type { Version } from '../versions';
import type { Dialect, Judgement } from '../versions/dialects';
import { markerCanHoldFrom } from '../versions/markerScope';
import { findingAt, ruleRelated } from './finding';
import { MESSAGES } from './messages';

/** What the standard asks of one package: a Python package's rule, or a Terraform minimum seen as one. */
export interface PackageDemand {
  /** The name as the standard spells it. */
  name: string;
  minimum?: Version;
  pin?: Version;
  replacedBy?: string;
  reason?: string;
  severity?: Finding['severity'];
  source: { file: string; range: Range };
  /** How related information names the minimum: `The minimum 2.0.0 for pandas`. */
  minimumWhat: string;
}

const demands = new WeakMap<object, PackageDemand>();

/** The standard's demand on `fact`, if it makes one. */
export function demandOn(fact: Pick<PackageFact, 'registry' | 'name'>, standard: Standard): PackageDemand | undefined {
  switch (fact.registry) {
    case 'python': {
      // The reader normalised the name to ask whether a rule judges it; most are written normalised, so this lookup
      // normalises again only a name written otherwise.
      const rule = standard.packages.get(fact.name) ?? standard.packages.get(normalizeName(fact.name));
      if (!rule) return undefined;
      // One demand per rule: a large file names the same packages many times.
      let demand = demands.get(rule);
      if (!demand) {
        demand = { ...rule, minimumWhat: `The minimum ${rule.minimum?.text ?? ''} for ${rule.name}` };
        demands.set(rule, demand);
      }
      return demand;
    }
    case 'terraform-provider':
    case 'terraform': {
      const setting =
        fact.registry === 'terraform'
          ? standard.terraform.requiredVersion
          : standard.terraform.providers.get(fact.name);
      return (
        setting && {
          name: fact.name,
          minimum: setting.value,
          source: setting.source,
          minimumWhat: `The minimum ${setting.value.text}`,
        }
      );
    }
  }
}

/** Names a table's replacements have claimed so far: a second rename onto one of them would duplicate a key. */
export type TableClaims = WeakMap<object, Set<string>>;

/**
 * The findings on one package fact. `claims` carries, across the facts of one file, the names a table will hold once
 * its replaced packages are renamed; `judgedNames` the name places already judged for a replacement (a Poetry list of
 * constraints is one name).
 */
export function checkPackage(
  fact: PackageFact,
  standard: Standard,
  claims: TableClaims = new WeakMap(),
  judgedNames: Set<Place> = new Set(),
): Finding[] {
  const demand = demandOn(fact, standard);
  if (!demand) return [];
  const python = standard.python?.value;
  if (python && fact.marker && !markerCanHoldFrom(fact.marker, python)) return [];
  const findings: Finding[] = [];
  if (demand.replacedBy && !judgedNames.has(fact.place)) {
    judgedNames.add(fact.place);
    findings.push(replacement(fact, demand, standard, claims));
  }
  if (python && fact.appliesFrom && !fact.appliesFrom(python)) return findings;
  const version = versionFinding(fact, demand);
  if (version) findings.push(version);
  if (fact.lock) return findings.map((f) => throughLock(f, fact, demand, standard));
  return findings;
}

/** Whether a fix may edit the fact's text, and what a message says when it may not. */
function freeze(fact: PackageFact, what: 'name' | 'version', missing = false): string | undefined {
  // In a generated lock the fix goes to the source, so the lock's hashes are the lock tool's business.
  const frozen = fact.lock && fact.frozen === 'hashes' ? undefined : fact.frozen;
  return frozen && MESSAGES.frozenBecause(frozen, what, missing);
}

function replacement(fact: PackageFact, demand: PackageDemand, standard: Standard, claims: TableClaims): Finding {
  const by = demand.replacedBy as string;
  const related = ruleRelated(demand, `The replacement of ${demand.name}`);
  const message = MESSAGES.replaced(fact.name, by, demand.reason);
  const table = fact.table;
  if (table) {
    let claimed = claims.get(table);
    if (!claimed) {
      // The names the table keeps: those of packages that are not replaced.
      claimed = new Set(table.names.filter((n) => !standard.packages.get(n)?.replacedBy));
      claims.set(table, claimed);
    }
    const taken = claimed.has(normalizeName(by));
    claimed.add(normalizeName(by));
    if (taken) {
      // Renaming would write a key the table already has, which TOML forbids: the old entry goes instead.
      const removal = fact.remove?.();
      return findingAt(
        'replaced-package',
        fact.place,
        message + MESSAGES.replacedAlreadyDeclared(by),
        removal ? [{ title: MESSAGES.removeTitle(fact.name, by), isPreferred: true, edits: [removal] }] : [],
        demand,
        related,
      );
    }
  }
  const frozen = freeze(fact, 'name');
  if (frozen) return findingAt('replaced-package', fact.place, message + frozen, [], demand, related);
  const edits: TextEdit[] = [editAt(fact.place, by)];
  // The replacement's own minimum applies to the renamed requirement: meet it in the same fix, so one fix settles it.
  const successor = standard.packages.get(normalizeName(by));
  let constraint = '';
  if (successor?.minimum && !fact.direct) {
    const met = meetMinimum(fact, successor.minimum, successor.pin ?? successor.minimum);
    if (met) {
      constraint = met.text;
      edits.push(met.edit);
    }
  }
  return findingAt(
    'replaced-package',
    fact.place,
    message,
    [{ title: MESSAGES.replaceTitle(fact.dialect.name, fact.name, by, constraint), isPreferred: true, edits }],
    demand,
    related,
  );
}

/** The edit that makes the fact's constraint admit `minimum` and nothing below, when one is needed and possible. */
function meetMinimum(fact: PackageFact, minimum: Version, pin: Version): { text: string; edit: TextEdit } | undefined {
  const c = fact.constraint;
  if (!c) {
    const text = `>=${minimum.text}`;
    const edit = fact.addConstraint?.(text);
    return edit && { text, edit };
  }
  if (c.escaped) return undefined;
  const read = readConstraint(fact);
  if (read === undefined || fact.dialect.judge(read, minimum) === 'ok') return undefined;
  const text = fact.dialect.fix(c.text, read, minimum, pin);
  if (c.splitAt !== undefined && text.includes(c.splitAt)) return undefined;
  return { text, edit: editAt(c.place, text) };
}

/** What the fact's constraint reads as; undefined when it cannot be read (its reader reported that). */
function readConstraint(fact: PackageFact): unknown {
  const c = fact.constraint;
  if (!c) return undefined;
  if (c.read !== undefined) return c.read;
  const read = fact.dialect.read(c.text);
  return 'value' in read ? read.value : undefined;
}

// Judgements by dialect, minimum and constraint text: a file repeats its constraints, and reading decides nothing else.
// Nested by the first two, so that no key string is built and hashed per requirement.
const judgements = new Map<Dialect, Map<string, Map<string, Judgement>>>();
let judged = 0;

function judgeOnce(dialect: Dialect, text: string, read: unknown, minimum: Version): Judgement {
  let byMinimum = judgements.get(dialect);
  if (!byMinimum) judgements.set(dialect, (byMinimum = new Map<string, Map<string, Judgement>>()));
  let byText = byMinimum.get(minimum.text);
  if (!byText) byMinimum.set(minimum.text, (byText = new Map<string, Judgement>()));
  let judgement = byText.get(text);
  if (judgement === undefined) {
    judgement = dialect.judge(read, minimum);
    if (++judged > 50_000) {
      judgements.clear();
      judged = 0;
    }
    byText.set(text, judgement);
  }
  return judgement;
}

function versionFinding(fact: PackageFact, demand: PackageDemand): Finding | undefined {
  const minimum = demand.minimum;
  if (!minimum || fact.direct) return undefined;
  const pin = demand.pin ?? minimum;
  const c = fact.constraint;
  if (!c) {
    const related = ruleRelated(demand, demand.minimumWhat);
    const frozen = freeze(fact, 'version', true);
    const text = `>=${minimum.text}`;
    const added = frozen ? undefined : fact.addConstraint?.(text);
    const title = MESSAGES.addConstraintTitle(fact.dialect.name, fact.label, text);
    const fixes: Fix[] = added ? [{ title, isPreferred: true, edits: [added] }] : [];
    const message = MESSAGES.noConstraint(fact.label, minimum.text) + (frozen ?? '');
    return findingAt('missing-minimum', fact.missingAt ?? fact.place, message, fixes, demand, related);
  }
  const read = readConstraint(fact);
  if (read === undefined) return undefined;
  const judgement = judgeOnce(fact.dialect, c.text, read, minimum);
  if (judgement === 'ok') return undefined;
  const related = ruleRelated(demand, demand.minimumWhat);
  const dialect = fact.dialect.name;
  const newText = fact.dialect.fix(c.text, read, minimum, pin);
  const frozen = c.escaped
    ? MESSAGES.frozenBecause('escapes', 'version', false)
    : c.splitAt !== undefined && newText.includes(c.splitAt)
      ? MESSAGES.splitList(c.splitAt)
      : freeze(fact, 'version');
  const fixes: Fix[] = frozen
    ? []
    : [
        {
          title: MESSAGES.changeConstraintTitle(dialect, fact.label, newText),
          isPreferred: true,
          edits: [editAt(c.place, newText)],
        },
      ];
  const message =
    judgement === 'any'
      ? MESSAGES.anyVersion(fact.label, c.text, minimum.text)
      : judgement === 'below-minimum'
        ? MESSAGES.belowMinimum(dialect, fact.label, c.text, minimum.text)
        : fact.dialect.isExact(read)
          ? MESSAGES.exactBelow(dialect, fact.label, c.text, minimum.text)
          : MESSAGES.conflicts(dialect, fact.label, c.text, minimum.text);
  const code = judgement === 'any' ? 'missing-minimum' : judgement;
  return findingAt(code, c.place, message + (frozen ?? ''), fixes, demand, related);
}

const VERSION_CODES = new Set<Finding['code']>(['below-minimum', 'conflicts-with-minimum', 'missing-minimum']);

/**
 * A lock's finding, rewritten to name the source it was compiled from and to carry the source's fix instead of an
 * edit to the lock: the source's own requirement judged by this same rule, or a floor added to the source when the
 * package is only a transitive dependency there.
 */
function throughLock(finding: Finding, fact: PackageFact, demand: PackageDemand, standard: Standard): Finding {
  const lock = fact.lock as NonNullable<PackageFact['lock']>;
  const { tool } = lock;
  const regenerate = MESSAGES.regenerate(lock.verb, lock.command);
  if (!lock.path || !lock.found) {
    return {
      ...finding,
      message: MESSAGES.lockSourceMissing(withPuller(finding, fact), tool, lock.path && path.basename(lock.path)),
      fixes: [],
    };
  }
  const sourceName = path.basename(lock.path);
  const declaredAs = (name: string) => lock.declarations?.find((d) => normalizeName(d.name) === normalizeName(name));
  // A source that already names the replacement has done its part: the lock is only stale.
  const declared =
    declaredAs(demand.name) ??
    (finding.code === 'replaced-package' && demand.replacedBy ? declaredAs(demand.replacedBy) : undefined);
  const at = declared
    ? { file: declared.place.source.path, range: placeRange(declared.entry ?? declared.place) }
    : { file: lock.path, range: fileStart() };
  const related: RelatedInformation[] = [
    { location: at, message: MESSAGES.lockSourceRelated },
    ...(finding.related ?? []),
  ];
  const said = withPuller(finding, fact, declaredAs(fact.name) !== undefined);
  if (declared) {
    const where = path.basename(declared.place.source.path);
    const sameKind = (f: Finding) =>
      finding.code === 'replaced-package' ? f.code === 'replaced-package' : VERSION_CODES.has(f.code);
    const upstream = checkPackage(declared, standard).find(sameKind);
    if (!upstream) return { ...finding, message: MESSAGES.lockStale(said, where, regenerate), fixes: [], related };
    const through = declared.place.source.path === lock.path ? '' : ` (through ${where})`;
    return {
      ...finding,
      message: MESSAGES.lockFixThere(said, tool, sourceName, through, regenerate),
      fixes: upstream.fixes.map((f) => ({ ...f, title: MESSAGES.lockFixTitle(f.title, where, regenerate) })),
      related,
    };
  }
  if (!lock.declarations || finding.code === 'replaced-package' || !demand.minimum) {
    return {
      ...finding,
      message: MESSAGES.lockChangeThere(said, tool, sourceName, regenerate),
      fixes: [],
      related,
    };
  }
  // Only a transitive dependency: a floor in the source pulls the resolver up.
  const message = MESSAGES.lockTransitive(said, tool, sourceName, demand.name, regenerate);
  const added = lock.addRequirement?.(demand.name, `>=${demand.minimum.text}`);
  if (!added) return { ...finding, message, fixes: [], related };
  return {
    ...finding,
    message,
    fixes: [
      {
        title: MESSAGES.lockAddTitle(added.written, added.where, regenerate),
        isPreferred: true,
        edits: [added.edit],
      },
    ],
    related,
  };
}

/** The finding's message with who pulls the locked package in, where the lock (or the source, `declared`) says. */
function withPuller(finding: Finding, fact: PackageFact, declared = false): string {
  const pulled = fact.lock?.pulledIn?.(fact.name);
  if (!pulled) return finding.message;
  return finding.message + MESSAGES.lockPulledIn(pulled.direct ?? declared, pulled.by);
}

function placeRange(place: Place): Range {
  return place.source.range(place.start, place.end);
}
