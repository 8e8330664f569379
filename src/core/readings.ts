// Readings kept across analyses: a requirements file that many others include is read into facts, and those facts are
// judged, once per run (the CLI) or once per version of its text (the editor), not again for every file that includes
// it.
import path = require('node:path');
import type { Fact } from './facts';
import type { FileSystem, SourceFile } from './fileSystem';
import type { Interest, KeptReadings, ReadContext } from './formats/context';
import type { KeptJudgements } from './rules';
import type { Standard } from './standard/model';
import type { Finding } from './types';

/** A question a reading asked the file system, and the answer it had: the reading holds while the answer does. */
interface Answer {
  ask: 'readFile' | 'exists';
  path: string;
  answer: string | boolean | undefined;
}

interface Kept {
  path: string;
  text: string;
  answers: Answer[];
  items: readonly { kind: string }[];
}

/** The findings of one shared fact by one standard on one day. */
interface Judgement {
  standard: Standard;
  time: number;
  findings?: readonly Finding[];
}

export class Readings implements KeptReadings, KeptJudgements {
  // A reading skims the packages the standard does not judge, so it holds for that standard's interest alone.
  private readonly byInterest = new WeakMap<Interest['wants'], Map<string, Kept>>();
  // A fact of a kept reading, with its findings once judged (null before); other facts are not here.
  private readonly judgements = new WeakMap<object, Judgement | null>();

  /**
   * With `keepAll` (a CLI run, whose files do not change under it) every reading is kept; otherwise (an editor
   * session) only those asked to be, the readings of included files, one version of each.
   */
  constructor(private readonly keepAll: boolean) {}

  reading<T extends { kind: string }>(
    file: SourceFile,
    ctx: ReadContext,
    read: (ctx: ReadContext) => T[],
    keep: boolean,
  ): readonly T[] {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- a key, never called: one per standard's interest
    const interest = ctx.wants;
    let files = this.byInterest.get(interest);
    if (!files) this.byInterest.set(interest, (files = new Map<string, Kept>()));
    const key = path.resolve(file.path);
    const kept = files.get(key);
    if (kept && kept.path === file.path && kept.text === file.text && kept.answers.every((a) => holds(ctx.fs, a)))
      return kept.items as readonly T[];
    // What the reading asks of other files (a lock's source) is recorded, to be asked again before it is reused; a
    // question of another kind is not, and the reading is then not kept.
    const answers: Answer[] = [];
    let keepable = true;
    const asked = <V extends string | boolean | undefined>(ask: Answer['ask'], p: string, answer: V): V => {
      answers.push({ ask, path: p, answer });
      return answer;
    };
    const fs: FileSystem = {
      readFile: (p) => asked('readFile', p, ctx.fs.readFile(p)),
      exists: (p) => asked('exists', p, ctx.fs.exists(p)),
      listDir: ctx.fs.listDir && ((p) => ((keepable = false), ctx.fs.listDir?.(p) ?? [])),
    };
    const items = read({ ...ctx, fs });
    if (keepable && (keep || this.keepAll)) {
      files.set(key, { path: file.path, text: file.text, answers, items });
      for (const item of items) this.judgements.set(item, null);
    }
    return items;
  }

  slot(fact: Fact, standard: Standard, today: Date): { findings?: readonly Finding[] } | undefined {
    const judgement = this.judgements.get(fact);
    if (judgement === undefined) return undefined;
    const time = today.getTime();
    if (judgement?.standard === standard && judgement.time === time) return judgement;
    const fresh: Judgement = { standard, time };
    this.judgements.set(fact, fresh);
    return fresh;
  }
}

function holds(fs: FileSystem, a: Answer): boolean {
  return (a.ask === 'readFile' ? fs.readFile(a.path) : fs.exists(a.path)) === a.answer;
}
