import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';

/**
 * A download handler (DOWNLOAD_HANDLERS, per URL scheme), Scrapy's `download_request` /
 * `close` interface. Both may be async.
 */
export interface DownloadHandler {
  /** Downloads one request. Rejects with ConnectionError, DownloadTimeoutError, ... on failure. */
  downloadRequest(request: Request, spider: Spider): MaybePromise<Response>;
  /** Aborts transfers in flight (a forced stop). */
  abort?(): void;
  /** Releases resources when the crawl ends. */
  close?(): MaybePromise<void>;
}
