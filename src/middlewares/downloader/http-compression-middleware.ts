import type { Crawler } from '../../core/crawler.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import type { Logger } from '../../core/log.ts';
import { signals } from '../../core/signals.ts';
import type { StatsCollector } from '../../core/stats.ts';
import { IgnoreRequest } from '../../errors/ignore-request.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { responseClassFor } from '../../http/response-types.ts';
import { DecompressionSizeExceeded, decompress, inflate } from './decompress.ts';

/** Encodings this middleware decodes (what DecompressionStream supports everywhere). */
export const ACCEPTED_ENCODINGS: readonly string[] = ['gzip', 'deflate'];
const DECODABLE = new Set([...ACCEPTED_ENCODINGS, 'x-gzip']);

/**
 * Decodes gzip and deflate response bodies (`Content-Encoding`), and asks for them with
 * `Accept-Encoding: gzip, deflate` on requests that set none.
 *
 * Only on platforms whose fetch hands bodies over still encoded (the `encodedBodies` capability,
 * e.g. a custom transport). Node's, browsers' and MV3's fetch decode gzip, deflate and br
 * themselves, so there it raises NotConfigured and does nothing.
 *
 * Decoding uses the web-standard DecompressionStream. Encodings are undone last-applied first;
 * decoding stops at the first one it cannot undo (e.g. `br`), which stays in `Content-Encoding`
 * with the warning `HttpCompressionMiddleware cannot decode the response for <url> from
 * unsupported encoding(s) 'br'.`. A decoded body larger than DOWNLOAD_MAXSIZE (meta
 * `download_maxsize`) drops the response with IgnoreRequest; one that crosses DOWNLOAD_WARNSIZE
 * (meta `download_warnsize`) logs a warning. The response is rebuilt with the class the decoded
 * body calls for. Stats: `httpcompression/response_count`, `httpcompression/response_bytes`
 * (decoded bytes).
 *
 * Settings: COMPRESSION_ENABLED, DOWNLOAD_MAXSIZE, DOWNLOAD_WARNSIZE (bytes). Order in
 * DOWNLOADER_MIDDLEWARES_BASE: 590.
 * @throws {NotConfigured} when COMPRESSION_ENABLED is false or the platform's fetch decodes bodies itself.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#module-scrapy.downloadermiddlewares.httpcompression
 */
export class HttpCompressionMiddleware implements DownloaderMiddleware {
  #stats: StatsCollector;
  #logger: Logger;
  #maxSize: number;
  #warnSize: number;

  constructor(crawler: Crawler) {
    if (!crawler.settings.getBool('COMPRESSION_ENABLED')) throw new NotConfigured('COMPRESSION_ENABLED is false');
    if (!crawler.adapter.capabilities.has('encodedBodies')) {
      throw new NotConfigured(`the ${crawler.adapter.name} platform's fetch decodes gzip/deflate/br bodies itself, so there is nothing to decode`);
    }
    this.#stats = crawler.stats;
    this.#logger = crawler.getLogger('skitter.downloadermiddlewares.httpcompression');
    this.#maxSize = crawler.settings.getInt('DOWNLOAD_MAXSIZE');
    this.#warnSize = crawler.settings.getInt('DOWNLOAD_WARNSIZE');
    crawler.signals.connect(signals.spiderOpened, ({ spider }) => {
      const s = spider as { downloadMaxsize?: unknown; downloadWarnsize?: unknown };
      if (typeof s.downloadMaxsize === 'number') this.#maxSize = s.downloadMaxsize;
      if (typeof s.downloadWarnsize === 'number') this.#warnSize = s.downloadWarnsize;
    });
  }

  processRequest(request: Request): void {
    request.headers.setDefault('Accept-Encoding', ACCEPTED_ENCODINGS.join(', '));
  }

  async processResponse(request: Request, response: Response): Promise<Response> {
    if (request.method === 'HEAD') return response;
    const header = response.headers.getAll('Content-Encoding');
    if (header.length === 0 || response.body.byteLength === 0) return response;
    const meta = request.meta;
    const maxSize = typeof meta.download_maxsize === 'number' ? meta.download_maxsize : this.#maxSize;
    const warnSize = typeof meta.download_warnsize === 'number' ? meta.download_warnsize : this.#warnSize;
    const toKeep = header.flatMap((v) => v.split(',')).map((e) => e.trim().toLowerCase()).filter(Boolean);
    let body = response.body;
    try {
      while (toKeep.length > 0 && DECODABLE.has(toKeep[toKeep.length - 1]!)) {
        const encoding = toKeep.pop()!;
        body = encoding === 'deflate' ? await inflate(body, maxSize) : await decompress(body, 'gzip', maxSize);
      }
    } catch (error) {
      if (!(error instanceof DecompressionSizeExceeded)) throw error;
      const message = `Ignored response ${response} because its body (${response.body.byteLength} B compressed, ${error.decodedBytes} B decompressed so far) exceeded DOWNLOAD_MAXSIZE (${maxSize} B) during decompression.`;
      this.#logger.warning(message);
      throw new IgnoreRequest(message);
    }
    if (response.body.byteLength < warnSize && warnSize <= body.byteLength) {
      this.#logger.warning(`${response} body size after decompression (${body.byteLength} B) is larger than the download warning size (${warnSize} B).`);
    }
    if (toKeep.length > 0) {
      this.#logger.warning(`HttpCompressionMiddleware cannot decode the response for ${response.url} from unsupported encoding(s) '${toKeep.join(',')}'.`);
    }
    this.#stats.incValue('httpcompression/response_bytes', body.byteLength);
    this.#stats.incValue('httpcompression/response_count');
    const headers = response.headers.copy();
    if (toKeep.length > 0) headers.set('Content-Encoding', toKeep.join(','));
    else headers.delete('Content-Encoding');
    const cls = responseClassFor({ url: response.url, headers, body });
    return response.replace({ cls, headers, body });
  }
}
