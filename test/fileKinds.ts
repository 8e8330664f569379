// Shared by the tests of the file kinds that name a Python version: analyse one file, apply its fixes, and read the
// result with the reference reader of its syntax (Python's tomllib, PyYAML, json).
import { analyze, applyEdits, builtinStandard, preferredEdits, type Finding, type Standard } from '../src/core';
import { memoryFileSystem, runPython } from './helpers';

const BUILTIN = builtinStandard();

/** The findings on `text` read as `file`, as plain data (as the CLI's JSON would show them). */
export function check(file: string, text: string, standard: Standard = BUILTIN): Finding[] {
  return JSON.parse(
    JSON.stringify(analyze({ path: file, text }, { standard, fs: memoryFileSystem({ [file]: text }) })),
  ) as Finding[];
}

/** `text` after one run of the fixer: every preferred fix of its findings that can be applied together. */
export function fixOnce(file: string, text: string, standard: Standard = BUILTIN): string {
  const edits = preferredEdits(check(file, text, standard)).get(file) ?? [];
  return applyEdits(text, edits).text;
}

export const crlf = (text: string) => text.replace(/\n/g, '\r\n');

// Reads each text with the reference reader of its syntax. JSON with comments is stripped of its comments and
// trailing commas by a scan of its own first, so that the json module judges the rest.
const READ = String.raw`
import json, sys, tomllib, yaml

def strip_jsonc(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            i = n if j < 0 else j + 2
        else:
            if c in '}]':
                k = len(out) - 1
                while k >= 0 and out[k].isspace():
                    k -= 1
                if k >= 0 and out[k] == ',':
                    out[k] = ''
            out.append(c)
            i += 1
    return ''.join(out)

result = []
for syntax, text in json.load(sys.stdin):
    try:
        if syntax == 'toml':
            result.append(tomllib.loads(text))
        elif syntax == 'yaml':
            result.append(yaml.safe_load(text))
        else:
            result.append(json.loads(strip_jsonc(text)))
    except Exception as e:
        result.append({'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(result, default=str))
`;

/** What the reference reader of `syntax` makes of each text (`{ error }` when it refuses one). */
export function readWith(
  context: Mocha.Context,
  syntax: 'toml' | 'yaml' | 'json',
  texts: readonly string[],
): unknown[] {
  return runPython(
    context,
    READ,
    texts.map((t) => [syntax, t]),
    ['tomllib', 'yaml'],
  ) as unknown[];
}
