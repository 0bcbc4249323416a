/**
 * Requests to and from text, for a job's store. Callbacks and errbacks are kept by spider method
 * name (as Scrapy's disk queues require); `meta` and `cbKwargs` as JSON, so they must hold only
 * JSON values: null, booleans, finite numbers, strings, arrays and plain objects (`undefined`
 * properties are dropped). Subclasses (FormRequest, JsonRequest) come back as `Request` with the
 * same method, headers and body.
 * @module
 */
import { Request, type Callback, type Errback } from '../http/request.ts';
import { UnpersistableRequestError } from './unpersistable-request-error.ts';

interface EncodedRequest {
  u: string;
  m?: string;
  h?: Array<[string, string]>;
  /** Body as latin1 code units (one char per byte). */
  b?: string;
  cb?: string;
  eb?: string;
  k?: Record<string, unknown>;
  mt?: Record<string, unknown>;
  p?: number;
  df?: true;
  f?: string[];
  e?: string;
  c?: unknown;
}

/** Encodes and decodes the requests of one spider. */
export class RequestCodec {
  #spider: object;
  #names = new Map<Function, string>();

  /** @param spider the spider whose methods callbacks and errbacks are looked up on. */
  constructor(spider: object) {
    this.#spider = spider;
  }

  /**
   * Encodes a request.
   * @throws {UnpersistableRequestError} naming the request and the field that cannot be stored.
   */
  encode(request: Request): string {
    const out: EncodedRequest = { u: request.url };
    if (request.method !== 'GET') out.m = request.method;
    if (request.headers.size > 0) out.h = [...request.headers.entries()];
    const body = request.body;
    if (body.byteLength > 0) out.b = bytesToLatin1(body);
    if (request.callback) out.cb = this.#methodName(request, request.callback, 'callback');
    if (request.errback) out.eb = this.#methodName(request, request.errback, 'errback');
    const kwargs = request.cbKwargs;
    if (Object.keys(kwargs).length > 0) out.k = checkJson(request, 'cbKwargs', kwargs);
    const meta = request.meta;
    if (Object.keys(meta).length > 0) out.mt = checkJson(request, 'meta', meta);
    if (request.priority !== 0) out.p = request.priority;
    if (request.dontFilter) out.df = true;
    if (request.flags.length > 0) out.f = request.flags;
    if (request.encoding !== 'utf-8') out.e = request.encoding;
    const cookies = request.cookies;
    if (Array.isArray(cookies) ? cookies.length > 0 : Object.keys(cookies).length > 0) out.c = checkJson(request, 'cookies', cookies);
    return JSON.stringify(out);
  }

  /**
   * Decodes a request encoded by {@link RequestCodec.encode}.
   * @throws {Error} when a callback method no longer exists on the spider.
   */
  decode(text: string): Request {
    const d = JSON.parse(text) as EncodedRequest;
    return new Request(d.u, {
      ...(d.m !== undefined ? { method: d.m } : {}),
      ...(d.h !== undefined ? { headers: d.h } : {}),
      ...(d.b !== undefined ? { body: latin1ToBytes(d.b) } : {}),
      ...(d.cb !== undefined ? { callback: this.#method<Callback>(d.cb, d.u) } : {}),
      ...(d.eb !== undefined ? { errback: this.#method<Errback>(d.eb, d.u) } : {}),
      ...(d.k !== undefined ? { cbKwargs: d.k } : {}),
      ...(d.mt !== undefined ? { meta: d.mt } : {}),
      ...(d.p !== undefined ? { priority: d.p } : {}),
      ...(d.df ? { dontFilter: true } : {}),
      ...(d.f !== undefined ? { flags: d.f } : {}),
      ...(d.e !== undefined ? { encoding: d.e } : {}),
      ...(d.c !== undefined ? { cookies: d.c as Request['cookies'] } : {}),
    });
  }

  #methodName(request: Request, fn: Function, field: 'callback' | 'errback'): string {
    const known = this.#names.get(fn);
    if (known !== undefined) return known;
    for (let proto: object | null = this.#spider; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const desc = Object.getOwnPropertyDescriptor(proto, name);
        if (desc && desc.value === fn) {
          this.#names.set(fn, name);
          return name;
        }
      }
    }
    throw new UnpersistableRequestError(
      `[skitter] JOBDIR: cannot persist ${request}: its ${field} (${fn.name || 'an anonymous function'}) is not a method of the spider. ` +
        `Jobs store callbacks by method name: pass a spider method (this.parseItem), not an arrow function or a bound copy.`,
    );
  }

  #method<T>(name: string, url: string): T {
    const fn = (this.#spider as Record<string, unknown>)[name];
    if (typeof fn !== 'function') {
      throw new Error(`[skitter] JOBDIR: a stored request for ${url} names the spider method ${JSON.stringify(name)}, which the spider no longer has.`);
    }
    return fn as T;
  }
}

/** Returns `value` when JSON keeps it as it is. @throws {UnpersistableRequestError} naming the path. */
function checkJson<T>(request: Request, field: string, value: T): T {
  const bad = findNonJson(value, field, 0);
  if (bad) {
    throw new UnpersistableRequestError(
      `[skitter] JOBDIR: cannot persist ${request}: ${bad.path} is ${bad.what}; ` +
        'meta and cbKwargs of a request in a job must hold only JSON values (null, booleans, finite numbers, strings, arrays, plain objects).',
    );
  }
  return value;
}

function findNonJson(value: unknown, path: string, depth: number): { path: string; what: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, what: String(value) };
  if (typeof value !== 'object') return { path, what: `a ${typeof value}` };
  if (depth > 64) return { path, what: 'nested too deeply (a cycle?)' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonJson(value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { path, what: `a ${proto?.constructor?.name ?? 'non-plain'} object` };
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const bad = findNonJson(v, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

function bytesToLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function latin1ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
