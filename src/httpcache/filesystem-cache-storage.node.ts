import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Crawler } from '../core/crawler.ts';
import { fingerprint } from '../http/fingerprint.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import type { Spider } from '../spiders/spider.ts';
import { isExpired, recordOf, responseFromRecord, type CachedResponseRecord, type HttpCacheStorage } from './cache-storage.ts';

let tempCounter = 0;

/**
 * The HTTP cache on disk, for Node (the default there), laid out as Scrapy's
 * `FilesystemCacheStorage`: `<HTTPCACHE_DIR>/<spider name>/<fp[0:2]>/<fp>/` holds `meta.json`
 * (URL, status, headers, when stored) and `response_body` (gzipped with HTTPCACHE_GZIP).
 * A relative HTTPCACHE_DIR is under `.skitter/` in the current directory (Scrapy's `.scrapy/`).
 * Files are written to a temporary name and renamed, so a crash never leaves half an entry: the
 * body is renamed first and `meta.json` last, and an entry counts only once its meta exists.
 * Entries older than HTTPCACHE_EXPIRATION_SECS (by `meta.json`'s time) are misses.
 * @see https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#filesystem-storage-backend-default
 */
export class FilesystemCacheStorage implements HttpCacheStorage {
  #dir: string;
  #expirationSecs: number;
  #gzip: boolean;
  #now: () => number;

  constructor(crawler: Crawler) {
    const configured = crawler.settings.get<string>('HTTPCACHE_DIR') || 'httpcache';
    this.#dir = isAbsolute(configured) ? configured : resolve('.skitter', configured);
    this.#expirationSecs = crawler.settings.getFloat('HTTPCACHE_EXPIRATION_SECS');
    this.#gzip = crawler.settings.getBool('HTTPCACHE_GZIP');
    this.#now = () => crawler.adapter.wallClock();
  }

  /** The cache's root directory (absolute). */
  get directory(): string {
    return this.#dir;
  }

  async retrieveResponse(spider: Spider, request: Request): Promise<Response | undefined> {
    const dir = this.#entryDir(spider, request);
    let record: CachedResponseRecord;
    try {
      record = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as CachedResponseRecord;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    if (isExpired(record.storedAtMs, this.#expirationSecs, this.#now())) return undefined;
    const stored = new Uint8Array(await readFile(join(dir, 'response_body')));
    // Each entry records whether it was gzipped: entries stay readable after HTTPCACHE_GZIP changes.
    const body = (record as { gzip?: boolean }).gzip ? new Uint8Array(gunzipSync(stored)) : stored;
    return responseFromRecord(record, body);
  }

  async storeResponse(spider: Spider, request: Request, response: Response): Promise<void> {
    const dir = this.#entryDir(spider, request);
    await mkdir(dir, { recursive: true });
    const record = { ...recordOf(request, response, this.#now()), gzip: this.#gzip };
    await atomicWrite(join(dir, 'response_body'), this.#gzip ? gzipSync(response.body) : response.body);
    await atomicWrite(join(dir, 'meta.json'), JSON.stringify(record, null, 1));
  }

  /** Removes every entry of `spider` (not part of Scrapy's interface; handy to start over). */
  async clear(spider: Spider): Promise<void> {
    await rm(join(this.#dir, spider.name), { recursive: true, force: true });
  }

  #entryDir(spider: Spider, request: Request): string {
    const fp = fingerprint(request);
    return join(this.#dir, spider.name, fp.slice(0, 2), fp);
  }
}

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.tmp-${process.pid}-${++tempCounter}`);
  await writeFile(temp, data);
  await rename(temp, path);
}

