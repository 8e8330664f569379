// Where a YAML syntax error really is. `yaml` reports an unterminated quoted scalar or `[`/`{` where it gives up,
// often the end of the file; a person needs the opening quote or bracket.
import { isMap, parseAllDocuments, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { LineIndex } from './text';
import type { Range } from './types';

/** Flow collections that never close, in document order, with the bracket that would close them. */
function unclosedFlows(doc: Document, text: string): { close: string; start: number }[] {
  const found: { close: string; start: number }[] = [];
  visit(doc, {
    Collection(_, node) {
      const close = isMap(node) ? '}' : ']';
      if (node.flow && node.range && !text.slice(node.range[0], node.range[1]).trimEnd().endsWith(close))
        found.push({ close, start: node.range[0] });
    },
  });
  return found;
}

/** Each of the document's errors with the span (offsets and range) a person should see and a one-line message. */
export function yamlErrors(
  doc: Document,
  text: string,
  lines: LineIndex,
): { message: string; start: number; end: number; range: Range }[] {
  if (doc.errors.length === 0) return [];
  const unclosed = unclosedFlows(doc, text);
  return doc.errors.map((e: YAMLError) => {
    let [start, end] = e.pos;
    const quote = /Missing closing (["'])quote/.exec(e.message)?.[1];
    const close = /^Flow (?:map|sequence) .*end with a ([}\]])/.exec(e.message)?.[1];
    const open = close
      ? unclosed.filter((u) => u.close === close && u.start <= start).pop()?.start
      : quote
        ? text.lastIndexOf(quote, start - 1)
        : -1;
    if (open !== undefined && open >= 0) {
      start = open;
      end = lines.lineEnd(lines.positionAt(start).line);
    }
    return { message: `Invalid YAML: ${e.message.split('\n')[0]}`, start, end, range: lines.rangeAt(start, end) };
  });
}

// YAML 1.2 and PyYAML (pre-commit's reader) take a lone CR as a line break; `yaml` does not, so it reads a copy with
// each lone CR turned into an LF: the same length, so every offset holds.
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Parse YAML as the Python tools read it, lone CRs as line breaks. */
export function parseYaml(text: string, uniqueKeys: boolean): Document {
  return parseDocument(withLineFeeds(text), { prettyErrors: false, uniqueKeys });
}

/** `parseYaml` for a stream of documents with `---` between them (GitLab's `spec:` header before its pipeline). */
export function parseYamlStream(text: string, uniqueKeys: boolean): Document[] {
  return parseAllDocuments(withLineFeeds(text), { prettyErrors: false, uniqueKeys });
}
