import type { Crawler } from '../core/crawler.ts';
import type { DupeFilter } from '../core/scheduler/dupefilter.ts';
import { SettingsError } from '../errors/settings-error.ts';

/**
 * The dupefilter of a Redis crawl (DUPEFILTER_CLASS), scrapy-redis's `RFPDupeFilter`: request
 * fingerprints (the same SHA-1 as the default filter) in the Redis set `<spider>:dupefilter`,
 * shared by every worker. The check is made by {@link RedisScheduler} inside the script that
 * enqueues the request, so check-and-enqueue is one atomic step; this class marks the choice and
 * refuses to run under another scheduler, where it could not filter anything.
 * @throws {SettingsError} when SCHEDULER is not the RedisScheduler.
 */
export class RedisDupeFilter implements DupeFilter {
  constructor(crawler: Crawler) {
    const scheduler = crawler.settings.get<unknown>('SCHEDULER');
    if (!isRedisSchedulerSpec(scheduler)) {
      throw new SettingsError('[skitter] RedisDupeFilter: works only with SCHEDULER=RedisScheduler (on the command line -s SCHEDULER=redis), which checks fingerprints in Redis as it enqueues.');
    }
  }

  /** Never true here: the RedisScheduler filters in Redis. */
  requestSeen(): boolean {
    return false;
  }
}

/** True for RedisDupeFilter (or a subclass) given as DUPEFILTER_CLASS. */
export function isRedisDupeFilterSpec(spec: unknown): boolean {
  return spec === RedisDupeFilter || (typeof spec === 'function' && spec.prototype instanceof RedisDupeFilter) || spec instanceof RedisDupeFilter;
}

/** True for a scheduler spec that is the RedisScheduler (by its marker, avoiding an import cycle). */
function isRedisSchedulerSpec(spec: unknown): boolean {
  for (let c: unknown = spec; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if ((c as { name?: string }).name === 'RedisScheduler') return true;
  }
  return false;
}
