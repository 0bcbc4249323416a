/**
 * The playground's Service Worker: the demo shop of `skitter demo`, rendered inside the browser by
 * the same generator (`demo/site/catalogue.ts`), so crawls need no backend and the built
 * playground works from any static host. It answers `fetch()` requests for the shop's paths at the
 * page's origin (see `shop-paths.ts`); the crawl worker's requests reach it because a dedicated
 * worker started by a controlled page is controlled too.
 *
 * It also keeps a copy of the playground's own files as they are fetched (network first), so a
 * page visited once opens offline.
 * @module
 */
import { type CatalogueOptions, createCatalogue, type SiteResponse } from '../../../site/catalogue.ts';
import { isShopPath } from './shop-paths.ts';

/** The few Service Worker types used here (the project compiles with the DOM library, not WebWorker). */
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const scope = globalThis as unknown as ServiceWorkerScope;
const APP_CACHE = 'skitter-playground-v1';
/** The dev server registers `sw.js?dev=1`: its modules change on every edit and are not cached. */
const cacheAppFiles = !new URL(scope.location.href).searchParams.has('dev');

/**
 * The catalogue of `skitter demo`: 1,000 products, or `?products=N` from the registration URL
 * (the page passes its own `?products=N` on, for a quicker demo or test).
 */
function catalogueOptions(): CatalogueOptions {
  const products = Number(new URL(scope.location.href).searchParams.get('products') ?? '');
  return Number.isInteger(products) && products >= 1 && products <= 100_000 ? { products } : {};
}
const catalogue = createCatalogue(catalogueOptions());
/** Requests per path, as the Node server counts them: `/flaky` fails on its first request only. */
const attempts = new Map<string, number>();

function toResponse(page: SiteResponse, method: string): Response {
  const body = method === 'HEAD' || page.status === 204 || page.status === 304 ? null : page.body;
  return new Response(body as BodyInit | null, { status: page.status, headers: page.headers });
}

function shopResponse(request: Request, url: URL): Response {
  const attempt = request.method === 'OPTIONS' ? 1 : (attempts.get(url.pathname) ?? 0) + 1;
  if (request.method !== 'OPTIONS') attempts.set(url.pathname, attempt);
  const page = catalogue.render(url.pathname + url.search, undefined, { origin: url.origin, method: request.method, attempt });
  return toResponse(page, request.method);
}

/** Network first; the cached copy when the network fails (offline). */
async function appFile(request: Request): Promise<Response> {
  const cache = await caches.open(APP_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));
scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (request.destination === '' && request.mode !== 'navigate' && isShopPath(url.pathname)) {
    event.respondWith(shopResponse(request, url));
  } else if (cacheAppFiles && request.method === 'GET' && url.pathname.startsWith(new URL('./', scope.location.href).pathname)) {
    event.respondWith(appFile(request));
  }
});
