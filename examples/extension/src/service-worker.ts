/// <reference types="vite/client" />
/**
 * The starter's service worker: every spider in `../spiders/` can be started from the popup.
 * `serveExtensionCrawls` answers the popup's commands, runs the crawl here and keeps each run (status,
 * live progress, latest items, stats) in chrome.storage and its items in IndexedDB. Requests with
 * `meta: { render: true }` are loaded in a background tab by RenderedTabDownloadHandler; the
 * others are fetched with the browser's cookies.
 * @module
 */
import { RenderedTabDownloadHandler, serveExtensionCrawls } from 'skitter/mv3';

serveExtensionCrawls({
  // Adding a spider = adding a file to spiders/ (vite bundles them all; MV3 cannot load code later).
  spiders: Object.values(import.meta.glob('../spiders/*.ts', { eager: true })),
  settings: {
    LOG_LEVEL: 'INFO',
    DOWNLOAD_HANDLERS: { http: RenderedTabDownloadHandler, https: RenderedTabDownloadHandler },
    RENDER_MAX_TABS: 2,
  },
});
