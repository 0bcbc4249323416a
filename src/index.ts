/**
 * skitter's runtime-neutral API: Scrapy's concepts in TypeScript. Import it through a runtime
 * entry (`skitter` picks one by export condition; `skitter/node`, `skitter/web`, `skitter/mv3`
 * name one), which also installs that runtime's loop adapter.
 * @module
 */
export * from './spiders/index.ts';
export * from './link-extractors/index.ts';
export * from './loader/index.ts';
export * from './httpcache/index.ts';
export * from './mail/index.ts';
export * from './pipelines/media/index.ts';
export {
  installDocumentParser, domParserFrom, type DocumentParser, type DocumentMimeType, type DomDocument,
} from './dom/document-parser.ts';
export * from './http/index.ts';
export { Selector, SelectorList } from './selector/index.ts';
export type { SelectorInit, SelectorType } from './selector/index.ts';
export { Crawler, setDefaultLogSink, formatStats, type CrawlerOptions } from './core/crawler.ts';
export { CrawlerRunner } from './core/crawler-runner.ts';
export { ExecutionEngine } from './core/engine/engine.ts';
export { Settings, type SettingsInput, type BuiltinSettings } from './core/settings/settings.ts';
export { SETTINGS_PRIORITIES, type SettingsPriority } from './core/settings/priorities.ts';
export { SETTINGS_SCHEMA, type SettingDefinition } from './core/settings/schema.ts';
export { signals, SignalManager, type SignalName, type SignalArgs, type SignalHandler } from './core/signals.ts';
export { StatsCollector } from './core/stats.ts';
export { Failure } from './core/failure.ts';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel, type LogRecord, type LogSink } from './core/log.ts';
export { buildComponent, type ComponentSpec, type ComponentEntry, type ComponentMap } from './core/component.ts';
export { installPlatform, installedPlatform, type Platform } from './core/platform.ts';
export { Scheduler, type SchedulerLike } from './core/scheduler/scheduler.ts';
export { FingerprintDupeFilter, type DupeFilter } from './core/scheduler/dupefilter.ts';
export { Downloader, type DownloaderLike } from './core/downloader/downloader.ts';
export type { DownloadHandler } from './core/downloader/handler.ts';
export { HttpDownloadHandler } from './core/downloader/handlers/http-handler.ts';
export { DataDownloadHandler } from './core/downloader/handlers/data-handler.ts';
export type { DownloaderMiddleware } from './core/downloader/downloader-middleware-manager.ts';
export type { SpiderMiddleware } from './core/scraper/spider-middleware-manager.ts';
export type { ItemPipeline } from './core/scraper/item-pipeline-manager.ts';
export * from './errors/index.ts';
export {
  BaseSpiderMiddleware, DepthMiddleware, HttpErrorMiddleware, LocalSchemeMiddleware, RefererMiddleware, UrlLengthMiddleware,
  REFERRER_POLICIES, resolveReferrerPolicy, SPIDER_MIDDLEWARES_BASE, type ReferrerPolicy,
} from './middlewares/spider/index.ts';
export {
  AutoThrottle, CloseSpider as CloseSpiderExtension, CoreStats, LogStats, MemoryUsage, EXTENSIONS_BASE,
} from './extensions/index.ts';
export * from './feeds/index.ts';
export * from './jobs/index.ts';
export type { LoopAdapter, Capability, DelayedCall, KeyValueStore, WorkerLike, ThreadTask } from './platform/loop-adapter.ts';
export { requireCapability, hasCapability } from './platform/capabilities.ts';
export { VirtualLoopAdapter, type VirtualLoopAdapterOptions, type VirtualRoute, type VirtualRoutes } from './platform/virtual.ts';
export { registerThreadTask } from './platform/thread-tasks.ts';
