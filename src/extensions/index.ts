/**
 * The built-in extensions and their base map (Scrapy's EXTENSIONS_BASE, in Scrapy's order; all
 * have order 0, so the map's order is the order they are built and connect to signals).
 * The FeedExporter entry is added where the feeds are wired (`core/default-components.ts`).
 * @module
 */
import type { ComponentMap } from '../core/component.ts';
import { AutoThrottle } from './auto-throttle.ts';
import { CloseSpider } from './close-spider.ts';
import { CoreStats } from './core-stats.ts';
import { LogStats } from './log-stats.ts';
import { MemoryUsage } from './memory-usage.ts';

export { AutoThrottle } from './auto-throttle.ts';
export { CloseSpider } from './close-spider.ts';
export { CoreStats } from './core-stats.ts';
export { LogStats } from './log-stats.ts';
export { MemoryUsage, type MemoryUsageSource } from './memory-usage.ts';

/**
 * The built-in extensions, keyed by class name, all at order 0: CoreStats, MemoryUsage,
 * CloseSpider, LogStats, AutoThrottle. Disable one with `EXTENSIONS: { LogStats: null }`.
 * @see https://docs.scrapy.org/en/latest/topics/settings.html#extensions-base
 */
export const EXTENSIONS_BASE: ComponentMap = {
  CoreStats: { use: CoreStats, order: 0 },
  MemoryUsage: { use: MemoryUsage, order: 0 },
  CloseSpider: { use: CloseSpider, order: 0 },
  LogStats: { use: LogStats, order: 0 },
  AutoThrottle: { use: AutoThrottle, order: 0 },
};
