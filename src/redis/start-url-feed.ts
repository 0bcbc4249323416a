import type { Crawler } from '../core/crawler.ts';
import { Request } from '../http/request.ts';
import type { RedisFrontier, QueuedEntry } from './frontier.ts';
import { fingerprint } from '../http/fingerprint.ts';
import { requestToJson } from './request-json.ts';

/** A spider that turns start-list entries into requests itself (scrapy-redis's `make_request_from_data`). */
interface MakesRequests {
  makeRequestFromData(data: string): Request | null | undefined;
}

/**
 * Turns a start-list entry into a request, as scrapy-redis does: a JSON object
 * `{"url": ..., "meta": {...}, "priority": n}` or a plain URL; `dontFilter` as start requests.
 * @throws {TypeError} for an entry that is not a URL.
 */
export function defaultRequestFromData(data: string): Request {
  const text = data.trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { url?: unknown; meta?: Record<string, unknown>; priority?: number };
    if (typeof parsed.url !== 'string') throw new TypeError(`[skitter] start-list entry has no "url": ${text.slice(0, 200)}`);
    return new Request(parsed.url, { dontFilter: true, ...(parsed.meta ? { meta: parsed.meta } : {}), ...(parsed.priority !== undefined ? { priority: parsed.priority } : {}) });
  }
  return new Request(text, { dontFilter: true });
}

/**
 * Reads a spider's start list (scrapy-redis's `RedisSpider.redis_key`) into the frontier: entries
 * are read, turned into requests, and removed from the list in the same atomic step that enqueues
 * them, so an entry is neither lost nor taken by two workers.
 */
export class StartUrlFeed {
  #crawler: Crawler;
  #frontier: RedisFrontier;
  #batch: number;

  constructor(crawler: Crawler, frontier: RedisFrontier, batch: number) {
    this.#crawler = crawler;
    this.#frontier = frontier;
    this.#batch = batch;
  }

  /** Moves up to one batch into the frontier; resolves to true when the list had entries. */
  async feed(): Promise<boolean> {
    const head = await this.#frontier.peekStartUrls(this.#batch);
    if (head.length === 0) return false;
    const spider = this.#crawler.spider as Partial<MakesRequests>;
    const entries: QueuedEntry[] = [];
    for (const data of head) {
      try {
        const request = typeof spider.makeRequestFromData === 'function' ? spider.makeRequestFromData(data) : defaultRequestFromData(data);
        if (!request) continue;
        entries.push({
          fingerprint: request.dontFilter ? '' : fingerprint(request),
          priority: request.priority,
          json: JSON.stringify({ ...requestToJson(request, spider), id: crypto.randomUUID() }),
        });
      } catch (error) {
        this.#crawler.logger.error(`RedisScheduler: skipping start-list entry ${JSON.stringify(data.slice(0, 200))} of ${this.#frontier.keys.startUrls}`, error);
      }
    }
    const result = await this.#frontier.takeStartUrls(head, entries);
    if (result.committed) {
      const stats = this.#crawler.stats;
      stats.incValue('redis/start_urls', head.length);
      stats.incValue('scheduler/enqueued/redis', result.added);
      stats.incValue('scheduler/enqueued', result.added);
      if (result.filtered > 0) stats.incValue('dupefilter/filtered', result.filtered);
    }
    return true;
  }
}
