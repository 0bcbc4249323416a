import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { StatsCollector } from '../../core/stats.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Headers } from '../../http/headers.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { HTTP_STATUS_PHRASES } from './http-status.ts';

const encoder = new TextEncoder();
/** UTF-8 length; headers are almost always ASCII, where it is the string length (no encoding). */
const byteLength = (s: string): number => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return encoder.encode(s).byteLength;
  return s.length;
};

/**
 * Counts what goes through the downloader, in Scrapy's stats keys:
 * `downloader/request_count`, `downloader/request_method_count/<METHOD>`,
 * `downloader/request_bytes` (size of the HTTP/1.1 request as Scrapy's `request_httprepr` would
 * write it), `downloader/response_count`, `downloader/response_status_count/<status>`,
 * `downloader/response_bytes` (body + headers + status line, Scrapy's estimate),
 * `downloader/exception_count` and `downloader/exception_type_count/<Error name>` (errors of the
 * download and of earlier middlewares' processRequest, e.g. `IgnoreRequest`).
 *
 * Settings: DOWNLOADER_STATS (false raises NotConfigured). Order in DOWNLOADER_MIDDLEWARES_BASE: 850.
 * @throws {NotConfigured} when DOWNLOADER_STATS is false.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.stats
 */
export class DownloaderStats implements DownloaderMiddleware {
  #stats: StatsCollector;

  constructor(crawler: Crawler) {
    if (!crawler.settings.getBool('DOWNLOADER_STATS')) throw new NotConfigured('DOWNLOADER_STATS is false');
    this.#stats = crawler.stats;
  }

  processRequest(request: Request): void {
    const stats = this.#stats;
    stats.incValue('downloader/request_count');
    stats.incValue(`downloader/request_method_count/${request.method}`);
    stats.incValue('downloader/request_bytes', requestHttpReprSize(request));
  }

  processResponse(_request: Request, response: Response): Response {
    const stats = this.#stats;
    stats.incValue('downloader/response_count');
    stats.incValue(`downloader/response_status_count/${response.status}`);
    const size = response.body.byteLength + headerSize(response.headers) + statusLineSize(response.status) + 4;
    stats.incValue('downloader/response_bytes', size);
    return response;
  }

  processException(_request: Request, exception: unknown): void {
    this.#stats.incValue('downloader/exception_count');
    const name = exception instanceof Error ? exception.name : typeof exception;
    this.#stats.incValue(`downloader/exception_type_count/${name}`);
  }
}

/**
 * Bytes of the raw HTTP/1.1 request: request line, Host (name only), headers, blank line, body.
 * @see Scrapy's `scrapy.utils.request.request_httprepr`
 */
export function requestHttpReprSize(request: Request): number {
  let path = '/';
  let host = '';
  try {
    const u = new URL(request.url);
    path = (u.pathname || '/') + u.search;
    host = u.hostname;
  } catch {
    // Only absolute URLs reach here; keep the defaults for exotic ones.
  }
  let text = `${request.method} ${path} HTTP/1.1\r\nHost: ${host}\r\n`;
  if (request.headers.size > 0) text += `${request.headers.toString()}\r\n`;
  text += '\r\n';
  return byteLength(text) + request.body.byteLength;
}

/** Scrapy's `get_header_size` (it is -2 for no headers, as in Scrapy). */
function headerSize(headers: Headers): number {
  let size = 0;
  for (const [name, value] of headers.entries()) size += 2 + byteLength(name) + byteLength(value);
  return size + 2 * (headers.size - 1);
}

/** Scrapy's `get_status_size`: `HTTP/1.1 <code> <phrase>\r\n`. */
function statusLineSize(status: number): number {
  return byteLength(HTTP_STATUS_PHRASES[status] ?? '') + 15;
}
