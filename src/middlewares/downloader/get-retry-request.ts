import type { Logger } from '../../core/log.ts';
import type { Request } from '../../http/request.ts';
import type { Spider } from '../../spiders/spider.ts';

/** Why a request is retried: a text, an error, or an error class (named by its `name`). */
export type RetryReason = string | Error | (abstract new (...args: never[]) => Error);

/** Options of {@link getRetryRequest}. */
export interface RetryRequestOptions {
  /** The spider asking; its crawler gives the settings, the stats and the default logger. */
  spider: Spider;
  /** What went wrong; names the `<statsBaseKey>/reason_count/<reason>` stat. @default 'unspecified' */
  reason?: RetryReason;
  /**
   * Most retries allowed for this request.
   * @default meta `max_retry_times`, else RETRY_TIMES
   */
  maxRetryTimes?: number;
  /** Priority change of the retry relative to `request`. @default RETRY_PRIORITY_ADJUST */
  priorityAdjust?: number;
  /** Where the "Retrying" / "Gave up retrying" messages go. @default the `skitter.downloadermiddlewares.retry` logger */
  logger?: Logger;
  /** Base of the stats keys (`retry/count`, `retry/reason_count/<reason>`, `retry/max_reached`). @default 'retry' */
  statsBaseKey?: string;
}

/**
 * A copy of `request` to download again, or `null` when its retries are used up. Use it from
 * callbacks to retry on your own conditions (an empty page, a captcha...).
 *
 * The retry is `request.replace({ dontFilter: true, priority: priority + priorityAdjust })` with a
 * copy of meta whose `retry_times` is one more. Stats: `retry/count` and
 * `retry/reason_count/<reason>` per retry, `retry/max_reached` when giving up. Logs
 * `Retrying <GET url> (failed 1 times): <reason>` (DEBUG) or
 * `Gave up retrying <GET url> (failed 3 times): <reason>` (ERROR).
 *
 * @example
 * parse(response) {
 *   if (!response.text.trim()) return getRetryRequest(response.request!, { spider: this, reason: 'empty' });
 * }
 * @see Scrapy's `scrapy.downloadermiddlewares.retry.get_retry_request`
 */
export function getRetryRequest(request: Request, options: RetryRequestOptions): Request | null {
  const { spider } = options;
  const crawler = spider.crawler;
  const settings = crawler.settings;
  const stats = crawler.stats;
  const logger = options.logger ?? crawler.getLogger('skitter.downloadermiddlewares.retry');
  const base = options.statsBaseKey ?? 'retry';
  const reason = options.reason ?? 'unspecified';
  const previous = request.meta.retry_times;
  const retryTimes = (typeof previous === 'number' ? previous : 0) + 1;
  let maxRetryTimes = options.maxRetryTimes;
  if (maxRetryTimes == null) {
    const fromMeta = request.meta.max_retry_times;
    maxRetryTimes = typeof fromMeta === 'number' ? fromMeta : settings.getInt('RETRY_TIMES');
  }
  if (retryTimes <= maxRetryTimes) {
    if (crawler.logLevelEnabled('DEBUG')) logger.debug(`Retrying ${request} (failed ${retryTimes} times): ${describeReason(reason)}`);
    const priorityAdjust = options.priorityAdjust ?? settings.getInt('RETRY_PRIORITY_ADJUST');
    const retry = request.replace({
      dontFilter: true,
      priority: request.priority + priorityAdjust,
      meta: { ...request.meta, retry_times: retryTimes },
    });
    stats.incValue(`${base}/count`);
    stats.incValue(`${base}/reason_count/${reasonName(reason)}`);
    return retry;
  }
  stats.incValue(`${base}/max_reached`);
  logger.error(`Gave up retrying ${request} (failed ${retryTimes} times): ${describeReason(reason)}`);
  return null;
}

/** The reason as logged: an error's message (Python's `str(exception)`), a class's name, or the text. */
function describeReason(reason: RetryReason): string {
  if (typeof reason === 'string') return reason;
  if (typeof reason === 'function') return reason.name;
  return reason.message || reason.name;
}

/** The reason as a stats key part: the error's class name, or the text. */
function reasonName(reason: RetryReason): string {
  if (typeof reason === 'string') return reason;
  if (typeof reason === 'function') return reason.name;
  return reason.name;
}
