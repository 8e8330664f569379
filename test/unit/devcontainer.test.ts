import { strict as assert } from 'node:assert';
import { formatFor } from '../../src/core';
import { check, crlf, fixOnce, readWith } from '../fileKinds';
import { range } from '../helpers';

const FILE = '/p/.devcontainer/devcontainer.json';

// As the dev container templates write it: tabs, comments and trailing commas.
const CONFIG = `// For format details, see https://aka.ms/devcontainer.json.
{
\t"name": "Python 3",
\t"image": "mcr.microsoft.com/devcontainers/python:1-3.8-bookworm",
\t"features": {
\t\t"ghcr.io/devcontainers/features/node:1": { "version": "20" },
\t\t"ghcr.io/devcontainers/features/python:1": {
\t\t\t"version": "3.9", // the second Python
\t\t\t"installTools": true,
\t\t},
\t},
\t/* "postCreateCommand": "pip3 install --user -r requirements.txt", */
}
`;

describe('devcontainer.json', () => {
  it('judges the Python of the image and of the Python feature', () => {
    assert.deepEqual(check(FILE, CONFIG), [
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message:
          'image mcr.microsoft.com/devcontainers/python:1-3.8-bookworm is below the standard Python minimum 3.10',
        file: FILE,
        range: range(3, 52, 3, 55),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(3, 52, 3, 55), newText: '3.10' }],
          },
        ],
      },
      {
        code: 'python-below-minimum',
        severity: 'warning',
        message: 'Python feature version "3.9" is below the standard Python minimum 3.10',
        file: FILE,
        range: range(7, 15, 7, 18),
        fixes: [
          {
            title: 'Change to 3.10',
            isPreferred: true,
            edits: [{ file: FILE, range: range(7, 15, 7, 18), newText: '3.10' }],
          },
        ],
      },
    ]);
  });

  it('fixes only the version, keeping comments, commas and CRLF, and json reads what was meant', function () {
    const fixed = fixOnce(FILE, crlf(CONFIG));
    assert.equal(fixed, crlf(CONFIG.replace('1-3.8-bookworm', '1-3.10-bookworm').replace('"3.9"', '"3.10"')));
    assert.equal(fixOnce(FILE, fixed), fixed);
    const [read] = readWith(this, 'json', [fixed]) as {
      image: string;
      features: Record<string, { version: string }>;
    }[];
    assert.equal(read.image, 'mcr.microsoft.com/devcontainers/python:1-3.10-bookworm');
    assert.equal(read.features['ghcr.io/devcontainers/features/python:1'].version, '3.10');
  });

  it('reads the feature at any tag, its string form and its old short id, and the older image names', () => {
    const text = (features: string, image = 'ubuntu:22.04') => `{"image": "${image}", "features": {${features}}}`;
    for (const [features, image, fixed] of [
      ['"ghcr.io/devcontainers/features/python:1.6.3": "3.8"', undefined, '3.10'],
      ['"ghcr.io/devcontainers/features/python": {"version": "3.9.18"}', undefined, '3.10'],
      ['"python": "3.7"', undefined, '3.10'],
      ['', 'mcr.microsoft.com/vscode/devcontainers/python:0-3.8-bullseye', '0-3.10-bullseye'],
      ['', 'python:3.9-slim', '3.10-slim'],
    ] as const) {
      const before = text(features, image);
      const after = fixOnce('/p/.devcontainer.json', before);
      assert.ok(after !== before && after.includes(fixed), `${before} → ${after}`);
    }
    for (const version of ['latest', 'os-provided', 'none', '3', '3.12'])
      assert.deepEqual(
        check(FILE, text(`"ghcr.io/devcontainers/features/python:1": {"version": "${version}"}`)),
        [],
        version,
      );
    assert.deepEqual(check(FILE, text('"ghcr.io/devcontainers-contrib/features/poetry:2": {"version": "1.8"}')), []);
  });

  it('reports broken JSON where it is and still judges what it can read', () => {
    const text = '{\n  "image": "python:3.8"\n  "features": {,}\n}\n';
    assert.deepEqual(
      check(FILE, text).map((f) => [f.code, f.message, f.range]),
      [
        ['parse-error', "Invalid JSON: expected ',' or '}'", range(2, 2, 2, 3)],
        ['parse-error', "Invalid JSON: expected a property name in double quotes, found ','", range(2, 15, 2, 16)],
        ['python-below-minimum', 'image python:3.8 is below the standard Python minimum 3.10', range(1, 19, 1, 22)],
      ],
    );
    for (const broken of ['{"image": "python:3.8', '{"features": {"python": ', '{"image": 3.8}', '['])
      assert.deepEqual(
        check(FILE, broken).filter((f) => f.code !== 'parse-error'),
        [],
        broken,
      );
  });

  it('is devcontainer.json in .devcontainer (or a folder of it), or .devcontainer.json', () => {
    for (const file of [
      '/p/.devcontainer/devcontainer.json',
      '/p/.devcontainer/py/devcontainer.json',
      '/p/.devcontainer.json',
    ])
      assert.equal(formatFor(file)?.kind, 'devcontainer', file);
    for (const file of ['/p/devcontainer.json', '/p/.devcontainer/a/b/devcontainer.json', '/p/.devcontainer/x.json'])
      assert.equal(formatFor(file), undefined, file);
  });
});
