import type { Crawler } from '../core/crawler.ts';
import type { Failure } from '../core/failure.ts';
import { HtmlResponse } from '../http/html-response.ts';
import { type Callback, type Errback, Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { LinkExtractor } from '../link-extractors/link-extractor.ts';
import {
  collectAsync, isAsyncIterable, isPromiseLike, resolveOutput, toAsyncIterable, toOutputIterable,
} from '../utils/maybe-async.ts';
import type { ProcessLinks, ProcessRequest, Rule } from './rule.ts';
import { Spider } from './spider.ts';

/** A rule with its functions resolved on the spider. */
interface CompiledRule {
  linkExtractor: LinkExtractor;
  callback: Callback | null;
  errback: Errback | null;
  cbKwargs: Record<string, unknown>;
  follow: boolean;
  processLinks: ProcessLinks | null;
  processRequest: ProcessRequest | null;
}

type Output = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * A spider that crawls by rules: from every HTML page it downloads (start pages, and pages of rules
 * with `follow`), each {@link Rule} extracts links and requests them; the pages a rule leads to go
 * to its callback. A link is requested once per page even if several rules extract it: the first
 * rule wins. Requests carry `meta.rule` (the rule's index) and `meta.link_text`.
 *
 * Do not override `parse` (it runs the rules); use `parseStartUrl` for the start pages. A rule
 * callback's output (after {@link CrawlSpider.processResults}) comes first, then the follow-up
 * requests. The CRAWLSPIDER_FOLLOW_LINKS setting (default true) turns all following off.
 *
 * Rules are read on the first response, so they can be a class field (`rules = [...]`).
 * Requests of rules without an errback get one that swallows failures, as in Scrapy.
 * @example
 * class ShopSpider extends CrawlSpider {
 *   name = 'shop';
 *   startUrls = ['http://127.0.0.1:8080/'];
 *   rules = [
 *     new Rule(new LinkExtractor({ allow: '/category/' })),
 *     new Rule(new LinkExtractor({ allow: '/product/' }), { callback: 'parseItem' }),
 *   ];
 *   parseItem(response: Response) {
 *     return { name: response.css('h1::text').get() };
 *   }
 * }
 * @see Scrapy's `scrapy.spiders.CrawlSpider`
 */
export class CrawlSpider extends Spider {
  /** The crawling rules, in priority order. @default [] */
  rules: Rule[] = [];
  #compiled: CompiledRule[] | undefined;
  #followLinks = true;

  /** Reads CRAWLSPIDER_FOLLOW_LINKS (as Scrapy's `from_crawler`). Called by the Crawler. */
  override bindCrawler(crawler: Crawler): void {
    super.bindCrawler(crawler);
    this.#followLinks = crawler.settings.getBool('CRAWLSPIDER_FOLLOW_LINKS', true);
  }

  /**
   * Processes a start page: {@link CrawlSpider.parseStartUrl}'s output, then the requests the rules
   * extract from it. Not meant to be overridden.
   * @see Scrapy's `CrawlSpider._parse`
   */
  override parse(response: Response, kwargs: Record<string, unknown> = {}): Output {
    return this.#parseResponse(response, this.parseStartUrl, kwargs, true);
  }

  /**
   * Called with each start page; its output (items, requests) is sent before the rules' requests.
   * @default returns []
   * @see Scrapy's `CrawlSpider.parse_start_url`
   */
  parseStartUrl(_response: Response, _kwargs?: Record<string, unknown>): unknown {
    return [];
  }

  /**
   * Sees the output of `parseStartUrl` and of rule callbacks (an array when the callback was
   * async) and returns what to send on.
   * @default returns `results` unchanged
   * @see Scrapy's `CrawlSpider.process_results`
   */
  processResults(_response: Response, results: unknown): unknown {
    return results;
  }

  /**
   * The callback of every rule request: runs the rule's callback with the rule's `cbKwargs` under
   * the request's, then follows links if the rule says so. Internal, public so requests can name it.
   */
  ruleCallback(response: Response, kwargs: Record<string, unknown> = {}): Output {
    const rule = this.#rule(response.meta.rule);
    return this.#parseResponse(response, rule.callback, { ...rule.cbKwargs, ...kwargs }, rule.follow);
  }

  /**
   * The errback of every rule request: hands the failure to the rule's errback; without one the
   * failure is swallowed (Scrapy's behaviour). Internal, public so requests can name it.
   */
  ruleErrback(failure: Failure): unknown {
    const rule = this.#rule(failure.request.meta.rule);
    return rule.errback === null ? [] : rule.errback.call(this, failure);
  }

  #rule(index: unknown): CompiledRule {
    const rule = typeof index === 'number' ? this.#rules()[index] : undefined;
    if (rule === undefined) {
      throw new Error(`[skitter] ${this.constructor.name}: request meta.rule is ${String(index)}, which is not a rule index; keep meta.rule as CrawlSpider set it`);
    }
    return rule;
  }

  #rules(): CompiledRule[] {
    if (this.#compiled === undefined) {
      this.#compiled = this.rules.map((rule, index) => ({
        linkExtractor: rule.linkExtractor,
        callback: this.#method<Callback>(rule.callback, index, 'callback'),
        errback: this.#method<Errback>(rule.errback, index, 'errback'),
        cbKwargs: rule.cbKwargs,
        follow: rule.follow,
        processLinks: this.#method<ProcessLinks>(rule.processLinks, index, 'processLinks'),
        processRequest: this.#method<ProcessRequest>(rule.processRequest, index, 'processRequest'),
      }));
    }
    return this.#compiled;
  }

  /** A rule function given directly or by method name. Unlike Scrapy, a wrong name is an error, not a silent `None`. */
  #method<F>(value: unknown, index: number, what: string): F | null {
    if (value == null) return null;
    if (typeof value === 'function') return value as F;
    const method = (this as unknown as Record<string, unknown>)[value as string];
    if (typeof method !== 'function') {
      throw new TypeError(`[skitter] ${this.constructor.name}: rule ${index} ${what} ${JSON.stringify(value)} is not a method of the spider`);
    }
    return method as F;
  }

  /** Scrapy's `_parse_response`: the callback's results, then (if following) the rules' requests. */
  #parseResponse(response: Response, callback: Callback | null, kwargs: Record<string, unknown>, follow: boolean): Output {
    const followLinks = follow && this.#followLinks;
    if (callback === null) return followLinks ? this.#requestsToFollow(response) : [];
    const output = callback.call(this, response, kwargs);
    if (isPromiseLike(output) || isAsyncIterable(output)) return this.#parseAsync(response, output, followLinks);
    const results = this.processResults(response, output ?? []);
    if (isPromiseLike(results) || isAsyncIterable(results)) return this.#emitAsync(response, results, followLinks);
    return this.#emit(response, toOutputIterable(results) as Iterable<unknown>, followLinks);
  }

  *#emit(response: Response, results: Iterable<unknown>, follow: boolean): Generator<unknown> {
    yield* results;
    if (follow) yield* this.#requestsToFollow(response);
  }

  async *#parseAsync(response: Response, output: unknown, follow: boolean): AsyncGenerator<unknown> {
    let settled = isPromiseLike(output) ? await output : output;
    // Scrapy collects an async callback's output whole before processResults sees it.
    if (isAsyncIterable(settled)) settled = await collectAsync(settled);
    yield* this.#emitAsync(response, this.processResults(response, settled ?? []), follow);
  }

  async *#emitAsync(response: Response, results: unknown, follow: boolean): AsyncGenerator<unknown> {
    yield* toAsyncIterable(await resolveOutput(results));
    if (follow) yield* this.#requestsToFollow(response);
  }

  /** Scrapy's `_requests_to_follow`: one request per new link of each rule, HTML pages only. */
  *#requestsToFollow(response: Response): Generator<Request> {
    if (!(response instanceof HtmlResponse)) return;
    const seen = new Set<string>();
    const rules = this.#rules();
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!;
      const links = rule.linkExtractor.extractLinks(response).filter((link) => !seen.has(link.key));
      const processed = rule.processLinks === null ? links : rule.processLinks.call(this, links);
      for (const link of processed) {
        seen.add(link.key);
        const request = new Request(link.url, {
          callback: this.ruleCallback,
          errback: this.ruleErrback,
          meta: { rule: index, link_text: link.text },
        });
        const out = rule.processRequest === null ? request : rule.processRequest.call(this, request, response);
        if (out != null) yield out;
      }
    }
  }
}
