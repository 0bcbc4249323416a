import ky, { type KyInstance } from 'ky';
import type { Crawler } from '../../crawler.ts';
import { Headers } from '../../../http/headers.ts';
import type { Request } from '../../../http/request.ts';
import type { Response } from '../../../http/response.ts';
import { responseFor } from '../../../http/response-types.ts';
import { ConnectionError } from '../../../errors/connection-error.ts';
import { DownloadSizeError } from '../../../errors/download-size-error.ts';
import { DownloadTimeoutError } from '../../../errors/download-timeout-error.ts';
import { NotSupportedError } from '../../../errors/not-supported-error.ts';
import type { DownloadHandler } from '../handler.ts';
import { readBytes } from '../../../utils/bytes.ts';
import { connectionErrorFor } from './fetch-failure.ts';
import { hasUserinfo, redactUrl } from '../../../http/redact-url.ts';

/** Meta keys the handler reads (set by DownloadTimeoutMiddleware or by the user). */
const TIMEOUT_META = 'download_timeout';
const MAXSIZE_META = 'download_maxsize';
const WARNSIZE_META = 'download_warnsize';

/**
 * Downloads http(s) URLs with ky over the loop adapter's fetch: Scrapy's HTTP11DownloadHandler.
 *
 * - One ky instance per crawl; ky's own retries and timeout are off (RetryMiddleware and
 *   DOWNLOAD_TIMEOUT do that, on the adapter's clock).
 * - Redirects: `manual` where the platform shows 3xx responses (Node), so RedirectMiddleware
 *   follows them with Scrapy's rules; `follow` in browsers (which hide them), recording the final
 *   URL and `redirect_urls` meta.
 * - DOWNLOAD_MAXSIZE cancels the transfer; DOWNLOAD_WARNSIZE logs a warning. Both count the bytes
 *   the spider would get, as they arrive: where fetch decodes gzip/deflate/br itself, the decoded
 *   bytes, whatever Content-Length (the compressed size) says.
 * - On platforms that forbid the Referer header, it is sent through fetch's `referrer` option.
 */
export class HttpDownloadHandler implements DownloadHandler {
  #crawler: Crawler;
  #ky: KyInstance;
  #manualRedirects: boolean;
  #forbiddenHeaders: boolean;
  #encodedBodies: boolean;
  #timeoutMs: number;
  #maxTimeoutMs: number;
  #maxSize: number;
  #warnSize: number;
  #inflight = new Set<AbortController>();
  #proxyClients = new Map<string, KyInstance>();

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    const adapter = crawler.adapter;
    this.#manualRedirects = adapter.capabilities.has('manualRedirects');
    this.#forbiddenHeaders = adapter.capabilities.has('forbiddenHeaders');
    this.#encodedBodies = adapter.capabilities.has('encodedBodies');
    this.#timeoutMs = crawler.settings.getFloat('DOWNLOAD_TIMEOUT') * 1000;
    this.#maxTimeoutMs = adapter.maxFetchTimeoutMs ?? Infinity;
    this.#maxSize = crawler.settings.getInt('DOWNLOAD_MAXSIZE');
    this.#warnSize = crawler.settings.getInt('DOWNLOAD_WARNSIZE');
    this.#ky = ky.create({
      fetch: withAbortSignal(adapter.fetch),
      timeout: false,
      retry: 0,
      throwHttpErrors: false,
      redirect: this.#manualRedirects ? 'manual' : 'follow',
    });
  }

  async downloadRequest(request: Request): Promise<Response> {
    const meta = request.meta;
    const client = typeof meta.proxy === 'string' && meta.proxy !== '' ? this.#proxied(request, meta.proxy) : this.#ky;
    const timeoutS = typeof meta[TIMEOUT_META] === 'number' ? (meta[TIMEOUT_META] as number) : undefined;
    const requestedMs = timeoutS !== undefined ? timeoutS * 1000 : this.#timeoutMs;
    // 0 means "no timeout" (Scrapy): the platform's cap still applies, or MV3 would let Chrome
    // stop the worker in the middle of a fetch.
    const timeoutMs = requestedMs > 0 ? Math.min(requestedMs, this.#maxTimeoutMs) : this.#maxTimeoutMs;
    const maxSize = typeof meta[MAXSIZE_META] === 'number' ? (meta[MAXSIZE_META] as number) : this.#maxSize;
    const warnSize = typeof meta[WARNSIZE_META] === 'number' ? (meta[WARNSIZE_META] as number) : this.#warnSize;

    if (hasUserinfo(request.url)) {
      // fetch refuses such URLs; retrying cannot help. HttpAuthMiddleware moves them to a header.
      throw new NotSupportedError(`[skitter] HttpDownloadHandler: ${redactUrl(request.url)} has credentials in its URL, which fetch cannot send. Enable HttpAuthMiddleware (it turns them into an Authorization header) or set the Authorization header yourself.`);
    }
    const controller = new AbortController();
    this.#inflight.add(controller);
    const timer = timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? this.#crawler.adapter.callLater(timeoutMs, () => {
        controller.abort(new DownloadTimeoutError(`[skitter] Getting ${redactUrl(request.url)} took longer than ${timeoutMs / 1000} seconds (DOWNLOAD_TIMEOUT / download_timeout meta).`));
      })
      : undefined;
    try {
      const init = this.#requestInit(request, controller.signal);
      if (client !== this.#ky) {
        const headers = init.headers as Record<string, string>;
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'proxy-authorization') delete headers[name];
      }
      let res: globalThis.Response;
      try {
        res = await client(request.url, init);
      } catch (error) {
        throw this.#networkError(error, controller.signal, request);
      }
      const body = await this.#readBody(res, request, maxSize, warnSize, controller);
      const headers = toHeaders(res.headers);
      // The body is already decoded: a Content-Encoding left in place would make a second decoder
      // (HttpCompressionMiddleware, a user's middleware) decode it again (Scrapy removes it too).
      if (!this.#encodedBodies && request.method !== 'HEAD' && decodedByFetch(headers.get('Content-Encoding'))) headers.delete('Content-Encoding');
      let url = request.url;
      if (res.redirected && res.url && res.url !== request.url) {
        // Browsers followed the redirects themselves: keep Scrapy's record of them.
        url = res.url;
        const urls = Array.isArray(meta.redirect_urls) ? (meta.redirect_urls as string[]) : [];
        meta.redirect_urls = [...urls, request.url];
        meta.redirect_times = (typeof meta.redirect_times === 'number' ? meta.redirect_times : 0) + 1;
      }
      return responseFor({ url, status: res.status, headers, body, request, protocol: 'HTTP/1.1' });
    } catch (error) {
      throw this.#networkError(error, controller.signal, request);
    } finally {
      timer?.cancel();
      this.#inflight.delete(controller);
    }
  }

  /**
   * The ky instance for a proxied request (one per proxy and credentials). The request's
   * Proxy-Authorization header goes to the proxy only (it is left out of the origin's headers).
   * @throws {NotSupportedError} where the platform cannot route fetch through a proxy.
   */
  #proxied(request: Request, proxy: string): KyInstance {
    const adapter = this.#crawler.adapter;
    if (typeof adapter.proxyFetch !== 'function') {
      throw new NotSupportedError(`[skitter] HttpDownloadHandler is not supported with proxies on ${adapter.name}: fetch here cannot route through meta proxy ${JSON.stringify(proxy)}; remove it or use a DOWNLOAD_HANDLERS entry that can.`);
    }
    const auth = request.headers.get('Proxy-Authorization') ?? undefined;
    const key = `${proxy}\n${auth ?? ''}`;
    let client = this.#proxyClients.get(key);
    if (!client) {
      client = this.#ky.extend({ fetch: withAbortSignal(adapter.proxyFetch(proxy, auth)) });
      this.#proxyClients.set(key, client);
    }
    return client;
  }

  /** Aborts every transfer in flight (forced stop). */
  abort(): void {
    for (const c of this.#inflight) c.abort(new ConnectionError('[skitter] download cancelled: the crawl was stopped', { code: 'CANCELLED' }));
    this.#inflight.clear();
  }

  #requestInit(request: Request, signal: AbortSignal): Record<string, unknown> {
    const headers = request.headers.toRecord();
    // The signal travels as an option ky does not know (ky forwards those to fetch): given as
    // `signal`, ky would combine it with its own with AbortSignal.any on every request, and those
    // combined signals pile up over a long crawl.
    const init: Record<string, unknown> = { method: request.method, headers, [ABORT_OPTION]: signal };
    if (request.body.byteLength > 0 && request.method !== 'GET' && request.method !== 'HEAD') init.body = request.body;
    if (!this.#forbiddenHeaders) {
      for (const name of Object.keys(headers)) {
        const lower = name.toLowerCase();
        if (lower === 'referer') {
          init.referrer = headers[name];
          delete headers[name];
        } else if (lower === 'cookie' || lower === 'host' || lower === 'origin') {
          delete headers[name];
        }
      }
    }
    return init;
  }

  async #readBody(res: globalThis.Response, request: Request, maxSize: number, warnSize: number, controller: AbortController): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (maxSize > 0 && declared > maxSize) {
      const error = new DownloadSizeError(`[skitter] Cancelling download of ${redactUrl(request.url)}: expected response size (${declared}) larger than download max size (${maxSize}).`);
      controller.abort(error);
      throw error;
    }
    let warned = false;
    if (warnSize > 0 && declared > warnSize) {
      warned = true;
      this.#crawler.logger.warning(`Expected response size (${declared}) larger than download warn size (${warnSize}) in request ${request}.`);
    }
    if (!res.body) return new Uint8Array(0);
    if (maxSize <= 0 && warnSize <= 0) return new Uint8Array(await res.arrayBuffer());
    // Where fetch decodes the body, Content-Length is the size on the wire, not what we read: a
    // few KB of gzip can declare itself small and decode to gigabytes. Browsers may also hide
    // Content-Encoding from a cross-origin response, so there the length is never trusted.
    const encoded = !this.#encodedBodies && (res.headers.get('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
    if (!encoded && !this.#forbiddenHeaders && Number.isFinite(declared) && (maxSize <= 0 || declared <= maxSize) && (warned || warnSize <= 0 || declared <= warnSize)) {
      // A declared length within limits: one read is faster than a chunk loop. A server lying
      // about the length is still caught below.
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (maxSize > 0 && bytes.byteLength > maxSize) throw sizeError(request, bytes.byteLength, maxSize);
      return bytes;
    }
    const result = await readBytes(res.body, {
      maxSizeBytes: maxSize,
      onProgress: (total) => {
        if (!warned && warnSize > 0 && total > warnSize) {
          warned = true;
          this.#crawler.logger.warning(`Received (${total}) bytes larger than download warn size (${warnSize}) in request ${request}.`);
        }
      },
    });
    if (result.tooLarge) {
      const error = sizeError(request, result.sizeBytes, maxSize);
      controller.abort(error);
      throw error;
    }
    return result.bytes;
  }

  #networkError(error: unknown, signal: AbortSignal, request: Request): unknown {
    if (signal.aborted && signal.reason instanceof Error) return signal.reason;
    if (error instanceof DownloadTimeoutError || error instanceof DownloadSizeError || error instanceof ConnectionError) return error;
    return connectionErrorFor(error, request.url);
  }
}

/** The fetch option that carries the handler's abort signal past ky. */
const ABORT_OPTION = 'skitterAbortSignal';

/** Wraps a fetch so the handler's abort signal (see {@link ABORT_OPTION}) becomes the request's signal. */
function withAbortSignal(fetchFn: typeof globalThis.fetch): typeof globalThis.fetch {
  return ((input: RequestInfo | URL, init?: RequestInit & { [ABORT_OPTION]?: AbortSignal }) => {
    if (!init || !init[ABORT_OPTION]) return fetchFn(input, init);
    const { [ABORT_OPTION]: signal, ...rest } = init;
    return fetchFn(input, { ...rest, signal });
  }) as typeof globalThis.fetch;
}

/** Codings every platform's fetch undoes (it leaves the body as sent when one is unknown). */
const FETCH_DECODED = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity']);

/** True when `contentEncoding` names only codings fetch has already undone. */
function decodedByFetch(contentEncoding: string | null): boolean {
  if (contentEncoding === null) return false;
  const codings = contentEncoding.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
  return codings.length > 0 && codings.every((c) => FETCH_DECODED.has(c));
}

function sizeError(request: Request, size: number, maxSize: number): DownloadSizeError {
  return new DownloadSizeError(`[skitter] Cancelling download of ${redactUrl(request.url)}: received response size (${size}) larger than download max size (${maxSize}).`);
}

/** Web Headers to skitter Headers, keeping every Set-Cookie value. */
function toHeaders(web: globalThis.Headers): Headers {
  const out = new Headers();
  for (const [name, value] of web) {
    if (name === 'set-cookie') continue;
    out.append(name, value);
  }
  const cookies = typeof web.getSetCookie === 'function' ? web.getSetCookie() : [];
  for (const c of cookies) out.append('set-cookie', c);
  return out;
}
