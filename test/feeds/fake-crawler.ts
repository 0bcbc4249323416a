import { createLogger, type LogRecord } from '../../src/core/log.ts';
import { Settings } from '../../src/core/settings/settings.ts';
import { SignalManager } from '../../src/core/signals.ts';
import { StatsCollector } from '../../src/core/stats.ts';
import type { FeedExportCrawler } from '../../src/feeds/feed-exporter.ts';

/** 2024-05-06T07:08:09Z, the clock of every fake crawler. */
export const FAKE_NOW_MS = Date.UTC(2024, 4, 6, 7, 8, 9, 123);

/** A minimal crawler for the feed exports: real Settings, SignalManager and StatsCollector. */
export interface FakeCrawler extends FeedExportCrawler {
  settings: Settings;
  signals: SignalManager;
  stats: StatsCollector;
  records: LogRecord[];
  signalErrors: unknown[];
}

export function fakeCrawler(settings: Record<string, unknown>): FakeCrawler {
  const records: LogRecord[] = [];
  const signalErrors: unknown[] = [];
  return {
    settings: new Settings(settings, 'project', () => {}),
    signals: new SignalManager((_signal, error) => signalErrors.push(error)),
    stats: new StatsCollector(),
    logger: createLogger('skitter.feeds', { sink: (r) => records.push(r) }),
    adapter: { wallClock: () => FAKE_NOW_MS },
    records,
    signalErrors,
  };
}

/** Fires spider_opened, one item_scraped per item (awaited, as the engine does) and spider_closed. */
export async function runFeeds(crawler: FakeCrawler, spider: object, items: Iterable<unknown>): Promise<void> {
  await crawler.signals.sendAsync('spider_opened', { spider } as never);
  for (const item of items) await crawler.signals.sendAsync('item_scraped', { item, response: null, spider } as never);
  await crawler.signals.sendAsync('spider_closed', { spider, reason: 'finished' } as never);
}

/** The INFO/ERROR messages logged. */
export function messages(crawler: FakeCrawler): string[] {
  return crawler.records.map((r) => `${r.level}: ${r.message}`);
}
