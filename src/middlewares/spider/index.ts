/**
 * The built-in spider middlewares and their base map (Scrapy's SPIDER_MIDDLEWARES_BASE, with
 * Scrapy's orders). Scrapy 2.13's map also has StartSpiderMiddleware (25; here the engine marks
 * start requests itself) and the spider OffsiteMiddleware (500), which are not in this folder.
 * @module
 */
import type { ComponentMap } from '../../core/component.ts';
import type { SpiderMiddleware } from '../../core/scraper/spider-middleware-manager.ts';
import { DepthMiddleware } from './depth-middleware.ts';
import { HttpErrorMiddleware } from './http-error-middleware.ts';
import { LocalSchemeMiddleware } from './local-scheme-middleware.ts';
import { RefererMiddleware } from './referer-middleware.ts';
import { UrlLengthMiddleware } from './url-length-middleware.ts';

export { BaseSpiderMiddleware } from './base-spider-middleware.ts';
export { DepthMiddleware } from './depth-middleware.ts';
export { HttpErrorMiddleware, type SpiderWithHttpstatusList } from './http-error-middleware.ts';
export { LocalSchemeMiddleware } from './local-scheme-middleware.ts';
export { RefererMiddleware } from './referer-middleware.ts';
export { REFERRER_POLICIES, resolveReferrerPolicy, type ReferrerPolicy } from './referrer-policies.ts';
export { UrlLengthMiddleware } from './url-length-middleware.ts';

/**
 * The built-in spider middlewares, keyed by class name: HttpErrorMiddleware 50,
 * RefererMiddleware 700, UrlLengthMiddleware 800, DepthMiddleware 900. Disable one with
 * `SPIDER_MIDDLEWARES: { DepthMiddleware: null }`.
 * @see https://docs.scrapy.org/en/latest/topics/settings.html#spider-middlewares-base
 */
export const SPIDER_MIDDLEWARES_BASE: ComponentMap<SpiderMiddleware> = {
  LocalSchemeMiddleware: { use: LocalSchemeMiddleware, order: 30 },
  HttpErrorMiddleware: { use: HttpErrorMiddleware, order: 50 },
  RefererMiddleware: { use: RefererMiddleware, order: 700 },
  UrlLengthMiddleware: { use: UrlLengthMiddleware, order: 800 },
  DepthMiddleware: { use: DepthMiddleware, order: 900 },
};
