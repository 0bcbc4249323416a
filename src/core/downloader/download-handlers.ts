import type { Crawler } from '../crawler.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import { NotSupportedError } from '../../errors/not-supported-error.ts';
import { buildComponent, type ComponentSpec } from '../component.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';
import type { DownloadHandler } from './handler.ts';

/**
 * The download handlers by URL scheme (Scrapy's DownloadHandlers): DOWNLOAD_HANDLERS merged over
 * DOWNLOAD_HANDLERS_BASE; `null` disables a scheme. Handlers are built once, at crawl start.
 */
export class DownloadHandlers {
  #handlers = new Map<string, DownloadHandler>();
  #crawler: Crawler;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
  }

  /** Builds every configured handler (a handler may opt out with NotConfigured). */
  async open(): Promise<void> {
    const s = this.#crawler.settings;
    const merged: Record<string, ComponentSpec<DownloadHandler> | null> = {
      ...s.getDict<ComponentSpec<DownloadHandler> | null>('DOWNLOAD_HANDLERS_BASE'),
      ...s.getDict<ComponentSpec<DownloadHandler> | null>('DOWNLOAD_HANDLERS'),
    };
    for (const [scheme, spec] of Object.entries(merged)) {
      if (spec == null) continue;
      const handler = await buildComponent(spec, this.#crawler);
      if (handler) this.#handlers.set(scheme.toLowerCase(), handler);
    }
  }

  /** The handler of a scheme, if any. */
  get(scheme: string): DownloadHandler | undefined {
    return this.#handlers.get(scheme);
  }

  /** @throws {NotSupportedError} for a scheme without a handler. */
  download(request: Request, spider: Spider): MaybePromise<Response> {
    const url = request.url;
    const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
    const handler = this.#handlers.get(scheme);
    if (!handler) {
      throw new NotSupportedError(`[skitter] Unsupported URL scheme '${scheme}' in ${url}: no download handler for it on ${this.#crawler.adapter.name} (set DOWNLOAD_HANDLERS).`);
    }
    return handler.downloadRequest(request, spider);
  }

  /** Aborts the transfers in flight of every handler that can. */
  abortAll(): void {
    for (const h of this.#handlers.values()) h.abort?.();
  }

  async close(): Promise<void> {
    for (const h of this.#handlers.values()) await h.close?.();
  }
}
