import type { Crawler } from '../crawler.ts';
import type { Request } from '../../http/request.ts';
import { fingerprint } from '../../http/fingerprint.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';
import { FingerprintSet } from './fingerprint-set.ts';

/**
 * The interface of a dupefilter (DUPEFILTER_CLASS). `open`/`close` may be async.
 * @see Scrapy's `BaseDupeFilter`
 */
export interface DupeFilter {
  open?(): MaybePromise<void>;
  close?(reason: string): MaybePromise<void>;
  /** True if the request was seen before (it is then filtered), false to let it through. */
  requestSeen(request: Request): boolean;
  /** Called for each filtered request (logging, stats). */
  log?(request: Request): void;
}

/**
 * Scrapy's RFPDupeFilter: filters requests whose fingerprint (canonical URL + method + body) was
 * seen. Requests with `dontFilter` never reach it. Fingerprints are kept in memory, compactly
 * (64 bits each, see {@link FingerprintSet}).
 */
export class FingerprintDupeFilter implements DupeFilter {
  #seen = new FingerprintSet();
  #crawler: Crawler;
  #debug: boolean;
  #logged = false;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    this.#debug = crawler.settings.getBool('DUPEFILTER_DEBUG');
  }

  /** How many fingerprints are held. */
  get size(): number {
    return this.#seen.size;
  }

  requestSeen(request: Request): boolean {
    return !this.#seen.add(fingerprint(request));
  }

  log(request: Request): void {
    if (this.#debug) {
      this.#crawler.logger.debug(`Filtered duplicate request: ${request}`);
    } else if (!this.#logged) {
      this.#crawler.logger.debug(`Filtered duplicate request: ${request} - no more duplicates will be shown (see DUPEFILTER_DEBUG to show all duplicates)`);
      this.#logged = true;
    }
    this.#crawler.stats.incValue('dupefilter/filtered');
  }

  close(): void {
    this.#seen.clear();
  }
}
