import type { Crawler } from '../../core/crawler.ts';
import { fingerprint } from '../../http/fingerprint.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import { isIgnoreRequest } from '../../errors/ignore-request.ts';
import type { Spider } from '../../spiders/spider.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';

/** What a media pipeline records for each file it got (Scrapy's file info dict). */
export interface MediaResult {
  url: string;
  /** Where the store keeps it, relative (`full/<sha1>.jpg`). */
  path: string;
  /** MD5 of the stored bytes, hex. */
  checksum: string;
  /** `downloaded`, `uptodate` (stored recently enough: not downloaded again) or `cached` (HTTP cache). */
  status: 'downloaded' | 'uptodate' | 'cached';
}

/** One request's outcome: `[true, result]` or `[false, error]` (Scrapy's `(success, info)` pairs). */
export type MediaOutcome = [true, MediaResult] | [false, unknown];

/** Per-crawl state the hooks receive (Scrapy's `SpiderInfo`). */
export interface MediaInfo {
  spider: Spider;
}

/**
 * Scrapy's `MediaPipeline`: for each item, builds the media requests (`getMediaRequests`),
 * downloads each through the engine (downloader middlewares, slots and delays, as any request;
 * each URL once per crawl however many items name it), and hands the outcomes to `itemCompleted`.
 * The item waits in the pipeline until its media are done. Subclasses implement the hooks;
 * every hook may be async.
 * @see https://docs.scrapy.org/en/latest/topics/media-pipeline.html
 */
export abstract class MediaPipeline {
  protected readonly crawler: Crawler;
  /** One download per request fingerprint for the whole crawl (Scrapy's `info.downloaded`). */
  #outcomes = new Map<string, Promise<MediaOutcome>>();

  constructor(crawler: Crawler) {
    this.crawler = crawler;
  }

  /** The requests for an item's media. */
  abstract getMediaRequests(item: Record<string, unknown>, info: MediaInfo): MaybePromise<Request[]>;

  /**
   * Called before downloading: return a result to skip the download (e.g. the file is stored and
   * fresh), or nothing to download it. @default downloads
   */
  mediaToDownload(_request: Request, _info: MediaInfo, _item: Record<string, unknown>): MaybePromise<MediaResult | undefined | void> {
    return undefined;
  }

  /** Turns a downloaded response into a result (store the file); throw to fail this media. */
  abstract mediaDownloaded(response: Response, request: Request, info: MediaInfo, item: Record<string, unknown>): MaybePromise<MediaResult>;

  /** Called when a media download failed; returns what goes in the outcome. @default logs a warning, returns the error */
  mediaFailed(error: unknown, request: Request, _info: MediaInfo): unknown {
    if (!isIgnoreRequest(error)) {
      const referer = request.headers.get('Referer') ?? 'None';
      this.crawler.logger.warning(`File (unknown-error): Error downloading ${this.mediaName} from ${request} referred in <${referer}>: ${error instanceof Error ? error.message : String(error)}`);
    }
    return error;
  }

  /** Gets the item ready once every media request is done; returns the item. @default the item unchanged */
  itemCompleted(_results: MediaOutcome[], item: Record<string, unknown>, _info: MediaInfo): MaybePromise<Record<string, unknown>> {
    return item;
  }

  /** The word used in log lines (`file`, `image`). */
  protected get mediaName(): string {
    return 'file';
  }

  /** The item pipeline hook: downloads the item's media, then `itemCompleted`. */
  async processItem(item: Record<string, unknown>, spider: Spider): Promise<Record<string, unknown>> {
    const info: MediaInfo = { spider };
    const requests = await this.getMediaRequests(item, info);
    const outcomes = await Promise.all(requests.map((request) => this.#outcome(request, info, item)));
    return this.itemCompleted(outcomes, item, info);
  }

  #outcome(request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<MediaOutcome> {
    const fp = fingerprint(request);
    let outcome = this.#outcomes.get(fp);
    if (!outcome) {
      outcome = this.#fetch(request, info, item);
      this.#outcomes.set(fp, outcome);
    }
    return outcome;
  }

  async #fetch(request: Request, info: MediaInfo, item: Record<string, unknown>): Promise<MediaOutcome> {
    try {
      const stored = await this.mediaToDownload(request, info, item);
      if (stored) return [true, stored];
      // Every status reaches mediaDownloaded, which decides (a 404 is an error there, not a drop).
      request.meta['handle_httpstatus_all'] = true;
      const response = await this.crawler.engine.download(request);
      return [true, await this.mediaDownloaded(response, request, info, item)];
    } catch (error) {
      return [false, this.mediaFailed(error, request, info)];
    }
  }
}
