/**
 * The Redis key names of one crawl, derived from the spider name as scrapy-redis does
 * (`<spider>:requests`, `<spider>:dupefilter`, `<spider>:start_urls`), behind REDIS_KEY_PREFIX.
 * @module
 */

/** Every key one crawl uses. */
export interface RedisKeys {
  /** Sorted set of queued request JSON, scored by priority then arrival. */
  requests: string;
  /** Sorted set of leased request JSON, scored by lease expiry (ms, Redis clock). */
  leases: string;
  /** Hash: leased request JSON -> `<worker token>|<queue score>`. */
  leaseInfo: string;
  /** Set of request fingerprints (hex SHA-1) seen by the crawl. */
  dupefilter: string;
  /** Counter giving queued requests their arrival order. */
  seq: string;
  /** String: `seeding:<token>` while a worker runs `start()`, `done` after. */
  seeded: string;
  /** List of start URLs (or JSON objects) for spiders with a `redisKey` (scrapy-redis's RedisSpider). */
  startUrls: string;
  /**
   * Prefix of the per-worker acked sets (`<prefix><worker id>`): journal ids of the requests a
   * worker with a JOBDIR acknowledged but has not yet confirmed written to its feeds.
   */
  ackedPrefix: string;
  /** Prefix of the per-download-slot keys (`<prefix><slot>` in-flight set, `<prefix><slot>:next`). */
  slotPrefix: string;
}

/** The keys of `spiderName`'s crawl; `startUrlsKey` overrides the start list's name. */
export function redisKeys(prefix: string, spiderName: string, startUrlsKey?: string): RedisKeys {
  const base = `${prefix}${spiderName}`;
  return {
    requests: `${base}:requests`,
    leases: `${base}:leases`,
    leaseInfo: `${base}:lease-info`,
    dupefilter: `${base}:dupefilter`,
    seq: `${base}:seq`,
    seeded: `${base}:seeded`,
    startUrls: startUrlsKey ?? `${base}:start_urls`,
    slotPrefix: `${base}:slot:`,
    ackedPrefix: `${base}:acked:`,
  };
}

/** The keys a finished, non-persistent crawl deletes (SCHEDULER_PERSIST false). */
export function crawlStateKeys(keys: RedisKeys): string[] {
  return [keys.requests, keys.leases, keys.leaseInfo, keys.dupefilter, keys.seq];
}
