import type { Failure } from '../core/failure.ts';
import { Headers, type HeadersInput } from './headers.ts';
import type { Response } from './response.ts';
import { redactUrl } from './redact-url.ts';

/**
 * A spider callback. The engine calls it as `callback.call(spider, response, request.cbKwargs)`;
 * it may return (or yield, sync or async) requests and items, or a promise of them.
 * @see Scrapy's `Request.callback`
 */
export type Callback = {
  // Method syntax makes the parameter bivariant, so a callback declared for a subclass
  // (`parseItem(response: TextResponse)`) is accepted, as Scrapy users write them.
  callback(response: Response, kwargs: Record<string, unknown>): unknown;
}['callback'];

/**
 * A spider errback, called (with the spider as `this`) with the {@link Failure} of a request whose
 * download failed (network error, timeout, IgnoreRequest, or HttpError from HttpErrorMiddleware), as
 * in Scrapy; exceptions raised by callbacks go to spider middlewares and `spider_error` instead. It may return requests and items like a callback.
 * @see Scrapy's `Request.errback`
 */
export type Errback = {
  errback(failure: Failure): unknown;
}['errback'];

/** Cookies to send with a request: a name-to-value record, or a list of cookie objects. */
export type RequestCookies =
  | Record<string, string>
  | Array<{ name: string; value: string; domain?: string; path?: string }>;

/** Options of {@link Request}. */
export interface RequestInit {
  /** HTTP method, upper-cased. @default 'GET' */
  method?: string;
  /** Request headers, copied. */
  headers?: HeadersInput;
  /** Body; a string is encoded as UTF-8. @default empty */
  body?: string | Uint8Array | null;
  /** Called with the response. @default the spider's `parse` (chosen by the engine) */
  callback?: Callback;
  /** Called with the {@link Failure} when the download or the callback fails. */
  errback?: Errback;
  /** Extra arguments given to the callback as its second parameter; shallow-copied. */
  cbKwargs?: Record<string, unknown>;
  /** Data for components (`dont_retry`, `download_timeout`, ...); shallow-copied. */
  meta?: Record<string, unknown>;
  /** Scheduling priority: higher runs first; may be negative. @default 0 */
  priority?: number;
  /** Skip the duplicates filter. @default false */
  dontFilter?: boolean;
  /** Labels for logging (`['cached']`, ...); copied. */
  flags?: string[];
  /**
   * The request's declared encoding. skitter always encodes string bodies and URLs as UTF-8 (the
   * only encoding `TextEncoder` has); this is kept for components that read it, such as
   * `FormRequest.fromResponse`, which sets it to the page's encoding.
   * @default 'utf-8'
   */
  encoding?: string;
  /** Cookies for this request, handled by the cookies middleware. */
  cookies?: RequestCookies;
}

/**
 * Where `fingerprint()` caches a request's fingerprint (see src/http/fingerprint.ts).
 * @internal
 */
export let fingerprintSlot: { get(request: Request): string | undefined; set(request: Request, value: string): void };

/** What {@link Request.replace} accepts: any {@link RequestInit} field plus `url`. */
export type RequestChanges = Partial<RequestInit> & { url?: string };

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * The last URL known to be in normalised form (the WHATWG serialisation of a parsed URL), so the
 * request `response.follow()` builds from the URL it just resolved does not parse it a second
 * time (~20 links a page). Serialisation is idempotent, so such a URL normalises to itself.
 */
let lastNormalized = '';

/**
 * Tells {@link Request} that `href` is a WHATWG URL serialisation (`new URL(...).href`), so a
 * request built from it next skips parsing it again.
 * @internal
 */
export function rememberNormalizedUrl(href: string): void {
  lastNormalized = href;
}

/**
 * Validates and normalises a request URL with the WHATWG parser (percent-encoding, IDNA hosts,
 * default ports dropped; the fragment is kept).
 * @throws {TypeError} for a relative or unparseable URL.
 */
function normalizeUrl(url: string): string {
  if (typeof url !== 'string') {
    throw new TypeError(`[skitter] Request: url must be a string, got ${url === null ? 'null' : typeof url}`);
  }
  if (url === lastNormalized) return url;
  try {
    return (lastNormalized = new URL(url).href);
  } catch {
    if (!SCHEME.test(url.trim())) {
      throw new TypeError(
        `[skitter] Request: missing scheme in request URL "${url}"; use response.urljoin() or response.follow() for relative links`,
      );
    }
    throw new TypeError(`[skitter] Request: invalid request URL "${url}"`);
  }
}

/**
 * An HTTP request to download: created by spiders, scheduled by the engine, downloaded by the
 * downloader, and handed back to `callback` with the response.
 *
 * `url` and `body` are read-only (use {@link Request.replace}); the other fields are mutable as
 * in Scrapy. Note that the request fingerprint is cached per request object, so changing
 * `method` after the request was fingerprinted (scheduled) is not supported.
 * @example
 * new Request('https://example.com/page/2', { callback: this.parsePage, cbKwargs: { page: 2 } })
 * @see Scrapy's `scrapy.Request`
 */
export class Request {
  #url: string;
  #body: Uint8Array;
  // meta and cbKwargs are created on first read: most requests never carry any.
  #meta: Record<string, unknown> | undefined;
  #cbKwargs: Record<string, unknown> | undefined;
  /** HTTP method, upper case. */
  method: string;
  /** Request headers. */
  headers: Headers;
  /** Called with the response; `undefined` means the spider's `parse`. */
  callback: Callback | undefined;
  /** Called with the {@link Failure} on errors. */
  errback: Errback | undefined;
  /** Scheduling priority (higher first). */
  priority: number;
  /** True to bypass the duplicates filter. */
  dontFilter: boolean;
  /** Labels shown in logs. */
  flags: string[];
  /** Declared encoding (see {@link RequestInit.encoding}). */
  encoding: string;
  /** Cookies to send, for the cookies middleware. */
  cookies: RequestCookies;
  // A field rather than a WeakMap entry: hundreds of thousands of short-lived requests in a
  // WeakMap make every garbage collection walk them as ephemerons.
  #fingerprint: string | undefined = undefined;

  static {
    fingerprintSlot = {
      get: (request) => request.#fingerprint,
      set: (request, value) => {
        request.#fingerprint = value;
      },
    };
  }

  /**
   * @param url an absolute URL (`http:`, `https:`, `data:`, `file:`, `about:`, ...).
   * @throws {TypeError} `[skitter] Request: missing scheme in request URL "foo/bar"; ...` for a
   *   relative URL, `invalid request URL` for one that does not parse, and for a non-integer priority.
   */
  constructor(url: string, init: RequestInit = {}) {
    this.#url = normalizeUrl(url);
    this.method = init.method === undefined ? 'GET' : String(init.method).toUpperCase();
    this.headers = new Headers(init.headers);
    const body = init.body;
    this.#body = body == null ? EMPTY : typeof body === 'string' ? encoder.encode(body) : body;
    this.callback = init.callback;
    this.errback = init.errback;
    this.#meta = init.meta ? { ...init.meta } : undefined;
    this.#cbKwargs = init.cbKwargs ? { ...init.cbKwargs } : undefined;
    const priority = init.priority ?? 0;
    if (!Number.isInteger(priority)) {
      throw new TypeError(`[skitter] Request: priority must be an integer, got ${String(priority)}`);
    }
    this.priority = priority;
    this.dontFilter = init.dontFilter ?? false;
    this.flags = init.flags ? init.flags.slice() : [];
    this.encoding = init.encoding ?? 'utf-8';
    this.cookies = init.cookies ?? {};
  }

  /** The absolute, normalised URL (fragment kept). Read-only: use {@link Request.replace}. */
  get url(): string {
    return this.#url;
  }

  /** The body bytes (empty when none). Read-only: use {@link Request.replace}. */
  get body(): Uint8Array {
    return this.#body;
  }

  /** Data shared with components along the request's way; always an object. */
  get meta(): Record<string, unknown> {
    return (this.#meta ??= {});
  }

  /** Keyword arguments for the callback; always an object. */
  get cbKwargs(): Record<string, unknown> {
    return (this.#cbKwargs ??= {});
  }

  /**
   * A new request of the same class with `changes` applied over this one's fields. `meta`,
   * `cbKwargs`, `flags` and `headers` are shallow copies; `callback`/`errback`/`cookies` are shared.
   * @see Scrapy's `Request.replace`
   */
  replace(changes: RequestChanges = {}): this {
    const Ctor = this.constructor as new (url: string, init: RequestInit) => this;
    return new Ctor(changes.url ?? this.#url, {
      method: 'method' in changes ? changes.method : this.method,
      headers: 'headers' in changes ? changes.headers : this.headers,
      body: 'body' in changes ? changes.body : this.#body,
      callback: 'callback' in changes ? changes.callback : this.callback,
      errback: 'errback' in changes ? changes.errback : this.errback,
      cbKwargs: 'cbKwargs' in changes ? changes.cbKwargs : this.#cbKwargs,
      meta: 'meta' in changes ? changes.meta : this.#meta,
      priority: 'priority' in changes ? changes.priority : this.priority,
      dontFilter: 'dontFilter' in changes ? changes.dontFilter : this.dontFilter,
      flags: 'flags' in changes ? changes.flags : this.flags,
      encoding: 'encoding' in changes ? changes.encoding : this.encoding,
      cookies: 'cookies' in changes ? changes.cookies : this.cookies,
    });
  }

  /** Same as `replace({})`. */
  copy(): this {
    return this.replace();
  }

  /** `<GET https://example.com/>`, as Scrapy prints requests; credentials in the URL show as `***`. */
  toString(): string {
    return `<${this.method} ${redactUrl(this.#url)}>`;
  }
}
