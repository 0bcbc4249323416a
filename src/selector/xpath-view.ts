import type { AnyNode, Document, Element, ParentNode } from 'domhandler';

/**
 * A read-only W3C-DOM-shaped view over a domhandler tree, just wide enough for the `xpath` package.
 *
 * Why a view and not the domhandler nodes themselves: domhandler reports the doctype as an element
 * (`nodeType` 1), exposes attributes as plain `{ name, value }` records without `nodeType`, has no
 * `localName` / `namespaceURI` (htmlparser2's `xmlMode` does not resolve namespaces) and keeps CDATA as a
 * container. The view fixes all of that in one walk, numbers the nodes in document order so the
 * `xpath` package can sort node-sets with a cheap `compareDocumentPosition`, and merges adjacent
 * text/CDATA as XPath's data model (and lxml) does.
 *
 * Built once per document, on the first XPath query (see {@link ParsedDocument.xpathView}).
 * @internal
 */
export class XPathNode {
  nodeType: number;
  nodeName: string;
  localName: string | null = null;
  prefix: string | null = null;
  namespaceURI: string | null = null;
  /** Text of text/comment/PI nodes and attribute values; `null` for containers (as in the DOM). */
  nodeValue: string | null = null;
  /** PI target (the `xpath` package reads it for `processing-instruction('x')`). */
  target: string | null = null;
  parentNode: XPathNode | null = null;
  firstChild: XPathNode | null = null;
  lastChild: XPathNode | null = null;
  nextSibling: XPathNode | null = null;
  previousSibling: XPathNode | null = null;
  ownerDocument: XPathNode | null = null;
  /** Position in document order; attributes sit between their element and its first child. */
  order: number;
  /** The domhandler node this stands for (the first one when adjacent text nodes were merged). */
  readonly source: AnyNode;
  /** On the document node: its root element (DOM `Document.documentElement`). */
  documentElement: XPathNode | null = null;
  #attributes: XPathNode[] | null = null;
  #ownerElement: XPathNode | null = null;
  #xml: boolean;

  constructor(source: AnyNode, nodeType: number, nodeName: string, order: number, xml: boolean) {
    this.source = source;
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.order = order;
    this.#xml = xml;
  }

  /** For attribute nodes: the element carrying it. */
  get ownerElement(): XPathNode | null {
    return this.#ownerElement;
  }

  /** Attribute value (DOM `Attr.value`). */
  get value(): string | null {
    return this.nodeValue;
  }

  /** Element attributes as a NamedNodeMap-like array (`length`, `item(i)`, index access), built on first use. */
  get attributes(): (XPathNode[] & { item(index: number): XPathNode | null }) | null {
    if (this.nodeType !== 1) return null;
    if (this.#attributes === null) this.#attributes = this.#buildAttributes();
    const list = this.#attributes as XPathNode[] & { item(index: number): XPathNode | null };
    list.item ??= (index: number) => list[index] ?? null;
    return list;
  }

  /** Children as an array (only used by the `xpath` package's fallback paths). */
  get childNodes(): XPathNode[] {
    const out: XPathNode[] = [];
    for (let child = this.firstChild; child !== null; child = child.nextSibling) out.push(child);
    return out;
  }

  /** DOM `compareDocumentPosition`, reduced to the PRECEDING (2) / FOLLOWING (4) bits the `xpath` package reads. */
  compareDocumentPosition(other: { order?: number; ownerElement?: { order: number } | null }): number {
    // Namespace nodes made by the xpath package carry no order: place them right after their element.
    const otherOrder = other.order ?? (other.ownerElement ? other.ownerElement.order + 1e-9 : 0);
    if (otherOrder === this.order) return 0;
    return otherOrder < this.order ? 2 : 4;
  }

  /** DOM `getElementById`, used by XPath's `id()`. */
  getElementById(id: string): XPathNode | null {
    for (let node = this.firstChild; node !== null; node = nextInDocument(node, this)) {
      if (node.nodeType === 1 && (node.source as Element).attribs.id === id) return node;
    }
    return null;
  }

  #buildAttributes(): XPathNode[] {
    const element = this.source as Element;
    const names = Object.keys(element.attribs);
    const out: XPathNode[] = [];
    for (const name of names) {
      // lxml's XML tree keeps namespace declarations out of the attribute axis.
      if (this.#xml && (name === 'xmlns' || name.startsWith('xmlns:'))) continue;
      out.push(this.#makeAttribute(name, element.attribs[name] ?? ''));
    }
    const step = 1 / (out.length + 1);
    out.forEach((attr, index) => {
      attr.order = this.order + step * (index + 1);
    });
    return out;
  }

  #makeAttribute(name: string, value: string): XPathNode {
    const attr = new XPathNode(this.source, 2, name, this.order, this.#xml);
    attr.nodeValue = value;
    attr.#ownerElement = this;
    attr.ownerDocument = this.ownerDocument;
    const colon = this.#xml ? name.indexOf(':') : -1;
    if (colon > 0) {
      attr.prefix = name.slice(0, colon);
      attr.localName = name.slice(colon + 1);
      attr.namespaceURI = lookupNamespace(this, attr.prefix);
    } else {
      attr.localName = name;
    }
    return attr;
  }
}

/** Next node in document order within `top`'s subtree, or null. */
function nextInDocument(node: XPathNode, top: XPathNode): XPathNode | null {
  if (node.firstChild !== null) return node.firstChild;
  for (let current: XPathNode | null = node; current !== null && current !== top; current = current.parentNode) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** Resolves `prefix` ('' for the default namespace) against the xmlns declarations in scope at `element`. */
function lookupNamespace(element: XPathNode, prefix: string): string | null {
  if (prefix === 'xml') return XML_NAMESPACE;
  const attr = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let node: XPathNode | null = element; node !== null && node.nodeType === 1; node = node.parentNode) {
    const value = (node.source as Element).attribs[attr];
    if (value !== undefined) return value === '' ? null : value;
  }
  return null;
}

/**
 * The XPath view of one parsed document plus the domhandler -> view map used to start a query at any
 * node the CSS path returned.
 * @internal
 */
export class XPathView {
  readonly document: XPathNode;
  readonly #byNode = new Map<AnyNode, XPathNode>();

  constructor(root: Document, xml: boolean) {
    this.document = new XPathNode(root, 9, '#document', 0, xml);
    const documentNode = this.document;
    documentNode.ownerDocument = null;
    this.#byNode.set(root, this.document);
    this.#build(root, xml);
  }

  /** The view node standing for a domhandler node, or undefined if it is not part of the tree. */
  of(node: AnyNode): XPathNode | undefined {
    return this.#byNode.get(node);
  }

  #build(root: Document, xml: boolean): void {
    let order = 1;
    const doc = this.document;
    // Iterative walk: deep real-world pages overflow a recursive one.
    const stack: Array<{ parent: ParentNode; view: XPathNode; index: number }> = [
      { parent: root, view: doc, index: 0 },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = frame.parent.children;
      if (frame.index >= children.length) {
        stack.pop();
        continue;
      }
      const child = children[frame.index++]!;
      const parentView = frame.view;
      let view: XPathNode | null = null;
      switch (child.type) {
        case 'text':
        case 'cdata': {
          const text = child.type === 'text' ? child.data : cdataText(child);
          const last = parentView.lastChild;
          if (last !== null && last.nodeType === 3) {
            last.nodeValue += text;
            this.#byNode.set(child, last);
            continue;
          }
          view = new XPathNode(child, 3, '#text', order++, xml);
          view.nodeValue = text;
          break;
        }
        case 'comment':
          view = new XPathNode(child, 8, '#comment', order++, xml);
          view.nodeValue = child.data;
          break;
        case 'directive': {
          // Doctypes and the XML declaration are not nodes in XPath's data model.
          const target = child.name.startsWith('?') ? child.name.slice(1) : '';
          if (target === '' || target.toLowerCase() === 'xml') continue;
          view = new XPathNode(child, 7, target, order++, xml);
          view.target = target;
          view.nodeValue = child.data.slice(child.name.length).replace(/\?$/, '').trim();
          break;
        }
        case 'tag':
        case 'script':
        case 'style': {
          view = new XPathNode(child, 1, child.name, order++, xml);
          break;
        }
        default:
          continue;
      }
      view.parentNode = parentView;
      view.ownerDocument = doc;
      if (parentView.lastChild === null) parentView.firstChild = view;
      else {
        parentView.lastChild.nextSibling = view;
        view.previousSibling = parentView.lastChild;
      }
      parentView.lastChild = view;
      this.#byNode.set(child, view);
      if (view.nodeType === 1) {
        const element = child as Element;
        setElementName(view, element.name, xml);
        if (doc.documentElement === null && parentView === doc) doc.documentElement = view;
        // Attributes are numbered between the element and its first child.
        order++;
        if (element.children.length > 0) stack.push({ parent: element, view, index: 0 });
      }
    }
  }
}

function setElementName(view: XPathNode, name: string, xml: boolean): void {
  const colon = xml ? name.indexOf(':') : -1;
  if (colon > 0) {
    view.prefix = name.slice(0, colon);
    view.localName = name.slice(colon + 1);
    view.namespaceURI = lookupNamespace(view, view.prefix);
  } else {
    view.localName = name;
    // HTML documents carry no namespaces, as with lxml's HTML parser: `//svg` just works.
    view.namespaceURI = xml ? lookupNamespace(view, '') : null;
  }
}

function cdataText(node: AnyNode): string {
  let out = '';
  for (const child of (node as ParentNode).children) if (child.type === 'text') out += child.data;
  return out;
}
