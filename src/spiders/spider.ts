import type { Crawler } from '../core/crawler.ts';
import type { Logger } from '../core/log.ts';
import type { Settings, SettingsInput } from '../core/settings/settings.ts';
import { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';

/**
 * The base spider, Scrapy's `scrapy.Spider`. Subclass it, give it a `name`, start URLs (or your own
 * `start()`), and a `parse()` callback.
 *
 * Callbacks and errbacks may be plain functions (returning nothing, a request, an item, or an array
 * or iterable of them), generators, async functions or async generators. Their output is processed
 * as it is yielded. Callbacks are called with `this` bound to the spider, so `callback: this.parseItem`
 * works without `.bind`.
 *
 * Spider arguments (`-a NAME=VALUE` on the command line, or `crawl(Spider, { args })`) are assigned
 * as properties after construction, as Scrapy does.
 *
 * @see https://docs.scrapy.org/en/latest/topics/spiders.html
 * @example
 * class QuotesSpider extends Spider {
 *   name = 'quotes';
 *   startUrls = ['http://127.0.0.1:8080/'];
 *   *parse(response: Response) {
 *     for (const q of response.css('.quote')) yield { text: q.css('.text::text').get() };
 *     const next = response.css('li.next a::attr(href)').get();
 *     if (next) yield response.follow(next);
 *   }
 * }
 */
export class Spider {
  /** The spider's unique name (used by `skitter crawl NAME`, logs and stats). Required. */
  name = '';
  /** URLs the default `start()` requests. */
  startUrls: string[] = [];
  /** Domains the OffsiteMiddleware lets through (subdomains included); empty allows all. */
  allowedDomains: string[] = [];
  /**
   * Settings for this spider, applied at `spider` priority (over project settings, under `-s`).
   * LOOP_ADAPTER cannot be set here (it is process-wide).
   */
  customSettings: SettingsInput = {};
  /** Persistent state across runs of this spider (kept in memory unless a job store is used). */
  state: Record<string, unknown> = {};

  #crawler: Crawler | undefined;
  #logger: Logger | undefined;

  /** The crawler running this spider. @throws {Error} before the spider is bound to a crawler. */
  get crawler(): Crawler {
    if (!this.#crawler) throw new Error(`[skitter] Spider ${this.name || this.constructor.name}: no crawler yet; the crawler binds it when the crawl starts.`);
    return this.#crawler;
  }

  /** The crawler's (frozen) settings. */
  get settings(): Settings {
    return this.crawler.settings;
  }

  /** A logger named after the spider. */
  get logger(): Logger {
    this.#logger ??= this.#crawler ? this.#crawler.getLogger(this.name || this.constructor.name) : fallbackLogger(this.name);
    return this.#logger;
  }

  /** Binds the spider to its crawler. Called once by the Crawler; not for user code. */
  bindCrawler(crawler: Crawler): void {
    this.#crawler = crawler;
    this.#logger = undefined;
  }

  /**
   * Yields the first requests (and possibly items). The default yields one request per start URL,
   * with `dontFilter: true` as Scrapy's default. Override it as an async generator.
   * @see Scrapy's `Spider.start`
   */
  async *start(): AsyncGenerator<unknown> {
    for (const url of this.startUrls) yield new Request(url, { dontFilter: true });
  }

  /**
   * The default callback, for responses whose request has none.
   * @throws {Error} unless overridden.
   */
  parse(response: Response, _kwargs?: Record<string, unknown>): unknown {
    throw new Error(`[skitter] ${this.constructor.name}.parse callback is not defined (response ${response.url}); define parse() or give the request a callback.`);
  }

  toString(): string {
    return `<${this.constructor.name} '${this.name}'>`;
  }
}

/** The optional `closed(reason)` hook Scrapy connects to `spider_closed`. */
export interface SpiderWithClosed {
  closed(reason: string): unknown;
}

/** A spider class (its constructor takes no arguments; spider arguments are assigned afterwards). */
export type SpiderClass<S extends Spider = Spider> = new () => S;

/**
 * Marks Spider and, through static inheritance, every subclass. `Symbol.for` is shared by every
 * copy of skitter in a realm, so a spider is recognized even when its module got its own copy of
 * skitter (a bundler's pre-bundled dependency next to the package's files), where `instanceof`
 * would fail.
 */
const SPIDER_BRAND = Symbol.for('skitter.Spider');
Object.defineProperty(Spider, SPIDER_BRAND, { value: true });

/** True for Spider and any class extending it, from any copy of skitter. */
export function isSpiderClass(value: unknown): value is SpiderClass {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[SPIDER_BRAND] === true;
}

function fallbackLogger(name: string): Logger {
  const prefix = `[${name || 'spider'}]`;
  const l: Logger = {
    debug: (m) => console.debug(prefix, m),
    info: (m) => console.info(prefix, m),
    warning: (m) => console.warn(prefix, m),
    warn: (m) => console.warn(prefix, m),
    error: (m, e) => console.error(prefix, m, e ?? ''),
    child: () => l,
  };
  return l;
}
