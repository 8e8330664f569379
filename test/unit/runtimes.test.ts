import { strict as assert } from 'node:assert';
import { dottedMinorVersion, pythonImage, pythonRelease, runtimeImage } from '../../src/core/versions/runtimes';

describe('Python container images', () => {
  it('finds the version in the tag of a python image, by any registry path, digest kept outside it', () => {
    const cases: [string, string, string][] = [
      ['python:3.10-slim', '3.10', '3.10'],
      ['python:3.8', '3.8', '3.8'],
      ['python:3.10.4', '3.10', '3.10.4'],
      ['docker.io/library/python:3.9.18-slim-bookworm@sha256:abc', '3.9', '3.9.18'],
      ['mirror.gcr.io/library/python:3.10', '3.10', '3.10'],
      ['europe-docker.pkg.dev/proj/repo/python:3.11-alpine3.18', '3.11', '3.11'],
      ['localhost:5000/python:3.7@sha256:abc', '3.7', '3.7'],
      ['mcr.microsoft.com/devcontainers/python:3.8', '3.8', '3.8'],
      ['mcr.microsoft.com/devcontainers/python:3.10-bookworm', '3.10', '3.10'],
      ['mcr.microsoft.com/devcontainers/python:1-3.10-bookworm', '3.10', '3.10'],
      ['mcr.microsoft.com/devcontainers/python:1.1.3-3.9', '3.9', '3.9'],
      ['mcr.microsoft.com/devcontainers/python:dev-3.12', '3.12', '3.12'],
      ['mcr.microsoft.com/vscode/devcontainers/python:0-3.8-bullseye', '3.8', '3.8'],
    ];
    for (const [reference, version, written] of cases) {
      const image = pythonImage(reference);
      assert.deepEqual(
        image && [image.version.text, reference.slice(image.start, image.end)],
        [version, written],
        reference,
      );
    }
  });

  it('names no version for other images, a major alone, a moving tag or a pre-release', () => {
    for (const reference of [
      'python:3',
      'python:latest',
      'python',
      'pypy:3.10',
      'mypython:3.8',
      'python:3.10rc1',
      'node:20',
      // Only the dev container images put their own version before Python's.
      'python:1-3.10',
      'mcr.microsoft.com/devcontainers/python:1-bookworm',
      'mcr.microsoft.com/devcontainers/python:1',
    ])
      assert.equal(pythonImage(reference), undefined, reference);
  });

  it('reads the minor series of a CPython release as version managers write it', () => {
    for (const [text, version] of [
      ['3.10', '3.10'],
      ['3.8.10', '3.8'],
      ['3.13.0rc1', '3.13'],
      ['3.12-dev', '3.12'],
    ])
      assert.equal(pythonRelease(text)?.text, version, text);
    for (const text of ['3', 'system', 'pypy3.9-7.3.9', '3.10.x', ' 3.10', 'python-3.10', '3.10.4.1'])
      assert.equal(pythonRelease(text), undefined, text);
  });
});

describe('Google runtime base images', () => {
  it('finds the Python of a runtime id, a stacked id and a full image path, with how to name another in its form', () => {
    const v = (text: string) => {
      const version = dottedMinorVersion(text);
      assert.ok(version);
      return version;
    };
    // reference, version, the span a change rewrites, and that span for 3.10, 3.12 and 3.14
    const cases: [string, string, string, string, string, string][] = [
      ['python312', '3.12', 'python312', 'python310', 'python312', 'python314'],
      ['python39', '3.9', 'python39', 'python310', 'python312', 'python314'],
      [
        'google-22/python311',
        '3.11',
        'google-22/python311',
        'google-22/python310',
        'google-22/python312',
        'google-24/python314',
      ],
      // google-18 carries no Python after 3.9, and was published only with `-full`.
      [
        'google-18-full/python38',
        '3.8',
        'google-18-full/python38',
        'google-22-full/python310',
        'google-22-full/python312',
        'google-24-full/python314',
      ],
      [
        'us-central1-docker.pkg.dev/serverless-runtimes/google-18-full/runtimes/python39',
        '3.9',
        'google-18-full/runtimes/python39',
        'google-22-full/runtimes/python310',
        'google-22-full/runtimes/python312',
        'google-24-full/runtimes/python314',
      ],
      [
        'gcr.io/serverless-runtimes/google-22/runtimes/python312:latest',
        '3.12',
        'google-22/runtimes/python312',
        'google-22/runtimes/python310',
        'google-22/runtimes/python312',
        'google-24/runtimes/python314',
      ],
      // A tag that pins a build of one runtime cannot name another: a change drops it.
      [
        'us-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/python311:python311_20250630_3_11_13_RC00',
        '3.11',
        'google-22-full/runtimes/python311:python311_20250630_3_11_13_RC00',
        'google-22-full/runtimes/python310',
        'google-22-full/runtimes/python312',
        'google-24-full/runtimes/python314',
      ],
    ];
    for (const [reference, version, span, at310, at312, at314] of cases) {
      const image = runtimeImage(reference);
      assert.deepEqual(
        image && [
          image.version.text,
          reference.slice(image.start, image.end),
          image.spell(v('3.10')),
          image.spell(v('3.12')),
          image.spell(v('3.14')),
        ],
        [version, span, at310, at312, at314],
        reference,
      );
    }
  });

  it('names no Python for other runtimes, other images and unknown forms', () => {
    for (const reference of [
      'nodejs22',
      'python',
      'python3',
      'python:3.10',
      'google-22/nodejs22',
      'us-central1-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/nodejs22',
      'us-central1-docker.pkg.dev/my-project/repo/python312',
      'python312-custom',
    ])
      assert.equal(runtimeImage(reference), undefined, reference);
  });
});
