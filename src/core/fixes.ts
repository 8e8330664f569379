// The one place where fixes become text: the CLI's --fix and --diff, the editor's quick fix "Fix all" and
// "Apply stack standard" all plan with it, so they agree on which edits go together and which findings they settle.
import { applyEdits, preferredEdits } from './edits';
import type { Finding, TextEdit } from './types';

export interface FixPlan {
  /** The edits to make, by file, sorted, none overlapping another. */
  edits: Map<string, TextEdit[]>;
  /** The new text of every file the edits change or create. */
  texts: Map<string, string>;
  /** Files the plan creates (the edit's `newText` is the whole content). */
  created: Set<string>;
  /** Edits left for the next pass because they overlap one in the plan; the findings are then worked out anew. */
  skipped: TextEdit[];
  /** Findings whose preferred fix is wholly in the plan; several findings may share one fix. */
  fixed: Finding[];
}

function editKey(e: TextEdit): string {
  const { start, end } = e.range;
  return `${e.file}\0${start.line}:${start.character}-${end.line}:${end.character}\0${e.newText}`;
}

/**
 * The preferred fixes of `findings` that can be made together, and the texts they make. `read` gives each file's
 * current text (without its byte-order mark), undefined for a file that does not exist.
 */
export function planFixes(findings: readonly Finding[], read: (file: string) => string | undefined): FixPlan {
  const plan: FixPlan = { edits: new Map(), texts: new Map(), created: new Set(), skipped: [], fixed: [] };
  const kept = new Set<string>();
  for (const [file, list] of preferredEdits(findings)) {
    const text = read(file);
    // A file to create exists once created: a second creation of it waits (and then finds the file there).
    const creation = text === undefined ? list.find((e) => e.create) : undefined;
    if (creation) {
      plan.created.add(file);
      plan.edits.set(file, [creation]);
      plan.texts.set(file, creation.newText);
      kept.add(editKey(creation));
      plan.skipped.push(...list.filter((e) => e !== creation && editKey(e) !== editKey(creation)));
      continue;
    }
    // An edit to a file that does not exist (and is no creation) cannot be made.
    if (text === undefined) continue;
    const applied = applyEdits(
      text,
      list.filter((e) => !e.create),
    );
    if (applied.kept.length === 0) continue;
    plan.edits.set(file, applied.kept);
    plan.texts.set(file, applied.text);
    plan.skipped.push(...applied.skipped);
    for (const e of applied.kept) kept.add(editKey(e));
  }
  plan.fixed = findings.filter((f) => {
    const fix = f.fixes.find((x) => x.isPreferred);
    return fix !== undefined && fix.edits.length > 0 && fix.edits.every((e) => kept.has(editKey(e)));
  });
  return plan;
}
