/**
 * Pluggable components: middlewares, pipelines, extensions, schedulers, handlers. They are given as
 * code, never as dotted strings (bundlers and MV3 service workers cannot load code by name).
 * @module
 */
import type { Crawler } from './crawler.ts';
import { isNotConfigured } from '../errors/not-configured.ts';
import { isPromiseLike, type MaybePromise } from '../utils/maybe-async.ts';

/**
 * How a component is given:
 * - a class: built with its static `fromCrawler(crawler)` when it has one, else `new C(crawler)`;
 * - a factory object `{ fromCrawler(crawler) { return instance } }`;
 * - a ready instance (any other object), used as is.
 * Any of these may throw {@link NotConfigured} to opt out.
 */
export type ComponentSpec<T extends object = object> =
  | (abstract new (crawler: Crawler) => T)
  | (new (crawler: Crawler) => T)
  | { fromCrawler(crawler: Crawler): MaybePromise<T> }
  | T;

/**
 * An entry of an ordered component map (DOWNLOADER_MIDDLEWARES, SPIDER_MIDDLEWARES, ITEM_PIPELINES,
 * EXTENSIONS): the component and its order number (Scrapy's integer value). `null` disables an entry
 * of the base map with the same key.
 */
export type ComponentEntry<T extends object = object> = { use: ComponentSpec<T>; order: number } | null;

/** An ordered component map, keyed by a name of your choice (the base maps use class names). */
export type ComponentMap<T extends object = object> = Record<string, ComponentEntry<T>>;

/** A human-readable name for a component spec or instance, for messages. */
export function componentName(spec: unknown): string {
  if (typeof spec === 'function') return spec.name || 'anonymous component';
  if (spec && typeof spec === 'object') {
    const ctor = (spec as object).constructor;
    if (ctor && ctor !== Object && ctor.name) return ctor.name;
  }
  return 'component';
}

/**
 * Builds one component. Resolves to `undefined` when it opted out with NotConfigured (logged at
 * debug level), so callers simply skip it.
 * @throws whatever the constructor or factory throws, other than NotConfigured.
 */
export async function buildComponent<T extends object>(spec: ComponentSpec<T>, crawler: Crawler): Promise<T | undefined> {
  try {
    let built: MaybePromise<T>;
    if (typeof spec === 'function') {
      const cls = spec as unknown as { fromCrawler?: (c: Crawler) => MaybePromise<T> } & (new (c: Crawler) => T);
      built = typeof cls.fromCrawler === 'function' ? cls.fromCrawler(crawler) : new cls(crawler);
    } else if (spec && typeof (spec as { fromCrawler?: unknown }).fromCrawler === 'function') {
      built = (spec as { fromCrawler(c: Crawler): MaybePromise<T> }).fromCrawler(crawler);
    } else {
      built = spec as T;
    }
    return isPromiseLike(built) ? await built : built;
  } catch (error) {
    if (isNotConfigured(error)) {
      crawler.logger.debug(`Disabled ${componentName(spec)}: ${(error as Error).message || 'not configured'}`);
      return undefined;
    }
    throw error;
  }
}

/**
 * Merges a user map over a base map (Scrapy's `build_component_list`): same keys override, `null`
 * disables, and the result is sorted by order (ascending; stable for equal orders).
 */
export function orderedComponents<T extends object>(base: ComponentMap<T>, custom: ComponentMap<T> | undefined): Array<{ key: string; use: ComponentSpec<T>; order: number }> {
  const merged: ComponentMap<T> = { ...base, ...(custom ?? {}) };
  const list: Array<{ key: string; use: ComponentSpec<T>; order: number }> = [];
  for (const [key, entry] of Object.entries(merged)) {
    if (entry == null) continue;
    list.push({ key, use: entry.use, order: entry.order });
  }
  return list.sort((a, b) => a.order - b.order);
}

/** Builds every enabled component of a merged map, in order, skipping those that opt out. */
export async function buildComponentList<T extends object>(base: ComponentMap<T>, custom: ComponentMap<T> | undefined, crawler: Crawler): Promise<T[]> {
  const out: T[] = [];
  for (const { use } of orderedComponents(base, custom)) {
    const built = await buildComponent(use, crawler);
    if (built) out.push(built);
  }
  return out;
}
