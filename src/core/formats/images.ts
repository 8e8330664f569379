// Python container images named in a file (a Dockerfile's FROM, a compose service's `image`): the version in the tag,
// judged as a Python the project runs, with a fix that changes that version alone.
import type { Place, PythonFact } from '../facts';
import type { Version } from '../versions';
import { majorMinor, pythonImage } from '../versions/runtimes';

const spell = (v: Version) => majorMinor(v).join('.');

/**
 * The Python fact of an image reference, when it names a CPython minor version. `place(start, end)` is where the
 * reference's characters from `start` to `end` stand in the file, undefined when they are not written in one piece
 * (no edit could change them, so there is no fact); `name` says how messages name the version found there.
 */
export function imageFact(
  reference: string,
  place: (start: number, end: number) => Place | undefined,
  name: (at: Place) => { label: string; shown: string },
): PythonFact | undefined {
  const image = pythonImage(reference);
  const at = image && place(image.start, image.end);
  if (!image || !at) return undefined;
  const { label, shown } = name(at);
  const fact: PythonFact = {
    kind: 'python',
    label,
    role: 'runs',
    judgedBy: 'python',
    place: at,
    statement: { form: 'version', version: image.version, shown, spell, quote: '' },
  };
  if (reference.includes('@', image.end)) fact.frozen = 'digest';
  return fact;
}
