import type { Crawler } from '../../core/crawler.ts';
import type { SpiderMiddleware } from '../../core/scraper/spider-middleware-manager.ts';
import { HttpError, isHttpError } from '../../errors/http-error.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';

/** A spider that lists the non-2xx statuses its callbacks handle (Scrapy's `handle_httpstatus_list`). */
export interface SpiderWithHttpstatusList {
  handleHttpstatusList?: readonly number[];
}

/**
 * Filters out unsuccessful (non-2xx) responses so callbacks only see the ones they handle.
 *
 * A response passes when its status is 2xx, when its request meta has `handle_httpstatus_all:
 * true`, or when its status is in the request meta `handle_httpstatus_list`; without that meta
 * key, when HTTPERROR_ALLOW_ALL is set, or its status is in the spider's `handleHttpstatusList`
 * (else in HTTPERROR_ALLOWED_CODES). Other responses raise {@link HttpError} before the callback:
 * the request's errback gets it; without an errback the response is ignored with an INFO log line
 * and the stats `httperror/response_ignored_count` and
 * `httperror/response_ignored_status_count/<status>`.
 *
 * Settings: HTTPERROR_ALLOWED_CODES (list of statuses, default `[]`), HTTPERROR_ALLOW_ALL (default false).
 * Order in SPIDER_MIDDLEWARES_BASE: 50.
 * @see https://docs.scrapy.org/en/latest/topics/spider-middleware.html#module-scrapy.spidermiddlewares.httperror
 */
export class HttpErrorMiddleware implements SpiderMiddleware {
  #crawler: Crawler;
  #allowAll: boolean;
  #allowed: number[];

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    this.#allowAll = crawler.settings.getBool('HTTPERROR_ALLOW_ALL');
    this.#allowed = toStatuses(crawler.settings.getList<unknown>('HTTPERROR_ALLOWED_CODES'));
  }

  /** @throws {HttpError} for a response whose status is not allowed. */
  processSpiderInput(response: Response, spider: Spider): void {
    const status = response.status;
    if (status >= 200 && status < 300) return;
    const meta = response.request?.meta ?? {};
    if (meta.handle_httpstatus_all) return;
    let allowed: readonly number[];
    if ('handle_httpstatus_list' in meta) {
      allowed = toStatuses(meta.handle_httpstatus_list);
    } else if (this.#allowAll) {
      return;
    } else {
      const own = (spider as SpiderWithHttpstatusList).handleHttpstatusList;
      allowed = own ? toStatuses(own) : this.#allowed;
    }
    if (allowed.includes(status)) return;
    throw new HttpError(response, 'Ignoring non-200 response');
  }

  /** Swallows {@link HttpError} (counted and logged); passes other errors on. */
  processSpiderException(response: Response, exception: unknown, _spider: Spider): unknown[] | undefined {
    if (!isHttpError(exception)) return undefined;
    const stats = this.#crawler.stats;
    stats.incValue('httperror/response_ignored_count');
    stats.incValue(`httperror/response_ignored_status_count/${response.status}`);
    this.#crawler.logger.info(`Ignoring response ${response}: HTTP status code is not handled or not allowed`);
    return [];
  }
}

/** Statuses as numbers (a `-s` list or meta may carry strings). */
function toStatuses(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => Number(v));
}
