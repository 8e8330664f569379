// The order people read paths and codes in: ICU's en-US collation, as a file explorer shows them, case folded, the
// same on every machine. Creating an ICU collator loads its tables (5–10 ms of a CLI start), so the characters paths
// and codes are made of are ranked here as that collation ranks them; only other text asks the collator.

/**
 * Tab and printable ASCII in en-US collation order. Each character has one weight of its own (none is ignored, none
 * expands); a letter's two cases share theirs and differ only at the last level, the lower case first.
 */
const ORDER = '\t _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

/** Each character's weight by code unit (1 and up), 0 for a character the table does not rank. */
const WEIGHT = new Uint8Array(128);
let weight = 0;
for (const c of ORDER) WEIGHT[c.charCodeAt(0)] = c >= 'A' && c <= 'Z' ? weight : ++weight;

/**
 * A key whose plain comparison is the collation's order: every character's weight, then a NUL (below every weight, so
 * a text comes before the texts it begins), then whether each character is upper case. Undefined for text with a
 * character the table does not rank.
 */
export function readingKey(text: string): string | undefined {
  let weights = '';
  let cases = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const w = code < 128 ? WEIGHT[code] : 0;
    if (w === 0) return undefined;
    weights += String.fromCharCode(w);
    cases += code >= 65 && code <= 90 ? '1' : '0';
  }
  return `${weights}\0${cases}`;
}

let collator: Intl.Collator | undefined;

/** The reading order of two texts given with their keys (`readingKey`), for sorts that compute each key once. */
export function compareKeyed(a: string, keyA: string | undefined, b: string, keyB: string | undefined): number {
  if (keyA !== undefined && keyB !== undefined) return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  collator ??= new Intl.Collator('en-US');
  return collator.compare(a, b);
}

/** The reading order of two texts. */
export function compareForReading(a: string, b: string): number {
  return compareKeyed(a, readingKey(a), b, readingKey(b));
}
