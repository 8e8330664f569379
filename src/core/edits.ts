import { comparePositions, LineIndex } from './text';
import type { Finding, TextEdit } from './types';

/**
 * Apply edits to one file's text (without its byte-order mark). Edits that overlap an earlier-applied one are
 * skipped and returned, so one run never corrupts a line; running the fixer again picks them up.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  const kept: { start: number; end: number; newText: string }[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    const start = lines.offsetAt(e.range.start);
    const end = lines.offsetAt(e.range.end);
    const duplicate = kept.length > 0 && kept[kept.length - 1].start === start && kept[kept.length - 1].end === end && kept[kept.length - 1].newText === e.newText;
    if (duplicate) continue;
    if (start < lastEnd || (start === lastEnd && start === end && kept.length > 0 && kept[kept.length - 1].start === start)) {
      skipped.push(e);
      continue;
    }
    kept.push({ start, end, newText: e.newText });
    lastEnd = end;
  }
  let out = '';
  let pos = 0;
  for (const k of kept) {
    out += text.slice(pos, k.start) + k.newText;
    pos = k.end;
  }
  return { text: out + text.slice(pos), skipped };
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
