/**
 * The rule that keeps remote pages from reading local files: a request for a local scheme
 * (`file:` and the browser's `blob:` / `filesystem:`) is only downloaded when it starts the crawl
 * (`start()`, start URLs) or comes from a page that is itself local. Shared by
 * LocalSchemeMiddleware (links yielded by callbacks) and the redirect middlewares (Location and
 * meta refresh).
 * @module
 */
import type { Crawler } from '../core/crawler.ts';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';

/** URL schemes that read from the machine running the crawl rather than from the network. */
export const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['file:', 'blob:', 'filesystem:']);

/** Stat counting the requests refused by this rule. */
export const LOCAL_SCHEME_REFUSED_STAT = 'localscheme/refused';

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon < 0 ? '' : url.slice(0, colon + 1).toLowerCase();
}

/** True if `url` has a local scheme ({@link LOCAL_SCHEMES}). */
export function isLocalUrl(url: string): boolean {
  return LOCAL_SCHEMES.has(schemeOf(url));
}

/** True when `request`, produced from the page at `sourceUrl`, must not be downloaded. */
export function isRefusedLocalRequest(request: Request, sourceUrl: string): boolean {
  return isLocalUrl(request.url) && !isLocalUrl(sourceUrl);
}

/**
 * Counts a refusal and returns its message; logs it as a warning the first time each URL is
 * refused in a crawl (`seen` remembers them).
 */
export function reportRefusedLocalRequest(crawler: Crawler, request: Request, source: Response | Request, how: string, seen: Set<string>): string {
  const message = `Refused ${request} ${how} ${source}: ${schemeOf(request.url)} URLs are downloaded only from start requests or from pages that are local themselves, never from remote pages.`;
  crawler.stats.incValue(LOCAL_SCHEME_REFUSED_STAT);
  if (!seen.has(request.url)) {
    seen.add(request.url);
    crawler.getLogger('skitter.localscheme').warning(message);
  }
  return message;
}
