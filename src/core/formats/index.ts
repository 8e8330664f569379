import path = require('node:path');
import type { Fact } from '../facts';
import { remembered } from '../memo';
import { APP_ENGINE_GLOBS, isAppEngineFile, readAppEngine } from './appEngine';
import { CLOUDBUILD_GLOBS, isCloudBuildFile, readCloudBuild } from './cloudbuild';
import type { SourceFile } from '../fileSystem';
import type { ReadContext } from './context';
import { isRequirementsFile, mayBeInput, type FileLookup } from './pipCompile';
import { caseless } from '../glob';
import { COMPOSE_GLOBS, isComposeFile, readCompose } from './compose';
import { DOCKERFILE_GLOBS, isDockerfile, readDockerfile } from './dockerfile';
import { GITLAB_CI, isGitlabCi, readGitlabCi } from './gitlabCi';
import { PRECOMMIT_CONFIGS, readPrecommit } from './precommit';
import { readPyproject } from './pyproject';
import { isMakefile, MAKEFILE_NAMES, readMakefile } from './makefile';
import { isPipfileLock, PIPFILE_LOCK, readPipfileLock } from './pipfileLock';
import { isPythonVersionFile, PYTHON_VERSION_FILE, readPythonVersion } from './pythonVersion';
import { readRequirements, readsAsRequirements } from './requirements';
import { readTerraform } from './terraform';
import { isWorkflowFile, readWorkflow, WORKFLOW_GLOBS } from './workflows';
import { isProjectDescriptor, PROJECT_DESCRIPTOR, readProjectDescriptor } from './buildpacks';
import { CONDA_ENVIRONMENTS, isCondaEnvironment, readCondaEnvironment } from './conda';
import { DEVCONTAINER_GLOBS, isDevcontainer, readDevcontainer } from './devcontainer';
import { isMiseConfig, MISE_CONFIGS, readMise } from './mise';
import { isPipfile, PIPFILE, readPipfile } from './pipfile';
import { isReadthedocsConfig, READTHEDOCS_CONFIGS, readReadthedocs } from './readthedocs';
import {
  isPyrightConfig,
  isRuffConfig,
  PYRIGHT_CONFIG,
  readPyrightConfig,
  readRuffConfig,
  RUFF_CONFIGS,
} from './toolTargets';
import {
  isRuntimeTxt,
  isToolVersions,
  readRuntimeTxt,
  readToolVersions,
  RUNTIME_TXT,
  TOOL_VERSIONS,
} from './versionFiles';
import { PDM_LOCK, POETRY_LOCK, readPdmLock, readPoetryLock, readUvLock, UV_LOCK } from './tomlLocks';
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
   * `matches` looks at the file's folders too (`.github/workflows/`): `formatFor` asks it of every path rather than
   * remembering the answer by the file's name. A `matches` that takes `fs` is asked of every path anyway.
   */
  byFolder?: true;
  /**
   * For a kind a name cannot tell (any `.py` may hold script metadata): an ASCII marker its files hold. A folder walk
   * keeps a file whose name matches only when the file holds it; an analysis of a file given by name reads it anyway,
   * and finds nothing in one without it.
   */
  sniff?: string;
  /** The tool that reads this kind as UTF-8 only, ignoring a PEP 263 comment; undefined for pip's own rules. */
  utf8Only?: string;
  /** The tool reads bytes, whatever their encoding (make): the file is read as UTF-8 and its bytes are not judged. */
  anyBytes?: true;
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
    kind: 'workflow',
    globs: WORKFLOW_GLOBS,
    matches: isWorkflowFile,
    byFolder: true,
    utf8Only: 'GitHub Actions',
    read: (file, ctx) => readWorkflow(file, ctx, (named) => formatFor(named) !== undefined),
  },
  {
    kind: 'cloudbuild',
    globs: CLOUDBUILD_GLOBS,
    matches: isCloudBuildFile,
    utf8Only: 'gcloud',
    read: readCloudBuild,
  },
  {
    kind: 'app-engine',
    globs: APP_ENGINE_GLOBS,
    // `app.yaml` by name; another `app-*.yaml` only with a top-level `runtime:` key, read for those names alone.
    matches: isAppEngineFile,
    utf8Only: 'gcloud',
    read: readAppEngine,
  },
  {
    kind: 'dockerfile',
    globs: DOCKERFILE_GLOBS,
    matches: isDockerfile,
    utf8Only: 'Docker',
    read: readDockerfile,
  },
  {
    kind: 'compose',
    globs: COMPOSE_GLOBS,
    matches: isComposeFile,
    utf8Only: 'Docker Compose',
    read: readCompose,
  },
  {
    kind: 'gitlab-ci',
    globs: [GITLAB_CI],
    matches: isGitlabCi,
    utf8Only: 'GitLab',
    read: readGitlabCi,
  },
  {
    kind: 'runtime-txt',
    globs: [RUNTIME_TXT],
    matches: isRuntimeTxt,
    utf8Only: 'the Heroku Python buildpack',
    read: readRuntimeTxt,
  },
  {
    kind: 'tool-versions',
    globs: [TOOL_VERSIONS],
    matches: isToolVersions,
    utf8Only: 'asdf and mise',
    read: readToolVersions,
  },
  {
    kind: 'mise',
    globs: MISE_CONFIGS,
    matches: isMiseConfig,
    utf8Only: 'mise',
    read: readMise,
  },
  {
    kind: 'buildpacks',
    globs: [PROJECT_DESCRIPTOR],
    matches: isProjectDescriptor,
    utf8Only: 'pack and the buildpacks',
    read: readProjectDescriptor,
  },
  {
    kind: 'ruff',
    globs: RUFF_CONFIGS,
    matches: isRuffConfig,
    utf8Only: 'ruff',
    read: readRuffConfig,
  },
  {
    kind: 'pyright',
    globs: [PYRIGHT_CONFIG],
    matches: isPyrightConfig,
    utf8Only: 'pyright',
    read: readPyrightConfig,
  },
  {
    kind: 'pipfile',
    globs: [PIPFILE],
    matches: isPipfile,
    utf8Only: 'pipenv',
    read: readPipfile,
  },
  {
    kind: 'conda',
    globs: CONDA_ENVIRONMENTS,
    matches: isCondaEnvironment,
    utf8Only: 'conda',
    read: readCondaEnvironment,
  },
  {
    kind: 'devcontainer',
    globs: DEVCONTAINER_GLOBS,
    matches: isDevcontainer,
    byFolder: true,
    utf8Only: 'the dev container tools',
    read: readDevcontainer,
  },
  {
    kind: 'readthedocs',
    globs: READTHEDOCS_CONFIGS,
    matches: isReadthedocsConfig,
    utf8Only: 'Read the Docs',
    read: readReadthedocs,
  },
  {
    kind: 'uv-lock',
    globs: [UV_LOCK],
    matches: (file) => path.basename(file) === UV_LOCK,
    utf8Only: 'uv',
    read: readUvLock,
  },
  {
    kind: 'poetry-lock',
    globs: [POETRY_LOCK],
    matches: (file) => path.basename(file) === POETRY_LOCK,
    utf8Only: 'Poetry',
    read: readPoetryLock,
  },
  {
    kind: 'pdm-lock',
    globs: [PDM_LOCK],
    matches: (file) => path.basename(file) === PDM_LOCK,
    utf8Only: 'PDM',
    read: readPdmLock,
  },
  {
    kind: 'pipfile-lock',
    globs: [PIPFILE_LOCK],
    matches: isPipfileLock,
    utf8Only: 'Pipenv',
    read: readPipfileLock,
  },
  {
    kind: 'makefile',
    globs: MAKEFILE_NAMES,
    matches: isMakefile,
    anyBytes: true,
    read: readMakefile,
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
  // The walk, the decoder and the analysis each ask for a file's format. The answer of the formats that judge by the
  // name alone is kept by name (a tree repeats its names: `__init__.py`, `requirements.txt`); those that look at a
  // file's folders, neighbours or text (a workflow, a `.in`, an `app-*.yaml`) are asked each time.
  const byName = formatByName(path.basename(file));
  for (const i of BY_PATH) {
    if (byName >= 0 && i > byName) break;
    if (FORMATS[i].matches(file, fs)) return FORMATS[i];
  }
  return byName >= 0 ? FORMATS[byName] : undefined;
}

const isByPath = (f: Format) => f.matches.length >= 2 || f.byFolder === true;
// The formats `formatFor` asks of every path, by their place in FORMATS.
const BY_PATH = FORMATS.flatMap((f: Format, i) => (isByPath(f) ? [i] : []));
// The first of the other formats that a file of this name is, by its place in FORMATS (-1: none).
const formatByName = remembered(8192, (name: string) =>
  FORMATS.findIndex((f: Format) => !isByPath(f) && f.matches(name)),
);

// A folder or file named with a Jinja placeholder (cookiecutter's `{{cookiecutter.project_slug}}`, copier's
// `{{ name }}`, `{% if … %}`) holds templates that render into the real files, not the files themselves.
const TEMPLATE_SEGMENT = /\{\{|\{%/;

/** Whether `file` lies in (or is) a project template rather than a project. */
export function isTemplatePath(file: string): boolean {
  return TEMPLATE_SEGMENT.test(file);
}
