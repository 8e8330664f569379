// pyproject.toml: dependencies wherever the common tools keep them (PEP 621, PEP 735, Poetry, uv, PDM) and every
// place that states the project's Python. Read through the position-keeping TOML model, which survives a file that
// is mid-edit: every table that still parses keeps its findings.
import { guarded, internalError } from '../internal';
import { markerCanHoldFrom, parseMarker } from '../markers';
import { normalizeName } from '../names';
import { fixClauses, judge, MAX_DIGITS, parseSpecifier, type Version } from '../pep440';
import { fixPoetry, judgePoetry, parsePoetryConstraint, poetryConstraintError, type PoetryConstraint } from '../poetry';
import { checkRequirement, renderSpecifier, ruleRelated, severityOf, type RuleTarget } from '../rules/requirement';
import type { Setting } from '../standard/model';
import { LineIndex } from '../text';
import type { Finding, Range, TextEdit } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { parseRequirementText, type Pep508Entry } from './pep508';
import { lookup, parseTomlDocument, type TomlEntry, type TomlString, type TomlTable, type TomlValue } from './toml';

interface Ctx {
  /** Whether the standard has a rule for a package: the others' versions only need to be valid. */
  known: (name: string) => boolean;
  /** The project's own names (`[project] name`, Poetry's `name`): a project requiring itself (for its extras) is not judged. */
  own: Set<string>;
  /** Whether the file has a backslash anywhere; most have none, and then no string has an escape. */
  escapes: boolean;
  file: string;
  text: string;
  lines: LineIndex;
  analysis: AnalysisContext;
  findings: Finding[];
  range: (start: number, end: number) => Range;
}

function table(value: TomlValue | undefined): TomlTable | undefined {
  return value?.kind === 'table' ? value : undefined;
}

function string(value: TomlValue | undefined): TomlString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

function hasBackslash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** The string's source between its quotes, when it maps offset for offset onto its value (no escapes). */
function raw(c: Ctx, s: TomlString): string | undefined {
  const { start, end } = s.contentSpan;
  // Without a backslash the source is the value (a literal string has no escapes at all); no need to copy it.
  if (
    end - start === s.value.length &&
    (!c.escapes || s.style.endsWith('literal') || !hasBackslash(c.text, start, end))
  )
    return s.value;
  const text = c.text.slice(start, end);
  return text === s.value ? text : undefined;
}

/** A PEP 508 string in an array: checked like a requirements line, at its exact place inside the quotes. */
function checkPep508(c: Ctx, value: TomlValue | undefined): void {
  if (value?.kind !== 'array') return;
  const target: RuleTarget = { file: c.file, range: c.range };
  // One offset map for every item, moved along with them (this runs for every dependency of a large file).
  let start = 0;
  let end = 0;
  let exact = true;
  const map = (o: number, isEnd: boolean) => (exact ? start + o : isEnd ? end : start);
  for (const item of value.items) {
    const s = string(item);
    if (!s) continue;
    const source = raw(c, s);
    ({ start, end } = s.contentSpan);
    // With escapes no offset in the value maps to the source: point at the whole string and offer no edit.
    exact = source !== undefined;
    // Under a guard, written inline: this runs for every dependency of a large file, and a closure each would cost.
    try {
      const entry = parseRequirementText(source ?? s.value, map, c.known);
      if (entry.kind === 'error') {
        c.findings.push({
          code: 'parse-error',
          severity: 'error',
          message: entry.message,
          file: c.file,
          range: c.range(entry.start, entry.end),
          fixes: [],
        });
      } else if (entry.kind === 'requirement' && c.known(entry.req.name)) {
        const findings = checkRequirement(entry.req, c.analysis.standard, target);
        c.findings.push(
          ...(exact
            ? findings
            : findings.map((f) => ({
                ...f,
                message: `${f.message}; the string uses escapes, so change it by hand (no automatic fix)`,
                fixes: [],
              }))),
        );
      }
    } catch (error) {
      c.findings.push(internalError(c.file, c.range(s.contentSpan.start, s.contentSpan.end), error));
    }
  }
}

function pythonFinding(c: Ctx, s: TomlString, newText: string, message: string, python: Setting<Version>): Finding {
  const r = c.range(s.contentSpan.start, s.contentSpan.end);
  return {
    code: 'python-below-minimum',
    severity: severityOf('python-below-minimum'),
    message,
    file: c.file,
    range: r,
    fixes: [{ title: `Change to ${newText}`, isPreferred: true, edits: [{ file: c.file, range: r, newText }] }],
    related: ruleRelated(python, `The Python minimum ${python.value.text}`),
  };
}

/** `requires-python = ">=3.8,<4"` → `">=3.10,<4"`. */
function checkRequiresPython(c: Ctx, value: TomlValue | undefined, python: Setting<Version>): void {
  const s = string(value);
  const source = s && raw(c, s);
  if (!s || source === undefined) return;
  const { clauses, errors } = parseSpecifier(source.trim(), 0);
  if (errors.length > 0) {
    const lead = source.length - source.trimStart().length;
    const e = errors[0];
    c.findings.push({
      code: 'parse-error',
      severity: 'error',
      message: e.message,
      file: c.file,
      range: c.range(s.contentSpan.start + lead + e.start, s.contentSpan.start + lead + e.end),
      fixes: [],
    });
    return;
  }
  if (clauses.length === 0 || judge(clauses, python.value) === 'ok') return;
  const newText = renderSpecifier(source.trim(), fixClauses(clauses, python.value, python.value));
  c.findings.push(
    pythonFinding(
      c,
      s,
      newText,
      `requires-python "${source}" admits Pythons below the standard minimum ${python.value.text}`,
      python,
    ),
  );
}

/** A Poetry constraint string fixed in Poetry's syntax. */
function fixedPoetry(constraint: PoetryConstraint, minimum: Version, pin: Version): string {
  return fixPoetry(constraint, minimum, pin, (b) => renderSpecifier(b.text, fixClauses(b.clauses, minimum, pin)));
}

function checkPoetryPython(c: Ctx, s: TomlString, python: Setting<Version>): void {
  const source = raw(c, s);
  if (source === undefined) return;
  const constraint = parsePoetryConstraint(source, 0);
  if (constraint.error || judgePoetry(constraint, python.value) === 'ok') return;
  const newText = fixedPoetry(constraint, python.value, python.value);
  c.findings.push(
    pythonFinding(
      c,
      s,
      newText,
      `Poetry python "${source}" admits Pythons below the standard minimum ${python.value.text}`,
      python,
    ),
  );
}

/** A dependency that only applies on Pythons the standard no longer allows is left alone. */
function outOfScope(c: Ctx, spec: TomlTable): boolean {
  const python = c.analysis.standard.python;
  if (!python) return false;
  const py = string(spec.entries.get('python')?.value);
  if (py) {
    const constraint = parsePoetryConstraint(py.value);
    if (!constraint.error && judgePoetry(constraint, python.value) === 'conflicts-with-minimum') return true;
  }
  const markers = string(spec.entries.get('markers')?.value);
  if (markers) {
    const parsed = parseMarker(markers.value);
    if (parsed.marker && !markerCanHoldFrom(parsed.marker, python.value)) return true;
  }
  return false;
}

/** The edit deleting `entry` with its line, when the entry has its lines to itself (a trailing comment goes too). */
function removeEntryLine(c: Ctx, entry: TomlEntry): TextEdit | undefined {
  const lineStart = c.lines.lineStarts[c.lines.positionAt(entry.keySpan.start).line];
  const lastLine = c.lines.positionAt(entry.value.span.end).line;
  const after = c.text.slice(entry.value.span.end, c.lines.lineEnd(lastLine));
  if (c.text.slice(lineStart, entry.keySpan.start).trim() !== '' || !/^\s*(#.*)?$/.test(after)) return undefined;
  const end = lastLine + 1 < c.lines.lineCount ? c.lines.lineStarts[lastLine + 1] : c.text.length;
  return { file: c.file, range: c.range(lineStart, end), newText: '' };
}

/** One Poetry dependency: `name = "^1.5"`, `name = { version = "^1.5", extras = [...] }`, or a list of those. */
function checkPoetryDependency(c: Ctx, entry: TomlEntry, taken: () => Set<string>): void {
  const { standard } = c.analysis;
  const python = standard.python;
  if (entry.key === 'python') {
    const s = string(entry.value);
    if (s && python) checkPoetryPython(c, s, python);
    return;
  }
  const rule = c.own.has(normalizeName(entry.key)) ? undefined : standard.packages.get(normalizeName(entry.key));
  if (!rule?.minimum) validatePoetryConstraints(c, entry.value);
  if (!rule) return;
  const quoted = /^["']/.test(c.text[entry.keySpan.start] ?? '');
  const nameRange = c.range(entry.keySpan.start + (quoted ? 1 : 0), entry.keySpan.end - (quoted ? 1 : 0));
  const replacement = rule.replacedBy;
  const declared = replacement !== undefined && taken().has(normalizeName(replacement));
  if (replacement) taken().add(normalizeName(replacement));
  if (replacement && declared) {
    // Renaming would write a key the table already has, which TOML forbids: the old entry goes instead.
    const removal = removeEntryLine(c, entry);
    c.findings.push({
      code: 'replaced-package',
      severity: severityOf('replaced-package', rule),
      message:
        `${entry.key} is replaced by ${replacement} in the standard` +
        (rule.reason ? `: ${rule.reason}` : '') +
        `; ${replacement} is already declared in this table`,
      file: c.file,
      range: nameRange,
      fixes: removal
        ? [{ title: `Remove ${entry.key} (${replacement} is already declared)`, isPreferred: true, edits: [removal] }]
        : [],
      related: ruleRelated(rule, `The replacement of ${rule.name}`),
    });
  } else if (rule.replacedBy) {
    const edits: TextEdit[] = [{ file: c.file, range: nameRange, newText: rule.replacedBy }];
    // The replacement's own minimum applies to the renamed entry: meet it in the same fix, as for PEP 508 strings.
    const successor = standard.packages.get(normalizeName(rule.replacedBy));
    const floor =
      successor?.minimum && successor.replacedBy === undefined
        ? versionEdit(c, entry.value, successor.minimum, successor.pin ?? successor.minimum)
        : undefined;
    if (floor) edits.push(floor.edit);
    c.findings.push({
      code: 'replaced-package',
      severity: severityOf('replaced-package', rule),
      message:
        `${entry.key} is replaced by ${rule.replacedBy} in the standard` + (rule.reason ? `: ${rule.reason}` : ''),
      file: c.file,
      range: nameRange,
      fixes: [
        {
          title: `Replace ${entry.key} with ${rule.replacedBy}${floor ? ` = "${floor.text}"` : ''}`,
          isPreferred: true,
          edits,
        },
      ],
      related: ruleRelated(rule, `The replacement of ${rule.name}`),
    });
  }
  const minimum = rule.minimum;
  if (!minimum) return;
  const pin = rule.pin ?? minimum;
  const related = ruleRelated(rule, `The minimum ${minimum.text} for ${rule.name}`);
  const specs = entry.value.kind === 'array' ? entry.value.items : [entry.value];
  for (const spec of specs) {
    let version: TomlString | undefined;
    if (spec.kind === 'string') version = spec;
    else if (spec.kind === 'table') {
      if (outOfScope(c, spec)) continue;
      // A git, path or url dependency takes its version from there.
      if (['git', 'path', 'url'].some((k) => spec.entries.has(k))) continue;
      version = string(spec.entries.get('version')?.value);
      if (!version) {
        const fixes = spec.origin === 'inline' || spec.origin === 'header' ? insertVersion(c, spec, minimum) : [];
        // In a list of constraints, the one table without a version is at fault, not the name.
        const where = entry.value.kind === 'array' ? c.range(spec.span.start, spec.span.end) : nameRange;
        c.findings.push({
          code: 'missing-minimum',
          severity: severityOf('missing-minimum', rule),
          message: `${entry.key} has no version constraint; the standard minimum is ${minimum.text}`,
          file: c.file,
          range: where,
          fixes,
          related,
        });
        continue;
      }
    } else continue;
    // With escapes no offset in the value maps to the source: the finding covers the whole string, without a fix.
    const exact = raw(c, version) !== undefined;
    const source = version.value;
    const constraint = parsePoetryConstraint(source, version.contentSpan.start);
    const r = c.range(version.contentSpan.start, version.contentSpan.end);
    if (constraint.error) {
      const at = exact ? c.range(constraint.error.start, constraint.error.end) : r;
      c.findings.push({
        code: 'parse-error',
        severity: 'error',
        message: constraint.error.message,
        file: c.file,
        range: at,
        fixes: [],
      });
      continue;
    }
    const verdict = judgePoetry(constraint, minimum);
    if (verdict === 'ok') continue;
    const newText = fixedPoetry(constraint, minimum, pin);
    const fixes = exact
      ? [
          {
            title: `Change to ${entry.key} = "${newText}"`,
            isPreferred: true,
            edits: [{ file: c.file, range: r, newText }],
          },
        ]
      : [];
    const byHand = exact ? '' : '; the string uses escapes, so change it by hand (no automatic fix)';
    if (verdict === 'missing') {
      c.findings.push({
        code: 'missing-minimum',
        severity: severityOf('missing-minimum', rule),
        message: `${entry.key} = "${source}" allows any version; the standard minimum is ${minimum.text}${byHand}`,
        file: c.file,
        range: r,
        fixes,
        related,
      });
      continue;
    }
    const single = constraint.branches.length === 1 && constraint.branches[0].style === 'exact';
    const message =
      verdict === 'below-minimum'
        ? `${entry.key} "${source}" admits versions below the standard minimum ${minimum.text}`
        : single
          ? `${entry.key} ${source} is below the standard minimum ${minimum.text}`
          : `${entry.key} "${source}" admits no version at or above the standard minimum ${minimum.text}`;
    c.findings.push({
      code: verdict,
      severity: severityOf(verdict, rule),
      message: message + byHand,
      file: c.file,
      range: r,
      fixes,
      related,
    });
  }
}

/** A constraint Poetry cannot read is an error whatever the package: Poetry stops on it. */
function validatePoetryConstraints(c: Ctx, value: TomlValue): void {
  for (const spec of value.kind === 'array' ? value.items : [value]) {
    const version =
      spec.kind === 'string' ? spec : spec.kind === 'table' ? string(spec.entries.get('version')?.value) : undefined;
    if (!version) continue;
    const error = poetryConstraintError(version.value);
    if (!error) continue;
    const at = version.contentSpan.start;
    const range =
      raw(c, version) !== undefined ? c.range(at + error.start, at + error.end) : c.range(at, version.contentSpan.end);
    c.findings.push({ code: 'parse-error', severity: 'error', message: error.message, file: c.file, range, fixes: [] });
  }
}

/** The edit that makes a single Poetry constraint (a string, or a table's `version`) meet `minimum`, if one is needed. */
function versionEdit(
  c: Ctx,
  value: TomlValue,
  minimum: Version,
  pin: Version,
): { edit: TextEdit; text: string } | undefined {
  const version =
    value.kind === 'string' ? value : value.kind === 'table' ? string(value.entries.get('version')?.value) : undefined;
  const source = version && raw(c, version);
  if (!version || source === undefined) return undefined;
  const constraint = parsePoetryConstraint(source, version.contentSpan.start);
  if (constraint.error || judgePoetry(constraint, minimum) === 'ok') return undefined;
  const text = fixedPoetry(constraint, minimum, pin);
  return {
    edit: { file: c.file, range: c.range(version.contentSpan.start, version.contentSpan.end), newText: text },
    text,
  };
}

/** `pandas = { extras = ["sql"] }` gains `version = ">=2.0.0", ` right after its brace; a `[….pandas]` sub-table a line under its header. */
function insertVersion(c: Ctx, spec: TomlTable, minimum: Version): Finding['fixes'] {
  const title = `Add version = ">=${minimum.text}"`;
  if (spec.origin === 'header') {
    const next = c.lines.positionAt(spec.span.start).line + 1;
    const line = `version = ">=${minimum.text}"`;
    const [at, newText] =
      next < c.lines.lineCount ? [c.lines.lineStarts[next], line + c.lines.eol] : [c.text.length, c.lines.eol + line];
    return [{ title, isPreferred: true, edits: [{ file: c.file, range: c.range(at, at), newText }] }];
  }
  let at = spec.span.start + 1;
  while (c.text[at] === ' ' || c.text[at] === '\t') at++;
  const empty = c.text[at] === '}';
  const text = empty ? ` version = ">=${minimum.text}" ` : `version = ">=${minimum.text}", `;
  return [{ title, isPreferred: true, edits: [{ file: c.file, range: c.range(at, at), newText: text }] }];
}

function checkPoetryTable(c: Ctx, value: TomlValue | undefined): void {
  const entries = [...(table(value)?.entries.values() ?? [])];
  // The keys the table has, and will have once a replaced package is renamed: a second rename to one of them would
  // write a duplicate key, which TOML forbids, so that entry goes instead. Worked out only for a table that needs it.
  let taken: Set<string> | undefined;
  const names = () => {
    const replaced = (key: string) =>
      c.analysis.standard.packages.get(normalizeName(key))?.replacedBy !== undefined && !c.own.has(normalizeName(key));
    return (taken ??= new Set(entries.filter((e) => !replaced(e.key)).map((e) => normalizeName(e.key))));
  };
  for (const entry of entries) {
    try {
      checkPoetryDependency(c, entry, names);
    } catch (error) {
      c.findings.push(internalError(c.file, c.range(entry.keySpan.start, entry.value.span.end), error));
    }
  }
}

const PY_TARGET = /^py(\d)(\d+)$/;

/** `[tool.black] target-version = ["py38", "py39"]`: nothing below the standard's Python. */
function checkBlackTargets(c: Ctx, value: TomlValue | undefined, python: Setting<Version>): void {
  if (value?.kind !== 'array') return;
  const wanted = `py${python.value.release[0]}${python.value.release[1] ?? 0}`;
  const below = (s: TomlString) => {
    const m = PY_TARGET.exec(s.value);
    return m !== null && compareTarget(m[1], m[2], python.value) < 0;
  };
  const items = value.items.filter((i): i is TomlString => i.kind === 'string');
  const bad = items.filter(below);
  if (bad.length === 0) return;
  const edits: TextEdit[] = [];
  const hasWanted = items.some((i) => i.value === wanted);
  const removed = new Set<TomlValue>(bad.filter((_, n) => n > 0 || hasWanted));
  bad.forEach((item) => {
    if (!removed.has(item)) {
      edits.push({ file: c.file, range: c.range(item.contentSpan.start, item.contentSpan.end), newText: wanted });
      return;
    }
    // Remove the item with the separator after it, or before it when every later item goes too: removals never overlap.
    const index = value.items.indexOf(item);
    const next = value.items[index + 1];
    const prev = value.items[index - 1];
    const last = value.items.slice(index + 1).every((i) => removed.has(i));
    const start = last && prev ? prev.span.end : item.span.start;
    const end = last ? item.span.end : next.span.start;
    edits.push({ file: c.file, range: c.range(start, end), newText: '' });
  });
  // One finding on each target at fault; they share the one fix that mends the list.
  const fixes = [{ title: `Target ${wanted} and newer only`, isPreferred: true, edits }];
  const related = ruleRelated(python, `The Python minimum ${python.value.text}`);
  for (const item of bad) {
    c.findings.push({
      code: 'python-below-minimum',
      severity: severityOf('python-below-minimum'),
      message: `[tool.black] target-version "${item.value}" is below the standard Python minimum ${python.value.text}`,
      file: c.file,
      range: c.range(item.contentSpan.start, item.contentSpan.end),
      fixes,
      related,
    });
  }
}

/** `major.minor` (as written) against the standard's Python; numbers longer than Python reads are not judged (0). */
function compareTarget(major: string, minor: string, v: Version): number {
  if (major.length > MAX_DIGITS || minor.length > MAX_DIGITS) return 0;
  const sign = (d: bigint) => (d < 0n ? -1 : d > 0n ? 1 : 0);
  return sign(BigInt(major) - (v.release[0] ?? 0n)) || sign(BigInt(minor) - (v.release[1] ?? 0n));
}

/** A single Python version setting: `"3.8"` (mypy, pyright) or `"py38"` (ruff). */
function checkPythonSetting(
  c: Ctx,
  value: TomlValue | undefined,
  where: string,
  python: Setting<Version>,
  form: 'dotted' | 'py',
): void {
  const s = string(value);
  if (!s) return;
  const m = form === 'py' ? PY_TARGET.exec(s.value) : /^(\d+)\.(\d+)$/.exec(s.value);
  if (!m || compareTarget(m[1], m[2], python.value) >= 0) return;
  const major = python.value.release[0] ?? 3n;
  const minor = python.value.release[1] ?? 0n;
  const newText = form === 'py' ? `py${major}${minor}` : `${major}.${minor}`;
  c.findings.push(
    pythonFinding(
      c,
      s,
      newText,
      `${where} "${s.value}" is below the standard Python minimum ${python.value.text}`,
      python,
    ),
  );
}

export function analyzePyproject(file: SourceFile, ctx: AnalysisContext): Finding[] {
  const doc = parseTomlDocument(file.text);
  const lines = new LineIndex(file.text);
  const own = new Set(
    [lookup(doc, ['project', 'name']), lookup(doc, ['tool', 'poetry', 'name'])].flatMap((v) =>
      v?.kind === 'string' ? [normalizeName(v.value)] : [],
    ),
  );
  const known = (name: string) => {
    const normal = normalizeName(name);
    return ctx.standard.packages.has(normal) && !own.has(normal);
  };
  const c: Ctx = {
    known,
    own,
    escapes: file.text.includes('\\'),
    file: file.path,
    text: file.text,
    lines,
    analysis: ctx,
    findings: [],
    range: (s, e) => lines.rangeAt(s, e),
  };
  for (const e of doc.errors) {
    c.findings.push({
      code: 'parse-error',
      severity: 'error',
      message: e.message,
      file: file.path,
      range: c.range(e.span.start, e.span.end),
      fixes: [],
    });
  }
  const at = (...path: string[]) => lookup(doc, path);

  checkPep508(c, at('project', 'dependencies'));
  for (const group of table(at('project', 'optional-dependencies'))?.entries.values() ?? [])
    checkPep508(c, group.value);
  checkPep508(c, at('build-system', 'requires'));
  for (const group of table(at('dependency-groups'))?.entries.values() ?? []) checkPep508(c, group.value);
  checkPep508(c, at('tool', 'uv', 'dev-dependencies'));
  checkPep508(c, at('tool', 'uv', 'constraint-dependencies'));
  for (const group of table(at('tool', 'pdm', 'dev-dependencies'))?.entries.values() ?? []) checkPep508(c, group.value);

  checkPoetryTable(c, at('tool', 'poetry', 'dependencies'));
  checkPoetryTable(c, at('tool', 'poetry', 'dev-dependencies'));
  for (const group of table(at('tool', 'poetry', 'group'))?.entries.values() ?? [])
    checkPoetryTable(c, lookup(group.value, ['dependencies']));

  const python = ctx.standard.python;
  if (python) {
    // Each setting under its own guard: a defect in one costs that setting only.
    const each = (value: TomlValue | undefined, check: (v: TomlValue | undefined) => void) =>
      guarded(
        c.findings,
        c.file,
        () => c.range(value?.span.start ?? 0, value?.span.end ?? 0),
        () => check(value),
      );
    each(at('project', 'requires-python'), (v) => checkRequiresPython(c, v, python));
    each(at('tool', 'black', 'target-version'), (v) => checkBlackTargets(c, v, python));
    each(at('tool', 'mypy', 'python_version'), (v) =>
      checkPythonSetting(c, v, '[tool.mypy] python_version', python, 'dotted'),
    );
    each(at('tool', 'ruff', 'target-version'), (v) =>
      checkPythonSetting(c, v, '[tool.ruff] target-version', python, 'py'),
    );
    each(at('tool', 'pyright', 'pythonVersion'), (v) =>
      checkPythonSetting(c, v, '[tool.pyright] pythonVersion', python, 'dotted'),
    );
  }
  return c.findings;
}

/** A requirement of `[project]` with file offsets, as pip-compile reads a pyproject.toml source. */
export type ProjectRequirement = Extract<Pep508Entry, { kind: 'requirement' }>;

/** `[project] dependencies` and `optional-dependencies` of a pyproject.toml, the requirements pip-compile compiles. */
export function projectRequirements(text: string): ProjectRequirement[] {
  const doc = parseTomlDocument(text);
  const arrays = [
    lookup(doc, ['project', 'dependencies']),
    ...[...(table(lookup(doc, ['project', 'optional-dependencies']))?.entries.values() ?? [])].map((e) => e.value),
  ];
  const out: ProjectRequirement[] = [];
  for (const array of arrays) {
    if (array?.kind !== 'array') continue;
    for (const item of array.items) {
      if (item.kind !== 'string' || text.slice(item.contentSpan.start, item.contentSpan.end) !== item.value) continue;
      const start = item.contentSpan.start;
      const entry = parseRequirementText(item.value, (o) => start + o);
      if (entry.kind === 'requirement') out.push(entry);
    }
  }
  return out;
}

/** Where and how to add `requirement` to `[project] dependencies`, in the array's own layout and quotes. */
export function addProjectDependency(
  text: string,
  requirement: string,
  eol: string,
): { offset: number; newText: string } | undefined {
  const deps = lookup(parseTomlDocument(text), ['project', 'dependencies']);
  if (deps?.kind !== 'array') return undefined;
  const last = deps.items[deps.items.length - 1];
  if (!last) return { offset: deps.span.start + 1, newText: `"${requirement}"` };
  const quote = text[last.span.start] === "'" ? "'" : '"';
  const item = quote + requirement + quote;
  const lineOf = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const multiLine = lineOf(last.span.start) > lineOf(deps.span.start);
  let after = last.span.end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  const comma = text[after] === ',';
  if (!multiLine) return { offset: last.span.end, newText: `, ${item}` };
  const indent = /^[ \t]*/.exec(text.slice(lineOf(last.span.start)))?.[0] ?? '    ';
  return comma
    ? { offset: after + 1, newText: `${eol}${indent}${item},` }
    : { offset: last.span.end, newText: `,${eol}${indent}${item}` };
}
