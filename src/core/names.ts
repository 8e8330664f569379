const cache = new Map<string, string>();

/** PEP 503 normalisation: `Scikit_Learn` and `scikit.learn` are both `scikit-learn`. */
export function normalizeName(name: string): string {
  let normal = cache.get(name);
  if (normal === undefined) {
    normal = name.replace(/[-_.]+/g, '-').toLowerCase();
    if (cache.size > 100_000) cache.clear();
    cache.set(name, normal);
  }
  return normal;
}
