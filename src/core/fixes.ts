// The one place where fixes become text: the CLI's --fix and --diff, the editor's quick fix "Fix all" and
// "Apply stack standard" all plan with it, so they agree on which edits go together and which findings they settle.
import { applyEdits, selectEdits } from './edits';
import type { Finding, TextEdit } from './types';

export interface FixPlan {
  /** The edits to make, by file, sorted, none overlapping another. */
  edits: Map<string, TextEdit[]>;
  /** Files the plan creates (the edit's `newText` is the whole content). */
  created: Set<string>;
  /** Findings whose preferred fix is wholly in the plan; several findings may share one fix. */
  fixed: Finding[];
}

function editKey(e: TextEdit): string {
  const { start, end } = e.range;
  return `${e.file}\0${start.line}:${start.character}-${end.line}:${end.character}\0${e.newText}`;
}

/**
 * The preferred fixes of `findings` that can be made together. `read` gives each file's current text (without its
 * byte-order mark), undefined for a file that does not exist; an edit that overlaps an earlier one waits for the
 * next pass, where the findings are worked out anew.
 */
export function planFixes(findings: readonly Finding[], read: (file: string) => string | undefined): FixPlan {
  const wanted = new Map<string, TextEdit[]>();
  for (const f of findings) {
    for (const e of f.fixes.find((x) => x.isPreferred)?.edits ?? []) {
      const list = wanted.get(e.file);
      if (list) list.push(e);
      else wanted.set(e.file, [e]);
    }
  }
  const edits = new Map<string, TextEdit[]>();
  const created = new Set<string>();
  const kept = new Set<string>();
  for (const [file, list] of wanted) {
    const text = read(file);
    // A file to create exists once created: a second creation of it waits (and then finds the file there).
    const creation = text === undefined ? list.find((e) => e.create) : undefined;
    if (creation) created.add(file);
    const chosen = creation
      ? [creation]
      : text === undefined
        ? []
        : selectEdits(
            text,
            list.filter((e) => !e.create),
          ).kept;
    if (chosen.length === 0) continue;
    edits.set(
      file,
      chosen.map(({ file: f, range, newText, create }) =>
        create ? { file: f, range, newText, create } : { file: f, range, newText },
      ),
    );
    for (const e of chosen) kept.add(editKey(e));
  }
  const fixed = findings.filter((f) => {
    const fix = f.fixes.find((x) => x.isPreferred);
    return fix !== undefined && fix.edits.length > 0 && fix.edits.every((e) => kept.has(editKey(e)));
  });
  return { edits, created, fixed };
}

/** The texts a plan produces, by file; a created file's text is its content. */
export function applyPlan(plan: FixPlan, read: (file: string) => string | undefined): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [file, edits] of plan.edits) {
    if (plan.created.has(file)) texts.set(file, edits[0].newText);
    else texts.set(file, applyEdits(read(file) ?? '', edits).text);
  }
  return texts;
}
