/**
 * skitter inside Chrome extensions: what an extension scraper needs beyond the MV3 runtime. Part of
 * `skitter/mv3`.
 *
 * - {@link serveExtensionCrawls} (service worker) and {@link CrawlClient} (popup, side panel): the message
 *   protocol to start, pause, resume and stop a crawl, its live progress and its past runs, kept in
 *   `chrome.storage.local`, their items in IndexedDB.
 * - {@link RenderedTabDownloadHandler}: requests with `meta: { render: true }` rendered in a real
 *   background tab.
 * - {@link requestHostPermission}: optional host permissions for the origin to crawl.
 * @module
 */
export {
  RUN_INDEX_KEY, RUN_KEY_PREFIX, runKey, isCrawlCommand,
  type CrawlCommand, type CrawlProgress, type CrawlReply, type CrawlRun, type CrawlRunStatus, type SpiderInfo, type StartCrawlOptions,
} from './crawl-protocol.ts';
export { serveExtensionCrawls, CrawlService, CRAWL_WAKE_ALARM, type CrawlServiceOptions } from './crawl-service.ts';
export { CrawlClient, requestHostPermission } from './crawl-client.ts';
export { RenderedTabDownloadHandler, type RenderMeta } from './render/rendered-tab-handler.ts';
export type { RenderedPage } from './render/page-script.ts';
