/**
 * htmlparser2's `parseDocument` in time linear in the input, however deeply elements nest, and
 * giving trees no deeper than {@link MAX_TREE_DEPTH}.
 *
 * htmlparser2 (12.0.0) keeps its open-element stack with the innermost element FIRST, so each
 * start tag is an `Array.prototype.unshift` and each end tag a `shift`: both move every element
 * already open, which makes a page of n nested elements cost O(n²) (200,000 nested `<div>`s,
 * 2.2 MB, took 10-15 s, blocking the event loop; a flat page of the same size takes ~0.3 s). The
 * same holds for its foreign-content (SVG/MathML) stack. Here both stacks are replaced by
 * {@link TopFirstStack}, which offers the few operations the parser uses on them with the same
 * meaning but keeps the innermost element LAST, so they cost O(1) (`indexOf` stays linear in the
 * distance searched, which end tags pay back by popping). Upstream: the open pull
 * request fb55/htmlparser2#2481 ("maintain the open-tag stack with push/pop instead of
 * unshift/shift"); drop the stack part of this module once a release has it.
 *
 * Depth is capped as browsers cap it (Chromium's parser stops nesting at 512 levels): an element
 * opened deeper than {@link MAX_TREE_DEPTH} becomes a child of the element at that depth (a sibling
 * of the previous deep element) instead of a child of the previous one, keeping its own text and
 * attributes. Nothing is lost, and the recursive code that walks trees afterwards (serialising,
 * XPath `string()`, CSS matching) cannot overflow the call stack on a hostile page.
 * @module
 */
import { ElementType, Parser, type ParserOptions } from 'htmlparser2';
import { DomHandler, Element, type Document, type DomHandlerOptions } from 'domhandler';

/** Deepest element nesting kept in parsed trees (Chromium's `kMaximumHTMLParserDOMTreeDepth`). */
export const MAX_TREE_DEPTH = 512;

/**
 * A stack read as an array whose index 0 is the top (what htmlparser2's code expects), stored
 * top-last. Supports exactly what the parser does with it: `[0]`, `length` (read, and set to 0),
 * `unshift(x)`, `shift()`, `indexOf(x)`, `includes(x)`.
 * @internal
 */
export class TopFirstStack<T> {
  /**
   * The top, as an own data property kept current by `unshift` and `shift`: an indexed getter on
   * the prototype would make V8 drop its fast paths for array elements for every array in the program.
   */
  0: T | undefined = undefined;
  #items: T[] = [];
  /** How many of each value are on the stack, so `includes` of an absent name costs O(1). */
  #counts = new Map<T, number>();

  get length(): number {
    return this.#items.length;
  }

  set length(value: number) {
    if (value !== 0) throw new RangeError('[skitter] TopFirstStack: length can only be set to 0');
    this.#items.length = 0;
    this.#counts.clear();
    this[0] = undefined;
  }

  unshift(value: T): number {
    this.#items.push(value);
    this.#counts.set(value, (this.#counts.get(value) ?? 0) + 1);
    this[0] = value;
    return this.#items.length;
  }

  shift(): T | undefined {
    if (this.#items.length === 0) return undefined;
    const value = this.#items.pop()!;
    this[0] = this.#items[this.#items.length - 1];
    const count = this.#counts.get(value)!;
    if (count === 1) this.#counts.delete(value);
    else this.#counts.set(value, count - 1);
    return value;
  }

  includes(value: T): boolean {
    return this.#counts.has(value);
  }

  /** Distance from the top of the nearest `value`, or -1. */
  indexOf(value: T): number {
    if (!this.#counts.has(value)) return -1;
    const items = this.#items;
    for (let i = items.length - 1; i >= 0; i--) if (items[i] === value) return items.length - 1 - i;
    return -1;
  }

  /** The values top first, as a plain array. */
  toArray(): T[] {
    return this.#items.slice().reverse();
  }
}

/** The parser's private stacks, as this module replaces them. */
interface StackFields {
  stack: TopFirstStack<string> | string[];
  foreignContext: TopFirstStack<number> | number[];
}

/** htmlparser2's Parser with both stacks replaced by {@link TopFirstStack}. */
class LinearParser extends Parser {
  constructor(handler: DomHandler, options: ParserOptions) {
    super(handler, options);
    this.#installStacks();
  }

  override reset(): void {
    super.reset();
    this.#installStacks();
  }

  override onend(): void {
    // Closing what is still open walks the stack by index: hand the parser a plain array for that.
    const fields = this as unknown as StackFields;
    if (fields.stack instanceof TopFirstStack) fields.stack = fields.stack.toArray();
    super.onend();
  }

  #installStacks(): void {
    const fields = this as unknown as StackFields;
    const known = (value: unknown) => Array.isArray(value) || value instanceof TopFirstStack;
    // A future htmlparser2 that keeps its stacks in another shape keeps its own code.
    if (!known(fields.stack) || !known(fields.foreignContext)) return;
    // Keep the base entry the parser starts with (`[ForeignContext.None]`).
    const base = fields.foreignContext instanceof TopFirstStack ? fields.foreignContext.toArray() : fields.foreignContext;
    const foreign = new TopFirstStack<number>();
    for (const value of base.slice().reverse()) foreign.unshift(value);
    fields.stack = new TopFirstStack<string>();
    fields.foreignContext = foreign;
  }
}

/** A DomHandler that attaches elements deeper than {@link MAX_TREE_DEPTH} to the element at that depth. */
class DepthCappedHandler extends DomHandler {
  #xmlMode: boolean;

  constructor(options: DomHandlerOptions) {
    super(undefined, options);
    this.#xmlMode = options.xmlMode === true;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    // tagStack[0] is the document: an element pushed at index d is at depth d.
    if (this.tagStack.length <= MAX_TREE_DEPTH) {
      super.onopentag(name, attribs);
      return;
    }
    const element = new Element(name, attribs, undefined, this.#xmlMode ? ElementType.Tag : undefined);
    const parent = this.tagStack[MAX_TREE_DEPTH - 1]!;
    const previous = parent.children[parent.children.length - 1] ?? null;
    if (previous) {
      previous.next = element;
      element.prev = previous;
    }
    parent.children.push(element);
    element.parent = parent;
    this.lastNode = null;
    // Still pushed: its text goes into it, and its end tag pops it.
    this.tagStack.push(element);
  }
}

/** Same as htmlparser2's `parseDocument(text, options)`, in linear time and with capped depth (see the module doc). */
export function parseDocumentLinear(text: string, options: ParserOptions & DomHandlerOptions): Document {
  const handler = new DepthCappedHandler(options);
  new LinearParser(handler, options).end(text);
  return handler.root;
}
