// The nodes `yaml`'s composer builds for a document, made from `yaml`'s own lexer tokens when the document has the
// plain shape config files have: block maps and sequences, one-line keys, plain, quoted and block scalars, flow
// sequences of scalars, comments, a `---` before and a `...` after. Anything else (anchors, aliases, tags, flow maps,
// nested flow sequences, `?` keys, a second document, a tab among spaces, a token out of place, which is a syntax
// error) gives undefined, and the caller composes the document with `parseDocument`, which reads everything and
// reports every error.
//
// Why by hand: the composed document was measured too slow for a large config. On a 1,608-line, 301-repository
// .pre-commit-config.yaml, `parseDocument` costs ~24 ms of CPU: its lexer ~0.2 of that, the CST parser and the
// composer the rest; reading the facts from it made the whole analysis ~1.1x that parse, barely faster than Renovate's
// extractor, which is that same parse (and `toJS`). From the lexer's tokens the nodes cost ~0.3x the parse and the
// whole analysis ~0.5x. No YAML is tokenized here: the lexer is `yaml`'s, and so is every value (`CST.resolveAsScalar` for quoted,
// multi-line and block scalars, the schema's tags for plain ones). What is this file's own is the indentation
// bookkeeping of the subset, held to the composer's nodes by test/unit/yaml-plain-tree.test.ts.
//
// What differs from the composed nodes, and no reader of them reads: no comments or `spaceBefore`, and a block
// collection's range ends where its last item's text ends (`yaml` counts the comments and blank lines after it in).
import {
  CST,
  Lexer,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Range,
  type ScalarTag,
} from 'yaml';
import { parseYaml, withLineFeeds } from '../yamlErrors';

// `yaml`'s node constructors give each node its identity with `Object.defineProperty`, which cost more than the rest
// of building the tree: these nodes have the same prototypes and the same identity (the key and values are
// `Symbol.for` names, which `yaml` shares between its copies), given by plain assignment.
const NODE_TYPE: unique symbol = Symbol.for('yaml.node.type') as never;
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');

// A scalar's range is made when first read: most scalars' never are, and fewer objects to allocate and collect made
// building the tree ~10 % cheaper.
class PlainScalar {
  [NODE_TYPE] = SCALAR;
  private made: Range | undefined;
  constructor(
    public value: unknown,
    private readonly start: number,
    private readonly end: number,
    public source: string,
    public type: Scalar.Type,
  ) {}
  get range(): Range {
    return (this.made ??= [this.start, this.end, this.end]);
  }
  set range(range: Range) {
    this.made = range;
  }
}
class PlainPair {
  [NODE_TYPE] = PAIR;
  constructor(
    public key: unknown,
    public value: unknown,
  ) {}
}
class PlainCollection {
  items: unknown[] = [];
  flow = false;
  range: Range;
  constructor(start: number) {
    this.range = [start, start, start];
  }
}
class PlainMap extends PlainCollection {
  [NODE_TYPE] = MAP;
}
class PlainSeq extends PlainCollection {
  [NODE_TYPE] = SEQ;
}
Object.setPrototypeOf(PlainScalar.prototype, Scalar.prototype);
Object.setPrototypeOf(PlainPair.prototype, Pair.prototype);
Object.setPrototypeOf(PlainMap.prototype, YAMLMap.prototype);
Object.setPrototypeOf(PlainSeq.prototype, YAMLSeq.prototype);

function scalar(value: unknown, start: number, end: number, source: string, type: Scalar.Type): Scalar {
  return new PlainScalar(value, start, end, source, type) as unknown as Scalar;
}

function pair(key: Scalar, value: unknown): Pair {
  return new PlainPair(key, value) as unknown as Pair;
}

const newMap = (start: number) => new PlainMap(start) as unknown as YAMLMap;
const newSeq = (start: number) => new PlainSeq(start) as unknown as YAMLSeq;

// A plain scalar starting with one of these is a syntax error to `yaml` (`plainValue`): left to the composer.
const BAD_PLAIN_START = /^[\t,%|>@`]/;
// The core schema's tags other than the string one match only plain scalars of these shapes (empty, `~`, a word of
// null or a boolean, a number): the rest are strings, and no tag's test is run for them.
const MAYBE_NOT_STRING = /^(?:$|~$|[nNtTfF][a-zA-Z]{0,4}$|[-+]?[.0-9])/;
// `yaml` reports an implicit key whose `:` is more than 1024 characters after its start.
const MAX_KEY = 1024;

let composing: { tags: ReturnType<typeof parseYaml>['schema']['tags']; options: object } | undefined;

/** The schema's tags and the options `parseYaml` composes with, made once. */
function composer() {
  if (!composing) {
    const doc = parseYaml('', false);
    composing = { tags: doc.schema.tags, options: doc.options };
  }
  return composing;
}

type FlowScalar = 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar';

/** The node `yaml`'s `composeScalar` makes of a flow scalar token, or undefined where it would report an error. */
function scalarNode(type: FlowScalar, source: string, offset: number): Scalar | undefined {
  const end = offset + source.length;
  if (type === 'scalar' && !source.includes('\n') && !BAD_PLAIN_START.test(source)) {
    if (!MAYBE_NOT_STRING.test(source)) return scalar(source, offset, end, source, Scalar.PLAIN);
    return plainNode(source, offset, end);
  }
  let failed = false;
  const resolved = CST.resolveAsScalar({ type, offset, indent: 0, source }, true, () => (failed = true));
  if (failed || !resolved?.type) return undefined;
  const { value, type: style } = resolved;
  if (style === Scalar.PLAIN && MAYBE_NOT_STRING.test(value)) return plainNode(value, offset, end);
  return scalar(value, offset, end, value, style);
}

/** A plain scalar that may be null, a boolean or a number, resolved by the schema's tag as `composeScalar` does. */
function plainNode(value: string, offset: number, end: number): Scalar | undefined {
  const { tags, options } = composer();
  const tag = tags.find((t) => t.default === true && 'test' in t && t.test?.test(value)) as ScalarTag | undefined;
  if (!tag) return scalar(value, offset, end, value, Scalar.PLAIN);
  let failed = false;
  let node: Scalar;
  try {
    const res: unknown = tag.resolve(value, () => (failed = true), options);
    node = isScalar(res) ? res : new Scalar(res);
  } catch {
    return undefined;
  }
  if (failed) return undefined;
  node.range = [offset, end, end];
  node.source = value;
  node.type = Scalar.PLAIN;
  if (tag.format) node.format = tag.format;
  return node;
}

/**
 * `CST.tokenType` of the lexer's tokens that this file reads, null for the others: by the first character rather than
 * its string comparison per kind, which was ~15 % of building the tree.
 */
function tokenType(token: string): CST.TokenType | null {
  const single = token.length === 1;
  switch (token.charCodeAt(0)) {
    case 32: // ' '
    case 9: // '\t'
      return 'space';
    case 10: // '\n'
      return single ? 'newline' : null;
    case 13: // '\r\n'
      return token === '\r\n' ? 'newline' : null;
    case 35: // '#'
      return 'comment';
    case 45: // '-'
      return single ? 'seq-item-ind' : token === '---' ? 'doc-start' : null;
    case 46: // '.'
      return token === '...' ? 'doc-end' : null;
    case 58: // ':'
      return single ? 'map-value-ind' : null;
    case 91: // '['
      return single ? 'flow-seq-start' : null;
    case 93: // ']'
      return single ? 'flow-seq-end' : null;
    case 44: // ','
      return single ? 'comma' : null;
    case 39: // "'"
      return 'single-quoted-scalar';
    case 34: // '"'
      return 'double-quoted-scalar';
    case 124: // '|'
    case 62: // '>'
      return 'block-scalar-header';
    default:
      return null;
  }
}

/** An open block collection: the column of its keys or `-`s, and the slot waiting for a value, if any. */
interface Open {
  node: YAMLMap | YAMLSeq;
  indent: number;
  /** A map's key whose value is not read yet, or a sequence's `-` whose item is not. */
  waiting: Scalar | '-' | undefined;
  /** Where an empty value of that slot sits: after the `:` or `-` and the spaces that follow it. */
  emptyAt: number;
}

/** What the current line has read so far. */
const enum Line {
  /** Indentation only. */
  Start,
  /** A `-`: its item's value may follow on the line. */
  Dash,
  /** A `key:`: its value may follow on the line. */
  Key,
  /** A whole value: only spaces and a comment may follow. */
  Done,
}

/**
 * The document's root map as `yaml` composes it (see the top of this file), or undefined when the text is not of
 * that plain shape or its root is not a block map. Lone CRs are line breaks, as `parseYaml` reads them.
 */
export function plainYamlTree(text: string): YAMLMap | undefined {
  const builder = new Builder();
  for (const token of new Lexer().lex(withLineFeeds(text))) if (!builder.next(token)) return undefined;
  return builder.end();
}

/** The nodes of one document, token by token; each step answers false where the composer might differ. */
class Builder {
  private readonly stack: Open[] = [];
  private root: YAMLMap | undefined;
  private offset = 0;
  private lineStart = 0;
  private line = Line.Start;
  private previous = 'newline';
  private inDocument = false;
  private docStart = false;
  private content = false;
  private plainNext = false;
  /** A scalar read but not placed (its source; undefined when none): a `:` after it makes it a key, else a value. */
  private held: string | undefined;
  private heldType: FlowScalar = 'scalar';
  private heldAt = 0;
  private heldColumn = 0;
  /** The flow sequence being read, and whether an item may come next (after `[` or `,`). */
  private flow: YAMLSeq | undefined;
  private flowItemNext = false;
  /** The slot a `-` or `:` just opened, whose empty value would sit after the spaces that follow. */
  private justOpened: Open | undefined;
  /** A block scalar's header and what follows it on its line, until its body. */
  private block: CST.BlockScalar | undefined;

  next(token: string): boolean {
    if (this.plainNext) {
      this.plainNext = false;
      const at = this.offset;
      this.offset += token.length;
      return this.block ? this.blockBody(this.block, token) : this.scalar('scalar', token, at);
    }
    switch (token) {
      case CST.SCALAR:
        this.plainNext = true;
        return true;
      case CST.DOCUMENT:
        if (this.inDocument) return false;
        this.inDocument = true;
        return true;
      case CST.FLOW_END:
      case CST.BOM:
        return false;
    }
    const type = tokenType(token);
    const at = this.offset;
    this.offset += token.length;
    if (type === 'space') {
      // A tab may count as indentation or not, as `yaml` sees the line: left to it.
      if (token.includes('\t')) return false;
      if (this.block) this.block.props.push({ type, offset: at, indent: 0, source: token });
      if (this.justOpened) this.justOpened.emptyAt = this.offset;
      this.justOpened = undefined;
      this.previous = type;
      return true;
    }
    this.justOpened = undefined;
    const ok = this.block ? this.blockHeader(type, token, at) : this.structure(type, token, at);
    this.previous = type ?? '';
    return ok;
  }

  private structure(type: CST.TokenType | null, token: string, at: number): boolean {
    switch (type) {
      case 'newline':
        if (this.held !== undefined && !this.placeHeld(false, 0)) return false;
        this.lineStart = this.offset;
        if (!this.flow) this.line = Line.Start;
        return true;
      case 'comment':
        if (this.previous !== 'space' && this.previous !== 'newline') return false;
        return this.held === undefined || this.placeHeld(false, 0);
      case 'map-value-ind':
        return this.held !== undefined && !this.flow && this.placeHeld(true, this.offset);
      case 'seq-item-ind':
        if (this.held !== undefined || this.flow || this.line !== Line.Start) return false;
        if (!this.dash(at - this.lineStart, at)) return false;
        this.content = true;
        this.line = Line.Dash;
        return true;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.scalar(type, token, at);
      case 'flow-seq-start':
        if (this.held !== undefined || this.flow || !this.valueMayStart(at - this.lineStart)) return false;
        this.flow = newSeq(at);
        this.flow.flow = true;
        this.flowItemNext = true;
        return true;
      case 'comma':
        if (!this.flow || this.flowItemNext) return false;
        this.flowItemNext = true;
        return true;
      case 'flow-seq-end': {
        const seq = this.flow;
        if (!seq) return false;
        this.flow = undefined;
        (seq.range as Range)[1] = (seq.range as Range)[2] = this.offset;
        this.line = Line.Done;
        return this.place(seq);
      }
      case 'block-scalar-header': {
        const open = this.top();
        if (this.held !== undefined || this.flow || (this.line !== Line.Key && this.line !== Line.Dash) || !open)
          return false;
        // `yaml` resolves a block scalar with the indent of the collection holding it.
        const props = [{ type, offset: at, indent: 0, source: token }];
        this.block = { type: 'block-scalar', offset: at, indent: open.indent, props, source: '' };
        return true;
      }
      case 'doc-start':
        if (this.content || this.docStart) return false;
        this.docStart = true;
        this.line = Line.Done;
        return true;
      case 'doc-end':
        // Only comments may follow: anything else starts another document, which the lexer marks and is refused.
        if (this.held !== undefined || this.flow) return false;
        this.line = Line.Done;
        return true;
      default:
        return false;
    }
  }

  /** What follows a block scalar's header on its line: spaces (taken in `next`), a comment, the line break. */
  private blockHeader(type: CST.TokenType | null, token: string, at: number): boolean {
    if (type !== 'newline' && (type !== 'comment' || this.previous !== 'space')) return false;
    this.block?.props.push({ type, offset: at, indent: 0, source: token });
    return true;
  }

  /** A block scalar's body, which ends its last line; the value is `yaml`'s. */
  private blockBody(block: CST.BlockScalar, body: string): boolean {
    this.block = undefined;
    block.source = body;
    let failed = false;
    const resolved = CST.resolveAsScalar(block, true, () => (failed = true));
    if (failed || !resolved?.type) return false;
    const [start, end] = resolved.range;
    this.lineStart = this.offset;
    this.line = Line.Start;
    this.previous = 'newline';
    return this.place(scalar(resolved.value, start, end, resolved.value, resolved.type));
  }

  /** A scalar token: an item of the flow sequence being read, or held until the next token tells key from value. */
  private scalar(type: FlowScalar, token: string, at: number): boolean {
    this.justOpened = undefined;
    this.previous = type;
    if (this.flow) {
      if (!this.flowItemNext) return false;
      this.flowItemNext = false;
      const node = scalarNode(type, token, at);
      if (!node) return false;
      this.flow.items.push(node);
    } else {
      if (this.held !== undefined || this.line === Line.Done) return false;
      this.held = token;
      this.heldType = type;
      this.heldAt = at;
      this.heldColumn = at - this.lineStart;
      this.content = true;
    }
    // A token running over lines ends on a line of its own: columns after it count from there.
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) this.lineStart = at + newline + 1;
    return true;
  }

  /** The held scalar as a key (a `:` ending at `colonEnd` follows it) or as a value, after what the line has read. */
  private placeHeld(asKey: boolean, colonEnd: number): boolean {
    const source = this.held as string;
    this.held = undefined;
    const node = scalarNode(this.heldType, source, this.heldAt);
    if (!node) return false;
    if (asKey) {
      // A key is one line, after indentation or a `-`, never after another key on its line (`a: b: c`).
      if (this.line === Line.Key || source.includes('\n') || colonEnd - this.heldAt > MAX_KEY) return false;
      this.line = Line.Key;
      return this.key(node, this.heldColumn, colonEnd);
    }
    if (!this.valueMayStart(this.heldColumn)) return false;
    this.line = Line.Done;
    return this.place(node);
  }

  /** Whether a value may start at `column`: after `key:` or `-` on its line, or on a line of its own indented under them. */
  private valueMayStart(column: number): boolean {
    if (this.line === Line.Key || this.line === Line.Dash) return true;
    const open = this.top();
    return this.line === Line.Start && open?.waiting !== undefined && column > open.indent;
  }

  private top(): Open | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(node: YAMLMap | YAMLSeq, indent: number): Open {
    const entry: Open = { node, indent, waiting: undefined, emptyAt: 0 };
    this.stack.push(entry);
    return entry;
  }

  /** Closes the innermost collection, its range ending where its last item's text does. */
  private close(): void {
    const open = this.stack.pop() as Open;
    settle(open);
    const items = open.node.items;
    const last = items[items.length - 1];
    const range = open.node.range as Range;
    range[1] = range[2] = ((isPair(last) ? (last.value ?? last.key) : last) as Node).range?.[1] ?? 0;
  }

  /** Puts `node` where the innermost collection waits for a value. */
  private place(node: unknown): boolean {
    const open = this.top();
    if (!open?.waiting) return false;
    if (open.waiting === '-') (open.node as YAMLSeq).items.push(node);
    else (open.node as YAMLMap).items.push(pair(open.waiting, node));
    open.waiting = undefined;
    return true;
  }

  /** A `-` at `column`, first on its line: the next item of a sequence there, or a new sequence as a key's value. */
  private dash(column: number, at: number): boolean {
    while (this.stack.length > 0 && (this.top() as Open).indent > column) this.close();
    const t = this.top();
    let seq: Open;
    if (t && isSeq(t.node) && t.indent === column) {
      settle(t);
      seq = t;
    } else if (t && isMap(t.node) && isScalar(t.waiting) && t.indent <= column) {
      const node = newSeq(at);
      this.place(node);
      seq = this.open(node, column);
    } else return false;
    seq.waiting = '-';
    seq.emptyAt = at + 1;
    this.justOpened = seq;
    return true;
  }

  /** A key at `column`, its `:` ending at `colonEnd`: the next key of a map there, or a new map as a value. */
  private key(node: Scalar, column: number, colonEnd: number): boolean {
    const start = (node.range as Range)[0];
    for (let t = this.top(); t && (t.indent > column || (t.indent === column && isSeq(t.node)));) {
      this.close();
      t = this.top();
    }
    const t = this.top();
    let map: Open;
    if (!t) {
      if (this.root) return false;
      this.root = newMap(start);
      map = this.open(this.root, column);
    } else if (isMap(t.node) && t.indent === column) {
      settle(t);
      map = t;
    } else if (t.indent < column && t.waiting !== undefined) {
      const child = newMap(start);
      this.place(child);
      map = this.open(child, column);
    } else return false;
    map.waiting = node;
    map.emptyAt = colonEnd;
    this.justOpened = map;
    return true;
  }

  end(): YAMLMap | undefined {
    if (this.flow || this.block || this.plainNext) return undefined;
    if (this.held !== undefined && !this.placeHeld(false, 0)) return undefined;
    while (this.stack.length > 0) this.close();
    return this.root;
  }
}

/** Fills a waiting slot with `yaml`'s empty value, before the collection takes its next key or item, or closes. */
function settle(open: Open): void {
  if (open.waiting === undefined) return;
  const empty = plainNode('', open.emptyAt, open.emptyAt) as Scalar;
  if (open.waiting === '-') (open.node as YAMLSeq).items.push(empty);
  else (open.node as YAMLMap).items.push(pair(open.waiting, empty));
  open.waiting = undefined;
}
