// Expands a VS Code snippet body to the text VS Code inserts when every placeholder keeps its default.
// It follows the editor's snippet parser: syntax that does not parse is inserted as literal text.

export type SnippetBody = string | readonly string[];

type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly fallback: readonly SnippetNode[] | undefined };

type Tabstop = Extract<SnippetNode, { kind: 'placeholder' | 'choice' }>;

/**
 * `variables` stands in for the editor's resolvers. An empty value counts as unset, so a variable's
 * default is used; a name missing from `variables` is unknown, and VS Code inserts unknown names as text.
 */
export function expandSnippet(body: SnippetBody, variables: Readonly<Record<string, string>> = {}): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const nodes = new SnippetParser(text).parseTop();
  return render(nodes, { sources: tabstopSources(nodes), variables, open: new Set() });
}

const ESCAPABLE = new Set(['$', '}', '\\']);
const CHOICE_ESCAPABLE = new Set([',', '|', '\\']);
const NAME_OR_INDEX = /\d+|[_a-zA-Z][_a-zA-Z0-9]*/y;

class SnippetParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseTop(): SnippetNode[] {
    return this.parseSequence(false).nodes;
  }

  // Inside a default, the first `}` that no nested construct claims closes it; at the top level `}` is text.
  private parseSequence(insideDefault: boolean): { nodes: SnippetNode[]; closed: boolean } {
    const nodes: SnippetNode[] = [];
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (insideDefault && ch === '}') {
        this.pos += 1;
        return { nodes, closed: true };
      }
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        const escaped = next !== undefined && ESCAPABLE.has(next);
        nodes.push(textNode(escaped ? next : '\\'));
        this.pos += escaped ? 2 : 1;
        continue;
      }
      if (ch === '$') {
        const parsed = this.parseDollar();
        if (parsed) {
          nodes.push(...parsed);
          continue;
        }
      }
      nodes.push(textNode(ch));
      this.pos += 1;
    }
    return { nodes, closed: false };
  }

  // At a `$`: returns the construct it starts, or undefined (position untouched) when the `$` is plain text.
  private parseDollar(): SnippetNode[] | undefined {
    const simple = this.tokenAt(this.pos + 1);
    if (simple !== undefined) {
      this.pos += 1 + simple.length;
      return [
        isIndex(simple)
          ? { kind: 'placeholder', index: Number(simple), children: [] }
          : variableNode(simple, undefined),
      ];
    }
    if (this.text[this.pos + 1] !== '{') return undefined;
    const token = this.tokenAt(this.pos + 2);
    if (token === undefined) return undefined;
    const after = this.pos + 2 + token.length;
    const next = this.text[after];
    if (next === '/') {
      throw new Error(
        `snippet transforms are not supported by this expander: ${this.text.slice(this.pos, after + 1)}…`,
      );
    }
    if (next === '}') {
      this.pos = after + 1;
      return [
        isIndex(token) ? { kind: 'placeholder', index: Number(token), children: [] } : variableNode(token, undefined),
      ];
    }
    if (next === ':') {
      this.pos = after + 1;
      const { nodes, closed } = this.parseSequence(true);
      // An unclosed default is inserted as the text it began with, followed by what it held.
      if (!closed) return [textNode(`\${${token}:`), ...nodes];
      return [
        isIndex(token) ? { kind: 'placeholder', index: Number(token), children: nodes } : variableNode(token, nodes),
      ];
    }
    if (next === '|' && isIndex(token) && Number(token) > 0) {
      const choice = this.parseChoice(after + 1);
      if (choice === undefined) return undefined;
      this.pos = choice.end;
      return [{ kind: 'choice', index: Number(token), options: choice.options }];
    }
    return undefined;
  }

  // `a,b|}` after `${1|`; an empty option or a missing `|}` makes the whole choice plain text.
  private parseChoice(start: number): { options: string[]; end: number } | undefined {
    const options: string[] = [];
    let current = '';
    for (let i = start; i < this.text.length;) {
      const ch = this.text[i];
      if (ch === ',' || ch === '|') {
        if (current === '') return undefined;
        options.push(current);
        current = '';
        if (ch === ',') {
          i += 1;
          continue;
        }
        return this.text[i + 1] === '}' ? { options, end: i + 2 } : undefined;
      }
      const next = this.text[i + 1];
      if (ch === '\\' && next !== undefined && CHOICE_ESCAPABLE.has(next)) {
        current += next;
        i += 2;
        continue;
      }
      current += ch;
      i += 1;
    }
    return undefined;
  }

  private tokenAt(offset: number): string | undefined {
    NAME_OR_INDEX.lastIndex = offset;
    return NAME_OR_INDEX.exec(this.text)?.[0];
  }
}

function textNode(value: string): SnippetNode {
  return { kind: 'text', value };
}

function variableNode(name: string, fallback: SnippetNode[] | undefined): SnippetNode {
  return { kind: 'variable', name, fallback };
}

function isIndex(token: string): boolean {
  return /^\d/.test(token);
}

// VS Code gives every tabstop of an index the value of the first one (in document order) that has a value.
function tabstopSources(nodes: readonly SnippetNode[], sources = new Map<number, Tabstop>()): Map<number, Tabstop> {
  for (const node of nodes) {
    if (node.kind === 'choice' && !sources.has(node.index)) sources.set(node.index, node);
    if (node.kind === 'placeholder') {
      if (node.index > 0 && node.children.length > 0 && !sources.has(node.index)) sources.set(node.index, node);
      tabstopSources(node.children, sources);
    }
    if (node.kind === 'variable' && node.fallback) tabstopSources(node.fallback, sources);
  }
  return sources;
}

interface RenderContext {
  readonly sources: ReadonlyMap<number, Tabstop>;
  readonly variables: Readonly<Record<string, string>>;
  // Indices being expanded right now, so a placeholder that contains itself is reported, not looped on.
  readonly open: ReadonlySet<number>;
}

function render(nodes: readonly SnippetNode[], context: RenderContext): string {
  return nodes.map((node) => renderNode(node, context)).join('');
}

function renderNode(node: SnippetNode, context: RenderContext): string {
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'variable': {
      const value = context.variables[node.name];
      if (value) return value;
      if (node.fallback) return render(node.fallback, context);
      return Object.hasOwn(context.variables, node.name) ? '' : node.name;
    }
    case 'placeholder':
    case 'choice': {
      // The final tabstop never mirrors: it keeps whatever it holds itself.
      if (node.kind === 'placeholder' && node.index === 0) return render(node.children, context);
      const source = context.sources.get(node.index);
      if (!source) return '';
      if (source.kind === 'choice') return source.options[0];
      if (context.open.has(node.index)) throw new Error(`placeholder $${node.index} contains itself`);
      return render(source.children, { ...context, open: new Set([...context.open, node.index]) });
    }
  }
}
