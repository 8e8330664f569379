import { remembered } from './memo';

/** Lower-case letters, digits and single hyphens: already normal, as most names in real files are. */
function isNormal(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 45 && name.charCodeAt(i - 1) !== 45);
    if (!ok) return false;
  }
  return true;
}

/** PEP 503 normalisation: `Scikit_Learn` and `scikit.learn` are both `scikit-learn`. */
export function normalizeName(name: string): string {
  return isNormal(name) ? name : normalized(name);
}

const normalized = remembered(100_000, (name) => name.replace(/[-_.]+/g, '-').toLowerCase());

/**
 * A repository URL reduced to what identifies it, so URLs match however they are written: case, `.git`, scheme,
 * `git@host:` form. Remembered: the hooks rule asks for each entry's key several times.
 */
export const repoKey: (url: string) => string = remembered(10_000, (url) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^git@([^:]+):/, '$1/')
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, ''),
);
