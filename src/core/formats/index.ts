import * as path from 'node:path';
import type { Fact } from '../facts';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { isRequirementsFile, mayBeInput, type FileLookup } from './pipCompile';
import { caseless } from '../glob';
import { PRECOMMIT_CONFIGS, readPrecommit } from './precommit';
import { readPyproject } from './pyproject';
import { isPythonVersionFile, PYTHON_VERSION_FILE, readPythonVersion } from './pythonVersion';
import { readRequirements, readsAsRequirements } from './requirements';
import { readTerraform } from './terraform';
import { isMypyIni, isPylintrc, MYPY_INI, PYLINTRC, readMypyIni, readPylintrc } from './iniTools';
import { isSetupCfg, readSetupCfg } from './setupCfg';
import { isToxIni, readToxIni } from './tox';
import { isNoxfile, NOXFILE, readNoxfile } from './nox';
import { isPythonFile, readInlineScript, SCRIPT_MARKER } from './pep723';

export interface Format {
  kind: string;
  /**
   * Globs (without `**\/`) that every file of this format matches, for file watchers and activation events: a superset
   * of `matches`, which may also look at a file's neighbours or content.
   */
  globs: readonly string[];
  /** Whether `file` is of this format: by its name, and for a pip-compile `.in` by its neighbours when `fs` is given. */
  matches(file: string, fs?: FileLookup): boolean;
  /**
   * For a kind a name cannot tell (any `.py` may hold script metadata): an ASCII marker its files hold. A folder walk
   * keeps a file whose name matches only when the file holds it; an analysis of a file given by name reads it anyway,
   * and finds nothing in one without it.
   */
  sniff?: string;
  /** The tool that reads this kind as UTF-8 only, ignoring a PEP 263 comment; undefined for pip's own rules. */
  utf8Only?: string;
  /** Who reads a kind that honours a PEP 263 comment, for messages about its bytes, when it is not pip. */
  reader?: string;
  /** The file's facts (and those of files it reads, such as its includes). Never throws on any text. */
  read(file: SourceFile, ctx: ReadContext): Fact[];
}

export const FORMATS = [
  {
    kind: 'requirements',
    // pip reads any name; these are the names people give requirements files, in any case.
    globs: ['*requirements*.txt', 'constraints*.txt', '*.in'].map(caseless),
    // Failing every other sign, a `.in` whose every line is pip's format is an input too (pip-tools' `examples/flask.in`).
    matches: (file, fs) =>
      isRequirementsFile(file, fs) ||
      (fs?.readFile !== undefined && mayBeInput(file) && readsAsRequirements(fs.readFile(file))),
    read: (file, ctx) => readRequirements(file, ctx),
  },
  {
    kind: 'pyproject',
    globs: ['pyproject.toml'],
    matches: (file) => path.basename(file) === 'pyproject.toml',
    utf8Only: 'tomllib and pip',
    read: readPyproject,
  },
  {
    kind: 'terraform',
    globs: ['*.tf'],
    matches: (file) => file.endsWith('.tf'),
    utf8Only: 'Terraform',
    read: readTerraform,
  },
  {
    kind: 'precommit',
    globs: PRECOMMIT_CONFIGS,
    matches: (file) => PRECOMMIT_CONFIGS.includes(path.basename(file)),
    utf8Only: 'pre-commit',
    read: readPrecommit,
  },
  {
    kind: 'python-version',
    globs: [PYTHON_VERSION_FILE],
    matches: isPythonVersionFile,
    utf8Only: 'pyenv and uv',
    read: readPythonVersion,
  },
  {
    kind: 'tox',
    globs: ['tox.ini'],
    matches: isToxIni,
    utf8Only: 'tox',
    read: readToxIni,
  },
  {
    kind: 'setup-cfg',
    globs: ['setup.cfg'],
    matches: isSetupCfg,
    utf8Only: 'setuptools',
    read: readSetupCfg,
  },
  {
    kind: 'mypy-ini',
    globs: MYPY_INI,
    matches: isMypyIni,
    // mypy reads its file in the locale's encoding, which is UTF-8 wherever it is used in earnest.
    utf8Only: 'mypy',
    read: readMypyIni,
  },
  {
    kind: 'pylintrc',
    globs: PYLINTRC,
    matches: isPylintrc,
    utf8Only: 'pylint',
    read: readPylintrc,
  },
  {
    kind: 'noxfile',
    globs: [NOXFILE],
    matches: isNoxfile,
    reader: 'Python',
    read: readNoxfile,
  },
  {
    kind: 'inline-script',
    globs: ['*.py'],
    matches: isPythonFile,
    sniff: SCRIPT_MARKER,
    reader: 'Python',
    read: readInlineScript,
  },
] as const satisfies readonly Format[];

/** What kind of file a format reads: `requirements`, `pyproject`, … */
export type FileKind = (typeof FORMATS)[number]['kind'];

/** Every file a format may read, as one glob for a file watcher. */
export const GOVERNED_GLOB = `**/{${FORMATS.flatMap((f) => f.globs).join(',')}}`;

/**
 * The format of `file`, from its path. A `.in` is a requirements file only when it is a pip-compile input; with `fs`
 * its neighbours can say so (see `isRequirementsFile`), which a folder walk can answer from the listing it already has.
 */
export function formatFor(file: string, fs?: FileLookup): Format | undefined {
  if (isTemplatePath(file)) return undefined;
  return FORMATS.find((f) => f.matches(file, fs));
}

// A folder or file named with a Jinja placeholder (cookiecutter's `{{cookiecutter.project_slug}}`, copier's
// `{{ name }}`, `{% if … %}`) holds templates that render into the real files, not the files themselves.
const TEMPLATE_SEGMENT = /\{\{|\{%/;

/** Whether `file` lies in (or is) a project template rather than a project. */
export function isTemplatePath(file: string): boolean {
  return TEMPLATE_SEGMENT.test(file);
}
