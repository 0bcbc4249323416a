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

/** The *_BASE settings. */
export function baseComponentSettings(): SettingsInput {
  return {
    DOWNLOAD_HANDLERS_BASE: {
      http: HttpDownloadHandler,
      https: HttpDownloadHandler,
      data: DataDownloadHandler,
    },
    DOWNLOADER_MIDDLEWARES_BASE: { ...DOWNLOADER_MIDDLEWARES_BASE },
    SPIDER_MIDDLEWARES_BASE: { ...SPIDER_MIDDLEWARES_BASE },
    EXTENSIONS_BASE: {
      ...EXTENSIONS_BASE,
      FeedExporter: { use: FeedExportExtension, order: 0 },
    },
    FEED_EXPORTERS_BASE: {},
  };
}
