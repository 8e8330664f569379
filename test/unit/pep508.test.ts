import { strict as assert } from 'node:assert';
import { parseRequirement, parseRequirementText, type Pep508Entry } from '../../src/core/formats/pep508';
import { pick, seededRandom } from '../helpers';

const identity = (o: number) => o;
const nobody = () => false;

/** What a reading says about validity: the error (message and place) or that the requirement is fine. */
function verdict(entry: Pep508Entry): string {
  return entry.kind === 'error' ? `error ${entry.start}-${entry.end}: ${entry.message}` : entry.kind === 'reference' ? 'reference' : 'valid';
}

describe('PEP 508 strings of packages the caller does not check', () => {
  const names = ['pandas', 'acme-lib', 'Scikit_Learn', 'a', '-bad', '', 'x.y'];
  const extras = ['', '[sql]', '[ a , b ]', '[]', '[a,]', '[', ' [x]'];
  const specs = ['', '>=1.0', ' >= 1.0 , <2', '==1.*', '~=1', '>=', '==1.0+local', '(>=1.0)', ' (==2', '@ https://x/y.whl', 'latest', '==${V}', `>=1${',<9'.repeat(120)}`];
  const markers = ['', ';', '; python_version >= "3.10"', ' ; os_name == "nt" and', ';python_version<"3.8"', '; bogus'];

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

  it('are read in full when the caller checks the package', () => {
    const entry = parseRequirement('pandas[sql]>=1.3 ; python_version >= "3.10"', 0, false, identity, (name) => name === 'pandas');
    assert.equal(entry.kind, 'requirement');
    assert.equal(entry.kind === 'requirement' && entry.req.specifier?.text, '>=1.3');
  });
});
