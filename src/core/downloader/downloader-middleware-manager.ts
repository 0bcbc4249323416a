import type { Crawler } from '../crawler.ts';
import { isDownloadCancelled } from '../../errors/download-cancelled-error.ts';
import { Request } from '../../http/request.ts';
import { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import { InvalidOutputError } from '../../errors/invalid-output-error.ts';
import { isPromiseLike, type MaybePromise } from '../../utils/maybe-async.ts';
import { describeValue, hookName } from '../middleware/describe.ts';

/**
 * A downloader middleware. Every hook is optional and may be sync or async.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html
 */
export interface DownloaderMiddleware {
  /**
   * Called for each request on its way to the downloader, in ascending order.
   * Return nothing to go on, a Response to skip the download (response hooks still run), or a
   * Request to schedule instead; throw IgnoreRequest to drop it (the errback receives it).
   */
  processRequest?(request: Request, spider: Spider): MaybePromise<Response | Request | null | undefined | void>;
  /** Called for each response, in descending order. Return a Response, or a Request to schedule instead. */
  processResponse?(request: Request, response: Response, spider: Spider): MaybePromise<Response | Request>;
  /**
   * Called when the download (or a processRequest hook) throws, in descending order. Return nothing
   * to pass the error on, a Response to recover, or a Request to schedule instead.
   */
  processException?(request: Request, exception: unknown, spider: Spider): MaybePromise<Response | Request | null | undefined | void>;
  openSpider?(spider: Spider): MaybePromise<void>;
  closeSpider?(spider: Spider): MaybePromise<void>;
}

type Hook<A extends unknown[], R> = { mw: DownloaderMiddleware; fn: (...args: A) => MaybePromise<R> };

/** Downloads a request that passed every processRequest hook. */
export type DownloadFunction = (request: Request) => Promise<Response>;

/**
 * Runs the downloader middleware chain around a download function, Scrapy's
 * `DownloaderMiddlewareManager`: hook lists are built once; request hooks run in ascending order,
 * response and exception hooks in descending order; every return value is checked.
 */
export class DownloaderMiddlewareManager {
  readonly middlewares: readonly DownloaderMiddleware[];
  #request: Hook<[Request, Spider], unknown>[] = [];
  #response: Hook<[Request, Response, Spider], unknown>[] = [];
  #exception: Hook<[Request, unknown, Spider], unknown>[] = [];
  #crawler: Crawler;

  constructor(crawler: Crawler, middlewares: DownloaderMiddleware[]) {
    this.#crawler = crawler;
    this.middlewares = middlewares;
    for (const mw of middlewares) {
      if (typeof mw.processRequest === 'function') this.#request.push({ mw, fn: mw.processRequest as never });
      if (typeof mw.processResponse === 'function') this.#response.unshift({ mw, fn: mw.processResponse as never });
      if (typeof mw.processException === 'function') this.#exception.unshift({ mw, fn: mw.processException as never });
    }
  }

  async openSpider(spider: Spider): Promise<void> {
    for (const mw of this.middlewares) await mw.openSpider?.(spider);
  }

  async closeSpider(spider: Spider): Promise<void> {
    for (const mw of [...this.middlewares].reverse()) await mw.closeSpider?.(spider);
  }

  /**
   * Passes `request` through the chain and `download` in the middle.
   * Resolves to the final Response, or to a Request that must be scheduled instead.
   */
  async download(request: Request, download: DownloadFunction): Promise<Response | Request> {
    const spider = this.#crawler.spider;
    let response: Response | undefined;
    try {
      for (const { mw, fn } of this.#request) {
        let out = fn.call(mw, request, spider);
        if (isPromiseLike(out)) out = await out;
        if (out == null) continue;
        if (out instanceof Request) return out;
        if (out instanceof Response) {
          response = out;
          break;
        }
        throw invalid(mw, 'processRequest', 'null/undefined, a Response or a Request', out);
      }
      response ??= await download(request);
    } catch (error) {
      // A forced stop's cancellation is not a failure to recover from (no retry, no stats).
      if (isDownloadCancelled(error)) throw error;
      const recovered = await this.#processException(request, error, spider);
      if (!(recovered instanceof Response)) return recovered;
      response = recovered;
    }
    for (const { mw, fn } of this.#response) {
      let out: unknown = fn.call(mw, request, response, spider);
      if (isPromiseLike(out)) out = await out;
      if (out instanceof Response) {
        response = out;
        continue;
      }
      if (out instanceof Request) return out;
      throw invalid(mw, 'processResponse', 'a Response or a Request', out);
    }
    return response;
  }

  async #processException(request: Request, error: unknown, spider: Spider): Promise<Response | Request> {
    for (const { mw, fn } of this.#exception) {
      let out = fn.call(mw, request, error, spider);
      if (isPromiseLike(out)) out = await out;
      if (out == null) continue;
      if (out instanceof Response || out instanceof Request) return out;
      throw invalid(mw, 'processException', 'null/undefined, a Response or a Request', out);
    }
    throw error;
  }
}

function invalid(mw: object, hook: string, expected: string, got: unknown): InvalidOutputError {
  return new InvalidOutputError(`[skitter] ${hookName(mw, hook)} must return ${expected}, got ${describeValue(got)}.`);
}
