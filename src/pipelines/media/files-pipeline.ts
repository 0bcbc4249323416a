import { md5 } from 'js-md5';
import type { Crawler } from '../../core/crawler.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { Spider } from '../../spiders/spider.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';
import { resolveFilesStore, type FilesStore } from './files-store.ts';
import { MediaPipeline, type MediaInfo, type MediaOutcome, type MediaResult } from './media-pipeline.ts';
import { mediaExtension, mediaGuid } from './media-path.ts';

/** Thrown for a media response that cannot be stored (a non-200 status, an empty body). */
export class FileException extends Error {
  override name = 'FileException';
}

/** Setting names of one media pipeline: FILES_* for FilesPipeline, IMAGES_* for ImagesPipeline. */
export interface MediaSettingNames {
  store: string;
  urlsField: string;
  resultField: string;
  expires: string;
}

const FILES_SETTINGS: MediaSettingNames = { store: 'FILES_STORE', urlsField: 'FILES_URLS_FIELD', resultField: 'FILES_RESULT_FIELD', expires: 'FILES_EXPIRES' };

const MS_PER_DAY = 24 * 3600 * 1000;

/**
 * Scrapy's `FilesPipeline`: downloads the URLs of each item's FILES_URLS_FIELD (`file_urls`),
 * stores each file under `full/<SHA-1 of the URL><extension>` in FILES_STORE, and writes
 * `[{ url, path, checksum, status }]` into FILES_RESULT_FIELD (`files`). A file stored less than
 * FILES_EXPIRES days ago (90) is not downloaded again (status `uptodate`).
 *
 * Enable it in ITEM_PIPELINES (Scrapy's order: 1) and set FILES_STORE (NotConfigured otherwise):
 * a folder in Node, `idb://<database>` in browsers, or a store of yours. Override `filePath`,
 * `getMediaRequests`, `mediaToDownload`, `mediaDownloaded`, `itemCompleted` as in Scrapy; each may
 * be async. Stats: `file_count`, `file_status_count/<status>`.
 * @see https://docs.scrapy.org/en/latest/topics/media-pipeline.html
 */
export class FilesPipeline extends MediaPipeline {
  protected readonly names: MediaSettingNames;
  #storeSetting: unknown;
  #store: FilesStore | undefined;
  readonly urlsField: string;
  readonly resultField: string;
  readonly expiresDays: number;

  constructor(crawler: Crawler, names: MediaSettingNames = FILES_SETTINGS) {
    super(crawler);
    this.names = names;
    const s = crawler.settings;
    this.#storeSetting = s.get<unknown>(names.store);
    if (this.#storeSetting == null || this.#storeSetting === '') throw new NotConfigured(`${names.store} is not set`);
    this.urlsField = s.get<string>(names.urlsField);
    this.resultField = s.get<string>(names.resultField);
    this.expiresDays = s.getFloat(names.expires);
  }

  /** The store (built when the spider opens). */
  get store(): FilesStore {
    if (!this.#store) throw new Error(`[skitter] ${this.constructor.name}: the store is built when the spider opens.`);
    return this.#store;
  }

  async openSpider(_spider: Spider): Promise<void> {
    this.#store = await resolveFilesStore(this.names.store, this.#storeSetting, this.crawler);
  }

  override getMediaRequests(item: Record<string, unknown>, _info: MediaInfo): Request[] {
    const urls = item[this.urlsField];
    if (urls == null) return [];
    const list = typeof urls === 'string' ? [urls] : Array.isArray(urls) ? urls : [];
    return list.map((url) => new Request(String(url)));
  }

  /** Where a request's file is stored: `full/<SHA-1 of the URL><extension>` (Scrapy's `file_path`). */
  filePath(request: Request, _response?: Response, _info?: MediaInfo, _item?: Record<string, unknown>): string {
    return `full/${mediaGuid(request.url)}${mediaExtension(request.url)}`;
  }

  override async mediaToDownload(request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<MediaResult | undefined> {
    const path = this.filePath(request, undefined, info, item);
    const stat = await this.store.statFile(path);
    if (!stat) return undefined;
    const ageDays = (this.crawler.adapter.wallClock() - stat.lastModifiedMs) / MS_PER_DAY;
    if (ageDays > this.expiresDays) return undefined;
    const referer = request.headers.get('Referer') ?? 'None';
    this.crawler.logger.debug(`File (uptodate): Downloaded ${this.mediaName} from ${request} referred in <${referer}>`);
    this.#count('uptodate');
    return { url: request.url, path, checksum: stat.checksum, status: 'uptodate' };
  }

  override async mediaDownloaded(response: Response, request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<MediaResult> {
    const referer = request.headers.get('Referer') ?? 'None';
    if (response.status !== 200) {
      this.crawler.logger.warning(`File (code: ${response.status}): Error downloading ${this.mediaName} from ${request} referred in <${referer}>`);
      throw new FileException('download-error');
    }
    if (response.body.byteLength === 0) {
      this.crawler.logger.warning(`File (empty-content): Empty ${this.mediaName} from ${request} referred in <${referer}>: no-content`);
      throw new FileException('empty-content');
    }
    const status = response.flags.includes('cached') ? 'cached' : 'downloaded';
    this.crawler.logger.debug(`File (${status}): Downloaded ${this.mediaName} from ${request} referred in <${referer}>`);
    this.#count(status);
    const checksum = await this.fileDownloaded(response, request, info, item);
    return { url: request.url, path: this.filePath(request, response, info, item), checksum, status };
  }

  /** Stores the response body and returns its MD5 (Scrapy's `file_downloaded`). */
  async fileDownloaded(response: Response, request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<string> {
    const path = this.filePath(request, response, info, item);
    await this.store.persistFile(path, response.body, { contentType: response.headers.get('Content-Type') ?? undefined });
    return md5.hex(response.body);
  }

  override itemCompleted(results: MediaOutcome[], item: Record<string, unknown>, _info?: MediaInfo): MaybePromise<Record<string, unknown>> {
    item[this.resultField] = results.filter((r): r is [true, MediaResult] => r[0]).map((r) => r[1]);
    return item;
  }

  #count(status: string): void {
    this.crawler.stats.incValue('file_count');
    this.crawler.stats.incValue(`file_status_count/${status}`);
  }
}
