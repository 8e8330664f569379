import { strict as assert } from 'node:assert';
import {
  admitsPrereleases,
  asClauses,
  compareVersions,
  fixClauses,
  formatClause,
  isValidSpecifier,
  judge,
  parseRequirementSpecifier,
  parseSpecifier,
  parseVersion,
  specifierAdmits,
  type Clause,
  type Verdict,
  type Version,
} from '../../src/core/versions';
import { isWholeClause, TOKEN_SOURCE } from '../../src/core/versions/specifiers';
import { pick, seededRandom } from '../helpers';

function version(text: string): Version {
  const v = parseVersion(text);
  assert.ok(v, `${text} parses`);
  return v;
}

function clauses(specifier: string): Clause[] {
  const parsed = parseSpecifier(specifier);
  assert.deepEqual(parsed.errors, [], `${specifier} parses`);
  return parsed.clauses;
}

function fixed(specifier: string, minimum: string, pin = minimum): string {
  return fixClauses(clauses(specifier), version(minimum), version(pin))
    .map((c) => formatClause(c))
    .join(',');
}

describe('PEP 440 versions', () => {
  // PEP 440, "Summary of permitted suffixes and relative ordering", in its order.
  const DOCUMENTED_ORDER = [
    '1.dev0',
    '1.0.dev456',
    '1.0a1',
    '1.0a2.dev456',
    '1.0a12.dev456',
    '1.0a12',
    '1.0b1.dev456',
    '1.0b2',
    '1.0b2.post345.dev456',
    '1.0b2.post345',
    '1.0rc1.dev456',
    '1.0rc1',
    '1.0',
    '1.0+abc.5',
    '1.0+abc.7',
    '1.0+5',
    '1.0.post456.dev34',
    '1.0.post456',
    '1.0.15',
    '1.1.dev1',
  ];

  it('orders the documented example exactly, pair by pair', () => {
    const versions = DOCUMENTED_ORDER.map(version);
    for (let i = 0; i < versions.length; i++) {
      for (let j = 0; j < versions.length; j++) {
        const expected = Math.sign(i - j);
        assert.equal(
          compareVersions(versions[i], versions[j]),
          expected,
          `${DOCUMENTED_ORDER[i]} vs ${DOCUMENTED_ORDER[j]}`,
        );
      }
    }
  });

  it('sorts a shuffled copy of the documented example back into order', () => {
    const random = seededRandom(440);
    for (let round = 0; round < 50; round++) {
      const shuffled = [...DOCUMENTED_ORDER];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const sorted = shuffled
        .map(version)
        .sort((a, b) => compareVersions(a, b))
        .map((v) => v.text);
      assert.deepEqual(sorted, DOCUMENTED_ORDER);
    }
  });

  it('puts every epoch above every version of a lower one', () => {
    // PEP 440's epoch example: 2013.10 < 2014.04 < 1!1.0 < 1!1.1 < 1!2.0.
    const order = ['2013.10', '2014.04', '1!1.0', '1!1.1', '1!2.0', '2!0.1'].map(version);
    for (let i = 1; i < order.length; i++)
      assert.equal(compareVersions(order[i - 1], order[i]), -1, `${order[i - 1].text} < ${order[i].text}`);
  });

  it('treats the spellings PEP 440 normalises as equal', () => {
    const same = [
      ['1.0', '1.0.0'],
      ['1.0', '1'],
      ['v1.0', '1.0'],
      ['1.0c1', '1.0rc1'],
      ['1.0pre1', '1.0rc1'],
      ['1.0alpha1', '1.0a1'],
      ['1.0-1', '1.0.post1'],
      ['1.0.rev1', '1.0.post1'],
      ['1.0a', '1.0a0'],
      ['1.0.dev', '1.0.dev0'],
      ['0!1.0', '1.0'],
      ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
    ];
    for (const [a, b] of same) assert.equal(compareVersions(version(a), version(b)), 0, `${a} == ${b}`);
  });

  it('orders local labels segment by segment, numbers above words, longer above a prefix', () => {
    const order = ['1.0', '1.0+abc', '1.0+abc.1', '1.0+abd', '1.0+1', '1.0+2', '1.0+10', '1.0+10.a'].map(version);
    for (let i = 1; i < order.length; i++)
      assert.equal(compareVersions(order[i - 1], order[i]), -1, `${order[i - 1].text} < ${order[i].text}`);
    assert.equal(compareVersions(version('1.0+abc'), version('1.0'), true), 0, 'ignoring the local label');
  });

  it('rejects what is not a PEP 440 version', () => {
    for (const text of ['', 'x', '1.0.', '1..0', '1.0-', 'one', '1.0+', '1.0+a..b', '1!', '1.0 2.0']) {
      assert.equal(parseVersion(text), null, JSON.stringify(text));
    }
  });
});

describe('PEP 440 specifiers', () => {
  it('take a text for one whole clause exactly when the anchored token pattern does', () => {
    // The first match of the sticky token from the start stands for `^token$`: held on texts made of the grammar's
    // own pieces, where a shorter first match beside a longer one would show.
    const anchored = new RegExp(`^${TOKEN_SOURCE}$`, 'i');
    const pieces = [
      '==',
      '!=',
      '~=',
      '<=',
      '>=',
      '<',
      '>',
      '===',
      '=',
      'v',
      'V',
      '1',
      '0',
      '12',
      '.',
      '*',
      '!',
      '-',
      '_',
      '+',
      'a',
      'B',
      'c',
      'rc',
      'alpha',
      'beta',
      'pre',
      'preview',
      'post',
      'rev',
      'r',
      'dev',
      'loc',
      ' ',
      '\t',
      '\u3000',
      ',',
      ';',
      ')',
    ];
    const random = seededRandom(440);
    let whole = 0;
    for (let i = 0; i < 100_000; i++) {
      const op = pick(random, ['==', '!=', '~=', '<=', '>=', '<', '>', '===', '']);
      let text = op;
      for (let n = Math.floor(random() * 9); n > 0; n--) text += pick(random, pieces);
      const expected = anchored.test(text);
      if (expected) whole++;
      assert.equal(isWholeClause(text), expected, JSON.stringify(text));
    }
    assert.ok(whole > 5_000, `enough texts are whole clauses (${whole})`);
  });

  it('reads clauses with their offsets, spacing and wildcards', () => {
    assert.deepEqual(parseSpecifier('>=1.3, <3', 10), {
      clauses: [
        { op: '>=', version: '1.3', wildcard: false, start: 10, end: 15 },
        { op: '<', version: '3', wildcard: false, start: 17, end: 19 },
      ],
      errors: [],
    });
    assert.deepEqual(
      parseSpecifier('== 1.*,!=1.5.*,===foo-bar,~=1.4.5,<=1!2.0,>0.1.post1,==1.0+local').clauses.map((c) => [
        c.op,
        c.version,
        c.wildcard,
      ]),
      [
        ['==', '1', true],
        ['!=', '1.5', true],
        ['===', 'foo-bar', false],
        ['~=', '1.4.5', false],
        ['<=', '1!2.0', false],
        ['>', '0.1.post1', false],
        ['==', '1.0+local', false],
      ],
    );
  });

  it('reports each bad clause at its own offsets', () => {
    const cases: [string, string, number, number][] = [
      ['>=1.0, <', "Missing version after '<'", 7, 8],
      ['>=', "Missing version after '>='", 0, 2],
      ['1.0', "'1.0' is not a version clause such as '>=1.0'", 0, 3],
      ['=1.0', "'=1.0' is not a version clause such as '>=1.0'", 0, 4],
      ['>=1.0, ==foo', "'foo' is not a valid PEP 440 version", 7, 12],
      ['>=1.0.*', "A '.*' wildcard is only allowed with '==' or '!=' (found '>=1.0.*')", 0, 7],
      ['~=1.0.*', "A '.*' wildcard is only allowed with '==' or '!=' (found '~=1.0.*')", 0, 7],
      ['<3, >=1.0+local', "A local version label is only allowed with '==' or '!=' (found '>=1.0+local')", 4, 15],
      ['~=1', "'~=' needs at least two release segments (found '~=1')", 0, 3],
      ['===a b', "'===' takes a version without spaces, ';' or ')' (found '===a b')", 0, 6],
      [
        '<2, ==1.0.dev1.*',
        "A '.*' wildcard can only follow release numbers, not a pre-, post-, dev- or local part (found '==1.0.dev1.*')",
        4,
        16,
      ],
      [
        '==1.0+5.*',
        "A '.*' wildcard can only follow release numbers, not a pre-, post-, dev- or local part (found '==1.0+5.*')",
        0,
        9,
      ],
      [
        '!=1.0a1.*',
        "A '.*' wildcard can only follow release numbers, not a pre-, post-, dev- or local part (found '!=1.0a1.*')",
        0,
        9,
      ],
      ['==1.*.*', "'1.*.*' is not a valid PEP 440 version", 0, 7],
    ];
    for (const [text, message, start, end] of cases) {
      assert.deepEqual(parseSpecifier(text, 100).errors, [{ message, start: 100 + start, end: 100 + end }], text);
    }
  });

  it("reads a set as packaging's SpecifierSet does: empty pieces and a trailing comma are skipped, `===` may be empty", () => {
    for (const text of [
      '>=1.0,,<3',
      '>=1.0,',
      ',',
      '',
      ' , >=1',
      '===',
      '=== ',
      '==v1.0',
      '== 1.0',
      '>=1.0.post',
      '>=\t1.0',
      '\t>=1.0 ',
    ]) {
      assert.deepEqual(parseSpecifier(text).errors, [], JSON.stringify(text));
    }
    assert.deepEqual(
      clauses('>=1.0,,<3').map((c) => [c.op, c.version, c.start, c.end]),
      [
        ['>=', '1.0', 0, 5],
        ['<', '3', 7, 9],
      ],
    );
    assert.deepEqual(
      clauses('===').map((c) => [c.op, c.version]),
      [['===', '']],
    );
  });

  it("reads a requirement's specifier as pip does: one trailing comma, no empty clause, `===` up to the next space", () => {
    const read = (text: string) => parseRequirementSpecifier(text, 10);
    for (const text of [
      '>=1.0,',
      '>=1.0 , <3 ,',
      '>= 1.0,<3',
      '===a,>=1',
      '===a ,>=1',
      '===',
      '== 1.0',
      '>=1.0.post',
    ]) {
      assert.deepEqual(read(text).errors, [], JSON.stringify(text));
    }
    // A `===` version runs over commas: `===a,>=1` is two clauses (SpecifierSet splits what the token holds).
    assert.deepEqual(
      read('===a,>=1').clauses.map((c) => [c.op, c.version, c.start, c.end]),
      [
        ['===', 'a', 10, 14],
        ['>=', '1', 15, 18],
      ],
    );
    const errors: [string, string, number, number][] = [
      ['>=1.0,,<3', 'Empty version clause', 5, 7],
      [',>=1.0', 'Empty version clause', 0, 1],
      ['>=1 <2', "'1 <2' is not a valid PEP 440 version", 0, 6],
      ['>=1.0.*', "A '.*' wildcard is only allowed with '==' or '!=' (found '>=1.0.*')", 0, 7],
      ['<2,>=1.0+local', "A local version label is only allowed with '==' or '!=' (found '>=1.0+local')", 3, 14],
      [
        '==1.0a1.*',
        "A '.*' wildcard can only follow release numbers, not a pre-, post-, dev- or local part (found '==1.0a1.*')",
        0,
        9,
      ],
      [
        '=== 1.0, <2',
        "'===' takes everything up to the next space as its version, commas too: write '=== 1.0,<2' without the space after the comma",
        0,
        11,
      ],
      ['>=1.0\f', "'1.0\f' is not a valid PEP 440 version", 0, 6],
    ];
    for (const [text, message, start, end] of errors)
      assert.deepEqual(read(text).errors, [{ message, start: 10 + start, end: 10 + end }], JSON.stringify(text));
  });

  it('refuses a specifier with more clauses than can be checked, as one error over all of it', () => {
    const text = Array.from({ length: 101 }, (_, i) => `!=1.${i}`).join(',');
    assert.deepEqual(parseSpecifier(text, 5), {
      clauses: [],
      errors: [
        { message: 'This specifier has 101 clauses; more than 100 cannot be checked', start: 5, end: 5 + text.length },
      ],
    });
    assert.equal(parseSpecifier(text.slice(0, text.lastIndexOf(','))).clauses.length, 100);
  });

  it('admits pre-releases when a clause other than != and a ==V.* prefix names one, as packaging 24.2 and later', () => {
    assert.equal(admitsPrereleases(clauses('>=1.0')), false);
    assert.equal(admitsPrereleases(clauses('>=1.0rc1')), true);
    assert.equal(admitsPrereleases(clauses('>=1.0,<2.0.dev0')), true);
    assert.equal(admitsPrereleases(clauses('>=1.0,!=1.5rc1')), false, 'an exclusion does not ask for pre-releases');
    // Before 24.2 packaging opened them only for ==, >=, <=, ~= and ===; pip follows the newer rule.
    assert.equal(admitsPrereleases(clauses('>1.0a1')), true);
    assert.equal(admitsPrereleases(clauses('<1.0rc1')), true);
    assert.equal(admitsPrereleases(clauses('>=1.0,<2.0a0')), true);
    assert.equal(admitsPrereleases(clauses('===1.0a1')), true);
    assert.equal(admitsPrereleases(clauses('===foo')), false);
    assert.equal(admitsPrereleases(clauses('==1.*')), false);
    assert.equal(specifierAdmits(clauses('>=1.0'), version('1.5rc1')), false);
    assert.equal(specifierAdmits(clauses('>=1.0rc1'), version('1.5rc1')), true);
  });

  it('matches each operator by its PEP 440 rule', () => {
    const cases: [string, string, boolean][] = [
      ['==1.0', '1.0.0', true],
      ['==1.0', '1.0+local', true],
      ['==1.0+local', '1.0', false],
      ['==1.0+local', '1.0+local', true],
      ['==1.*', '1.9.post1', true],
      ['==1.*', '2.0', false],
      ['==1.0.*', '1.0', true],
      ['!=1.0.*', '1.0.5', false],
      ['!=1.0', '1.0.1', true],
      ['~=1.4.5', '1.4.9', true],
      ['~=1.4.5', '1.5.0', false],
      ['~=1.4', '1.9', true],
      ['~=1.4', '2.0', false],
      ['~=2.2.post3', '2.2.post3', true],
      ['~=2.2.post3', '2.2', false],
      ['<2.0', '2.0rc1', false],
      ['<2.0rc2', '2.0rc1', true],
      ['<2.0', '1.9.post1', true],
      ['>1.7', '1.7.post2', false],
      ['>1.7.post2', '1.7.post3', true],
      ['>1.7', '1.7+local', false],
      ['>1.7', '1.7.1', true],
      ['<=1.7', '1.7+local', true],
      ['>=1.7', '1.6.99', false],
      ['===1.0', '1.0', true],
      ['===1.0', '1.0.0', false],
      ['>=1!0', '2.0', false],
      ['<1!0', '99', true],
      ['===1.0', '1.0', true],
      ['===V1.0', 'v1.0', true],
      ['===', '1.0', false],
    ];
    for (const [specifier, candidate, expected] of cases) {
      const c = clauses(specifier);
      assert.equal(specifierAdmits(c, version(candidate), true), expected, `${candidate} in ${specifier}`);
    }
  });
});

describe('the clause meanings of packaging 26 (what pip uses)', () => {
  const admits = (specifier: string, candidate: string) =>
    specifierAdmits(clauses(specifier), version(candidate), true);

  it(">V leaves out V's post family only: V, its local versions and post-releases, not the next release's", () => {
    const cases: [string, string, boolean][] = [
      ['>1.0a1', '1.0a1.post1', false],
      ['>1.0a1', '1.0a1.post1.dev0', false],
      ['>1.0a1', '1.0a1+local', false],
      ['>1.0a1', '1.0a2.dev0', true],
      ['>1.0a1', '1.0.post1', true],
      ['>1.0a1', '1.0', true],
      ['>1.0', '1.0.post1.dev0', false],
      ['>1.0', '1.0.post1+local', false],
      ['>1.0', '1.0.0.1', true],
      ['>1.0.0', '1.0.post1', false],
      // A dev or post release has no post-releases of its own: only its local versions are left out.
      ['>1.0.dev1', '1.0.dev1+local', false],
      ['>1.0.dev1', '1.0.dev2', true],
      ['>1.0.post1', '1.0.post1+local', false],
      ['>1.0.post1', '1.0.post2.dev0', true],
    ];
    for (const [specifier, candidate, expected] of cases)
      assert.equal(admits(specifier, candidate), expected, `${candidate} in ${specifier}`);
    assert.equal(
      judge(clauses('>1.0a1,<1.0a2.dev0'), version('0.1')),
      'conflicts-with-minimum',
      'nothing lies between',
    );
  });

  it('<V stops at V.dev0 unless V is a pre-release; a post-release keeps its post number', () => {
    const cases: [string, string, boolean][] = [
      ['<1.0.post1', '1.0rc1', true],
      ['<1.0.post1', '1.0', true],
      ['<1.0.post1', '1.0.post0', true],
      ['<1.0.post1', '1.0.post1.dev0', false],
      ['<1.0', '1.0rc1', false],
      ['<1.0', '1.0.dev0', false],
      ['<1.0', '0.9.post1', true],
      ['<1.0', '0.9+local', true],
      ['<1.0rc1', '1.0b1', true],
      ['<1.0rc1', '1.0rc1.dev0', true],
      ['<0', '0.dev0', false],
    ];
    for (const [specifier, candidate, expected] of cases)
      assert.equal(admits(specifier, candidate), expected, `${candidate} in ${specifier}`);
  });

  it("<=, >= and == without a local label ignore the candidate's; == with one is exact; a prefix runs from its .dev0", () => {
    const cases: [string, string, boolean][] = [
      ['<=1.0', '1.0+local', true],
      ['<=1.0', '1.0.post0', false],
      ['>=1.0', '1.0+local', true],
      ['==1.0', '1.0.0+local', true],
      ['==1.0+abc', '1.0+ABC', true],
      ['==1.0+abc', '1.0+abc.1', false],
      ['!=1.0', '1.0+local', false],
      ['!=1.0+abc', '1.0', true],
      ['==1.0.*', '1.0.dev0', true],
      ['==1.0.*', '1.1.dev0', false],
      ['==1.0.*', '1', true],
      ['==1!1.*', '1.5', false],
      ['~=1.4.5a1', '1.4.5', true],
      ['~=1.4.5a1', '1.5.dev0', false],
    ];
    for (const [specifier, candidate, expected] of cases)
      assert.equal(admits(specifier, candidate), expected, `${candidate} in ${specifier}`);
  });

  it('a minimum of 0 still has versions below it', () => {
    assert.equal(judge(clauses('>=0.dev0'), version('0')), 'below-minimum');
    assert.equal(judge(clauses('>=0a1'), version('0')), 'below-minimum');
    assert.equal(judge(clauses('>=0'), version('0')), 'ok');
    assert.equal(judge(clauses('>=0.0'), version('0')), 'ok');
    assert.equal(judge(clauses('<0'), version('0')), 'conflicts-with-minimum', '<0 admits nothing at all');
    assert.equal(judge(clauses('<0.dev0'), version('0')), 'conflicts-with-minimum');
    assert.equal(judge(clauses('<=0.dev0'), version('0')), 'conflicts-with-minimum');
    assert.equal(
      fixClauses(clauses('>=0.dev0'), version('0'), version('0'))
        .map((c) => formatClause(c))
        .join(','),
      '>=0',
    );
  });
});

describe('judge', () => {
  const CASES: [specifier: string, minimum: string, verdict: Verdict][] = [
    // Admits the minimum or more and nothing below it.
    ['>=2.0.0', '2.0.0', 'ok'],
    ['>=2', '2.0.0', 'ok'],
    ['>=2.1', '2.0.0', 'ok'],
    ['>2.0.0', '2.0.0', 'ok'],
    ['==2.0.0', '2.0.0', 'ok'],
    ['==2.0', '2.0.0', 'ok'],
    ['===2.0.0', '2.0.0', 'ok'],
    ['==2.0.0+local', '2.0.0', 'ok'],
    ['~=2.0', '2.0.0', 'ok'],
    ['~=2.0.0', '2.0.0', 'ok'],
    ['==2.*', '2.0.0', 'ok'],
    ['==2.0.*', '2.0.0', 'ok'],
    ['>=2.0.0,<3', '2.0.0', 'ok'],
    ['>=2.0.0,!=2.0.1', '2.0.0', 'ok'],
    ['>=2.0.0.post1', '2.0.0', 'ok'],
    ['==2.1.0rc1', '2.0.0', 'ok'],
    ['>=1!0.1', '2.0.0', 'ok'],
    ['==1!1.0', '2.0.0', 'ok'],
    ['>2.0.0.post1,<2.0.0.post3', '2.0.0', 'ok'],
    ['>=23.1.0', '23.0.0', 'ok'],
    // Admits versions below the minimum and at or above it.
    ['>=1.3', '2.0.0', 'below-minimum'],
    ['>=1.3,<3', '2.0.0', 'below-minimum'],
    ['!=2.0.1', '2.0.0', 'below-minimum'],
    ['!=1.*', '2.0.0', 'below-minimum'],
    ['>1.9', '2.0.0', 'below-minimum'],
    ['<=2.0.0', '2.0.0', 'below-minimum'],
    ['<3', '2.0.0', 'below-minimum'],
    ['<1!1.0', '2.0.0', 'below-minimum'],
    ['>=2.0.0rc1', '2.0.0', 'below-minimum'],
    ['>=2.0.0.dev0', '2.0.0', 'below-minimum'],
    ['>2.0.0rc1', '2.0.0', 'below-minimum'],
    ['>2.0.0a1,<3', '2.0.0', 'below-minimum'],
    ['==2.0.0.*,<2.0.1.dev0', '2.0.0', 'below-minimum'],
    ['==1.*', '1.24.0', 'below-minimum'],
    ['~=1.5', '1.24.0', 'below-minimum'],
    // Admits nothing at or above the minimum.
    ['==1.5.3', '2.0.0', 'conflicts-with-minimum'],
    ['===1.5.3', '2.0.0', 'conflicts-with-minimum'],
    ['<2', '2.0.0', 'conflicts-with-minimum'],
    ['<2.0.0', '2.0.0', 'conflicts-with-minimum'],
    ['<=1.9', '2.0.0', 'conflicts-with-minimum'],
    ['~=1.5', '2.0.0', 'conflicts-with-minimum'],
    ['~=1.9.0', '2.0.0', 'conflicts-with-minimum'],
    ['==1.*', '2.0.0', 'conflicts-with-minimum'],
    ['==2.0.0rc1', '2.0.0', 'conflicts-with-minimum'],
    ['>=1.0,<2.0.0rc1', '2.0.0', 'conflicts-with-minimum'],
    ['>=1.0,<1.5', '2.0.0', 'conflicts-with-minimum'],
    ['>=2.0.0,<2.0.0', '2.0.0', 'conflicts-with-minimum'],
    ['!=2.*,<2.5', '2.0.0', 'conflicts-with-minimum'],
    ['==1.5.3+local', '2.0.0', 'conflicts-with-minimum'],
    ['==22.3.0', '23.0.0', 'conflicts-with-minimum'],
  ];

  for (const [specifier, minimum, verdict] of CASES) {
    it(`${specifier} against ${minimum}: ${verdict}`, () => {
      assert.equal(judge(clauses(specifier), version(minimum)), verdict);
    });
  }

  // The sample: every version near the ones the specifiers name, of every kind (final, pre, post, dev, local).
  function denseSample(named: readonly string[]): Version[] {
    const texts = new Set<string>(['0', '0.0.1', '10', '1!0', '1!10', '2!0']);
    const suffixes = [
      '',
      '.0.1',
      '.post0',
      '.post1',
      '.post3',
      '.dev0',
      '.dev3',
      'a0',
      'a1',
      'a2',
      'b2',
      'rc0',
      'rc2',
      'rc99',
      'rc1.post0',
      'a2.post1.dev0',
      '.post1.dev0',
      '.post2.dev5',
      'b1.dev2',
      '+x',
      '.post1+x',
    ];
    for (const text of named) {
      const v = version(text);
      const epoch = v.epoch ? `${v.epoch}!` : '';
      for (let length = 1; length <= 4; length++) {
        const release = v.release.slice(0, length);
        while (release.length < length) release.push(0n);
        for (const bumped of [release, release.map((n, i) => (i === length - 1 ? n + 1n : n))]) {
          for (const suffix of suffixes) texts.add(epoch + bumped.join('.') + suffix);
        }
      }
      texts.add(text);
    }
    return [...texts].map(version);
  }

  it('agrees with checking every version of a dense sample, over generated specifiers', () => {
    const random = seededRandom(508);
    const component = () => String(Math.floor(random() * 3));
    const named = Array.from({ length: 30 }, () => {
      let text =
        (random() < 0.08 ? '1!' : '') +
        [1 + Math.floor(random() * 3), ...Array.from({ length: Math.floor(random() * 3) }, component)].join('.');
      if (random() < 0.25) text += pick(random, ['a', 'b', 'rc']) + component();
      if (random() < 0.2) text += '.post' + component();
      if (random() < 0.15) text += '.dev' + component();
      return text;
    });
    const minimums = ['2.0.0', '1.5', '2.1', '1!1.0', '3'];
    const sample = denseSample([...named, ...minimums]);
    const operators = ['==', '!=', '<=', '>=', '<', '>', '~=', '==*', '!=*'];
    let checked = 0;
    while (checked < 1500) {
      const specifier = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const op = pick(random, operators);
        const v = version(pick(random, named));
        if (!op.endsWith('*')) return op + v.text;
        return op.slice(0, 2) + (v.epoch ? `${v.epoch}!` : '') + v.release.join('.') + '.*';
      }).join(',');
      const parsed = parseSpecifier(specifier);
      if (parsed.errors.length > 0) continue;
      checked++;
      const minimum = version(pick(random, minimums));
      const pre = admitsPrereleases(parsed.clauses);
      let below = false;
      let above = false;
      for (const v of sample) {
        if (!specifierAdmits(parsed.clauses, v, pre)) continue;
        if (compareVersions(v, minimum) < 0) below = true;
        else above = true;
      }
      const expected: Verdict = !above ? 'conflicts-with-minimum' : below ? 'below-minimum' : 'ok';
      assert.equal(judge(parsed.clauses, minimum), expected, `${specifier} against ${minimum.text}`);
    }
  });
});

describe('fixClauses', () => {
  const CASES: [specifier: string, minimum: string, pin: string, fix: string][] = [
    ['>=1.3', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>1.9', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>=2.0.0rc1', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>2.0.0rc1', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>=1.3,<3', '2.0.0', '2.0.0', '>=2.0.0,<3'],
    ['<3,>=1', '2.0.0', '2.0.0', '<3,>=2.0.0'],
    ['!=2.0.1', '2.0.0', '2.0.0', '>=2.0.0,!=2.0.1'],
    ['!=1.*', '2.0.0', '2.0.0', '>=2.0.0,!=1.*'],
    ['<2', '2.0.0', '2.0.0', '>=2.0.0'],
    ['<=2.0.0', '2.0.0', '2.0.0', '>=2.0.0,<=2.0.0'],
    ['>=1.0,<2.0.0', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>=1.0,<2.0.0rc1', '2.0.0', '2.0.0', '>=2.0.0'],
    ['>=1.0,<=1.9,!=1.5', '2.0.0', '2.0.0', '>=2.0.0,!=1.5'],
    ['<1!1.0', '2.0.0', '2.0.0', '>=2.0.0,<1!1.0'],
    ['==1.5.3', '2.0.0', '2.0.0', '==2.0.0'],
    ['==1.5.3+local', '2.0.0', '2.0.0', '==2.0.0'],
    ['==2.0.0rc1', '2.0.0', '2.0.0', '==2.0.0'],
    ['===1.0', '2.0.0', '2.0.0', '===2.0.0'],
    ['==1.5.3,<2', '2.0.0', '2.0.0', '==2.0.0'],
    ['==1.0,!=1.1', '2.0.0', '2.0.0', '==2.0.0,!=1.1'],
    ['==22.3.0', '23.0.0', '23.1.0', '==23.1.0'],
    ['~=1.5', '2.0.0', '2.0.0', '~=2.0'],
    ['~=1.5.2', '2.0.0', '2.0.0', '~=2.0.0'],
    ['~=22.3', '23.0.0', '23.1.0', '~=23.0'],
    ['~=1.5', '1.24.0', '1.24.0', '~=1.24'],
    ['~=1.20.1', '1.24.0', '1.24.0', '~=1.24.0'],
    ['~=1.5,!=1.6', '2.0.0', '2.0.0', '~=2.0,!=1.6'],
    ['==1.*', '2.0.0', '2.0.0', '==2.*'],
    ['==1.5.*', '2.0.0', '2.0.0', '==2.0.*'],
    ['==1.*', '1.24.0', '1.24.0', '>=1.24.0,==1.*'],
    ['>=22,<24', '23.0.0', '23.1.0', '>=23.0.0,<24'],
  ];

  for (const [specifier, minimum, pin, fix] of CASES) {
    it(`${specifier} against ${minimum}${pin === minimum ? '' : ` (pin ${pin})`}: ${fix}`, () => {
      assert.notEqual(judge(clauses(specifier), version(minimum)), 'ok', 'the case needs a fix');
      assert.equal(fixed(specifier, minimum, pin), fix);
      assert.equal(judge(clauses(fix), version(minimum)), 'ok', 'the fix admits the minimum and nothing below');
    });
  }

  it('always yields a specifier that judge accepts, over generated specifiers', () => {
    const random = seededRandom(20);
    const versions = [
      '0.9',
      '1',
      '1.5',
      '1.5.3',
      '1.9.9',
      '2',
      '2.0',
      '2.0.0',
      '2.0.1',
      '2.5',
      '3',
      '23.1',
      '1!0.5',
      '1.0a1',
      '2.0.0rc1',
      '2.0.0.dev0',
      '2.0.post1',
      '1.5+local',
      '2.0.0.post1.dev2',
    ];
    const operators = ['==', '!=', '<=', '>=', '<', '>', '~=', '===', '==*', '!=*'];
    const minimums = ['2.0.0', '1.24.0', '23.0.0', '0.12.0'];
    let fixedCount = 0;
    for (let n = 0; n < 3000; n++) {
      const specifier = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const op = pick(random, operators);
        const v = pick(random, versions);
        return op.endsWith('*') ? op.slice(0, 2) + version(v).release.join('.') + '.*' : op + v;
      }).join(',');
      const parsed = parseSpecifier(specifier);
      if (parsed.errors.length > 0) continue;
      const minimum = version(pick(random, minimums));
      if (judge(parsed.clauses, minimum) === 'ok') continue;
      fixedCount++;
      const fix = fixClauses(parsed.clauses, minimum, minimum);
      const text = fix.map((c) => formatClause(c)).join(',');
      assert.equal(judge(asClauses(fix), minimum), 'ok', `${specifier} against ${minimum.text} was fixed to ${text}`);
      assert.deepEqual(parseSpecifier(text).errors, [], `${text} parses again`);
      assert.equal(judge(clauses(text), minimum), 'ok', `${text}, read back, against ${minimum.text}`);
    }
    assert.ok(fixedCount > 1000, `${fixedCount} specifiers needed a fix`);
  });
});

describe('isValidSpecifier, the fast check for packages the standard does not know', () => {
  // It may reject what parseSpecifier accepts (the full parse then runs), but never accept what it rejects.
  const ops = ['==', '!=', '~=', '>=', '<=', '<', '>', '===', '=', '=>', ''];
  const suffixes = [
    '',
    '',
    '',
    'a1',
    'rc2',
    '.post1',
    '.dev0',
    '-1',
    '+local',
    '.*',
    '+local.*',
    'x',
    '.',
    'a1.*',
    '.dev0.*',
    '.post.*',
    'C1',
    'preview',
    '+1',
  ];
  function clause(random: () => number): string {
    const release = Array.from({ length: 1 + Math.floor(random() * 3) }, () => String(Math.floor(random() * 12))).join(
      '.',
    );
    return (
      pick(random, ops) + pick(random, ['', ' ']) + pick(random, ['', '', 'v', '1!']) + release + pick(random, suffixes)
    );
  }

  it("never accepts a specifier that a requirement's full reading rejects", () => {
    const random = seededRandom(440);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = Array.from({ length: 1 + Math.floor(random() * 4) }, () => clause(random)).join(
        pick(random, [',', ', ', ' ,', ' ', ',,', '\t,']),
      );
      if (random() < 0.05) text += pick(random, [',', ' ', '\t', '\f', ', ']);
      if (random() < 0.02) text = `1.${'7'.repeat(4301)}`.replace(/^/, pick(random, ['==', '>=', '~=1.']));
      if (isValidSpecifier(text)) {
        accepted++;
        assert.deepEqual(parseRequirementSpecifier(text.replace(/^[ \t]+|[ \t]+$/g, '')).errors, [], text);
      }
    }
    assert.ok(accepted > 1000, `only ${accepted} generated specifiers were valid`);
  });

  it('accepts the everyday forms and rejects the invalid ones', () => {
    for (const ok of [
      '==1.5.3',
      '>=1.3,<3',
      '>= 1.3, < 3',
      '~=1.5',
      '==1.*',
      '!=2.0.1',
      '==1.0+local',
      '>=2.0.0rc1',
      '==1!2.0',
      '<=3.0.post1.dev2',
    ]) {
      assert.equal(isValidSpecifier(ok), true, ok);
    }
    for (const bad of [
      '>=1.*',
      '~=1',
      '>=1.0+local',
      '=>1.0',
      '>=',
      '>=1.0,,<2',
      'latest',
      '==1.0 2.0',
      '==1.0a1.*',
      '==1.0+5.*',
      `==1.${'1'.repeat(4301)}`,
    ]) {
      assert.equal(isValidSpecifier(bad), false, bad);
    }
  });
});

describe('fixClauses with several floors', () => {
  it('writes one floor for several that are too low, or none when a higher one stands', () => {
    const minimum = parseVersion('2.0.0') as Version;
    const fixed = (text: string) =>
      fixClauses(parseSpecifier(text).clauses, minimum, minimum)
        .map((c) => formatClause(c))
        .join(',');
    assert.equal(fixed('>=1.2,>=1.4'), '>=2.0.0');
    assert.equal(fixed('>1.0,>=1.2,<3'), '>=2.0.0,<3');
    assert.equal(fixed('>=1.2,>=2.1'), '>=2.1');
  });
});
