import type { Response } from '../http/response.ts';
import { Selector, type SelectorList } from '../selector/selector.ts';
import { collectNodeOutput, missingMethod } from './feed-results.ts';
import { Spider } from './spider.ts';

/** How {@link XMLFeedSpider} finds its nodes. */
export type XmlFeedIterator = 'iternodes' | 'xml' | 'html';

/**
 * A spider for XML feeds (RSS, Atom, product feeds), Scrapy's `XMLFeedSpider`: `parse` finds every
 * `itertag` node of the response and calls `parseNode(response, node)` for each, with `node` a
 * {@link Selector} on that node. Its output (items, requests, in any callback shape) goes through
 * `processResults` before it is yielded.
 *
 * - `iterator: 'iternodes'` (default) parses the feed as XML and matches `itertag` by local name,
 *   whatever namespace the element is in (or in the namespace of the prefix, for `'prefix:tag'`);
 * - `'xml'` selects `//itertag` with XPath on the XML document (namespaces as registered);
 * - `'html'` parses the body as HTML (for feeds that are not well-formed XML).
 *
 * `namespaces` (`[prefix, uri]` pairs) are registered on every node's selector.
 * @example
 * class ProductFeedSpider extends XMLFeedSpider {
 *   name = 'feed';
 *   startUrls = ['http://127.0.0.1:8080/feeds/products.xml'];
 *   itertag = 'item';
 *   parseNode(response: Response, node: Selector) {
 *     return { title: node.xpath('title/text()').get(), link: node.xpath('link/text()').get() };
 *   }
 * }
 * @see https://docs.scrapy.org/en/latest/topics/spiders.html#xmlfeedspider
 */
export class XMLFeedSpider extends Spider {
  /** How nodes are found. @default 'iternodes' */
  iterator: XmlFeedIterator = 'iternodes';
  /** The name of the nodes to iterate over (`'prefix:name'` with a prefix from `namespaces`). @default 'item' */
  itertag = 'item';
  /** `[prefix, uri]` namespace pairs available in node XPath queries. @default [] */
  namespaces: Array<readonly [string, string]> = [];

  /**
   * Called for each node: return items and requests as a callback does. Must be overridden.
   * @throws {NotConfigured} when the spider does not define it.
   */
  parseNode(_response: Response, _node: Selector): unknown {
    throw missingMethod(this, 'an XMLFeedSpider', 'parseNode(response, node)');
  }

  /**
   * Changes the response before its nodes are found (e.g. fixes a broken body); return the
   * response to use. @default the response unchanged
   */
  adaptResponse(response: Response): Response {
    return response;
  }

  /**
   * Changes the output of one node's `parseNode` before it is yielded (Scrapy's `process_results`).
   * @default the results unchanged
   */
  processResults(_response: Response, results: unknown[]): unknown[] | Iterable<unknown> {
    return results;
  }

  /** Finds the nodes and yields what `parseNode` and `processResults` give for each, node by node. */
  override async *parse(response: Response): AsyncGenerator<unknown> {
    // Scrapy fails at the first feed, even one without nodes, when parse_node is missing.
    if (this.parseNode === XMLFeedSpider.prototype.parseNode) throw missingMethod(this, 'an XMLFeedSpider', 'parseNode(response, node)');
    const adapted = this.adaptResponse(response);
    for (const node of this.#nodes(adapted)) {
      this.#registerNamespaces(node);
      yield* await collectNodeOutput(this.parseNode(adapted, node), adapted, (r, results) => this.processResults(r, results));
    }
  }

  #nodes(response: Response): SelectorList {
    const iterator = this.iterator;
    if (iterator !== 'iternodes' && iterator !== 'xml' && iterator !== 'html') {
      throw new TypeError(`[skitter] ${this.constructor.name}: unknown iterator ${JSON.stringify(iterator)}; use 'iternodes', 'xml' or 'html'.`);
    }
    const selector = new Selector({ text: response.text, type: iterator === 'html' ? 'html' : 'xml' });
    this.#registerNamespaces(selector);
    if (iterator !== 'iternodes') return selector.xpath(`//${this.itertag}`);
    const colon = this.itertag.indexOf(':');
    if (colon < 0) return selector.xpath(`//*[local-name()=${xpathString(this.itertag)}]`);
    const prefix = this.itertag.slice(0, colon);
    const uri = this.namespaces.find(([p]) => p === prefix)?.[1];
    if (uri === undefined) {
      throw new TypeError(`[skitter] ${this.constructor.name}: itertag ${JSON.stringify(this.itertag)} uses prefix ${JSON.stringify(prefix)}, which namespaces does not declare; add [${JSON.stringify(prefix)}, 'uri'] to namespaces.`);
    }
    const local = this.itertag.slice(colon + 1);
    return selector.xpath(`//*[local-name()=${xpathString(local)} and namespace-uri()=${xpathString(uri)}]`);
  }

  #registerNamespaces(selector: Selector): void {
    for (const [prefix, uri] of this.namespaces) selector.registerNamespace(prefix, uri);
  }
}

/** An XPath string literal for `value` (XPath 1.0 has no escapes: pick the quote it lacks). */
function xpathString(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return `concat('${value.split("'").join(`', "'", '`)}')`;
}
