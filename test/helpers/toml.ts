// The one-pass TOML reader held to the reference reading: shared by the unit tests and the fuzzer.
import { isDeepStrictEqual } from 'node:util';
import { parseTomlReference, type TomlValue } from '../../src/core/formats/toml';
import { readTomlFast } from '../../src/core/formats/tomlFast';

/** A TOML value with every table's entries as an ordered list: a comparison then sees the order of keys too. */
export function ordered(value: TomlValue): unknown {
  switch (value.kind) {
    case 'table':
      return { ...value, entries: [...value.entries].map(([name, e]) => [name, { ...e, value: ordered(e.value) }]) };
    case 'array':
      return { ...value, items: value.items.map(ordered) };
    default:
      return value;
  }
}

/** What `parseTomlDocument` gives the one-pass reader, a byte-order mark turned into a space. */
export function readFast(text: string) {
  return readTomlFast(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
}

/**
 * Whether the one-pass reader accepted `text`, and why that was wrong: a text it accepts must be one the reference
 * reads without an error, into a model deep-equal to its own (-0, NaN and key order included).
 */
export function fastVerdict(text: string): { accepted: boolean; wrong?: string } {
  const fast = readFast(text);
  if (!fast) return { accepted: false };
  const reference = parseTomlReference(text);
  if (reference.errors.length > 0)
    return { accepted: true, wrong: `accepted, but the reference reports ${JSON.stringify(reference.errors)}` };
  if (!isDeepStrictEqual(ordered(fast), ordered(reference.root)))
    return {
      accepted: true,
      wrong: `models differ:\n  fast      ${JSON.stringify(ordered(fast))}\n  reference ${JSON.stringify(ordered(reference.root))}`,
    };
  return { accepted: true };
}
