/**
 * `compute` remembered by its text argument, for pure functions over texts that files repeat (versions, specifiers,
 * markers, names). Up to `limit` answers are kept; then all are forgotten at once, which bounds the memory.
 */
export function remembered<V>(limit: number, compute: (text: string) => V): (text: string) => V {
  const answers = new Map<string, V>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = compute(text);
      if (answers.size >= limit) answers.clear();
      answers.set(text, answer);
    }
    return answer as V;
  };
}
