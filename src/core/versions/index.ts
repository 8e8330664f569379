// PEP 440 in one import: versions (versions/pep440.ts), specifiers as text (versions/specifiers.ts) and what a
// specifier admits against a minimum (versions/judge.ts, on the version line of versions/ranges.ts).
export {
  compareVersions,
  invalidVersionMessage,
  isPrerelease,
  makeVersion,
  MAX_DIGITS,
  overlongMessage,
  parseVersion,
  type Version,
} from './pep440';
export {
  formatClause,
  isValidSpecifier,
  MAX_CLAUSES,
  parseRequirementSpecifier,
  parseSingleClause,
  parseSpecifier,
  SPECIFIER_PATTERN,
  stripPythonSpace,
  type Clause,
  type Operator,
  type SpecifierParse,
} from './specifiers';
export {
  admitsPrereleases,
  asClauses,
  clauseMatches,
  fixClauses,
  isKept,
  judge,
  specifierAdmits,
  type NewClause,
  type Verdict,
} from './judge';
