import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DownloadHandler } from '../core/downloader/handler.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { responseFor } from '../http/response-types.ts';
import { ConnectionError } from '../errors/connection-error.ts';

/**
 * Downloads `file:` URLs from the local disk (Node only), Scrapy's FileDownloadHandler. The
 * response class is chosen from the file name and content.
 */
export class FileDownloadHandler implements DownloadHandler {
  async downloadRequest(request: Request): Promise<Response> {
    const path = fileURLToPath(request.url);
    let body: Uint8Array;
    try {
      body = new Uint8Array(await readFile(path));
    } catch (error) {
      const wrapped = new ConnectionError(`[skitter] FileDownloadHandler: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      (wrapped as { cause?: unknown }).cause = error;
      throw wrapped;
    }
    return responseFor({ url: request.url, status: 200, body, request });
  }
}
