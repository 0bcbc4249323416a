/**
 * The built-in downloader middlewares and their base map (Scrapy's DOWNLOADER_MIDDLEWARES_BASE,
 * with Scrapy's orders). HttpCacheMiddleware (900) lives in `src/httpcache/`.
 * @module
 */
import type { ComponentMap } from '../../core/component.ts';
import type { DownloaderMiddleware } from '../../core/downloader/downloader-middleware-manager.ts';
import { HttpCacheMiddleware } from '../../httpcache/http-cache-middleware.ts';
import { DefaultHeadersMiddleware } from './default-headers-middleware.ts';
import { DownloadTimeoutMiddleware } from './download-timeout-middleware.ts';
import { DownloaderStats } from './downloader-stats.ts';
import { HttpAuthMiddleware } from './http-auth-middleware.ts';
import { HttpCompressionMiddleware } from './http-compression-middleware.ts';
import { HttpProxyMiddleware } from './http-proxy-middleware.ts';
import { MetaRefreshMiddleware } from './meta-refresh-middleware.ts';
import { OffsiteMiddleware } from './offsite-middleware.ts';
import { RedirectMiddleware } from './redirect-middleware.ts';
import { RetryMiddleware } from './retry-middleware.ts';
import { RobotsTxtMiddleware } from './robots-txt-middleware.ts';
import { UserAgentMiddleware } from './user-agent-middleware.ts';

export { BaseRedirectMiddleware, type RedirectReason } from './base-redirect-middleware.ts';
export { DefaultHeadersMiddleware } from './default-headers-middleware.ts';
export { DownloadTimeoutMiddleware } from './download-timeout-middleware.ts';
export { DownloaderStats } from './downloader-stats.ts';
export { getRetryRequest, type RetryReason, type RetryRequestOptions } from './get-retry-request.ts';
export { HttpAuthMiddleware } from './http-auth-middleware.ts';
export { ACCEPTED_ENCODINGS, HttpCompressionMiddleware } from './http-compression-middleware.ts';
export { HttpProxyMiddleware } from './http-proxy-middleware.ts';
export { responseStatusMessage } from './http-status.ts';
export { MetaRefreshMiddleware } from './meta-refresh-middleware.ts';
export { OffsiteMiddleware } from './offsite-middleware.ts';
export { RedirectMiddleware } from './redirect-middleware.ts';
export { DEFAULT_RETRY_EXCEPTIONS, RetryMiddleware, type RetryExceptionEntry } from './retry-middleware.ts';
export { RobotsTxtMiddleware } from './robots-txt-middleware.ts';
export { UserAgentMiddleware } from './user-agent-middleware.ts';

/**
 * The built-in downloader middlewares, keyed by class name, with Scrapy's orders:
 * OffsiteMiddleware 50, RobotsTxtMiddleware 100, HttpAuthMiddleware 300,
 * DownloadTimeoutMiddleware 350, DefaultHeadersMiddleware 400, UserAgentMiddleware 500,
 * RetryMiddleware 550, MetaRefreshMiddleware 580, HttpCompressionMiddleware 590,
 * RedirectMiddleware 600, HttpProxyMiddleware 750, DownloaderStats 850, HttpCacheMiddleware 900.
 * CookiesMiddleware (700) is added by the Node platform (`skitter/node`): browsers keep their own
 * jar, and its cookie library (tough-cookie) stays out of web bundles.
 * Disable one with `DOWNLOADER_MIDDLEWARES: { RetryMiddleware: null }`.
 * @see https://docs.scrapy.org/en/latest/topics/settings.html#downloader-middlewares-base
 */
export const DOWNLOADER_MIDDLEWARES_BASE: ComponentMap<DownloaderMiddleware> = {
  OffsiteMiddleware: { use: OffsiteMiddleware, order: 50 },
  RobotsTxtMiddleware: { use: RobotsTxtMiddleware, order: 100 },
  HttpAuthMiddleware: { use: HttpAuthMiddleware, order: 300 },
  DownloadTimeoutMiddleware: { use: DownloadTimeoutMiddleware, order: 350 },
  DefaultHeadersMiddleware: { use: DefaultHeadersMiddleware, order: 400 },
  UserAgentMiddleware: { use: UserAgentMiddleware, order: 500 },
  RetryMiddleware: { use: RetryMiddleware, order: 550 },
  MetaRefreshMiddleware: { use: MetaRefreshMiddleware, order: 580 },
  HttpCompressionMiddleware: { use: HttpCompressionMiddleware, order: 590 },
  RedirectMiddleware: { use: RedirectMiddleware, order: 600 },
  HttpProxyMiddleware: { use: HttpProxyMiddleware, order: 750 },
  DownloaderStats: { use: DownloaderStats, order: 850 },
  HttpCacheMiddleware: { use: HttpCacheMiddleware, order: 900 },
};
