import { strict as assert } from 'node:assert';
import {
  builtinStandard,
  formatFor,
  GOVERNED_GLOB,
  matchesGlob,
  planFixes,
  type Finding,
  type Range,
} from '../../src/core';
import { range, runPython, seededRandom, check as checkFile } from '../helpers';

const STANDARD = builtinStandard();
const COMPOSE = '/p/docker-compose.yml';
const GITLAB = '/p/.gitlab-ci.yml';

const check = (file: string, text: string) => checkFile(file, text, { standard: STANDARD });

function fixAll(file: string, text: string): string {
  for (let pass = 0; pass < 10; pass++) {
    const fixed = planFixes(check(file, text), () => text).texts.get(file) ?? text;
    if (fixed === text) return text;
    text = fixed;
  }
  throw new Error(`no fixed point: ${text}`);
}

function below(file: string, message: string, at: Range, fix: string | undefined = '3.10'): Finding {
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

/** `finding` with its ranges `lines` lines further down. */
function shifted(finding: Finding, lines: number): Finding {
  const move = (r: Range) => range(r.start.line + lines, r.start.character, r.end.line + lines, r.end.character);
  return {
    ...finding,
    range: move(finding.range),
    fixes: finding.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: move(e.range) })) })),
  };
}

// PyYAML's reading of each image a file names: compose services', or every image and service of a GitLab pipeline.
const IMAGES = `
import json, sys, yaml
texts = json.load(sys.stdin)
def name(v):
    return v.get('name') if isinstance(v, dict) else v
out = []
for kind, text in texts:
    doc = yaml.safe_load(text)
    if kind == 'compose':
        out.append({k: (v or {}).get('image') for k, v in doc['services'].items()})
    else:
        images = {}
        for k, v in doc.items():
            if k == 'image':
                images[k] = name(v)
            elif k == 'services':
                images[k] = [name(s) for s in v]
            elif isinstance(v, dict) and k != 'variables':
                images[k] = [name(v.get('image'))] + [name(s) for s in v.get('services', [])]
        out.append(images)
print(json.dumps(out))
`;

describe('Compose files', () => {
  it("reads each service's image, quoted or not, by any registry path, through merge keys and aliases", () => {
    const text = [
      'x-python: &python',
      '  image: "python:3.8-slim"',
      'services:',
      '  web:',
      '    <<: *python',
      '    ports: ["8000:8000"]',
      '  worker:',
      '    <<: *python',
      '  api:',
      "    image: 'europe-docker.pkg.dev/proj/repo/python:3.9.2-bookworm' # the API",
      '  db:',
      '    image: postgres:15',
      '  app:',
      '    image: python:3.12',
      '',
    ].join('\n');
    assert.deepEqual(check(COMPOSE, text), [
      below(
        COMPOSE,
        'Service web image python:3.8-slim is below the standard Python minimum 3.10',
        range(1, 17, 1, 20),
      ),
      below(
        COMPOSE,
        'Service api image europe-docker.pkg.dev/proj/repo/python:3.9.2-bookworm is below the standard Python minimum 3.10',
        range(9, 51, 9, 56),
      ),
    ]);
  });

  it('fixes the version in the tag alone, which PyYAML then reads, keeping quotes, comments and CRLF', function () {
    const text = [
      'services:',
      '  web:',
      '    image: "python:3.8-slim"   # pinned',
      '  api:',
      '    image: mirror.gcr.io/library/python:3.9.18',
      '  pinned:',
      '    image: python:3.7@sha256:0123456789abcdef',
      '',
    ].join('\r\n');
    const fixed = fixAll(COMPOSE, text);
    assert.equal(fixed, text.replace('3.8-slim', '3.10-slim').replace('python:3.9.18', 'python:3.10'));
    assert.equal(fixAll(COMPOSE, fixed), fixed);
    assert.deepEqual(
      check(COMPOSE, fixed).map((f) => f.message),
      [
        'Service pinned image python:3.7@sha256:0123456789abcdef is below the standard Python minimum 3.10; a digest pins the image, so change the tag and the digest together (no automatic fix)',
      ],
    );
    assert.deepEqual(runPython(this, IMAGES, [['compose', fixed]], ['yaml']), [
      {
        web: 'python:3.10-slim',
        api: 'mirror.gcr.io/library/python:3.10',
        pinned: 'python:3.7@sha256:0123456789abcdef',
      },
    ]);
  });

  it('is read under the names docker compose reads, and watched under them', () => {
    for (const name of [
      'docker-compose.yml',
      'docker-compose.yaml',
      'docker-compose.override.yml',
      'docker-compose-dev.yaml',
      'compose.yaml',
      'compose.prod.yml',
    ]) {
      assert.equal(formatFor(`/p/${name}`)?.kind, 'compose', name);
      assert.ok(matchesGlob(`/p/${name}`, GOVERNED_GLOB), name);
    }
    for (const name of ['docker-compose.json', 'my-compose.yml', 'compose.txt'])
      assert.equal(formatFor(`/p/${name}`), undefined, name);
  });
});

describe('.gitlab-ci.yml', () => {
  const text = [
    'image: python:3.7',
    'services:',
    '  - python:3.6-alpine',
    '  - name: postgres:15',
    'variables:',
    '  image: python:3.5',
    'default:',
    '  image: {name: "python:3.8-slim", entrypoint: [""]}',
    '.py: &py',
    '  image:',
    "    name: 'python:3.9'",
    'test:',
    '  <<: *py',
    '  services:',
    '    - name: registry.gitlab.com/group/python:3.9.1',
    '      alias: py',
    'lint:',
    '  image: python:3.12',
    '',
  ].join('\n');

  it('reads the top-level, default and per-job images and services, as strings or { name: … }', () => {
    assert.deepEqual(check(GITLAB, text), [
      below(GITLAB, 'Image python:3.7 is below the standard Python minimum 3.10', range(0, 14, 0, 17)),
      below(GITLAB, 'Service python:3.6-alpine is below the standard Python minimum 3.10', range(2, 11, 2, 14)),
      below(GITLAB, 'Default image python:3.8-slim is below the standard Python minimum 3.10', range(7, 24, 7, 27)),
      below(GITLAB, 'Job .py image python:3.9 is below the standard Python minimum 3.10', range(10, 18, 10, 21)),
      below(
        GITLAB,
        'Job test service registry.gitlab.com/group/python:3.9.1 is below the standard Python minimum 3.10',
        range(14, 45, 14, 50),
      ),
    ]);
  });

  it('fixes each image so that PyYAML reads the new tag, and fixing twice equals fixing once (CRLF too)', function () {
    for (const eol of ['\n', '\r\n']) {
      const original = text.replace(/\n/g, eol);
      const fixed = fixAll(GITLAB, original);
      assert.equal(fixAll(GITLAB, fixed), fixed);
      assert.deepEqual(check(GITLAB, fixed), []);
      assert.equal(fixed.split(eol).length, original.split(eol).length);
      assert.deepEqual(runPython(this, IMAGES, [['gitlab', fixed]], ['yaml']), [
        {
          image: 'python:3.10',
          services: ['python:3.10-alpine', 'postgres:15'],
          default: ['python:3.10-slim'],
          '.py': ['python:3.10'],
          test: ['python:3.10', 'registry.gitlab.com/group/python:3.10'],
          lint: ['python:3.12'],
        },
      ]);
    }
  });

  it('reads the pipeline after a spec: header document', () => {
    const header = 'spec:\n  inputs:\n    python:\n      default: "3.12"\n---\n';
    assert.deepEqual(
      check(GITLAB, header + text),
      check(GITLAB, text).map((f) => shifted(f, 5)),
    );
  });

  it('reports broken YAML at its place and still reads the images it can, and never throws', () => {
    assert.deepEqual(
      check(GITLAB, 'image: python:3.8\ntest:\n  script: [echo\n').map((f) => [f.code, f.range.start.line]),
      [
        ['parse-error', 2],
        ['python-below-minimum', 0],
      ],
    );
    const random = seededRandom(7);
    const junk = ['"', "'", ':', '- ', '{', '[', '&a', '*a', '<<: ', '\t', '\r', '\n', '@', '#'];
    for (const [file, source] of [
      [GITLAB, text],
      [COMPOSE, 'services:\n  web:\n    image: "python:3.8"\n  x:\n    <<: *y\n'],
    ]) {
      for (let i = 0; i < 300; i++) {
        const at = Math.floor(random() * (source.length + 1));
        const variant =
          i < source.length
            ? source.slice(0, i)
            : source.slice(0, at) + junk[Math.floor(random() * junk.length)] + source.slice(at);
        assert.ok(!check(file, variant).some((f) => f.code === 'internal-error'), variant);
      }
    }
  });

  it('is read as .gitlab-ci.yml alone', () => {
    assert.equal(formatFor(GITLAB)?.kind, 'gitlab-ci');
    assert.ok(matchesGlob(GITLAB, GOVERNED_GLOB));
    assert.equal(formatFor('/p/gitlab-ci.yml'), undefined);
  });
});
