import type { Callback, Errback, Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { LinkExtractor } from '../link-extractors/link-extractor.ts';
import type { Link } from '../link-extractors/link.ts';

/**
 * Filters or rewrites the links a rule extracted from one page, before requests are built for
 * them. Called with the spider as `this`.
 */
export type ProcessLinks = (links: Link[]) => Iterable<Link>;

/**
 * Sees each request a rule builds, with the page it came from; returns the request to schedule
 * (the same one, changed or another), or `null`/`undefined` to drop it. Called with the spider as `this`.
 */
export type ProcessRequest = (request: Request, response: Response) => Request | null | undefined;

/** Options of {@link Rule}. Functions may also be given by method name, resolved on the spider. */
export interface RuleOptions {
  /** Called with each page the rule's links lead to (spider as `this`); a method name works too. @default none */
  callback?: Callback | string | null;
  /** Extra arguments for `callback` (merged under the request's own `cbKwargs`). @default {} */
  cbKwargs?: Record<string, unknown>;
  /** Follow the links of the pages this rule leads to. @default true without a callback, false with one */
  follow?: boolean | null;
  /** See {@link ProcessLinks}; a method name works too. @default none */
  processLinks?: ProcessLinks | string | null;
  /** See {@link ProcessRequest}; a method name works too. @default none */
  processRequest?: ProcessRequest | string | null;
  /** Called with the Failure of the rule's requests (spider as `this`); a method name works too. @default none */
  errback?: Errback | string | null;
}

let defaultLinkExtractor: LinkExtractor | undefined;

/**
 * One crawling rule of a {@link CrawlSpider}: which links to extract from each page, and what to do
 * with the pages they lead to.
 * @example
 * rules = [
 *   new Rule(new LinkExtractor({ allow: '/category/' })),                          // follow
 *   new Rule(new LinkExtractor({ allow: '/product/' }), { callback: 'parseItem' }), // scrape
 * ];
 * @see Scrapy's `scrapy.spiders.Rule`
 */
export class Rule {
  /** Finds the links; rules without one share a default `new LinkExtractor()`. */
  linkExtractor: LinkExtractor;
  /** The callback, or its method name, or null. */
  callback: Callback | string | null;
  /** Extra callback arguments. */
  cbKwargs: Record<string, unknown>;
  /** Whether links are followed from the pages this rule leads to. */
  follow: boolean;
  /** The links filter, or its method name, or null. */
  processLinks: ProcessLinks | string | null;
  /** The request filter, or its method name, or null. */
  processRequest: ProcessRequest | string | null;
  /** The errback, or its method name, or null. */
  errback: Errback | string | null;

  constructor(linkExtractor?: LinkExtractor | null, options: RuleOptions = {}) {
    this.linkExtractor = linkExtractor ?? (defaultLinkExtractor ??= new LinkExtractor());
    this.callback = options.callback || null;
    this.cbKwargs = options.cbKwargs ?? {};
    this.follow = options.follow ?? !this.callback;
    this.processLinks = options.processLinks || null;
    this.processRequest = options.processRequest || null;
    this.errback = options.errback || null;
  }
}
