import { Document, Element, Node as DomNode } from 'domhandler';
import type { AnyNode } from 'domhandler';
import { cssSelect } from './css-query.ts';
import { ParsedDocument } from './parsed-markup.ts';
import type { SelectorType } from './parsed-markup.ts';
import { extractRegex } from './regex.ts';
import { SelectorList } from './selector-list.ts';
import { scalarToString, serializeNode } from './serialize.ts';
import { detachString } from './detach-string.ts';
import { DEFAULT_NAMESPACES, xpathSelect } from './xpath-query.ts';
import type { XPathResult, XPathVariables } from './xpath-query.ts';

/**
 * What a {@link Selector} is made from: the document `text` (parsed lazily), or a `root` that is a
 * domhandler node (of a tree parsed elsewhere) or a plain string / number / boolean value.
 */
export interface SelectorInit {
  /** HTML or XML source text. Parsed on the first query, once, whatever the number of queries. */
  text?: string;
  /** How to parse `text` and serialise nodes. @default 'html' */
  type?: SelectorType;
  /** A domhandler node or a scalar value to wrap instead of `text`. */
  root?: unknown;
  /** Namespace prefixes for XPath queries, on top of parsel's defaults (`re`, `set`). */
  namespaces?: Record<string, string>;
}

export { SelectorList };

/**
 * What a selector stands for (see {@link Selector.root}): a domhandler node, or the string of a text
 * node / attribute, or a number / boolean from a scalar XPath expression.
 */
export type SelectorRoot = AnyNode | string | number | boolean;

/**
 * A node (or value) of an HTML/XML document that can be queried with CSS and XPath, with parsel's
 * behaviour: `::text` and `::attr(name)` pseudo-elements, CSS queries that match the context element
 * itself (`descendant-or-self`), XPath relative to the element, `get()` / `getall()` / `re()`.
 *
 * Parsing is lazy and happens once per document: the text is parsed (htmlparser2) on the first
 * query and the tree is shared by every selector derived from it. CSS runs on css-select with one
 * compiled matcher per query string; XPath runs on the `xpath` package over a W3C-shaped view of the
 * same tree (built on the first XPath query), so results of both are the same nodes and
 * `sel.css('x').xpath('./y')` / `sel.xpath('//x').css('y')` mix freely.
 *
 * Results that are text nodes or attributes are strings (`root` is the string), as in parsel.
 *
 * @example
 * ```ts
 * const sel = new Selector({ text: html });
 * sel.css('a::attr(href)').getall();
 * sel.xpath('//h1/text()').get();
 * sel.css('div.product').xpath('./@data-id').get('none');
 * ```
 * @see parsel's `Selector` (Scrapy's `response.selector`)
 */
export class Selector {
  /** Document flavour: `'html'` or `'xml'`. */
  readonly type: SelectorType;
  #document: ParsedDocument | null;
  /** `undefined` stands for "the document's root element", known only after parsing. */
  #root: SelectorRoot | undefined;
  #namespaces: Record<string, string>;
  /** Derived selectors share their parent's namespace map until one registers its own prefix. */
  #ownsNamespaces = true;

  /**
   * @throws {TypeError} when neither `text` nor `root` is given, or `root` is not a domhandler node,
   *   string, number or boolean.
   */
  constructor(init: SelectorInit) {
    this.type = init.type ?? 'html';
    this.#namespaces = { ...init.namespaces };
    if (init.text !== undefined) {
      this.#document = new ParsedDocument(this.type, init.text);
      this.#root = undefined;
    } else if (init.root instanceof DomNode) {
      const node = init.root as AnyNode;
      this.#document = ParsedDocument.fromNode(node, this.type);
      this.#root = node;
    } else if (typeof init.root === 'string' || typeof init.root === 'number' || typeof init.root === 'boolean') {
      this.#document = null;
      this.#root = init.root;
    } else {
      throw new TypeError('[skitter] Selector: needs `text` or `root` (a domhandler node, string, number or boolean)');
    }
  }

  /** True once the document text was parsed (a fresh `new Selector({ text })` is not). */
  get parsed(): boolean {
    return this.#document?.parsed ?? true;
  }

  /**
   * The underlying value: a domhandler `Element` (the root element, `<html>`, for the document
   * selector; other nodes for comments or the document), or the string / number / boolean of a
   * text, attribute or scalar XPath result. Reading it parses the markup.
   */
  get root(): SelectorRoot {
    return this.#resolvedRoot();
  }

  /** A copy of the element's attributes (names lowercased in HTML), `{}` for anything else. @see parsel's `Selector.attrib` */
  get attrib(): Record<string, string> {
    const root = this.#resolvedRoot();
    if (!(root instanceof Element)) return {};
    const out: Record<string, string> = {};
    for (const name in root.attribs) out[name] = detachString(root.attribs[name]!);
    return out;
  }

  /** Adds a namespace prefix for this selector's XPath queries and for the selectors they return. */
  registerNamespace(prefix: string, uri: string): void {
    if (!this.#ownsNamespaces) {
      this.#namespaces = { ...this.#namespaces };
      this.#ownsNamespaces = true;
    }
    this.#namespaces[prefix] = uri;
  }

  /**
   * Removes namespace prefixes from every element and attribute name of the document, in place, so
   * `//link` matches `<atom:link>` (and default-namespace elements). Affects every selector of the same page.
   * @see parsel's `Selector.remove_namespaces()`
   */
  removeNamespaces(): void {
    this.#document?.removeNamespaces();
  }

  /**
   * Runs a CSS selector from this element (which can match itself). Supports parsel's `::text`
   * (direct text children; `*::text` for all descendant text) and `::attr(name)` pseudo-elements
   * and comma-separated groups; results are in document order. On a text/attribute/scalar selector
   * the result is empty, as in parsel.
   * @throws {SyntaxError} for an invalid selector.
   */
  css(query: string): SelectorList {
    const out = new SelectorList();
    const parsedDoc = this.#document;
    const resolved = this.#resolvedRoot();
    // The document node (from `xpath('/')`) queries like the root element, as the document selector does.
    const root = resolved instanceof Document ? parsedDoc?.rootElement : resolved;
    if (parsedDoc === null || !(root instanceof Element)) return out;
    const scoped = root !== parsedDoc.rootElement;
    for (const result of cssSelect(query, root, this.type === 'xml', scoped, !parsedDoc.mutated)) {
      out.push(this.#child(result));
    }
    return out;
  }

  /**
   * Evaluates XPath 1.0 from this node: relative paths (`./a`, `.//a`, `@href`, `text()`) start at
   * it, absolute ones (`//a`) at the root. Node-sets give one selector per node in document
   * order; scalar results (`count()`, `string()`, comparisons) give one selector whose `get()` is
   * parsel's string form (`'3.0'`, `'1'`). Supports parsel's `has-class()` and EXSLT `re:test()`.
   * @param namespaces - extra prefix -> URI mappings for this query.
   * @param variables - values for `$name` references.
   * @throws {SyntaxError} for an invalid expression or an unknown prefix or function.
   */
  xpath(query: string, namespaces?: Record<string, string>, variables?: XPathVariables): SelectorList {
    const out = new SelectorList();
    const parsedDoc = this.#document;
    const root = this.#resolvedRoot();
    if (parsedDoc === null || !(root instanceof DomNode)) return out;
    const allNamespaces = { ...DEFAULT_NAMESPACES, ...this.#namespaces, ...namespaces };
    for (const result of xpathSelect(query, parsedDoc.xpathView, root as AnyNode, allNamespaces, variables)) {
      out.push(this.#child(result));
    }
    return out;
  }

  /**
   * The serialised value: outer HTML for an element (browser `outerHTML` form, see
   * {@link serializeNode}), the text for a text node or attribute, parsel's string form for a
   * scalar XPath result (`'3.0'` for `count()`, `'1'` / `'0'` for booleans).
   * @see parsel's `Selector.get()`
   */
  get(): string {
    // Detached so that a value kept in an item does not keep the whole page's text alive.
    return detachString(this.#value());
  }

  #value(): string {
    const root = this.#resolvedRoot();
    if (!(root instanceof DomNode)) return scalarToString(root);
    if (root instanceof Document) {
      const element = this.#document!.rootElement;
      if (element instanceof Element) return serializeNode(element, this.type);
      return serializeNode(root, this.type);
    }
    return serializeNode(root as AnyNode, this.type);
  }

  /** `[this.get()]`. @see parsel's `Selector.getall()` */
  getall(): string[] {
    return [this.get()];
  }

  /**
   * Applies `regex` to `get()` with parsel's rules: the `extract` named group of the first match if
   * the pattern has one; otherwise all whole matches (no groups) or all groups of all matches.
   * A string pattern may use Python's `(?P<name>...)`. References other than `&lt;`/`&amp;` are decoded.
   * @throws {SyntaxError} for an invalid pattern.
   * @see parsel's `Selector.re()`
   */
  re(regex: RegExp | string, replaceEntities = true): string[] {
    return extractRegex(regex, this.get(), replaceEntities);
  }

  /** The first {@link re} result, or `fallback` (default `null`). @see parsel's `Selector.re_first()` */
  reFirst(regex: RegExp | string): string | null;
  reFirst(regex: RegExp | string, fallback: string, replaceEntities?: boolean): string;
  reFirst(regex: RegExp | string, fallback?: string | null, replaceEntities?: boolean): string | null;
  reFirst(regex: RegExp | string, fallback: string | null = null, replaceEntities = true): string | null {
    return this.re(regex, replaceEntities)[0] ?? fallback;
  }

  /** A short description for logs, like parsel's repr. */
  toString(): string {
    const data = this.#value();
    return `<Selector data=${JSON.stringify(data.length > 40 ? `${data.slice(0, 37)}...` : data)}>`;
  }

  #resolvedRoot(): SelectorRoot {
    if (this.#root === undefined) this.#root = this.#document!.rootElement;
    return this.#root;
  }

  #child(result: XPathResult): Selector {
    const child = new Selector({ type: this.type, root: '' });
    child.#document = typeof result === 'object' ? this.#document : null;
    child.#root = result;
    child.#namespaces = this.#namespaces;
    child.#ownsNamespaces = false;
    return child;
  }
}
