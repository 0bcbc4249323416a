import type { Crawler } from '../core/crawler.ts';
import { FeedExportExtension } from '../feeds/feed-exporter.ts';
import type { FeedOptions } from '../feeds/feed-options.ts';

/**
 * Writes FEEDS from a finished job's item journal (stores that keep one: IndexedDB), through the
 * ordinary feed exports. Each feed is overwritten, so an export interrupted by a stop is simply
 * done again by the next run: the job is marked finished only after it.
 */
export async function exportJournal(crawler: Crawler, items: readonly unknown[]): Promise<void> {
  const settings = crawler.settings;
  const feeds = settings.getDict<FeedOptions>('FEEDS');
  if (Object.keys(feeds).length === 0) return;
  const overwritten: Record<string, FeedOptions> = {};
  for (const [uri, options] of Object.entries(feeds)) overwritten[uri] = { ...options, overwrite: true };
  const view = {
    get: <T>(key: string, fallback?: T): T | undefined => (key === 'JOBDIR' ? undefined : settings.get<T>(key, fallback as T)),
    getDict: <T>(key: string): Record<string, T> => (key === 'FEEDS' ? (overwritten as Record<string, T>) : settings.getDict<T>(key)),
    getBool: (key: string, fallback?: boolean): boolean => settings.getBool(key, fallback),
    getInt: (key: string, fallback?: number): number => settings.getInt(key, fallback),
  };
  const exporter = new FeedExportExtension({
    settings: view as unknown as Crawler['settings'],
    // Its signal handlers are not needed: the export is driven here.
    signals: { connect: () => undefined, sendAsync: () => Promise.resolve([]) } as unknown as Crawler['signals'],
    stats: crawler.stats,
    logger: crawler.logger,
    adapter: crawler.adapter,
  });
  await exporter.openFeeds(crawler.spider);
  for (const item of items) await exporter.exportItem(item);
  await exporter.closeFeeds();
}
