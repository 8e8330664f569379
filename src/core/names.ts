/** PEP 503 normalisation: `Scikit_Learn` and `scikit.learn` are both `scikit-learn`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
