import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Crawler } from '../core/crawler.ts';
import { fingerprint } from '../http/fingerprint.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import { isExpired, recordOf, responseFromRecord, type CachedResponseRecord, type HttpCacheStorage } from './cache-storage.ts';

interface StoredEntry {
  record: CachedResponseRecord;
  body: Uint8Array;
}

/**
 * The HTTP cache in IndexedDB, for pages, Web Workers and MV3 service workers (the default there):
 * database HTTPCACHE_DIR (`httpcache` by default), one object store, one entry per request
 * fingerprint under `<spider name>/<fingerprint>`, holding the response's record and body.
 * Entries older than HTTPCACHE_EXPIRATION_SECS are misses (and deleted).
 * @see Scrapy's `DbmCacheStorage` (the database-backed storage this mirrors)
 */
export class IndexedDbCacheStorage implements HttpCacheStorage {
  #store: UseStore;
  #expirationSecs: number;
  #now: () => number;

  constructor(crawler: Crawler) {
    this.#store = createStore(crawler.settings.get<string>('HTTPCACHE_DIR') || 'httpcache', 'responses');
    this.#expirationSecs = crawler.settings.getFloat('HTTPCACHE_EXPIRATION_SECS');
    this.#now = () => crawler.adapter.wallClock();
  }

  async retrieveResponse(spider: Spider, request: Request): Promise<Response | undefined> {
    const key = `${spider.name}/${fingerprint(request)}`;
    const entry = await get<StoredEntry>(key, this.#store);
    if (!entry) return undefined;
    if (isExpired(entry.record.storedAtMs, this.#expirationSecs, this.#now())) {
      await del(key, this.#store);
      return undefined;
    }
    return responseFromRecord(entry.record, entry.body);
  }

  async storeResponse(spider: Spider, request: Request, response: Response): Promise<void> {
    const entry: StoredEntry = { record: recordOf(request, response, this.#now()), body: response.body };
    await set(`${spider.name}/${fingerprint(request)}`, entry, this.#store);
  }
}
