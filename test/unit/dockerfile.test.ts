import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffChars } from 'diff';
import {
  analyze,
  builtinStandard,
  formatFor,
  GOVERNED_GLOB,
  matchesGlob,
  planFixes,
  type Finding,
  type Range,
} from '../../src/core';
import { lexDockerfile, offsetOf } from '../../src/core/formats/dockerfileLexer';
import { memoryFileSystem, needTool, range, seededRandom } from '../helpers';

const STANDARD = builtinStandard();
const FILE = '/p/Dockerfile';

function check(text: string, files: Record<string, string> = {}, file = FILE): Finding[] {
  return JSON.parse(
    JSON.stringify(analyze({ path: file, text }, { standard: STANDARD, fs: memoryFileSystem(files) })),
  ) as Finding[];
}

/** The file after fixing until nothing changes, as the CLI's --fix does. */
function fixAll(text: string, files: Record<string, string> = {}): string {
  for (let pass = 0; pass < 10; pass++) {
    const fixed = planFixes(check(text, files), (f) => (f === FILE ? text : files[f])).texts.get(FILE) ?? text;
    if (fixed === text) return text;
    text = fixed;
  }
  throw new Error(`no fixed point: ${text}`);
}

/** A python-below-minimum finding with its one fix (none when `fix` is undefined). */
function below(message: string, at: Range, fix: string | undefined, file = FILE): Finding {
  return {
    code: 'python-below-minimum',
    severity: 'warning',
    message,
    file,
    range: at,
    fixes:
      fix === undefined
        ? []
        : [{ title: `Change to ${fix}`, isPreferred: true, edits: [{ file, range: at, newText: fix }] }],
  };
}

/** A package finding with its one fix: `newText` at `edit` (the finding's range unless given). */
function pkg(code: Finding['code'], message: string, at: Range, title: string, newText: string, edit = at): Finding {
  return {
    code,
    severity: 'warning',
    message,
    file: FILE,
    range: at,
    fixes: [{ title, isPreferred: true, edits: [{ file: FILE, range: edit, newText }] }],
  };
}

/** What `sh` runs of `script` in an empty folder: the words each pip command gets, the files made, the exit status. */
function runShell(
  context: Mocha.Context,
  script: string,
): { calls: string[][]; files: string[]; status: number | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-sh-'));
  try {
    // On stderr: a redirection the shell makes of a requirement takes the command's standard output.
    const stub = 'pip() { printf "<%s>" "$@" >&2; printf "\\n" >&2; }; pip3() { pip "$@"; }';
    const r = spawnSync('sh', ['-c', `${stub}\n${script}`], { cwd: dir, encoding: 'utf8' });
    needTool(context, 'sh', r.error === undefined);
    const calls = r.stderr
      .split('\n')
      .filter((line) => line.startsWith('<'))
      .map((line) => line.slice(1, -1).split('><'));
    return { calls, files: fs.readdirSync(dir), status: r.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Dockerfile', () => {
  describe('Python images', () => {
    it("reads every stage's FROM by any registry path, and leaves stages, flags and other images alone", () => {
      const text = [
        'FROM python:3.8-slim AS build',
        'FROM --platform=$BUILDPLATFORM mirror.gcr.io/library/python:3.9.18 AS test',
        'FROM europe-docker.pkg.dev/proj/repo/python:3.11-slim-bookworm',
        'FROM build',
        'FROM node:20',
        'FROM scratch',
        'FROM python:3',
        'FROM python:3.12 AS final',
        '',
      ].join('\n');
      assert.deepEqual(check(text), [
        below('FROM python:3.8-slim is below the standard Python minimum 3.10', range(0, 12, 0, 15), '3.10'),
        below(
          'FROM mirror.gcr.io/library/python:3.9.18 is below the standard Python minimum 3.10',
          range(1, 60, 1, 66),
          '3.10',
        ),
      ]);
      assert.equal(
        fixAll(text),
        text.replace('python:3.8-slim', 'python:3.10-slim').replace('python:3.9.18 ', 'python:3.10 '),
      );
    });

    it('puts the finding and the fix of a version from an ARG before the first FROM on its default, once', () => {
      const text = [
        '# syntax=docker/dockerfile:1',
        'ARG PYTHON_VERSION=3.8',
        'ARG VARIANT="slim"',
        'FROM python:${PYTHON_VERSION}-${VARIANT} AS build',
        'ARG PYTHON_VERSION=3.6',
        'FROM python:$PYTHON_VERSION',
        'FROM python:${UNSET:-3.9}',
        'FROM python:${PYTHON_VERSION:+3.7}-alpine',
        '',
      ].join('\n');
      assert.deepEqual(check(text), [
        below('ARG PYTHON_VERSION 3.8 is below the standard Python minimum 3.10', range(1, 19, 1, 22), '3.10'),
        below('FROM python:${UNSET:-3.9} is below the standard Python minimum 3.10', range(6, 21, 6, 24), '3.10'),
        below(
          'FROM python:${PYTHON_VERSION:+3.7}-alpine is below the standard Python minimum 3.10',
          range(7, 30, 7, 33),
          '3.10',
        ),
      ]);
      const fixed = fixAll(text);
      assert.equal(
        fixed,
        text.replace('VERSION=3.8', 'VERSION=3.10').replace(':-3.9', ':-3.10').replace(':+3.7', ':+3.10'),
      );
    });

    it('reads an ARG default in quotes or built from another ARG, and a whole image in an ARG', () => {
      const text = 'ARG PY="3.9"\nARG BASE=python:${PY}-slim\nARG IMAGE=python:3.7\nFROM ${BASE}\nFROM $IMAGE\n';
      assert.deepEqual(check(text), [
        below('ARG PY 3.9 is below the standard Python minimum 3.10', range(0, 8, 0, 11), '3.10'),
        below('ARG IMAGE python:3.7 is below the standard Python minimum 3.10', range(2, 17, 2, 20), '3.10'),
      ]);
      assert.equal(fixAll(text), text.replace('"3.9"', '"3.10"').replace(':3.7', ':3.10'));
    });

    it('reports an image pinned by a digest without a fix: the digest, not the tag, says what runs', () => {
      const text = 'FROM python:3.9-slim@sha256:2d4f0a6c3b1e9f8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e\n';
      assert.deepEqual(check(text), [
        below(
          `${text.trim()} is below the standard Python minimum 3.10; a digest pins the image, so change the tag and the digest together (no automatic fix)`,
          range(0, 12, 0, 15),
          undefined,
        ),
      ]);
      assert.deepEqual(check('FROM python:3.11@sha256:abcdef\n'), []);
    });

    it('joins lines at the escape character, past comment and blank lines, in any case and with CRLF', () => {
      const text = [
        'from \\',
        '  # the base image',
        '',
        '  python:3.9 \\',
        '  as base',
        'Run echo',
        'FROM\tbase',
        '',
      ].join('\r\n');
      assert.deepEqual(check(text), [
        below('FROM python:3.9 is below the standard Python minimum 3.10', range(3, 9, 3, 12), '3.10'),
      ]);
      assert.equal(fixAll(text), text.replace('3.9', '3.10'));
    });

    it('follows the escape directive: a backtick continues a line, a backslash is then a character', () => {
      const text = '# escape=`\nFROM `\n  python:3.8 AS a\nFROM python:3.7 \\\nFROM python:3.6\n';
      assert.deepEqual(
        check(text).map((f) => [f.message, f.range]),
        [
          ['FROM python:3.8 is below the standard Python minimum 3.10', range(2, 9, 2, 12)],
          ['FROM python:3.7 is below the standard Python minimum 3.10', range(3, 12, 3, 15)],
          ['FROM python:3.6 is below the standard Python minimum 3.10', range(4, 12, 4, 15)],
        ],
      );
      // Without the directive a backslash joins the lines, so python:3.6 is a word of the FROM before it.
      assert.deepEqual(
        check(text.slice(text.indexOf('\n') + 1)).map((f) => f.range),
        [range(2, 12, 2, 15)],
      );
      // After a comment the directive is a comment too: the backtick is a word, the next line no instruction.
      assert.deepEqual(check('# hello\n# escape=`\nFROM `\n  python:3.8\n'), []);
    });

    it('does not read inside heredocs, and reports one left open where it opens', () => {
      const text = [
        'FROM python:3.11',
        'RUN <<EOF',
        'FROM python:3.6',
        'pip install pandas==1.0',
        'EOF',
        'COPY <<-"END" /app/x',
        '\tFROM python:3.5',
        '\tEND',
        'FROM python:3.9',
        'RUN cat <<DONE > /x',
        'FROM python:3.8',
        '',
      ].join('\n');
      assert.deepEqual(check(text), [
        {
          code: 'parse-error',
          severity: 'error',
          message: "Unterminated heredoc: no line 'DONE' ends it, so Docker cannot read this file",
          file: FILE,
          range: range(9, 8, 9, 14),
          fixes: [],
        },
        below('FROM python:3.9 is below the standard Python minimum 3.10', range(8, 12, 8, 15), '3.10'),
      ]);
    });

    it('changes nothing but the version in a tag or an ARG default, and fixing twice equals fixing once', () => {
      const text = [
        '# syntax=docker/dockerfile:1.7',
        'ARG PYTHON_VERSION=3.8.10  ',
        'ARG REGISTRY=europe-docker.pkg.dev/proj/images',
        'FROM ${REGISTRY}/python:${PYTHON_VERSION}-slim-bookworm AS deps',
        '# keep the digest of the runtime',
        'FROM --platform=linux/amd64 \\',
        '     python:3.9.1-alpine3.18 AS test',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'FROM deps',
        'COPY --from=test /app /app',
        '',
      ].join('\r\n');
      const fixed = fixAll(text);
      assert.equal(fixAll(fixed), fixed);
      assert.deepEqual(check(fixed), []);
      // Every change (in the original's offsets) lies inside the version of a tag or of an ARG default.
      const versions = ['3.8.10', '3.9.1'].map((v) => [text.indexOf(v), text.indexOf(v) + v.length] as const);
      let at = 0;
      for (const change of diffChars(text, fixed)) {
        const end = change.added ? at : at + change.value.length;
        if (change.added || change.removed)
          assert.ok(
            versions.some(([from, to]) => from <= at && end <= to),
            `${JSON.stringify(change.value)} at ${at}`,
          );
        at = end;
      }
      assert.equal(fixed, text.replace('VERSION=3.8.10', 'VERSION=3.10').replace('python:3.9.1-', 'python:3.10-'));
    });

    it('lexes instructions with offsets back into the file', () => {
      const text = 'FROM a \\\r\n  # c\r\n\r\n  AS b\r\nRUN x\\\r\ny\r\n';
      const { instructions } = lexDockerfile(text);
      assert.deepEqual(
        instructions.map((i) => [i.keyword, i.args, [...i.args].map((_, k) => text[offsetOf(i, k)]).join('')]),
        [
          ['FROM', 'a   AS b', 'a   AS b'],
          ['RUN', 'xy', 'xy'],
        ],
      );
      assert.equal(text.slice(offsetOf(instructions[0], 4), offsetOf(instructions[0], 8)), 'AS b');
    });
  });

  describe('RUN pip install', () => {
    it('reads the requirements of pip, pip3, python -m pip and uv pip, skipping options and other commands', () => {
      const text = [
        'FROM python:3.11',
        'RUN pip install --no-cache-dir -U "pandas>=1.5" numpy==1.20 && echo pandas==0.1',
        'RUN apt-get update && pip3 install --index-url https://example.org/simple -c constraints.txt scipy~=1.5',
        "RUN python3.11 -m pip install --upgrade 'requests<3' ; uv pip install --system httpx",
        'RUN --mount=type=cache,target=/root/.cache pip install -e . ./local flask==2.3.0 "$EXTRA"',
        '',
      ].join('\n');
      assert.deepEqual(check(text), [
        pkg(
          'below-minimum',
          'pandas>=1.5 admits versions below the standard minimum 2.0.0',
          range(1, 41, 1, 46),
          'Change to pandas>=2.0.0',
          '>=2.0.0',
        ),
        pkg(
          'conflicts-with-minimum',
          'numpy==1.20 is below the standard minimum 1.24.0',
          range(1, 53, 1, 59),
          'Change to numpy==1.24.0',
          '==1.24.0',
        ),
        pkg(
          'below-minimum',
          'scipy~=1.5 admits versions below the standard minimum 1.10.0',
          range(2, 98, 2, 103),
          'Change to scipy~=1.10',
          '~=1.10',
        ),
        pkg(
          'below-minimum',
          'requests<3 admits versions below the standard minimum 2.31.0',
          range(3, 49, 3, 51),
          'Change to requests>=2.31.0,<3',
          '>=2.31.0,<3',
        ),
        pkg(
          'missing-minimum',
          'httpx has no version constraint; the standard minimum is 0.24.0',
          range(3, 79, 3, 84),
          'Require httpx>=0.24.0',
          '">=0.24.0"',
          range(3, 84, 3, 84),
        ),
      ]);
    });

    it('leaves alone commands that install nothing with pip: other tools, other subcommands, scripts', () => {
      const text = [
        'FROM python:3.12',
        'RUN python setup.py install pandas==1.0 && python -c "import pip" install numpy==1.0',
        'RUN pip download pandas==1.0 ; python -m pipx install numpy==1.0 ; pipenv install pandas==1.0',
        'RUN echo pip install pandas==1.0 > notes.txt && uv add pandas==1.0 && conda install numpy=1.0',
        'RUN for p in pandas==1.0; do pip install $p; done',
        '',
      ].join('\n');
      assert.deepEqual(check(text), []);
      assert.equal(check(text.replace('echo pip', 'pip')).length, 1);
    });

    it('reads the exec form, and fixes there need no shell quotes', () => {
      const text = 'FROM python:3.12\nRUN ["python", "-m", "pip", "install", "pandas>=1.1", "numpy"]\n';
      assert.deepEqual(check(text), [
        pkg(
          'below-minimum',
          'pandas>=1.1 admits versions below the standard minimum 2.0.0',
          range(1, 46, 1, 51),
          'Change to pandas>=2.0.0',
          '>=2.0.0',
        ),
        pkg(
          'missing-minimum',
          'numpy has no version constraint; the standard minimum is 1.24.0',
          range(1, 55, 1, 60),
          'Require numpy>=1.24.0',
          '>=1.24.0',
          range(1, 60, 1, 60),
        ),
      ]);
    });

    it('reports an unquoted < or > as the redirection the shell makes of it, with a fix that quotes it', function () {
      const text = 'FROM python:3.12\nRUN pip install pandas>=2.1 numpy<2 flask\n';
      const redirect = (at: Range, message: string, quoted: string, whole: Range): Finding => ({
        code: 'ignored-text',
        severity: 'warning',
        message: `${message}: quote the requirement, ${quoted}`,
        file: FILE,
        range: at,
        fixes: [
          { title: `Quote it: ${quoted}`, isPreferred: true, edits: [{ file: FILE, range: whole, newText: quoted }] },
        ],
      });
      assert.deepEqual(check(text), [
        redirect(
          range(1, 22, 1, 27),
          "The shell reads '>=2.1' as a redirection of pip's output, so pip installs pandas at any version",
          '"pandas>=2.1"',
          range(1, 16, 1, 27),
        ),
        redirect(
          range(1, 33, 1, 35),
          "The shell reads '<2' as a redirection of pip's input from a file, so the command fails where that file is missing and pip never sees the version",
          '"numpy<2"',
          range(1, 28, 1, 35),
        ),
        pkg(
          'below-minimum',
          'numpy<2 admits versions below the standard minimum 1.24.0',
          range(1, 33, 1, 35),
          'Change to numpy">=1.24.0,<2"',
          '">=1.24.0,<2"',
        ),
        pkg(
          'missing-minimum',
          'flask has no version constraint; the standard minimum is 2.3.0',
          range(1, 36, 1, 41),
          'Require flask>=2.3.0',
          '">=2.3.0"',
          range(1, 41, 1, 41),
        ),
      ]);
      // What sh really does with such words, and with the fixed line.
      assert.deepEqual(runShell(this, 'pip install pandas>=2.1 flask'), {
        calls: [['install', 'pandas', 'flask']],
        files: ['=2.1'],
        status: 0,
      });
      assert.deepEqual(runShell(this, 'pip install numpy<2').calls, []);
      assert.notEqual(runShell(this, 'pip install numpy<2').status, 0);
      const fixed = fixAll(text);
      assert.equal(fixed, 'FROM python:3.12\nRUN pip install "pandas>=2.1" "numpy>=1.24.0,<2" flask">=2.3.0"\n');
      assert.deepEqual(runShell(this, fixed.split('\n')[1].slice(4)), {
        calls: [['install', 'pandas>=2.1', 'numpy>=1.24.0,<2', 'flask>=2.3.0']],
        files: [],
        status: 0,
      });
      assert.equal(fixAll(fixed), fixed);
    });

    it('follows -r and -c to files beside the Dockerfile; a path in the image or a missing file is left alone', () => {
      const files = {
        '/p/requirements.txt': 'numpy==1.0\n-r base.txt\n',
        '/p/base.txt': 'pandas\n',
        '/p/constraints.txt': 'scipy<1\n',
      };
      const text =
        'FROM python:3.12\nRUN pip install -r requirements.txt -cconstraints.txt -r /app/other.txt --requirement=missing.txt\n';
      assert.deepEqual(
        check(text, files).map((f) => [f.code, f.file, f.range]),
        [
          ['conflicts-with-minimum', '/p/requirements.txt', range(0, 5, 0, 10)],
          ['missing-minimum', '/p/base.txt', range(0, 0, 0, 6)],
          ['conflicts-with-minimum', '/p/constraints.txt', range(0, 5, 0, 7)],
        ],
      );
    });

    it('keeps a requirement written across quotes and escapes, which no edit can change, reported without a fix', () => {
      const findings = check('FROM python:3.12\nRUN pip install pan\\\ndas==1.0 num"py==1".0\n');
      assert.deepEqual(
        findings.map((f) => [f.code, f.message, f.fixes]),
        [
          [
            'conflicts-with-minimum',
            'pandas==1.0 is below the standard minimum 2.0.0; the string uses escapes, so change it by hand (no automatic fix)',
            [],
          ],
          [
            'conflicts-with-minimum',
            'numpy==1.0 is below the standard minimum 1.24.0; the string uses escapes, so change it by hand (no automatic fix)',
            [],
          ],
        ],
      );
    });
  });

  it('is read under the names Docker and Podman users give it, and watched under them', () => {
    for (const name of [
      'Dockerfile',
      'Dockerfile.dev',
      'api.Dockerfile',
      'web.dockerfile',
      'Containerfile',
      'Containerfile.ci',
    ]) {
      assert.equal(formatFor(`/p/${name}`)?.kind, 'dockerfile', name);
      assert.ok(matchesGlob(`/p/${name}`, GOVERNED_GLOB), name);
    }
    for (const name of ['Dockerfile.dockerignore', 'dockerfile.md', 'MyDockerfile', 'Dockerfiles'])
      assert.notEqual(formatFor(`/p/${name}`)?.kind, 'dockerfile', name);
  });

  it('never throws on broken text, and still finds what the rest of the file says', () => {
    const text = [
      '# escape=\\',
      'ARG PYTHON_VERSION="3.8"',
      'FROM python:${PYTHON_VERSION}-slim AS build',
      'RUN pip install "pandas>=1.5" \\',
      '  numpy<2 && uv pip install -r requirements.txt',
      'RUN <<EOF',
      'echo',
      'EOF',
      'RUN ["pip", "install", "scipy\\u003e=1"]',
      'FROM python:3.9@sha256:abc',
      '',
    ].join('\n');
    const random = seededRandom(10);
    const junk = ['"', "'", '\\', '`', '$', '${', '<<', '[', '\r', '\n', '=', '@', ':', '#', ' ', '\u0000', '>'];
    for (let i = 0; i < 600; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const variant =
        i < text.length
          ? text.slice(0, i)
          : text.slice(0, at) + junk[Math.floor(random() * junk.length)] + text.slice(at);
      const findings = check(variant, { '/p/requirements.txt': 'numpy\n' });
      assert.ok(!findings.some((f) => f.code === 'internal-error'), variant);
    }
    // A broken line costs only itself.
    assert.deepEqual(
      check('FROM python:3.8\nRUN pip install "pandas\nFROM python:${\nFROM python:3.7\n').map((f) => f.range),
      // An unterminated quote runs to the end of the line, as in sh.
      [range(0, 12, 0, 15), range(1, 17, 1, 23), range(3, 12, 3, 15)],
    );
  });
});
