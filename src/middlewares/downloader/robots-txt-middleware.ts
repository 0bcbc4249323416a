import robotsParserModule from 'robots-parser';
import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Logger } from '../../core/log.ts';
import { IgnoreRequest, isIgnoreRequest } from '../../errors/ignore-request.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';

/** A parsed robots.txt (the robots-parser package's object, the part used here). */
export interface RobotsRules {
  /** `undefined` when `url` is not on the robots.txt's origin. */
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
  getSitemaps(): string[];
}

// robots-parser is CommonJS (`module.exports = function`): the default import is that function,
// whatever its typings say.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => RobotsRules;

const decoder = new TextDecoder();

/**
 * Obeys robots.txt: before the first request to a host (scheme + host + port), downloads
 * `<scheme>://<host>/robots.txt` once, through the downloader middlewares as an inline request
 * (priority 1000, meta `dont_obey_robotstxt: true`); requests for that host wait for it. A
 * request robots.txt disallows fails with IgnoreRequest (`Forbidden by robots.txt`) and the DEBUG
 * log `Forbidden by robots.txt: <GET url>`. A robots.txt that fails to download, or answers with
 * a non-2xx status, allows everything.
 *
 * Rules are matched for ROBOTSTXT_USER_AGENT, else the request's User-Agent header, else
 * USER_AGENT (robots-parser uses the product token, e.g. `skitter` of `skitter/0.1 (...)`).
 * Requests with meta `dont_obey_robotstxt: true` and `data:` / `file:` URLs are not checked.
 *
 * Stats: `robotstxt/request_count`, `robotstxt/response_count`,
 * `robotstxt/response_status_count/<status>`, `robotstxt/forbidden`,
 * `robotstxt/exception_count/<Error name>`.
 *
 * Settings: ROBOTSTXT_OBEY (false, the default, raises NotConfigured), ROBOTSTXT_USER_AGENT,
 * USER_AGENT. Order in DOWNLOADER_MIDDLEWARES_BASE: 100.
 * @throws {NotConfigured} when ROBOTSTXT_OBEY is false.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.robotstxt
 */
export class RobotsTxtMiddleware implements DownloaderMiddleware {
  /** Priority of the robots.txt requests. */
  static readonly DOWNLOAD_PRIORITY = 1000;
  #crawler: Crawler;
  #logger: Logger;
  #defaultUserAgent: string;
  #robotsUserAgent: string;
  /** Per origin: the rules, `null` (allow all), or the download in progress. */
  #parsers = new Map<string, RobotsRules | null | Promise<RobotsRules | null>>();

  constructor(crawler: Crawler) {
    if (!crawler.settings.getBool('ROBOTSTXT_OBEY')) throw new NotConfigured('ROBOTSTXT_OBEY is false');
    this.#crawler = crawler;
    this.#logger = crawler.getLogger('skitter.downloadermiddlewares.robotstxt');
    this.#defaultUserAgent = crawler.settings.get<string>('USER_AGENT', 'skitter');
    this.#robotsUserAgent = crawler.settings.get<string>('ROBOTSTXT_USER_AGENT', '');
  }

  processRequest(request: Request): Promise<void> | void {
    if (request.meta.dont_obey_robotstxt) return;
    if (request.url.startsWith('data:') || request.url.startsWith('file:')) return;
    const found = this.robotParser(request);
    if (found instanceof Promise) return found.then((rules) => this.#check(rules, request));
    this.#check(found, request);
  }

  /**
   * The rules for `request`'s origin: already known (sync), or a promise while robots.txt downloads.
   * `null` means everything is allowed.
   */
  robotParser(request: Request): RobotsRules | null | Promise<RobotsRules | null> {
    const url = new URL(request.url);
    const origin = url.origin;
    const known = this.#parsers.get(origin);
    if (known !== undefined) return known;
    const pending = this.#fetch(`${origin}/robots.txt`, origin);
    this.#parsers.set(origin, pending);
    return pending;
  }

  async #fetch(robotsUrl: string, origin: string): Promise<RobotsRules | null> {
    const stats = this.#crawler.stats;
    const robotsRequest = new Request(robotsUrl, {
      priority: RobotsTxtMiddleware.DOWNLOAD_PRIORITY,
      meta: { dont_obey_robotstxt: true },
    });
    let rules: RobotsRules | null = null;
    try {
      const response = await this.#crawler.engine.download(robotsRequest);
      rules = this.#parse(response, robotsUrl);
    } catch (error) {
      if (!isIgnoreRequest(error)) {
        this.#logger.error(`Error downloading ${robotsRequest}: ${error instanceof Error ? error.message : String(error)}`, error);
        stats.incValue(`robotstxt/exception_count/${error instanceof Error ? error.name : typeof error}`);
      }
    }
    stats.incValue('robotstxt/request_count');
    this.#parsers.set(origin, rules);
    return rules;
  }

  #parse(response: Response, robotsUrl: string): RobotsRules | null {
    const stats = this.#crawler.stats;
    stats.incValue('robotstxt/response_count');
    stats.incValue(`robotstxt/response_status_count/${response.status}`);
    if (response.status < 200 || response.status >= 300) return null;
    return robotsParser(robotsUrl, decoder.decode(response.body));
  }

  #check(rules: RobotsRules | null, request: Request): void {
    if (!rules) return;
    const userAgent = this.#robotsUserAgent || request.headers.get('User-Agent') || this.#defaultUserAgent;
    if (rules.isAllowed(request.url, userAgent) !== false) return;
    if (this.#crawler.logLevelEnabled('DEBUG')) this.#logger.debug(`Forbidden by robots.txt: ${request}`);
    this.#crawler.stats.incValue('robotstxt/forbidden');
    throw new IgnoreRequest('Forbidden by robots.txt');
  }
}
