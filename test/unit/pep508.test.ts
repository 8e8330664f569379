import { strict as assert } from 'node:assert';
import { parseRequirement, parseRequirementText, type Pep508Entry } from '../../src/core/formats/pep508';
import { extrasOf, pick, seededRandom } from '../helpers';

const identity = (o: number) => o;
const nobody = () => false;

/** What a reading says about validity: the error (message and place) or that the requirement is fine. */
function verdict(entry: Pep508Entry): string {
  return entry.kind === 'error'
    ? `error ${entry.start}-${entry.end}: ${entry.message}`
    : entry.kind === 'reference'
      ? 'reference'
      : 'valid';
}

describe('PEP 508 strings of packages the caller does not check', () => {
  const names = ['pandas', 'acme-lib', 'Scikit_Learn', 'a', '-bad', '', 'x.y', 'pkg_', 'pkg-', ' pandas', '\tpandas'];
  const extras = [
    '',
    '[sql]',
    '[ a , b ]',
    '[]',
    '[a,]',
    '[',
    ' [x]',
    '[a_]',
    '[\ta]',
    '[a-]',
    '[ ]',
    '[a.b,C_1]',
    '[,a]',
  ];
  const specs = [
    '',
    '>=1.0',
    ' >= 1.0 , <2',
    '==1.*',
    '~=1',
    '>=',
    '==1.0+local',
    '(>=1.0)',
    ' (==2',
    '@ https://x/y.whl',
    'latest',
    '==${V}',
    `>=1${',<9'.repeat(120)}`,
    '>=1.0,',
    '>=1.0,,<2',
    ',>=1',
    '===1.0',
    '=== 1.0, <2',
    '==1.0a1.*',
    '==v1.0',
    '>=1.0.post',
    `==1.${'7'.repeat(4301)}`,
    '@',
    '@https://x',
    '@ https://x;python_version>"3"',
    '>=1.0 ',
    '>=1.0\f',
    '(>=1,)',
    '( )',
    '==1.2.3',
    '!=1.5, <3',
    '< 2',
    '>1,>=1.1 ',
    '== 1.0 ,!=1.0.1',
    '~=1.2',
    '~= 1',
    '~=1.2.3, !=1.2.5',
    '>=1.',
    '<1.2.3',
    '> 2 ,\t<= 3.1',
    '!=1.0',
    '>=1.0rc1',
    '==1.0.*',
    '==1.0 .*',
    '>=1 , ',
    '> =1',
    '=<1',
    '=1',
    '>=01.02',
    '>=1..2',
    '>=1.2-1',
    '>=1.2;',
    '>=1,<2,!=1.5',
  ];
  const markers = [
    '',
    ';',
    '; python_version >= "3.10"',
    ' ; os_name == "nt" and',
    ';python_version<"3.8"',
    '; bogus',
    '; os_name == "a\\b"',
    ' ;os_name=="a"and os_name=="b"',
    '  ',
  ];

  it('are only validated, with the same verdict the full reading gives', () => {
    const random = seededRandom(508);
    let unchecked = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick(random, names) + pick(random, extras) + pick(random, specs) + pick(random, markers);
      const full = parseRequirementText(text, identity);
      const quick = parseRequirement(text, 0, false, identity, nobody);
      if (quick.kind === 'unchecked') {
        unchecked++;
        assert.equal(verdict(full), 'valid', text);
      } else {
        assert.equal(verdict(quick), verdict(full), text);
      }
    }
    assert.ok(unchecked > 2000, `${unchecked} were unchecked`);
  });

  it('are skimmed as plain only when nothing before the marker is a path, a URL or an arbitrary version', () => {
    const random = seededRandom(509);
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick(random, names) + pick(random, extras) + pick(random, specs) + pick(random, markers);
      const quick = parseRequirement(text, 0, false, identity, nobody);
      if (quick.kind !== 'unchecked' || !quick.plain) continue;
      plain++;
      assert.match(text.split(';')[0], /^[ \t]*[A-Za-z0-9][^/\\:@]*$/, text);
      assert.doesNotMatch(text.split(';')[0], /===/, text);
    }
    assert.ok(plain > 2000, `${plain} were plain`);
  });

  it('come back unchecked with a URL too, so that a requirement that comes back is one the caller checks', () => {
    const text = 'acme[sql] @ https://example.com/acme-1.0.tar.gz ; python_version >= "3.10"';
    assert.deepEqual(parseRequirement(text, 0, false, identity, nobody), { kind: 'unchecked' });
    assert.deepEqual(parseRequirement('acme @ ', 0, false, identity, nobody), {
      kind: 'error',
      message: "Expected a URL after '@'",
      start: 5,
      end: 7,
    });
    const checked = parseRequirement(text, 0, false, identity, (name) => name === 'acme');
    assert.equal(checked.kind === 'requirement' && checked.req.direct, true);
  });

  it('are read in full when the caller checks the package', () => {
    const entry = parseRequirement(
      'pandas[sql]>=1.3 ; python_version >= "3.10"',
      0,
      false,
      identity,
      (name) => name === 'pandas',
    );
    assert.equal(entry.kind, 'requirement');
    assert.equal(entry.kind === 'requirement' && entry.req.specifier?.text, '>=1.3');
  });
});

describe('PEP 508 requirement strings at the edges, as pip reads them', () => {
  const read = (text: string) => parseRequirementText(text, identity);

  it('accepts what pip accepts', () => {
    const VALID: [text: string, name: string, spec: string | undefined, direct: boolean][] = [
      ['  pandas>=2.0', 'pandas', '>=2.0', false],
      ['\tpandas >=2.0 ', 'pandas', '>=2.0', false],
      ['pandas>=2.0,', 'pandas', '>=2.0,', false],
      ['pandas (>=2.0,)', 'pandas', '>=2.0,', false],
      ['pandas>=1.0.post', 'pandas', '>=1.0.post', false],
      ['pandas==v1.0', 'pandas', '==v1.0', false],
      ['pandas== 1.0', 'pandas', '== 1.0', false],
      ['pandas[]', 'pandas', undefined, false],
      ['pandas ()', 'pandas', undefined, false],
      ['pkg_', 'pkg_', undefined, false],
      ['pandas===', 'pandas', '===', false],
      ['pandas@https://x', 'pandas', undefined, true],
      ['pandas @ https://x/a;b', 'pandas', undefined, true],
      ['pandas @ https://x/a.whl ; python_version > "3"', 'pandas', undefined, true],
    ];
    for (const [text, name, spec, direct] of VALID) {
      const entry = read(text);
      assert.equal(entry.kind, 'requirement', `${JSON.stringify(text)}: ${JSON.stringify(entry)}`);
      if (entry.kind !== 'requirement') continue;
      assert.deepEqual(
        [entry.req.name, entry.req.specifier?.text, entry.req.direct ?? false],
        [name, spec, direct],
        text,
      );
    }
    const text = '  pandas[sql, excel] >= 2.0';
    const entry = read(text);
    assert.ok(entry.kind === 'requirement');
    assert.deepEqual(
      [entry.req.nameStart, entry.req.nameEnd, entry.req.insertAt, extrasOf(text, entry.req)],
      [2, 8, 20, ['sql', 'excel']],
    );
  });

  it('refuses what pip refuses, and the two forms PEP 508 refuses that pip reads', () => {
    const INVALID: [text: string, message: string, start: number, end: number][] = [
      ['pandas @', "Expected a URL after '@'", 7, 8],
      ['pandas @   ', "Expected a URL after '@'", 7, 11],
      ['pandas @ https://x extra', "Unexpected 'extra' after the URL: expected ';' and a marker", 19, 24],
      ['pandas>=1,,<2', 'Empty version clause', 9, 11],
      ['pandas[a,]', "Invalid extras '[a,]'", 6, 10],
      ['pkg-', "Unexpected '-' after 'pkg': expected a version specifier, '@ url' or ';'", 3, 4],
      ['pandas>=1\f', "'1\f' is not a valid PEP 440 version", 6, 10],
      ['pandas (>=1)\f', "Unexpected '\f' after the version specifier", 12, 13],
      [
        'pandas=== 1.0, <2',
        "'===' takes everything up to the next space as its version, commas too: write '=== 1.0,<2' without the space after the comma",
        6,
        17,
      ],
      // pip reads the marker into the URL; PEP 508 wants a space before ';'.
      ['pandas @ https://x/a.whl;python_version>"3"', "A URL requirement needs a space before ';'", 24, 43],
      // pip hands the string to Python's literal_eval; PEP 508's strings have no backslash.
      [
        'pandas ; os_name == "a\\b"',
        'A marker string cannot hold a backslash (PEP 508 strings have no escapes)',
        22,
        23,
      ],
    ];
    for (const [text, message, start, end] of INVALID)
      assert.deepEqual(read(text), { kind: 'error', message, start, end }, JSON.stringify(text));
  });
});
