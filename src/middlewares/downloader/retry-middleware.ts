import type { Crawler } from '../../core/crawler.ts';
import type { Logger } from '../../core/log.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { ConnectionError } from '../../errors/connection-error.ts';
import { DownloadTimeoutError } from '../../errors/download-timeout-error.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import { SettingsError } from '../../errors/settings-error.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { getRetryRequest, type RetryReason } from './get-retry-request.ts';
import { responseStatusMessage } from './http-status.ts';

/** An entry of RETRY_EXCEPTIONS: an error class (matched with instanceof or by name) or an error name. */
export type RetryExceptionEntry = string | (abstract new (...args: never[]) => Error);

/**
 * The default of the RETRY_EXCEPTIONS setting: network failures and timeouts. A `TypeError` from
 * `fetch` itself (`fetch failed`, `Failed to fetch`, `NetworkError...`, `Load failed`) counts as a
 * ConnectionError.
 */
export const DEFAULT_RETRY_EXCEPTIONS: readonly RetryExceptionEntry[] = [ConnectionError, DownloadTimeoutError];

const NETWORK_TYPE_ERROR = /^(fetch failed|failed to fetch|networkerror|load failed)/i;

/**
 * Downloads again requests that failed for a reason likely to be temporary: a status in
 * RETRY_HTTP_CODES, or an error in RETRY_EXCEPTIONS (ConnectionError, DownloadTimeoutError, and
 * fetch's network TypeErrors by default). Each request is retried up to RETRY_TIMES times (meta
 * `max_retry_times` overrides), with priority RETRY_PRIORITY_ADJUST (meta `priority_adjust`
 * overrides) relative to the failed one; meta `dont_retry: true` disables it for a request.
 * When retries are used up, the last response goes on (to HttpErrorMiddleware) or the error goes
 * to the errback. See {@link getRetryRequest} for the stats and log messages.
 *
 * Settings: RETRY_ENABLED (false raises NotConfigured), RETRY_TIMES (default 2), RETRY_HTTP_CODES
 * (default [500, 502, 503, 504, 522, 524, 408, 429]), RETRY_PRIORITY_ADJUST (default -1),
 * RETRY_EXCEPTIONS (default {@link DEFAULT_RETRY_EXCEPTIONS}). Order in DOWNLOADER_MIDDLEWARES_BASE: 550.
 * @throws {NotConfigured} when RETRY_ENABLED is false.
 * @throws {SettingsError} when RETRY_EXCEPTIONS holds something else than error classes and names.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.retry
 */
export class RetryMiddleware implements DownloaderMiddleware {
  readonly maxRetryTimes: number;
  readonly retryHttpCodes: ReadonlySet<number>;
  readonly priorityAdjust: number;
  #exceptions: readonly RetryExceptionEntry[];
  #crawler: Crawler;
  #logger: Logger;

  constructor(crawler: Crawler) {
    const s = crawler.settings;
    if (!s.getBool('RETRY_ENABLED')) throw new NotConfigured('RETRY_ENABLED is false');
    this.#crawler = crawler;
    this.#logger = crawler.getLogger('skitter.downloadermiddlewares.retry');
    this.maxRetryTimes = s.getInt('RETRY_TIMES');
    this.retryHttpCodes = new Set(s.getList<number | string>('RETRY_HTTP_CODES').map(Number));
    this.priorityAdjust = s.getInt('RETRY_PRIORITY_ADJUST');
    const exceptions = s.get<RetryExceptionEntry[] | null>('RETRY_EXCEPTIONS') ?? [...DEFAULT_RETRY_EXCEPTIONS];
    for (const entry of exceptions) {
      if (typeof entry !== 'string' && typeof entry !== 'function') {
        throw new SettingsError(`[skitter] RetryMiddleware: RETRY_EXCEPTIONS entries must be error classes or error names, got ${typeof entry}`);
      }
    }
    this.#exceptions = exceptions;
  }

  processResponse(request: Request, response: Response): Response | Request {
    if (request.meta.dont_retry) return response;
    if (this.retryHttpCodes.has(response.status)) return this.#retry(request, responseStatusMessage(response.status)) ?? response;
    return response;
  }

  processException(request: Request, exception: unknown): Request | undefined {
    if (request.meta.dont_retry || !this.#retriable(exception)) return undefined;
    return this.#retry(request, exception as Error) ?? undefined;
  }

  #retriable(error: unknown): boolean {
    if (!(error instanceof Error)) return false;
    const network = error.name === 'TypeError' && NETWORK_TYPE_ERROR.test(error.message);
    return this.#exceptions.some((entry) => {
      if (typeof entry === 'string') return error.name === entry || (network && entry === 'ConnectionError');
      if (network && entry === ConnectionError) return true;
      const name = error.name;
      return error instanceof entry || name === entry.name;
    });
  }

  #retry(request: Request, reason: RetryReason): Request | null {
    const meta = request.meta;
    return getRetryRequest(request, {
      spider: this.#crawler.spider,
      reason,
      maxRetryTimes: typeof meta.max_retry_times === 'number' ? meta.max_retry_times : this.maxRetryTimes,
      priorityAdjust: typeof meta.priority_adjust === 'number' ? meta.priority_adjust : this.priorityAdjust,
      logger: this.#logger,
    });
  }
}
