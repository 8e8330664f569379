import { strict as assert } from 'node:assert';
import { pythonImage, pythonRelease } from '../../src/core/versions/runtimes';

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
