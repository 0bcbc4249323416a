import { parseDocumentLinear } from './linear-parser.ts';
import { Document, Element } from 'domhandler';
import type { AnyNode, ChildNode, ParentNode } from 'domhandler';
import { XPathView } from './xpath-view.ts';

/** Document flavour, as parsel's `type`: `'html'` (lenient, case-insensitive) or `'xml'`. */
export type SelectorType = 'html' | 'xml';

/**
 * How many documents this module has parsed since it was loaded. A diagnostic for tests and
 * benchmarks that check parsing is lazy and happens once per page.
 */
export const parseCounter = { count: 0 };

// Elements libxml2's HTML parser moves into an implied <head> when a fragment starts with them.
const HEAD_ELEMENTS = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript']);

/**
 * One document shared by every {@link Selector} made from it: the source text, the domhandler tree
 * (parsed on first use, exactly once) and the XPath view of it (built on the first XPath query).
 * @internal
 */
export class ParsedDocument {
  readonly type: SelectorType;
  #text: string | null;
  #document: Document | null;
  #rootElement: Element | null = null;
  #view: XPathView | null = null;
  /** True once the tree was changed in place (namespaces removed): cached CSS match results are stale. */
  mutated = false;

  constructor(type: SelectorType, text: string | null, document: Document | null = null) {
    this.type = type;
    this.#text = text;
    this.#document = document;
  }

  /** Wraps an already parsed tree: `node` may be any node of it. */
  static fromNode(node: AnyNode, type: SelectorType): ParsedDocument {
    let top: AnyNode = node;
    while (top.parent !== null) top = top.parent;
    const document = top instanceof Document ? top : new Document([top as ChildNode]);
    if (!(top instanceof Document)) top.parent = document;
    return new ParsedDocument(type, null, document);
  }

  /** Whether the text was parsed yet. */
  get parsed(): boolean {
    return this.#document !== null;
  }

  /** The domhandler document, parsing the text now if this is the first use. */
  get document(): Document {
    if (this.#document === null) {
      this.#document = this.#parse(this.#text ?? '');
      // The text is no longer needed and may be large.
      this.#text = null;
    }
    return this.#document;
  }

  /**
   * The root element (`<html>` for HTML): what parsel's document-level selector stands for, the
   * context node of its XPath queries and what its `get()` serialises.
   */
  get rootElement(): Element | Document {
    if (this.#rootElement === null) {
      const tree = this.document;
      this.#rootElement = tree.children.find((child): child is Element => child instanceof Element) ?? null;
    }
    return this.#rootElement ?? this.document;
  }

  /** The XPath view of the tree, built on first use. */
  get xpathView(): XPathView {
    this.#view ??= new XPathView(this.document, this.type === 'xml');
    return this.#view;
  }

  /**
   * Strips namespace prefixes from element and attribute names and drops `xmlns` declarations, in place.
   * @see parsel's `Selector.remove_namespaces()`
   */
  removeNamespaces(): void {
    const stack: ParentNode[] = [this.document];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      for (const child of parent.children) {
        if (!(child instanceof Element)) continue;
        child.name = localPart(child.name);
        const attribs: Record<string, string> = {};
        for (const [name, value] of Object.entries(child.attribs)) {
          if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
          attribs[localPart(name)] = value;
        }
        child.attribs = attribs;
        stack.push(child);
      }
    }
    this.#view = null;
    this.mutated = true;
  }

  #parse(text: string): Document {
    parseCounter.count++;
    const xml = this.type === 'xml';
    // parsel parses an empty document as `<html/>`.
    const source = text.trim() === '' ? '<html></html>' : text;
    const document = parseDocumentLinear(source, { decodeEntities: true, xmlMode: xml });
    if (!xml) wrapFragment(document);
    return document;
  }
}

function localPart(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Gives a fragment the `<html>` (and `<head>` / `<body>`) element lxml's HTML parser would imply, so
 * absolute XPath such as `/html/body/p` and `get()` behave as in parsel. Full pages are left alone.
 */
function wrapFragment(tree: Document): void {
  const top = tree.children;
  if (top.some((child) => child instanceof Element && child.name === 'html')) return;
  const keep = top.filter((child) => child.type === 'directive');
  const content = top.filter((child) => child.type !== 'directive');
  const hasSection = content.some((child) => child instanceof Element && (child.name === 'head' || child.name === 'body'));
  let htmlChildren: ChildNode[] = content;
  if (!hasSection) {
    let split = 0;
    while (split < content.length) {
      const child = content[split]!;
      if (child instanceof Element ? !HEAD_ELEMENTS.has(child.name) : child.type === 'text' && child.data.trim() !== '') break;
      split++;
    }
    const headNodes = content.slice(0, split).filter((child) => child instanceof Element);
    htmlChildren = [];
    if (headNodes.length > 0) htmlChildren.push(adopt(new Element('head', {}), headNodes));
    if (split < content.length) htmlChildren.push(adopt(new Element('body', {}), content.slice(split)));
  }
  const html = adopt(new Element('html', {}), htmlChildren);
  adopt(tree, [...keep, html]);
}

function adopt<T extends ParentNode>(parent: T, children: ChildNode[]): T {
  parent.children = children;
  children.forEach((child, index) => {
    child.parent = parent;
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  });
  return parent;
}
