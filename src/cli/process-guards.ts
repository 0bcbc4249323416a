import type { Crawler } from '../core/crawler.ts';

/** Stats key counting promise rejections nobody handled while the crawl ran. */
export const UNHANDLED_REJECTION_STAT = 'spider_exceptions/unhandled_rejection';
/** Stats key counting exceptions thrown outside any promise (timer callbacks, event handlers). */
export const UNCAUGHT_EXCEPTION_STAT = 'spider_exceptions/uncaught_exception';

/**
 * Keeps one stray error from killing the CLI and losing the feeds: while the crawl runs, a promise
 * rejection nobody handled (a callback that forgot an `await`) or an exception thrown outside any
 * promise (a timer callback, a library's socket handler) is logged at ERROR with the spider's name,
 * counted in {@link UNHANDLED_REJECTION_STAT} / {@link UNCAUGHT_EXCEPTION_STAT}, and the crawl goes
 * on. Node would otherwise exit at once, before any feed is flushed or closed. Returns a function
 * removing the guards (the CLI removes them when the crawl ends).
 */
export function installProcessGuards(crawler: Crawler): () => void {
  const spiderName = (): string => {
    try {
      return JSON.stringify(crawler.spider.name);
    } catch {
      return crawler.spiderClass.name;
    }
  };
  const onRejection = (reason: unknown): void => {
    crawler.stats.incValue(UNHANDLED_REJECTION_STAT);
    crawler.logger.error(`Unhandled promise rejection in spider ${spiderName()} (a promise nobody awaited or caught; the crawl goes on)`, reason);
  };
  const onException = (error: unknown): void => {
    crawler.stats.incValue(UNCAUGHT_EXCEPTION_STAT);
    crawler.logger.error(`Uncaught exception in spider ${spiderName()} (thrown outside any callback's promise; the crawl goes on)`, error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
