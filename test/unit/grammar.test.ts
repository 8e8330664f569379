import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'pip-requirements.tmLanguage.json');
const CONFIGURATION_FILE = path.join(ROOT, 'language-configuration.json');
const FIXTURE_FILE = path.join(ROOT, 'test', 'fixtures', 'grammar', 'sample.in');
const SCOPE_NAME = 'source.pip-requirements';
const SUFFIX = '.pip-requirements';

/** A token's text and its scopes, outermost first, without the root scope or the language suffix. */
interface Token {
  text: string;
  scopes: string[];
}

/** `[text, scopes joined by a space]`: one row per visible token, easy to read in a failing diff. */
type Row = [text: string, scopes: string];

async function loadGrammar(): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new OnigScanner(patterns),
      createOnigString: (text) => new OnigString(text),
    }),
    loadGrammar: (scopeName) =>
      Promise.resolve(
        scopeName === SCOPE_NAME ? parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null,
      ),
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(grammar, `${SCOPE_NAME} did not load`);
  return grammar;
}

/** Tokenizes line after line, carrying the rule stack so continued requirements behave as in the editor. */
function tokenize(grammar: IGrammar, lines: string[]): Token[][] {
  let stack = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.slice(1).map((scope) => (scope.endsWith(SUFFIX) ? scope.slice(0, -SUFFIX.length) : scope)),
    }));
  });
}

/** Rows for the visible tokens; meta regions are left out unless asked for, since they span whole lines. */
function rows(tokens: Token[], options: { meta?: boolean } = {}): Row[] {
  return tokens
    .filter((token) => token.text.trim() !== '')
    .map((token) => [
      token.text,
      token.scopes.filter((scope) => options.meta === true || !scope.startsWith('meta.')).join(' '),
    ]);
}

interface JsonObject {
  [key: string]: unknown;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` on every object nested anywhere in `value`, the way a grammar nests rules in rules. */
function walk(value: unknown, visit: (node: JsonObject) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => walk(item, visit));
  } else if (isObject(value)) {
    visit(value);
    Object.values(value).forEach((item) => walk(item, visit));
  }
}

describe('pip-requirements grammar', () => {
  // VS Code hands the tokenizer lines without their line ending, so a CRLF checkout must not reach it.
  const fixtureText = fs.readFileSync(FIXTURE_FILE, 'utf8');
  const fixtureLines = fixtureText.split('\n');
  let fixtureTokens: Token[][];

  before(async () => {
    fixtureTokens = tokenize(await loadGrammar(), fixtureLines);
  });

  /** The rows of the one fixture line whose text is exactly `line`. */
  function scoped(line: string, options: { meta?: boolean } = {}): Row[] {
    const indexes = fixtureLines.flatMap((text, index) => (text === line ? [index] : []));
    assert.equal(indexes.length, 1, `the fixture should hold ${JSON.stringify(line)} exactly once`);
    return rows(fixtureTokens[indexes[0]], options);
  }

  it('reads fixture lines without carriage returns, as the editor passes them', () => {
    assert.deepEqual(
      fixtureLines.filter((line) => line.includes('\r')),
      [],
    );
  });

  describe('comments', () => {
    it('scopes a whole-line comment', () => {
      assert.deepEqual(scoped('# Every construct the pip-requirements grammar scopes, one per line.'), [
        ['#', 'comment.line.number-sign punctuation.definition.comment'],
        [' Every construct the pip-requirements grammar scopes, one per line.', 'comment.line.number-sign'],
      ]);
    });

    it('keeps the ignore directive a comment and marks its keyword and codes', () => {
      assert.deepEqual(scoped('# stack-standard: ignore[below-minimum, missing-minimum]'), [
        ['#', 'comment.line.number-sign punctuation.definition.comment'],
        ['stack-standard', 'comment.line.number-sign keyword.other.directive.stack-standard'],
        [':', 'comment.line.number-sign punctuation.separator.key-value'],
        ['ignore', 'comment.line.number-sign keyword.control.ignore'],
        ['[', 'comment.line.number-sign punctuation.definition.list.begin'],
        ['below-minimum', 'comment.line.number-sign constant.other.finding-code'],
        [',', 'comment.line.number-sign punctuation.separator.comma'],
        ['missing-minimum', 'comment.line.number-sign constant.other.finding-code'],
        [']', 'comment.line.number-sign punctuation.definition.list.end'],
      ]);
    });

    it('recognises a trailing directive after a requirement', () => {
      assert.deepEqual(scoped('requests==2.32.3  # stack-standard: ignore[below-minimum]'), [
        ['requests', 'entity.name.type.package'],
        ['==', 'keyword.operator.comparison'],
        ['2.32.3', 'constant.numeric.version'],
        ['#', 'comment.line.number-sign punctuation.definition.comment'],
        ['stack-standard', 'comment.line.number-sign keyword.other.directive.stack-standard'],
        [':', 'comment.line.number-sign punctuation.separator.key-value'],
        ['ignore', 'comment.line.number-sign keyword.control.ignore'],
        ['[', 'comment.line.number-sign punctuation.definition.list.begin'],
        ['below-minimum', 'comment.line.number-sign constant.other.finding-code'],
        [']', 'comment.line.number-sign punctuation.definition.list.end'],
      ]);
    });

    it('starts a comment at a # after a space', () => {
      assert.deepEqual(scoped('urllib3>=1.26,<3 # pinned by the vendor'), [
        ['urllib3', 'entity.name.type.package'],
        ['>=', 'keyword.operator.comparison'],
        ['1.26', 'constant.numeric.version'],
        [',', 'punctuation.separator.comma'],
        ['<', 'keyword.operator.comparison'],
        ['3', 'constant.numeric.version'],
        ['#', 'comment.line.number-sign punctuation.definition.comment'],
        [' pinned by the vendor', 'comment.line.number-sign'],
      ]);
    });

    it('does not start a comment at a # glued to the text before it', () => {
      assert.deepEqual(scoped('sqlalchemy==2.0#not-a-comment'), [
        ['sqlalchemy', 'entity.name.type.package'],
        ['==', 'keyword.operator.comparison'],
        ['2.0', 'constant.numeric.version'],
        ['#not-a-comment', ''],
      ]);
    });

    it('does not start a comment at a # glued to an option', () => {
      assert.deepEqual(scoped('--pre#glued-to-an-option'), [
        ['--pre', 'keyword.other.option'],
        ['#glued-to-an-option', ''],
      ]);
    });

    it('keeps an #egg= fragment inside the URL', () => {
      assert.deepEqual(scoped('pkg @ https://example.com/pkg-1.0.tar.gz#egg=pkg&subdirectory=src'), [
        ['pkg', 'entity.name.type.package'],
        ['@', 'keyword.operator.direct-reference'],
        ['https://example.com/pkg-1.0.tar.gz#egg=pkg&subdirectory=src', 'markup.underline.link'],
      ]);
      assert.deepEqual(scoped('--editable git+https://github.com/acme/tools.git@v1.2#egg=acme-tools'), [
        ['--editable', 'keyword.other.option'],
        ['git+https://github.com/acme/tools.git@v1.2#egg=acme-tools', 'markup.underline.link'],
      ]);
    });
  });

  describe('options', () => {
    it('scopes requirement and constraint files, with a space or an = before the path', () => {
      assert.deepEqual(scoped('-r base.txt'), [
        ['-r', 'keyword.other.option'],
        ['base.txt', 'string.unquoted.path'],
      ]);
      assert.deepEqual(scoped('--requirement=common/requirements.txt'), [
        ['--requirement', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['common/requirements.txt', 'string.unquoted.path'],
      ]);
      assert.deepEqual(scoped('-c constraints.txt'), [
        ['-c', 'keyword.other.option'],
        ['constraints.txt', 'string.unquoted.path'],
      ]);
      assert.deepEqual(scoped('--constraint ${CONSTRAINTS_DIR}/pins.txt'), [
        ['--constraint', 'keyword.other.option'],
        ['${', 'string.unquoted.path variable.other.environment punctuation.definition.variable.begin'],
        ['CONSTRAINTS_DIR', 'string.unquoted.path variable.other.environment'],
        ['}', 'string.unquoted.path variable.other.environment punctuation.definition.variable.end'],
        ['/pins.txt', 'string.unquoted.path'],
      ]);
    });

    it('scopes index and find-links locations as links or paths', () => {
      assert.deepEqual(scoped('-i https://pypi.org/simple'), [
        ['-i', 'keyword.other.option'],
        ['https://pypi.org/simple', 'markup.underline.link'],
      ]);
      assert.deepEqual(scoped('--extra-index-url https://download.pytorch.org/whl/cpu'), [
        ['--extra-index-url', 'keyword.other.option'],
        ['https://download.pytorch.org/whl/cpu', 'markup.underline.link'],
      ]);
      assert.deepEqual(scoped('-f ./wheels'), [
        ['-f', 'keyword.other.option'],
        ['./wheels', 'string.unquoted.path'],
      ]);
      assert.deepEqual(scoped('--find-links=https://example.com/links.html'), [
        ['--find-links', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['https://example.com/links.html', 'markup.underline.link'],
      ]);
    });

    it('scopes environment variables inside an index URL', () => {
      assert.deepEqual(scoped('--index-url=https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple'), [
        ['--index-url', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['https://', 'markup.underline.link'],
        ['${', 'markup.underline.link variable.other.environment punctuation.definition.variable.begin'],
        ['PIP_USER', 'markup.underline.link variable.other.environment'],
        ['}', 'markup.underline.link variable.other.environment punctuation.definition.variable.end'],
        [':', 'markup.underline.link'],
        ['${', 'markup.underline.link variable.other.environment punctuation.definition.variable.begin'],
        ['PIP_TOKEN', 'markup.underline.link variable.other.environment'],
        ['}', 'markup.underline.link variable.other.environment punctuation.definition.variable.end'],
        ['@pypi.example.com/simple', 'markup.underline.link'],
      ]);
    });

    it('scopes flags that take no argument', () => {
      assert.deepEqual(
        ['--pre', '--prefer-binary', '--require-hashes'].map((line) => scoped(line)),
        [
          [['--pre', 'keyword.other.option']],
          [['--prefer-binary', 'keyword.other.option']],
          [['--require-hashes', 'keyword.other.option']],
        ],
      );
    });

    it('scopes trusted hosts, binary selections and features', () => {
      assert.deepEqual(scoped('--trusted-host pypi.example.com'), [
        ['--trusted-host', 'keyword.other.option'],
        ['pypi.example.com', 'string.unquoted.hostname'],
      ]);
      assert.deepEqual(scoped('--only-binary :all:'), [
        ['--only-binary', 'keyword.other.option'],
        [':all:', 'constant.language.binary-selector'],
      ]);
      assert.deepEqual(scoped('--no-binary=psycopg2,lxml'), [
        ['--no-binary', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['psycopg2', 'entity.name.type.package'],
        [',', 'punctuation.separator.comma'],
        ['lxml', 'entity.name.type.package'],
      ]);
      assert.deepEqual(scoped('--use-feature=truststore'), [
        ['--use-feature', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['truststore', 'string.unquoted.argument'],
      ]);
    });

    it('scopes an editable local project with extras', () => {
      assert.deepEqual(scoped('-e .[dev,test]'), [
        ['-e', 'keyword.other.option'],
        ['.', 'string.unquoted.path'],
        ['[', 'punctuation.definition.extras.begin'],
        ['dev', 'variable.parameter.extra'],
        [',', 'punctuation.separator.comma'],
        ['test', 'variable.parameter.extra'],
        [']', 'punctuation.definition.extras.end'],
      ]);
    });

    it('scopes per-requirement build options and their arguments', () => {
      assert.deepEqual(scoped('psycopg[c] --config-settings="--build-option=--static" --global-option build_ext'), [
        ['psycopg', 'entity.name.type.package'],
        ['[', 'punctuation.definition.extras.begin'],
        ['c', 'variable.parameter.extra'],
        [']', 'punctuation.definition.extras.end'],
        ['--config-settings', 'keyword.other.option'],
        ['=', 'punctuation.separator.key-value'],
        ['"--build-option=--static"', 'string.quoted.double'],
        ['--global-option', 'keyword.other.option'],
        ['build_ext', 'string.unquoted.argument'],
      ]);
    });
  });

  describe('requirements', () => {
    it('scopes a bare package name with underscores', () => {
      assert.deepEqual(scoped('typing_extensions'), [['typing_extensions', 'entity.name.type.package']]);
    });

    it('separates name, operator and version across tabs', () => {
      assert.deepEqual(scoped('flask\t>=\t3.0\t# tabs between every part'), [
        ['flask', 'entity.name.type.package'],
        ['>=', 'keyword.operator.comparison'],
        ['3.0', 'constant.numeric.version'],
        ['#', 'comment.line.number-sign punctuation.definition.comment'],
        [' tabs between every part', 'comment.line.number-sign'],
      ]);
    });

    it('scopes every version operator and PEP 440 version form', () => {
      assert.deepEqual(
        [
          'Django~=4.2.0',
          'numpy!=1.26.*',
          'pandas===2.2.2-custom',
          'attrs>1!22.2.0.post1.dev3+local.7',
          'cryptography<=43.0.0rc1',
        ].map((line) => scoped(line)),
        [
          [
            ['Django', 'entity.name.type.package'],
            ['~=', 'keyword.operator.comparison'],
            ['4.2.0', 'constant.numeric.version'],
          ],
          [
            ['numpy', 'entity.name.type.package'],
            ['!=', 'keyword.operator.comparison'],
            ['1.26.*', 'constant.numeric.version'],
          ],
          [
            ['pandas', 'entity.name.type.package'],
            ['===', 'keyword.operator.comparison'],
            ['2.2.2-custom', 'constant.numeric.version'],
          ],
          [
            ['attrs', 'entity.name.type.package'],
            ['>', 'keyword.operator.comparison'],
            ['1!22.2.0.post1.dev3+local.7', 'constant.numeric.version'],
          ],
          [
            ['cryptography', 'entity.name.type.package'],
            ['<=', 'keyword.operator.comparison'],
            ['43.0.0rc1', 'constant.numeric.version'],
          ],
        ],
      );
    });

    it('scopes a dotted name with a parenthesised specifier', () => {
      assert.deepEqual(scoped('zope.interface (>=5,<6)'), [
        ['zope.interface', 'entity.name.type.package'],
        ['(', 'punctuation.parenthesis.begin'],
        ['>=', 'keyword.operator.comparison'],
        ['5', 'constant.numeric.version'],
        [',', 'punctuation.separator.comma'],
        ['<', 'keyword.operator.comparison'],
        ['6', 'constant.numeric.version'],
        [')', 'punctuation.parenthesis.end'],
      ]);
    });

    it('scopes extras on a hyphenated name', () => {
      assert.deepEqual(scoped('google-cloud-storage[grpc]>=2.18.0'), [
        ['google-cloud-storage', 'entity.name.type.package'],
        ['[', 'punctuation.definition.extras.begin'],
        ['grpc', 'variable.parameter.extra'],
        [']', 'punctuation.definition.extras.end'],
        ['>=', 'keyword.operator.comparison'],
        ['2.18.0', 'constant.numeric.version'],
      ]);
    });
  });

  describe('environment markers', () => {
    it('scopes the separator, variables, operators and both quote styles', () => {
      assert.deepEqual(scoped(`tomli>=2.0; python_version < "3.11" and platform_machine != 'arm64'`), [
        ['tomli', 'entity.name.type.package'],
        ['>=', 'keyword.operator.comparison'],
        ['2.0', 'constant.numeric.version'],
        [';', 'punctuation.separator.marker'],
        ['python_version', 'variable.language.marker'],
        ['<', 'keyword.operator.comparison'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['3.11', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
        ['and', 'keyword.operator.logical'],
        ['platform_machine', 'variable.language.marker'],
        ['!=', 'keyword.operator.comparison'],
        ["'", 'string.quoted.single punctuation.definition.string.begin'],
        ['arm64', 'string.quoted.single'],
        ["'", 'string.quoted.single punctuation.definition.string.end'],
      ]);
    });

    it('scopes or, in and parentheses', () => {
      assert.deepEqual(scoped('colorama ; sys_platform == "win32" or (os_name in "nt")'), [
        ['colorama', 'entity.name.type.package'],
        [';', 'punctuation.separator.marker'],
        ['sys_platform', 'variable.language.marker'],
        ['==', 'keyword.operator.comparison'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['win32', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
        ['or', 'keyword.operator.logical'],
        ['(', 'punctuation.parenthesis.begin'],
        ['os_name', 'variable.language.marker'],
        ['in', 'keyword.operator.logical'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['nt', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
        [')', 'punctuation.parenthesis.end'],
      ]);
    });

    it('scopes not in as one operator', () => {
      assert.deepEqual(scoped('backports.zoneinfo ; "3.9" not in python_full_version'), [
        ['backports.zoneinfo', 'entity.name.type.package'],
        [';', 'punctuation.separator.marker'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['3.9', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
        ['not in', 'keyword.operator.logical'],
        ['python_full_version', 'variable.language.marker'],
      ]);
    });

    it('scopes a marker after a direct URL reference', () => {
      assert.deepEqual(scoped('name[extra] @ git+https://github.com/acme/name.git@main ; python_version >= "3.10"'), [
        ['name', 'entity.name.type.package'],
        ['[', 'punctuation.definition.extras.begin'],
        ['extra', 'variable.parameter.extra'],
        [']', 'punctuation.definition.extras.end'],
        ['@', 'keyword.operator.direct-reference'],
        ['git+https://github.com/acme/name.git@main', 'markup.underline.link'],
        [';', 'punctuation.separator.marker'],
        ['python_version', 'variable.language.marker'],
        ['>=', 'keyword.operator.comparison'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['3.10', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
      ]);
    });
  });

  describe('URLs, paths and wheel files', () => {
    it('scopes a bare URL and ends it at the "; " that starts its marker', () => {
      assert.deepEqual(scoped('https://files.example.com/pkg-2.0-py3-none-any.whl; implementation_name == "cpython"'), [
        ['https://files.example.com/pkg-2.0-py3-none-any.whl', 'markup.underline.link'],
        [';', 'punctuation.separator.marker'],
        ['implementation_name', 'variable.language.marker'],
        ['==', 'keyword.operator.comparison'],
        ['"', 'string.quoted.double punctuation.definition.string.begin'],
        ['cpython', 'string.quoted.double'],
        ['"', 'string.quoted.double punctuation.definition.string.end'],
      ]);
    });

    it('scopes wheel files, local directories and file URLs as locations, not names', () => {
      assert.deepEqual(
        [
          './downloads/numpy-1.9.2-cp34-none-win32.whl',
          'numpy-1.9.2-cp34-none-win32.whl',
          './vendor/local-lib',
          'file:///opt/wheels/lib-1.0.tar.gz',
        ].map((line) => scoped(line)),
        [
          [['./downloads/numpy-1.9.2-cp34-none-win32.whl', 'string.unquoted.path']],
          [['numpy-1.9.2-cp34-none-win32.whl', 'string.unquoted.path']],
          [['./vendor/local-lib', 'string.unquoted.path']],
          [['file:///opt/wheels/lib-1.0.tar.gz', 'markup.underline.link']],
        ],
      );
    });

    it('scopes a path that starts with an environment variable', () => {
      assert.deepEqual(scoped('${WHEELHOUSE}/private-1.0-py3-none-any.whl'), [
        ['${', 'string.unquoted.path variable.other.environment punctuation.definition.variable.begin'],
        ['WHEELHOUSE', 'string.unquoted.path variable.other.environment'],
        ['}', 'string.unquoted.path variable.other.environment punctuation.definition.variable.end'],
        ['/private-1.0-py3-none-any.whl', 'string.unquoted.path'],
      ]);
    });
  });

  describe('line continuations', () => {
    it('keeps a requirement open over its --hash lines and closes it before the next comment', () => {
      assert.deepEqual(
        [
          'certifi==2024.8.30 \\',
          '    --hash=sha256:922820b53db7a7257ffbda3f597266d435245903d80737e34f8a45ff3e3230d8 \\',
          '    --hash=sha256:bec941d2aa8195e248a60b31ff9f0558284cf01a52591ceda73ea9afffd69fd9',
          '    # via requests',
        ].map((line) => scoped(line, { meta: true })),
        [
          [
            ['certifi', 'meta.requirement entity.name.type.package'],
            ['==', 'meta.requirement keyword.operator.comparison'],
            ['2024.8.30', 'meta.requirement constant.numeric.version'],
            ['\\', 'meta.requirement constant.character.escape.line-continuation'],
          ],
          [
            ['--hash', 'meta.requirement keyword.other.option'],
            ['=', 'meta.requirement punctuation.separator.key-value'],
            ['sha256', 'meta.requirement storage.type.hash-algorithm'],
            [':', 'meta.requirement punctuation.separator.key-value'],
            [
              '922820b53db7a7257ffbda3f597266d435245903d80737e34f8a45ff3e3230d8',
              'meta.requirement constant.other.hash',
            ],
            ['\\', 'meta.requirement constant.character.escape.line-continuation'],
          ],
          [
            ['--hash', 'meta.requirement keyword.other.option'],
            ['=', 'meta.requirement punctuation.separator.key-value'],
            ['sha256', 'meta.requirement storage.type.hash-algorithm'],
            [':', 'meta.requirement punctuation.separator.key-value'],
            [
              'bec941d2aa8195e248a60b31ff9f0558284cf01a52591ceda73ea9afffd69fd9',
              'meta.requirement constant.other.hash',
            ],
          ],
          [
            ['#', 'comment.line.number-sign punctuation.definition.comment'],
            [' via requests', 'comment.line.number-sign'],
          ],
        ],
      );
    });

    it('carries a marker onto the next line and ends it at a tab-indented --hash', () => {
      assert.deepEqual(
        [
          'exceptiongroup==1.2.2 ; \\',
          '    python_version < "3.11" \\',
          '\t--hash sha512:3111b9d131c238bec2f8f516e123e14ba243563fb135d3fe885990585aa7795b',
        ].map((line) => scoped(line, { meta: true })),
        [
          [
            ['exceptiongroup', 'meta.requirement entity.name.type.package'],
            ['==', 'meta.requirement keyword.operator.comparison'],
            ['1.2.2', 'meta.requirement constant.numeric.version'],
            [';', 'meta.requirement meta.marker punctuation.separator.marker'],
            ['\\', 'meta.requirement meta.marker constant.character.escape.line-continuation'],
          ],
          [
            ['python_version', 'meta.requirement meta.marker variable.language.marker'],
            ['<', 'meta.requirement meta.marker keyword.operator.comparison'],
            ['"', 'meta.requirement meta.marker string.quoted.double punctuation.definition.string.begin'],
            ['3.11', 'meta.requirement meta.marker string.quoted.double'],
            ['"', 'meta.requirement meta.marker string.quoted.double punctuation.definition.string.end'],
            ['\\', 'meta.requirement meta.marker constant.character.escape.line-continuation'],
          ],
          [
            ['--hash', 'meta.requirement keyword.other.option'],
            ['sha512', 'meta.requirement storage.type.hash-algorithm'],
            [':', 'meta.requirement punctuation.separator.key-value'],
            [
              '3111b9d131c238bec2f8f516e123e14ba243563fb135d3fe885990585aa7795b',
              'meta.requirement constant.other.hash',
            ],
          ],
        ],
      );
    });
  });

  describe('grammar file', () => {
    const grammar: unknown = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));

    it('declares its scope name, top-level patterns and repository', () => {
      assert.ok(isObject(grammar));
      assert.deepEqual(
        {
          scopeName: grammar.scopeName,
          hasPatterns: Array.isArray(grammar.patterns),
          hasRepository: isObject(grammar.repository),
        },
        { scopeName: SCOPE_NAME, hasPatterns: true, hasRepository: true },
      );
    });

    it('includes only rules that exist and leaves none unused', () => {
      assert.ok(isObject(grammar) && isObject(grammar.repository));
      const included = new Set<string>();
      walk(grammar, (node) => {
        if (typeof node.include === 'string') included.add(node.include);
      });
      assert.deepEqual(
        [...included].sort(),
        Object.keys(grammar.repository)
          .map((key) => `#${key}`)
          .sort(),
      );
    });

    it('compiles every regular expression with Oniguruma', async () => {
      await loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
      const failures: string[] = [];
      walk(grammar, (node) => {
        for (const key of ['match', 'begin', 'end']) {
          const source = node[key];
          if (typeof source !== 'string') continue;
          try {
            new OnigScanner([source]).dispose();
          } catch (error) {
            failures.push(`${source}: ${String(error)}`);
          }
        }
      });
      assert.deepEqual(failures, []);
    });

    it('ends every scope name with the language suffix so themes and tests can tell them apart', () => {
      assert.ok(isObject(grammar));
      const names: string[] = [];
      // The root's own `name` is the display name, so only the rules are walked.
      walk([grammar.patterns, grammar.repository], (node) => {
        if (typeof node.name === 'string') names.push(node.name);
      });
      assert.deepEqual(
        names.filter((name) => !name.endsWith(SUFFIX)),
        [],
      );
    });
  });

  describe('language configuration', () => {
    const configuration: unknown = JSON.parse(fs.readFileSync(CONFIGURATION_FILE, 'utf8'));

    it('declares # comments, brackets and the pairs the editor closes and surrounds with', () => {
      assert.ok(isObject(configuration));
      assert.deepEqual(
        {
          comments: configuration.comments,
          brackets: configuration.brackets,
          autoClosingPairs: configuration.autoClosingPairs,
          surroundingPairs: configuration.surroundingPairs,
        },
        {
          comments: { lineComment: '#' },
          brackets: [
            ['[', ']'],
            ['(', ')'],
          ],
          autoClosingPairs: [
            { open: '[', close: ']' },
            { open: '(', close: ')' },
            { open: '{', close: '}' },
            { open: '"', close: '"', notIn: ['string', 'comment'] },
            { open: "'", close: "'", notIn: ['string', 'comment'] },
          ],
          surroundingPairs: [
            ['[', ']'],
            ['(', ')'],
            ['{', '}'],
            ['"', '"'],
            ["'", "'"],
          ],
        },
      );
    });

    it('treats a package name with -, _ and . as one word', () => {
      assert.ok(isObject(configuration) && typeof configuration.wordPattern === 'string');
      const words = (text: string) => text.match(new RegExp(configuration.wordPattern as string, 'g'));
      assert.deepEqual(
        words('google-cloud-storage[grpc]>=2.18.0; python_version < "3.12" # zope.interface typing_extensions'),
        ['google-cloud-storage', 'grpc', '2.18.0', 'python_version', '3.12', 'zope.interface', 'typing_extensions'],
      );
    });
  });
});
