import { Crawler, type LogRecord, type LoopAdapter, type SettingsInput, type SpiderClass } from '../../src/node.ts';

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
 * Runs one spider to completion with a collecting pipeline (order 1000, after the user's) and an
 * in-memory log, and returns what happened.
 */
export async function runSpider(spider: SpiderClass, settings: SettingsInput = {}, options: { adapter?: LoopAdapter; args?: Record<string, unknown> } = {}): Promise<SpiderRun> {
  const items: any[] = [];
  const logs: LogRecord[] = [];
  const userPipelines = (settings.ITEM_PIPELINES ?? {}) as Record<string, unknown>;
  const crawler = new Crawler(spider, {
    LOG_LEVEL: 'DEBUG',
    ...settings,
    ITEM_PIPELINES: { ...userPipelines, collect: { use: { processItem: (item: unknown) => (items.push(item), item) }, order: 1000 } },
  }, { logSink: (r) => logs.push(r), ...(options.adapter ? { adapter: options.adapter } : {}) });
  await crawler.crawl(options.args ?? {});
  return {
    crawler,
    items,
    logs,
    stats: crawler.stats.getStats(),
    messages: (level) => logs.filter((r) => !level || r.level === level).map((r) => r.message),
  };
}
