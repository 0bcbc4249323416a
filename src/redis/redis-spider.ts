import { Spider } from '../spiders/spider.ts';
import type { Request } from '../http/request.ts';
import { defaultRequestFromData } from './start-url-feed.ts';

/**
 * A spider that reads its start URLs from a Redis list (scrapy-redis's `RedisSpider`): push URLs
 * with `redis-cli LPUSH <spider>:start_urls https://...` (or JSON objects
 * `{"url": ..., "meta": {...}}`), and every worker running it takes them as they come, idling
 * while the list is empty. Idle workers keep waiting unless MAX_IDLE_TIME_BEFORE_CLOSE (seconds)
 * is set. Needs SCHEDULER=RedisScheduler.
 * @example
 * export default class Books extends RedisSpider {
 *   name = 'books';
 *   parse(response) { ... }
 * }
 * @see https://github.com/rmax/scrapy-redis (its RedisSpider and redis_key)
 */
export class RedisSpider extends Spider {
  /** The start list's key; `%(name)s` is the spider name. @default '%(name)s:start_urls' */
  redisKey = '%(name)s:start_urls';

  /** Yields nothing: start URLs come from {@link RedisSpider.redisKey}. */
  override async *start(): AsyncGenerator<unknown> {}

  /** Turns one start-list entry into a request (a URL, or a JSON object with `url`); override for other data. */
  makeRequestFromData(data: string): Request | null | undefined {
    return defaultRequestFromData(data);
  }
}
