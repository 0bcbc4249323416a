import { Crawler, signals, type LogRecord, type LoopAdapter, type SettingsInput, type SpiderClass } from '../../src/node.ts';

/** What {@link runSpider} returns: the finished crawler, the items in pipeline order, the log. */
export interface SpiderRun {
  crawler: Crawler;
  items: any[];
  logs: LogRecord[];
  stats: Record<string, unknown>;
  /** Messages of records at `level`. */
  messages(level?: LogRecord['level']): string[];
}

/**
 * Runs one spider to completion, collecting the items that passed every pipeline (from the
 * `item_scraped` signal, so a spider's own ITEM_PIPELINES cannot hide them) and an in-memory log.
 */
export async function runSpider(spider: SpiderClass, settings: SettingsInput = {}, options: { adapter?: LoopAdapter; args?: Record<string, unknown> } = {}): Promise<SpiderRun> {
  const items: any[] = [];
  const logs: LogRecord[] = [];
  const crawler = new Crawler(spider, { LOG_LEVEL: 'DEBUG', ...settings }, {
    logSink: (r) => logs.push(r),
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item); });
  await crawler.crawl(options.args ?? {});
  return {
    crawler,
    items,
    logs,
    stats: crawler.stats.getStats(),
    messages: (level) => logs.filter((r) => !level || r.level === level).map((r) => r.message),
  };
}
