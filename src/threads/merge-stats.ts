import type { StatsCollector } from '../core/stats.ts';

/**
 * Adds an engine thread's final stats to the crawl's, so the crawl shows one set with Scrapy's
 * keys: counts add up, `*_max` keys keep the largest value, and values the main thread does not
 * have (strings, dates) are copied. `log_count/*` is skipped: the thread's records were replayed
 * (and counted) by the main thread's logger.
 */
export function mergeThreadStats(stats: StatsCollector, thread: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(thread)) {
    if (key.startsWith('log_count/')) continue;
    if (typeof value === 'number') {
      if (key.endsWith('_max')) stats.maxValue(key, value);
      else stats.incValue(key, value);
    } else if (stats.getValue(key) === undefined) {
      stats.setValue(key, value);
    }
  }
}
