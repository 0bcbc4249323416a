/**
 * The built-in component maps (Scrapy's *_BASE settings), applied at `default` priority by every
 * Crawler. Keys are the components' names, so `{ RetryMiddleware: null }` in DOWNLOADER_MIDDLEWARES
 * disables the built-in one; orders are Scrapy's.
 * @module
 */
import { EXTENSIONS_BASE } from '../extensions/index.ts';
import { DOWNLOADER_MIDDLEWARES_BASE } from '../middlewares/downloader/index.ts';
import { SPIDER_MIDDLEWARES_BASE } from '../middlewares/spider/index.ts';
import { FeedExportExtension } from '../feeds/feed-exporter.ts';
import { HttpDownloadHandler } from './downloader/handlers/http-handler.ts';
import { DataDownloadHandler } from './downloader/handlers/data-handler.ts';
import type { SettingsInput } from './settings/settings.ts';
import { defaultScheduler } from '../jobs/job-scheduler.ts';
import { JobSpiderMiddleware } from '../jobs/job-spider-middleware.ts';

/**
 * The job spider middleware's order: above every built-in one, so it sits closest to the spider
 * and counts exactly the values `start()` produced.
 */
const JOB_SPIDER_MIDDLEWARE_ORDER = 10_000;

/** The *_BASE settings. */
export function baseComponentSettings(): SettingsInput {
  return {
    DOWNLOAD_HANDLERS_BASE: {
      http: HttpDownloadHandler,
      https: HttpDownloadHandler,
      data: DataDownloadHandler,
    },
    DOWNLOADER_MIDDLEWARES_BASE: { ...DOWNLOADER_MIDDLEWARES_BASE },
    SPIDER_MIDDLEWARES_BASE: { ...SPIDER_MIDDLEWARES_BASE, JobSpiderMiddleware: { use: JobSpiderMiddleware, order: JOB_SPIDER_MIDDLEWARE_ORDER } },
    SCHEDULER: defaultScheduler,
    EXTENSIONS_BASE: {
      ...EXTENSIONS_BASE,
      FeedExporter: { use: FeedExportExtension, order: 0 },
    },
    FEED_EXPORTERS_BASE: {},
  };
}
