import type { Crawler } from '../core/crawler.ts';
import { Request } from '../http/request.ts';
import type { RedisFrontier } from './frontier.ts';
import { requestToJson } from './request-json.ts';

/** ms a seeding claim lives without renewal: a seeder that died is replaced after this. */
export const SEED_CLAIM_MS = 10_000;
/** ms between checks of a worker waiting for another one to finish seeding. */
const SEED_POLL_MS = 200;

/** What the seeding needs from its scheduler. */
export interface SeedingHost {
  frontier(): RedisFrontier;
  /** Writes the requests enqueued so far. */
  flush(): Promise<void>;
  /** Runs `fn` until it succeeds (Redis away: the worker waits). */
  retrying<T>(what: string, fn: () => Promise<T>): Promise<T>;
  closed(): boolean;
  /** Resolves when the scheduler has opened (a restarted worker settles its journal first). */
  opened(): Promise<void>;
}

/**
 * Runs the spider's `start()` in one worker only, the seeder (the first to claim
 * `<spider>:seeded`); the others' `start()` yields nothing and returns once the seeder is done (or
 * takes over if the seeder dies: its claim expires after {@link SEED_CLAIM_MS}). Start requests
 * that cannot travel as JSON are reported, naming them, and skipped.
 */
export class Seeding {
  /** True while this worker runs `start()` (its claim must be renewed). */
  active = false;
  #crawler: Crawler;
  #host: SeedingHost;

  constructor(crawler: Crawler, host: SeedingHost) {
    this.#crawler = crawler;
    this.#host = host;
  }

  /** Replaces `spider.start` by its seeded form. */
  install(): void {
    const spider = this.#crawler.spider;
    const original = spider.start.bind(spider);
    spider.start = () => this.#run(original);
  }

  async *#run(original: () => AsyncIterable<unknown>): AsyncGenerator<unknown> {
    const c = this.#crawler;
    const host = this.#host;
    let announced = false;
    // The engine may ask for start() values while the scheduler still opens; a worker that turns
    // out to have nothing to crawl (its JOBDIR finished) must not seed a new crawl meanwhile.
    await host.opened();
    while (!host.closed()) {
      const role = await host.retrying('claiming the seeding', () => host.frontier().claimSeeding(SEED_CLAIM_MS));
      if (role === 'done') return;
      if (role === 'mine') {
        c.logger.info('RedisScheduler: this worker seeds the crawl (runs start())');
        this.active = true;
        try {
          for await (const value of original()) {
            if (value instanceof Request && !this.#serialisable(value)) continue;
            yield value;
          }
        } finally {
          this.active = false;
        }
        await host.flush();
        await host.retrying('marking the crawl seeded', () => host.frontier().markSeeded());
        return;
      }
      if (!announced) c.logger.info('RedisScheduler: another worker is seeding the crawl; joining it');
      announced = true;
      await c.adapter.sleep(SEED_POLL_MS);
    }
  }

  #serialisable(request: Request): boolean {
    try {
      requestToJson(request, this.#crawler.spider);
      return true;
    } catch (error) {
      this.#crawler.logger.error((error as Error).message);
      this.#crawler.stats.incValue('redis/unserialisable');
      return false;
    }
  }
}
