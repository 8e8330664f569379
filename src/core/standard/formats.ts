// The JSON Schema formats the standard file uses, shared by the generated validator and the loader.
import { parseVersion, type Version } from '../versions';

/** `2.0.0` or `>=2.0.0`: the version a minimum names. */
export function minimumVersion(text: string): Version | null {
  return parseVersion(text.trim().replace(/^>=\s*/, ''));
}

export const FORMATS: Record<string, (value: string) => boolean> = {
  'pep440-minimum': (s) => minimumVersion(s) !== null,
  'pep440-version': (s) => parseVersion(s.trim()) !== null,
};
