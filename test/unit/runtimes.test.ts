import { strict as assert } from 'node:assert';
import { pythonImage } from '../../src/core/versions/runtimes';

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
    ])
      assert.equal(pythonImage(reference), undefined, reference);
  });
});
