import { LineIndex } from './text';
import type { Finding, TextEdit } from './types';

/** An edit with its offsets in the text it applies to. */
export interface PlacedEdit {
  edit: TextEdit;
  start: number;
  end: number;
}

/**
 * The edits that can be applied together: sorted, without exact duplicates, and without any that overlap an earlier
 * one (those are returned as skipped, so one run never corrupts a line; running the fixer again picks them up).
 * Both lists hold the caller's own edit objects.
 */
export function selectEdits(text: string, edits: readonly TextEdit[]): { kept: PlacedEdit[]; skipped: TextEdit[] } {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({ edit, start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: PlacedEdit[] = [];
  const skipped: TextEdit[] = [];
  for (const e of sorted) {
    const last = kept[kept.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.edit.newText === e.edit.newText) continue;
    // Two insertions at one place would land in an arbitrary order; an edit starting inside the last one overlaps.
    if (last && (e.start < last.end || (e.start === last.start && e.start === e.end && last.start === last.end))) {
      skipped.push(e.edit);
      continue;
    }
    kept.push(e);
  }
  return { kept, skipped };
}

/** Apply edits to one file's text (without its byte-order mark): the new text, and which edits made it. */
export function applyEdits(
  text: string,
  edits: readonly TextEdit[],
): { text: string; kept: TextEdit[]; skipped: TextEdit[] } {
  const { kept, skipped } = selectEdits(text, edits);
  let out = '';
  let pos = 0;
  for (const k of kept) {
    out += text.slice(pos, k.start) + k.edit.newText;
    pos = k.end;
  }
  return { text: out + text.slice(pos), kept: kept.map((k) => k.edit), skipped };
}

/** The edits of every finding's preferred fix, grouped by file in finding order. A fix that is only offered stays a choice. */
export function preferredEdits(findings: readonly Finding[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.isPreferred);
    for (const e of fix?.edits ?? []) {
      const list = byFile.get(e.file) ?? [];
      list.push(e);
      byFile.set(e.file, list);
    }
  }
  return byFile;
}
