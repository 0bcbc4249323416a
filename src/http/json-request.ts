import { Request, type RequestChanges, type RequestInit } from './request.ts';

/** Options of {@link JsonRequest}: {@link RequestInit} plus `data`. */
export interface JsonRequestInit extends RequestInit {
  /** Value sent as the JSON body (`JSON.stringify`); ignored when `body` is given. */
  data?: unknown;
}

/**
 * A request carrying JSON: `data` becomes the body (and the method defaults to POST); the
 * `Content-Type: application/json` and `Accept: application/json, text/javascript, *\/*; q=0.01`
 * headers are set unless given.
 * @example
 * new JsonRequest('https://api.example.com/search', { data: { q: 'shoes', page: 2 }, callback: this.parseApi })
 * @see Scrapy's `scrapy.http.JsonRequest`
 */
export class JsonRequest extends Request {
  /**
   * @throws {TypeError} as {@link Request}, and when `data` cannot be serialised (e.g. a BigInt or a cycle).
   */
  constructor(url: string, init: JsonRequestInit = {}) {
    const { data, ...rest } = init;
    let requestInit: RequestInit = rest;
    if (data !== undefined && rest.body == null) {
      requestInit = { ...rest, body: JSON.stringify(data), method: rest.method ?? 'POST' };
    }
    super(url, requestInit);
    this.headers.setDefault('Content-Type', 'application/json');
    this.headers.setDefault('Accept', 'application/json, text/javascript, */*; q=0.01');
  }

  /** As {@link Request.replace}; `data` (without `body`) replaces the body and defaults the method to POST. */
  override replace(changes: RequestChanges & { data?: unknown } = {}): this {
    const { data, ...rest } = changes;
    if (data !== undefined && rest.body == null) {
      return super.replace({ ...rest, body: JSON.stringify(data), method: rest.method ?? 'POST' });
    }
    return super.replace(rest);
  }
}
