import { constants, open as openFd } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Crawler } from '../core/crawler.ts';
import type { DownloadHandler } from '../core/downloader/handler.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { responseFor } from '../http/response-types.ts';
import { ConnectionError } from '../errors/connection-error.ts';
import { DownloadSizeError } from '../errors/download-size-error.ts';
import { DownloadTimeoutError } from '../errors/download-timeout-error.ts';
import { concatBytes } from '../utils/bytes.ts';

/** Bytes per read: large enough for few system calls, small enough to stop soon past a limit. */
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Downloads `file:` URLs from the local disk (Node only), Scrapy's FileDownloadHandler. The
 * response class is chosen from the file name and content.
 *
 * The file is read in chunks, within the limits of HTTP downloads: DOWNLOAD_MAXSIZE (meta
 * `download_maxsize`) stops with {@link DownloadSizeError} as soon as more bytes were read (so
 * `file:///dev/zero` costs at most that much memory), DOWNLOAD_WARNSIZE (meta
 * `download_warnsize`) logs a warning once, and DOWNLOAD_TIMEOUT (meta `download_timeout`,
 * seconds) stops a read that takes longer (a FIFO whose writer sends nothing) with
 * {@link DownloadTimeoutError}. FIFOs are read through the event loop, so a stalled one never
 * holds a thread. Which pages may link to `file:` URLs is LocalSchemeMiddleware's job.
 * @see https://docs.scrapy.org/en/latest/topics/settings.html#download-handlers-base
 */
export class FileDownloadHandler implements DownloadHandler {
  #crawler: Crawler | undefined;
  #inflight = new Set<AbortController>();

  /** @param crawler the crawl whose settings give the limits; without one, no limits apply. */
  constructor(crawler?: Crawler) {
    this.#crawler = crawler;
  }

  async downloadRequest(request: Request): Promise<Response> {
    const path = fileURLToPath(request.url);
    const { maxSize, warnSize, timeoutMs } = this.#limits(request);
    const controller = new AbortController();
    this.#inflight.add(controller);
    const timer = timeoutMs > 0 && Number.isFinite(timeoutMs) && this.#crawler
      ? this.#crawler.adapter.callLater(timeoutMs, () => {
        controller.abort(new DownloadTimeoutError(`[skitter] Reading ${request.url} took longer than ${timeoutMs / 1000} seconds (DOWNLOAD_TIMEOUT / download_timeout meta).`));
      })
      : undefined;
    try {
      const body = await this.#read(path, request, maxSize, warnSize, controller.signal);
      return responseFor({ url: request.url, status: 200, body, request });
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
      if (error instanceof DownloadSizeError) throw error;
      throw new ConnectionError(`[skitter] FileDownloadHandler: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        code: (error as NodeJS.ErrnoException).code ?? 'UNKNOWN',
        cause: error,
      });
    } finally {
      timer?.cancel();
      this.#inflight.delete(controller);
    }
  }

  /** Stops every read in flight (a forced stop). */
  abort(): void {
    for (const c of this.#inflight) c.abort(new ConnectionError('[skitter] file read cancelled: the crawl was stopped', { code: 'CANCELLED' }));
    this.#inflight.clear();
  }

  #limits(request: Request): { maxSize: number; warnSize: number; timeoutMs: number } {
    const s = this.#crawler?.settings;
    const meta = request.meta;
    const num = (key: string, fallback: number) => (typeof meta[key] === 'number' ? (meta[key] as number) : fallback);
    return {
      maxSize: num('download_maxsize', s?.getInt('DOWNLOAD_MAXSIZE') ?? 0),
      warnSize: num('download_warnsize', s?.getInt('DOWNLOAD_WARNSIZE') ?? 0),
      timeoutMs: num('download_timeout', s?.getFloat('DOWNLOAD_TIMEOUT') ?? 0) * 1000,
    };
  }

  async #read(path: string, request: Request, maxSize: number, warnSize: number, signal: AbortSignal): Promise<Uint8Array> {
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    // The promise is only observed through the races below.
    aborted.catch(() => undefined);
    const chunks: Uint8Array[] = [];
    let total = 0;
    let warned = false;
    const take = (chunk: Uint8Array): void => {
      total += chunk.byteLength;
      if (maxSize > 0 && total > maxSize) {
        throw new DownloadSizeError(`[skitter] Cancelling download of ${request.url}: received response size (${total}) larger than download max size (${maxSize}).`);
      }
      if (!warned && warnSize > 0 && total > warnSize) {
        warned = true;
        this.#crawler?.logger.warning(`Received (${total}) bytes larger than download warn size (${warnSize}) in request ${request}.`);
      }
      chunks.push(chunk);
    };
    const fifo = (await Promise.race([stat(path), aborted])).isFIFO();
    if (fifo) await readFifo(path, take, aborted);
    else await readFile(path, take, aborted);
    return concatBytes(chunks, total);
  }
}

/**
 * Reads a FIFO through the event loop (opened non-blocking, as a socket): a blocking open or read
 * of one whose writer sends nothing would hold a libuv thread forever, and the process could not
 * exit.
 */
async function readFifo(path: string, take: (chunk: Uint8Array) => void, aborted: Promise<never>): Promise<void> {
  const fd = await new Promise<number>((resolve, reject) => {
    openFd(path, constants.O_RDONLY | constants.O_NONBLOCK, (error, opened) => (error ? reject(error) : resolve(opened)));
  });
  const pipe = new Socket({ fd, readable: true, writable: false });
  try {
    const stream = pipe[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([stream.next(), aborted]);
      if (next.done) break;
      take(new Uint8Array(next.value as Buffer));
    }
  } finally {
    pipe.destroy();
  }
}

/** Reads a file or device in chunks, stopping when `take` throws or the read is aborted. */
async function readFile(path: string, take: (chunk: Uint8Array) => void, aborted: Promise<never>): Promise<void> {
  const opening = open(path, 'r');
  let handle: FileHandle | undefined;
  try {
    handle = await Promise.race([opening, aborted]);
    for (;;) {
      const buffer = new Uint8Array(READ_CHUNK_BYTES);
      const { bytesRead } = await Promise.race([handle.read(buffer, 0, READ_CHUNK_BYTES, null), aborted]);
      if (bytesRead === 0) break;
      take(bytesRead === READ_CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    // Not awaited: closing waits for a pending read. An open that lost the race to the timeout is
    // closed when it settles.
    if (handle) void handle.close().catch(() => undefined);
    else void opening.then((h) => h.close()).catch(() => undefined);
  }
}
