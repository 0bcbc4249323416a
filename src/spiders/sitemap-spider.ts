import type { Crawler } from '../core/crawler.ts';
import { decodeBody, detectEncoding } from '../http/encoding.ts';
import { type Callback, Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { XmlResponse } from '../http/xml-response.ts';
import { compilePatterns, type UrlPattern } from '../link-extractors/url-matching.ts';
import { gunzip, isGzip } from './gunzip.ts';
import { Sitemap, type SitemapEntry, sitemapUrlsFromRobots } from './sitemap.ts';
import { Spider } from './spider.ts';

/** A sitemap rule: URLs matching the pattern (searched anywhere) go to the callback (or the spider method of that name). */
export type SitemapRule = readonly [UrlPattern, Callback | string];

/**
 * A spider that finds its pages in sitemaps. `sitemapUrls` may be sitemaps, sitemap indexes
 * (whose sitemaps matching `sitemapFollow` are followed) or robots.txt URLs (whose `Sitemap:`
 * lines are followed). Each page URL of a urlset goes to the callback of the first
 * `sitemapRules` entry whose pattern it matches; URLs matching none are skipped.
 *
 * Sitemaps may be gzipped (`.xml.gz`, or any body starting with the gzip magic number): they are
 * decompressed with the web-standard `DecompressionStream`, within DOWNLOAD_MAXSIZE (or the
 * request's `meta.download_maxsize`), warning past DOWNLOAD_WARNSIZE.
 *
 * Configuration is read on the first sitemap, so it can be given as class fields.
 * @example
 * class ShopSpider extends SitemapSpider {
 *   name = 'shop';
 *   sitemapUrls = ['http://127.0.0.1:8080/robots.txt'];
 *   sitemapRules: SitemapRule[] = [['/product/', 'parseProduct']];
 *   parseProduct(response: Response) {
 *     return { name: response.css('h1::text').get() };
 *   }
 * }
 * @see Scrapy's `scrapy.spiders.SitemapSpider`
 */
export class SitemapSpider extends Spider {
  /** Sitemap, sitemap index or robots.txt URLs to start from. @default [] */
  sitemapUrls: string[] = [];
  /** `[pattern, callback]` pairs; the first match wins. @default [['', 'parse']] (every URL to `parse`) */
  sitemapRules: SitemapRule[] = [['', 'parse']];
  /** Patterns of the sitemap-index entries to follow. @default [''] (all) */
  sitemapFollow: UrlPattern[] = [''];
  /** Also use the `<xhtml:link rel="alternate">` URLs of each entry. @default false */
  sitemapAlternateLinks = false;

  #compiled: { rules: Array<[RegExp, Callback]>; follow: RegExp[] } | undefined;
  #maxSizeBytes = 0;
  #warnSizeBytes = 0;

  /** Reads DOWNLOAD_MAXSIZE and DOWNLOAD_WARNSIZE (bytes), as Scrapy's `from_crawler`. Called by the Crawler. */
  override bindCrawler(crawler: Crawler): void {
    super.bindCrawler(crawler);
    this.#maxSizeBytes = crawler.settings.getInt('DOWNLOAD_MAXSIZE');
    this.#warnSizeBytes = crawler.settings.getInt('DOWNLOAD_WARNSIZE');
  }

  /** One request per sitemap URL, to {@link SitemapSpider.parseSitemap}. */
  override async *start(): AsyncGenerator<unknown> {
    for (const url of this.sitemapUrls) yield new Request(url, { callback: this.parseSitemap });
  }

  /**
   * Filters (or changes) the entries of each sitemap before they are used; override it, e.g. to
   * keep entries by `lastmod`. Sees index entries too (check `sitemap.type`).
   * @default yields every entry
   * @see Scrapy's `SitemapSpider.sitemap_filter`
   */
  sitemapFilter(entries: Iterable<SitemapEntry>): Iterable<SitemapEntry> {
    return entries;
  }

  /**
   * The callback of sitemap requests: robots.txt gives requests for its sitemaps, an index gives
   * requests for the sitemaps matching `sitemapFollow`, a urlset gives requests for the pages
   * matching `sitemapRules`. A body that is not a sitemap is logged and ignored.
   * @throws {TypeError} when a rule names a method the spider does not have.
   * @see Scrapy's `SitemapSpider._parse_sitemap`
   */
  async *parseSitemap(response: Response): AsyncGenerator<Request> {
    if (response.url.endsWith('/robots.txt')) {
      for (const url of sitemapUrlsFromRobots(response.text, response.url)) {
        yield new Request(url, { callback: this.parseSitemap });
      }
      return;
    }
    const body = await this.getSitemapBody(response);
    if (body === null) {
      this.logger.warning(`Ignoring invalid sitemap: ${response}`);
      return;
    }
    const { rules, follow } = this.#config();
    const sitemap = new Sitemap(decodeBody(body, detectEncoding(body, null, 'xml')));
    const entries = this.sitemapFilter(sitemap);
    if (sitemap.type === 'sitemapindex') {
      for (const loc of this.#locations(entries)) {
        if (follow.some((regex) => regex.test(loc))) yield new Request(loc, { callback: this.parseSitemap });
      }
    } else if (sitemap.type === 'urlset') {
      for (const loc of this.#locations(entries)) {
        for (const [regex, callback] of rules) {
          if (regex.test(loc)) {
            yield new Request(loc, { callback });
            break;
          }
        }
      }
    }
  }

  /**
   * The sitemap bytes of a response: an XML response's body; a gzip body decompressed (`null`
   * when larger than the size limit); else the body if the URL ends in `.xml` or `.xml.gz` (a
   * body the server compressed on the fly arrives decompressed); else `null`.
   * @see Scrapy's `SitemapSpider._get_sitemap_body`
   */
  async getSitemapBody(response: Response): Promise<Uint8Array | null> {
    if (response instanceof XmlResponse) return response.body;
    if (isGzip(response.body)) {
      const meta = response.request?.meta ?? {};
      const maxSize = typeof meta.download_maxsize === 'number' ? meta.download_maxsize : this.#maxSizeBytes;
      const warnSize = typeof meta.download_warnsize === 'number' ? meta.download_warnsize : this.#warnSizeBytes;
      const body = await gunzip(response.body, maxSize);
      if (body === null) return null;
      if (response.body.byteLength < warnSize && warnSize <= body.byteLength) {
        this.logger.warning(`${response} body size after decompression (${body.byteLength} B) is larger than the download warning size (${warnSize} B).`);
      }
      return body;
    }
    const url = response.url;
    if (url.endsWith('.xml') || url.endsWith('.xml.gz')) return response.body;
    return null;
  }

  *#locations(entries: Iterable<SitemapEntry>): Generator<string> {
    const alternates = this.sitemapAlternateLinks;
    for (const entry of entries) {
      yield entry.loc;
      if (alternates && entry.alternate !== undefined) yield* entry.alternate;
    }
  }

  #config(): { rules: Array<[RegExp, Callback]>; follow: RegExp[] } {
    if (this.#compiled === undefined) {
      const owner = this.constructor.name;
      const rules = this.sitemapRules.map(([pattern, callback]): [RegExp, Callback] => {
        const regex = compilePatterns(pattern, owner, 'sitemapRules')[0]!;
        if (typeof callback === 'function') return [regex, callback];
        const method = (this as unknown as Record<string, unknown>)[callback];
        if (typeof method !== 'function') {
          throw new TypeError(`[skitter] ${owner}: sitemapRules callback ${JSON.stringify(callback)} is not a method of the spider`);
        }
        return [regex, method as Callback];
      });
      this.#compiled = { rules, follow: compilePatterns(this.sitemapFollow, owner, 'sitemapFollow') };
    }
    return this.#compiled;
  }
}
