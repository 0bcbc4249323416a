import { Crawler } from '../core/crawler.ts';
import type { Settings } from '../core/settings/settings.ts';
import type { SpiderClass } from '../spiders/spider.ts';
import type { CliIO } from './command.ts';
import { crawlerSnapshot, ProgressLine } from './progress-line.ts';
import { resolveComponentNames } from './component-names.ts';

/** Exit code after a second Ctrl-C (128 + SIGINT), as shells report a process killed by it. */
export const FORCED_EXIT_CODE = 130;

/** How long a forced stop may take before the process exits anyway, in ms. */
const FORCE_EXIT_GRACE_MS = 1_000;

/** The result of {@link runCrawl}. */
export interface CrawlOutcome {
  /** 0 when the crawl ran, 1 when the spider failed at start. */
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
 * Runs one crawl for a command, as Scrapy's `crawler_process.crawl(); crawler_process.start()`:
 * draws the progress line on a terminal, turns a first Ctrl-C (or SIGTERM) into a graceful stop
 * (finish reason `shutdown`, feeds closed) and a second one into a forced stop and exit code 130.
 *
 * Exit codes: 0 when the crawl ran, whatever its finish reason (an unreachable start URL is a
 * logged error, as in Scrapy); 1 when the spider failed at start (see {@link failedAtStart}).
 * @throws whatever `Crawler.crawl()` throws: a spider constructor error, a SettingsError, a
 * component failing to build (the caller prints it and exits with 1).
 */
export async function runCrawl(spiderClass: SpiderClass, settings: Settings, args: Record<string, unknown>, io: CliIO): Promise<CrawlOutcome> {
  await resolveComponentNames(settings);
  const crawler = new Crawler(spiderClass, settings);
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
    crawler.logger.info(`Received ${signal} twice, forcing unclean shutdown`);
    progress.stop();
    setTimeout(() => io.exit(FORCED_EXIT_CODE), FORCE_EXIT_GRACE_MS).unref();
    void crawler.forceStop().finally(() => io.exit(FORCED_EXIT_CODE));
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  progress.start((elapsedMs) => crawlerSnapshot(crawler, elapsedMs));
  try {
    await crawler.crawl(args);
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (failedAtStart(crawler)) {
    io.terminal.writeLine(`skitter: error: spider ${JSON.stringify(crawler.spider.name)} failed at start: its start() threw before yielding a request (see the log above)`);
    return { code: 1, crawler };
  }
  return { code: 0, crawler };
}
