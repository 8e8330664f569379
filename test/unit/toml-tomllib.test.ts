// pyproject.toml is read by tomllib (and the build front-ends built on it): TOML 1.0, UTF-8. Each snippet here is
// parsed by our pipeline (bytes → decodeFile → analyze) and by Python's tomllib; we must report an error exactly
// when tomllib raises.
import { strict as assert } from 'node:assert';
import { analyze, builtinStandard, decodeFile } from '../../src/core';
import { memoryFileSystem, runPython } from '../helpers';
import { CORPUS } from './toml-corpus';

/** A byte-order mark at the very start: editors hide it, so we read past it; tomllib (and pip) refuse the file. */
const OURS_ONLY = [Buffer.from('\ufeffa = 1\n'), Buffer.from('\ufeff')];

const SCRIPT = String.raw`
import base64, json, sys, tomllib
out = []
for case in json.load(sys.stdin):
    try:
        tomllib.loads(base64.b64decode(case).decode("utf-8"))
        out.append(None)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        out.append(type(e).__name__ + ": " + str(e))
print(json.dumps(out))
`;

/** Our parse errors for `bytes` read as a pyproject.toml, the way the CLI reads one. */
function ourErrors(bytes: Buffer): string[] {
  const file = '/p/pyproject.toml';
  const { text, encoding } = decodeFile(file, bytes);
  return analyze({ path: file, text, encoding }, { standard: builtinStandard(), fs: memoryFileSystem({}) })
    .filter((f) => f.code === 'parse-error')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

describe('pyproject.toml against tomllib', () => {
  for (const [part, snippets] of Object.entries(CORPUS)) {
    it(`reports an error exactly when tomllib raises: ${part}`, function () {
      const inputs = snippets.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s));
      const verdicts = runPython(
        this,
        SCRIPT,
        inputs.map((b) => b.toString('base64')),
        ['tomllib'],
      ) as (string | null)[];
      const disagreements = inputs.flatMap((input, i) => {
        const ours = ourErrors(input);
        if ((verdicts[i] !== null) === ours.length > 0) return [];
        return [
          `${JSON.stringify(input.toString('latin1'))}: tomllib ${verdicts[i] ?? 'accepts it'}; we ${ours.length > 0 ? `report ${ours.join(' | ')}` : 'accept it'}`,
        ];
      });
      assert.deepEqual(disagreements, []);
    });
  }

  it('reads past a byte-order mark at the very start, which tomllib refuses', function () {
    const verdicts = runPython(
      this,
      SCRIPT,
      OURS_ONLY.map((b) => b.toString('base64')),
      ['tomllib'],
    ) as (string | null)[];
    assert.deepEqual(
      verdicts.map((v) => v?.split(':')[0]),
      ['TOMLDecodeError', 'TOMLDecodeError'],
    );
    assert.deepEqual(OURS_ONLY.map(ourErrors), [[], []]);
  });
});
