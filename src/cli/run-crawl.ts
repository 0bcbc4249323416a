import { Crawler } from '../core/crawler.ts';
import type { Settings } from '../core/settings/settings.ts';
import type { SpiderClass } from '../spiders/spider.ts';
import type { CliIO } from './command.ts';
import { installProcessGuards } from './process-guards.ts';
import { crawlerSnapshot, ProgressLine } from './progress-line.ts';
import { resolveComponentNames } from './component-names.ts';
import type { ThreadRecipe } from '../threads/messages.ts';
import { useEngineThreads } from '../threads/use-engine-threads.node.ts';
import { THREADS_LOST_REASON } from '../threads/thread-downloader.node.ts';

/** Exit code after a second Ctrl-C (128 + SIGINT), as shells report a process killed by it. */
export const FORCED_EXIT_CODE = 130;

/**
 * How long a forced stop may take before the process exits anyway, in ms. The engine's forced
 * close bounds each step it waits on user code for (1 s), so this is only a last resort.
 */
const FORCE_EXIT_GRACE_MS = 10_000;

/** The result of {@link runCrawl}. */
export interface CrawlOutcome {
  /** 0 when the crawl ran; 1 when it failed (see {@link crawlFailure}); 130 after a forced stop. */
  code: number;
  crawler: Crawler;
}

/**
 * True when the spider failed before doing anything: its `start()` threw (counted in
 * `start_requests/errors`) and nothing was scheduled, downloaded or scraped.
 */
export function failedAtStart(crawler: Crawler): boolean {
  const stat = (key: string): number => Number(crawler.stats.getValue(key, 0));
  return stat('start_requests/errors') > 0 && stat('scheduler/enqueued') === 0 &&
    stat('response_received_count') === 0 && stat('item_scraped_count') === 0;
}

/**
 * Why a crawl that ran counts as failed for the exit code, or undefined: its `start()` threw
 * (finish reason `start_error`, as current Scrapy), a feed could not be written (finish reason
 * `feed_error: <uri>`), or every engine thread died (finish reason `engine_thread_error`).
 */
export function crawlFailure(crawler: Crawler): string | undefined {
  const name = JSON.stringify(crawler.spider.name);
  if (failedAtStart(crawler)) return `spider ${name} failed at start: its start() threw before yielding a request (see the log above)`;
  const reason = String(crawler.stats.getValue('finish_reason', ''));
  if (reason === 'start_error') return `spider ${name} finished with start_error: its start() threw (see the log above)`;
  if (reason === THREADS_LOST_REASON) return `spider ${name} stopped early: no engine thread was left (${reason}; see the log above)`;
  if (reason.startsWith('feed_error')) return `spider ${name} stopped early: a feed could not be written (${reason}; see the log above)`;
  return undefined;
}

/**
 * Runs one crawl for a command, as Scrapy's `crawler_process.crawl(); crawler_process.start()`:
 * draws the progress line on a terminal, turns a first Ctrl-C (or SIGTERM) into a graceful stop
 * (finish reason `shutdown`, feeds closed), a second one into a forced stop (nothing new sent,
 * downloads cancelled, feeds still closed, exit code 130) and a third into an immediate exit. A
 * signal that comes while the spider opens is remembered. While it runs, an unhandled promise
 * rejection or uncaught exception (user code, a library) is logged and counted, and the crawl goes
 * on (see {@link installProcessGuards}).
 *
 * With ENGINE_THREADS > 0 and a `source` to rebuild the spider from (runspider's file), the spider
 * runs in that many engine threads (see {@link useEngineThreads}).
 *
 * Exit codes: 0 when the crawl ran, whatever its finish reason (an unreachable start URL is a
 * logged error, as in Scrapy); 1 for the failures {@link crawlFailure} names; 130 after a forced stop.
 * @throws whatever `Crawler.crawl()` throws: a spider constructor error, a SettingsError, a
 * component failing to build (the caller prints it and exits with 1).
 */
export async function runCrawl(spiderClass: SpiderClass, settings: Settings, args: Record<string, unknown>, io: CliIO, source?: Omit<ThreadRecipe, 'args'>): Promise<CrawlOutcome> {
  await resolveComponentNames(settings);
  const threadsNote = useEngineThreads(settings, source ? { ...source, args } : undefined);
  const crawler = new Crawler(spiderClass, settings);
  if (threadsNote) crawler.logger.warning(threadsNote);
  const progress = new ProgressLine(io.terminal);
  let interrupts = 0;
  // SIGINT (Ctrl-C) and SIGTERM both stop the crawl gracefully, then forcibly, as in Scrapy.
  const onSigint = (signal: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts === 1) {
      crawler.logger.info(`Received ${signal}, shutting down gracefully. Send again to force`);
      void crawler.stop();
      return;
    }
    if (interrupts > 2) {
      io.exit(FORCED_EXIT_CODE);
      return;
    }
    crawler.logger.info(`Received ${signal} twice, forcing unclean shutdown`);
    progress.stop();
    setTimeout(() => io.exit(FORCED_EXIT_CODE), FORCE_EXIT_GRACE_MS).unref();
    void crawler.forceStop();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const removeGuards = installProcessGuards(crawler);
  progress.start((elapsedMs) => crawlerSnapshot(crawler, elapsedMs));
  try {
    await crawler.crawl(args);
  } finally {
    progress.stop();
    removeGuards();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (interrupts >= 2) return { code: FORCED_EXIT_CODE, crawler };
  const failure = crawlFailure(crawler);
  if (failure) {
    io.terminal.writeLine(`skitter: error: ${failure}`);
    return { code: 1, crawler };
  }
  return { code: 0, crawler };
}
