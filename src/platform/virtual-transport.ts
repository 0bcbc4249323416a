/**
 * A scripted HTTP transport on virtual time: `fetch` answers from a route table after a virtual
 * latency, so download timing is exact and no network is used.
 * @module
 */

/**
 * How a scripted URL answers:
 * - a string: a 200 HTML page with that body;
 * - `{ status?, headers?, body?, latencyMs? }`: that response (status 200 and an empty body by
 *   default; a string body without a `content-type` header gets `text/html; charset=utf-8`);
 * - `{ error, latencyMs? }`: `fetch` rejects with `TypeError('fetch failed')` whose `cause` has
 *   `code: error` (e.g. `'ECONNREFUSED'`), as Node's fetch does on a network error.
 * `latencyMs` (virtual ms) overrides the transport's default latency.
 */
export type VirtualRoute =
  | string
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array; latencyMs?: number }
  | { error: string; latencyMs?: number };

/**
 * The route table: absolute URLs to routes (unknown URLs answer 404), or a function that gets the
 * web `Request` and returns a route (`undefined` answers 404).
 */
export type VirtualRoutes =
  | Record<string, VirtualRoute>
  | ((request: globalThis.Request) => VirtualRoute | Promise<VirtualRoute | undefined> | undefined);

/** One request the transport received (redirect hops are separate requests). */
export interface VirtualRequestRecord {
  /** The absolute URL. */
  url: string;
  /** The HTTP method, upper-case. */
  method: string;
  /** Virtual time (ms) at which the request was sent. */
  atMs: number;
  /** The request headers, names lower-case. */
  headers: Record<string, string>;
}

/** What the transport needs from the virtual clock. */
export interface VirtualTransportClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of {@link VirtualTransport}. */
export interface VirtualTransportOptions {
  /** The route table. @default {} (everything answers 404) */
  routes?: VirtualRoutes;
  /** Virtual ms each response takes unless its route says otherwise. @default 0 */
  latencyMs?: number;
  /** Called when each request is sent, with its URL and the virtual time. */
  onRequest?: (url: string, atMs: number) => void;
}

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function fetchFailed(message: string, code?: string): TypeError {
  const cause = Object.assign(new Error(message), code === undefined ? {} : { code });
  return new TypeError('fetch failed', { cause });
}

/**
 * A scripted `fetch` on virtual time. Follows redirects like the platform fetch (`redirect:
 * 'follow'`, at most 20 hops, 303 and POST-301/302 become GET), returns them as is with `redirect:
 * 'manual'` and rejects with `'error'`. Responses carry the right `url` and `redirected`.
 * Honours `init.signal`: an abort before the response rejects with `signal.reason`.
 */
export class VirtualTransport {
  /** Every request received, in order. */
  readonly requests: VirtualRequestRecord[] = [];
  #clock: VirtualTransportClock;
  #table: Map<string, VirtualRoute> | undefined;
  #router: ((request: globalThis.Request) => VirtualRoute | Promise<VirtualRoute | undefined> | undefined) | undefined;
  #latencyMs: number;
  #onRequest: ((url: string, atMs: number) => void) | undefined;

  /** @throws {TypeError} if a route table key is not an absolute URL. */
  constructor(clock: VirtualTransportClock, options: VirtualTransportOptions = {}) {
    this.#clock = clock;
    const routes = options.routes ?? {};
    if (typeof routes === 'function') {
      this.#router = routes;
    } else {
      this.#table = new Map(Object.entries(routes).map(([url, route]) => [new URL(url).href, route]));
    }
    this.#latencyMs = options.latencyMs ?? 0;
    this.#onRequest = options.onRequest;
  }

  /** The scripted fetch (same signature as `globalThis.fetch`). */
  readonly fetch = async (input: string | URL | globalThis.Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw signal.reason;
    let request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
    for (let hops = 0; ; hops++) {
      const response = await this.#answer(request, signal ?? undefined);
      const location = response.headers.get('location');
      if (request.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === null) {
        return withUrl(response, request.url, hops > 0);
      }
      if (request.redirect === 'error') throw fetchFailed(`redirect to ${location} with redirect: 'error'`);
      if (hops + 1 > MAX_REDIRECTS) throw fetchFailed('redirect count exceeded');
      const toGet = response.status === 303 ? request.method !== 'HEAD'
        : (response.status === 301 || response.status === 302) && request.method === 'POST';
      request = new Request(new URL(location, request.url), {
        method: toGet ? 'GET' : request.method,
        headers: request.headers,
        body: toGet ? undefined : (body as BodyInit | undefined),
        redirect: request.redirect,
      });
    }
  };

  async #answer(request: globalThis.Request, signal: AbortSignal | undefined): Promise<Response> {
    const atMs = this.#clock.now();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => { headers[name] = value; });
    this.requests.push({ url: request.url, method: request.method, atMs, headers });
    this.#onRequest?.(request.url, atMs);
    // fetch never sends the fragment; match the table without it.
    const found = this.#router ? await this.#router(request.clone()) : this.#table!.get(request.url.split('#')[0]!);
    const route: VirtualRoute = found ?? { status: 404 };
    const latencyMs = typeof route === 'string' ? this.#latencyMs : route.latencyMs ?? this.#latencyMs;
    await this.#clock.sleep(latencyMs, signal);
    if (typeof route === 'string') return buildResponse(200, undefined, route, request.method);
    if ('error' in route) throw fetchFailed(`${route.error} ${request.url}`, route.error);
    return buildResponse(route.status ?? 200, route.headers, route.body ?? '', request.method);
  }
}

function buildResponse(status: number, headerInit: Record<string, string> | undefined, body: string | Uint8Array, method: string): Response {
  const headers = new Headers(headerInit);
  if (typeof body === 'string' && !headers.has('content-type')) headers.set('content-type', 'text/html; charset=utf-8');
  const noBody = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  return new Response(noBody ? null : (body as BodyInit), { status, headers });
}

/** Constructed responses have an empty `url`; set what a real fetch would report. */
function withUrl(response: Response, url: string, redirected: boolean): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: redirected });
  return response;
}
