import { NotSupportedError } from '../errors/not-supported-error.ts';
import { isMalformedUrlError, type MalformedUrlError } from '../errors/malformed-url-error.ts';
import type { Selector, SelectorList } from '../selector/selector.ts';
import { Headers, type HeadersInput } from './headers.ts';
import { Request, type RequestInit } from './request.ts';
import { joinUrl } from './join-url.ts';
import { redactUrl } from './redact-url.ts';

/** Options of {@link Response}. */
export interface ResponseInit {
  /** The final URL of the response (after redirects). */
  url: string;
  /** HTTP status code. @default 200 */
  status?: number;
  /** Response headers, copied. */
  headers?: HeadersInput;
  /** Body bytes (already decompressed: `fetch` decodes Content-Encoding). A string is encoded as UTF-8. @default empty */
  body?: Uint8Array | string;
  /** The request that produced this response; the engine sets it. @default null */
  request?: Request | null;
  /** Labels for logging (`['cached']`, `['redirected']`, ...); copied. */
  flags?: string[];
  /** Protocol the response came over, e.g. `HTTP/1.1`, when the platform tells. */
  protocol?: string;
  /** Server IP address, when the platform tells. */
  ip?: string;
}

/** A response class, as `replace({ cls })` and `responseFor` use. */
export type ResponseClass<R extends Response = Response> = new (init: ResponseInit) => R;

/** What {@link Response.replace} accepts: any {@link ResponseInit} field, plus `cls` to change the class. */
export type ResponseChanges = Partial<ResponseInit> & { encoding?: string };

/**
 * What `follow` accepts: an absolute or relative URL, a `URL`, anything with a `url` string (such
 * as a link from a link extractor), or, on a {@link TextResponse}, a `Selector` of an
 * `<a>`/`<link>`/`<area>` element or of an attribute/text value.
 */
export type FollowTarget = string | URL | { url: string } | Selector;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * A downloaded HTTP response with a body that is not (known to be) text. Text responses are
 * {@link TextResponse} and its HTML/XML subclasses; `responseFor` picks the class.
 *
 * `url` and `body` are read-only (use {@link Response.replace}); the rest is mutable.
 * @see Scrapy's `scrapy.http.Response`
 */
export class Response {
  #url: string;
  #body: Uint8Array;
  /** HTTP status code. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The request that produced this response (set by the engine); `null` when unknown. */
  request: Request | null;
  /** Labels shown in logs. */
  flags: string[];
  /** Protocol, e.g. `HTTP/1.1`, when known. */
  protocol: string | undefined;
  /** Server IP address, when known. */
  ip: string | undefined;
  /**
   * Told about each link `followAll()` skipped because it is malformed. The crawl sets it before
   * callbacks run (a warning once per link, and the `links/malformed` stat); a response made by
   * hand warns on the console.
   */
  onMalformedLink: ((error: MalformedUrlError, response: Response) => void) | undefined;

  constructor(init: ResponseInit) {
    if (typeof init?.url !== 'string') {
      throw new TypeError(`[skitter] ${new.target.name}: url must be a string, got ${typeof init?.url}`);
    }
    this.#url = init.url;
    const body = init.body;
    this.#body = body == null ? EMPTY : typeof body === 'string' ? encoder.encode(body) : body;
    this.status = init.status ?? 200;
    this.headers = new Headers(init.headers);
    this.request = init.request ?? null;
    this.flags = init.flags ? init.flags.slice() : [];
    this.protocol = init.protocol;
    this.ip = init.ip;
    this.onMalformedLink = undefined;
  }

  /** The response URL. Read-only: use {@link Response.replace}. */
  get url(): string {
    return this.#url;
  }

  /** The body bytes. Read-only: use {@link Response.replace}. */
  get body(): Uint8Array {
    return this.#body;
  }

  /**
   * The `meta` of {@link Response.request}.
   * @throws {TypeError} when the response has no request (e.g. built by hand), as Scrapy's AttributeError.
   */
  get meta(): Record<string, unknown> {
    return this.#requireRequest('meta').meta;
  }

  /**
   * The `cbKwargs` of {@link Response.request}.
   * @throws {TypeError} when the response has no request.
   */
  get cbKwargs(): Record<string, unknown> {
    return this.#requireRequest('cbKwargs').cbKwargs;
  }

  #requireRequest(what: string): Request {
    if (this.request === null) {
      throw new TypeError(
        `[skitter] Response.${what}: this response is not tied to any request; read it in a callback, or set response.request`,
      );
    }
    return this.request;
  }

  /**
   * The decoded body. Only text responses have one.
   * @throws {NotSupportedError} on a non-text response.
   */
  get text(): string {
    throw this.#notText();
  }

  /**
   * CSS query on the body. Only text responses can be queried.
   * @throws {NotSupportedError} on a non-text response.
   */
  css(_query: string): SelectorList {
    throw this.#notText();
  }

  /**
   * XPath query on the body. Only text responses can be queried.
   * @throws {NotSupportedError} on a non-text response.
   */
  xpath(_query: string): SelectorList {
    throw this.#notText();
  }

  #notText(): NotSupportedError {
    const type = this.headers.get('content-type');
    return new NotSupportedError(
      `[skitter] Response: this response is not text (Content-Type ${type === null ? 'missing' : `"${type}"`}); use response.body`,
    );
  }

  /**
   * Resolves `url` against the response URL.
   * @throws {MalformedUrlError} (a TypeError) when the result is not a valid URL.
   */
  urljoin(url: string | URL): string {
    return joinUrl(url, this.#url, String(this));
  }

  /**
   * The absolute URL string `follow` requests for `target`; subclasses extend the accepted targets.
   * @throws {TypeError} for a target that is neither a URL nor has a `url`.
   */
  protected followUrl(target: FollowTarget): string {
    if (typeof target === 'string' || target instanceof URL) return this.urljoin(target);
    const url = (target as { url?: unknown } | null)?.url;
    if (typeof url === 'string') return this.urljoin(url);
    throw new TypeError(
      `[skitter] ${this.constructor.name}.follow: cannot follow ${target === null ? 'null' : typeof target}; pass a URL string, a URL, an object with a url, or (on a text response) a Selector`,
    );
  }

  /**
   * A request for `target`, resolved against this response's URL, with `init` as its options.
   * @throws {TypeError} for targets it cannot follow; {@link MalformedUrlError} for malformed URLs.
   * @see Scrapy's `Response.follow`
   */
  follow(target: FollowTarget, init?: RequestInit): Request {
    return new Request(this.followUrl(target), init);
  }

  /**
   * One request per target, as {@link Response.follow}, in order. Malformed URLs are skipped and
   * reported to {@link Response.onMalformedLink} (unlike Scrapy, whose `follow_all` raises on the
   * first one and loses the rest of the page's links).
   * @see Scrapy's `Response.follow_all`
   */
  followAll(targets: Iterable<FollowTarget>, init?: RequestInit): Request[] {
    const requests: Request[] = [];
    for (const target of targets) {
      const request = this.followOrSkip(target, init);
      if (request) requests.push(request);
    }
    return requests;
  }

  /** `follow(target)`, or `undefined` after reporting a malformed URL. */
  protected followOrSkip(target: FollowTarget, init?: RequestInit): Request | undefined {
    try {
      return this.follow(target, init);
    } catch (error) {
      if (!isMalformedUrlError(error)) throw error;
      if (this.onMalformedLink) this.onMalformedLink(error, this);
      else console.warn(`${error.message}; skipped`);
      return undefined;
    }
  }

  /** The constructor options that reproduce this response; subclasses add theirs. */
  protected replaceInit(): ResponseInit & Record<string, unknown> {
    return {
      url: this.#url,
      status: this.status,
      headers: this.headers,
      body: this.#body,
      request: this.request,
      flags: this.flags,
      protocol: this.protocol,
      ip: this.ip,
    };
  }

  /**
   * A new response with `changes` applied; of the same class, or of `cls` (e.g. after
   * decompressing a body, re-chosen with `responseFor`).
   * @see Scrapy's `Response.replace`
   */
  replace(changes?: ResponseChanges): this;
  replace<R extends Response>(changes: ResponseChanges & { cls: ResponseClass<R> }): R;
  replace(changes: ResponseChanges & { cls?: ResponseClass } = {}): Response {
    const { cls, ...rest } = changes;
    const Ctor = cls ?? (this.constructor as ResponseClass);
    return new Ctor({ ...this.replaceInit(), ...rest });
  }

  /** Same as `replace({})`. */
  copy(): this {
    return this.replace();
  }

  /** `<200 https://example.com/>`, as Scrapy prints responses. */
  toString(): string {
    return `<${this.status} ${redactUrl(this.#url)}>`;
  }
}
