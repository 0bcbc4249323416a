/**
 * skitter for Chrome MV3 extension service workers: the runtime-neutral API plus the MV3 loop
 * adapter (keeps the worker alive while a crawl runs, caps fetch timeouts under Chrome's 30 s,
 * runs thread tasks inline) and IndexedDB / in-memory feeds. Import it as `skitter/mv3` in the
 * service worker's bundle (MV3 forbids loading code at run time).
 * @module
 */
import { installPlatform } from './core/platform.ts';
import { Mv3LoopAdapter } from './platform/mv3.ts';
import { WEB_FEED_STORAGES } from './feeds/web-storages.ts';
import { IndexedDbCacheStorage } from './httpcache/indexeddb-cache-storage.ts';
import { canvasImageCodec } from './pipelines/media/canvas-image-codec.ts';
import { installImageCodec } from './pipelines/media/image-codec.ts';
import { IndexedDbFilesStore } from './pipelines/media/indexeddb-files-store.ts';
// Service workers have no DOMParser: response.dom uses linkedom's (MV3 cannot load it lazily).
import { DOMParser as LinkedomDomParser } from 'linkedom/worker';
import { domParserFrom, installDocumentParser } from './dom/document-parser.ts';

export * from './index.ts';
export { Mv3LoopAdapter, type Mv3LoopAdapterOptions } from './platform/mv3.ts';

installDocumentParser(domParserFrom(LinkedomDomParser));

installImageCodec(canvasImageCodec);

installPlatform({
  name: 'mv3',
  createAdapter: () => new Mv3LoopAdapter(),
  defaults: { FEED_STORAGES_BASE: { ...WEB_FEED_STORAGES }, HTTPCACHE_STORAGE: IndexedDbCacheStorage, FILES_STORAGES_BASE: { idb: IndexedDbFilesStore } },
});
