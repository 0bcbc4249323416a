/**
 * Requests as JSON text, for frontiers that leave the process (Redis here; a job directory could
 * share it). The text is meant to be read by people with `redis-cli`: the URL comes first, the
 * callback is the spider method's name, a UTF-8 body is kept as text.
 *
 * Scrapy pickles requests (scrapy-redis) or uses `request_to_dict`; skitter writes the same fields
 * as JSON and refuses, when the request is scheduled, anything JSON cannot carry faithfully.
 * @module
 */
import { Request, type Callback, type Errback } from '../http/request.ts';
import { FormRequest } from '../http/form-request.ts';
import { JsonRequest } from '../http/json-request.ts';
import { RequestSerializationError } from './request-serialization-error.ts';

/** The JSON shape of a serialised request (absent fields take Request's defaults). */
export interface RequestJson {
  url: string;
  method?: string;
  headers?: Array<[string, string]>;
  /** The body as text when it is valid UTF-8. */
  body?: string;
  /** The body as base64 when it is not valid UTF-8. */
  bodyBase64?: string;
  /** The spider method called with the response; absent for `parse`. */
  callback?: string;
  errback?: string;
  cbKwargs?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  priority?: number;
  dontFilter?: true;
  flags?: string[];
  encoding?: string;
  cookies?: Request['cookies'];
  /** `FormRequest` / `JsonRequest`; they come back as plain Requests with the same fields. */
  class?: string;
}

/** Request classes whose fields are all carried by {@link RequestJson}. */
const KNOWN_CLASSES = new Set<Function>([Request, FormRequest, JsonRequest]);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * The JSON object of `request`. Callbacks and errbacks are stored by the name of the `spider`
 * method they are (anything else, such as an arrow function, cannot be found again in another
 * process).
 * @throws {RequestSerializationError} naming the request and the field that cannot be carried: a
 *   callback that is not a spider method, a value in meta/cbKwargs that is not plain JSON (a
 *   function, a class instance, undefined, NaN, a cycle), or a Request subclass of unknown shape.
 */
export function requestToJson(request: Request, spider: object): RequestJson {
  if (!KNOWN_CLASSES.has(request.constructor)) {
    throw new RequestSerializationError(request, `its class ${request.constructor.name} may carry fields JSON does not keep; use Request, FormRequest or JsonRequest`);
  }
  const out: RequestJson = { url: request.url };
  if (request.method !== 'GET') out.method = request.method;
  if (request.headers.size > 0) out.headers = [...request.headers.entries()];
  if (request.body.length > 0) {
    try {
      out.body = utf8.decode(request.body);
    } catch {
      out.bodyBase64 = toBase64(request.body);
    }
  }
  if (request.callback) out.callback = methodName(request, spider, request.callback, 'callback');
  if (request.errback) out.errback = methodName(request, spider, request.errback, 'errback');
  const cbKwargs = request.cbKwargs;
  if (Object.keys(cbKwargs).length > 0) out.cbKwargs = plain(request, cbKwargs, 'cbKwargs') as Record<string, unknown>;
  const meta = request.meta;
  if (Object.keys(meta).length > 0) out.meta = plain(request, meta, 'meta') as Record<string, unknown>;
  if (request.priority !== 0) out.priority = request.priority;
  if (request.dontFilter) out.dontFilter = true;
  if (request.flags.length > 0) out.flags = request.flags.slice();
  if (request.encoding !== 'utf-8') out.encoding = request.encoding;
  const cookies = request.cookies;
  if (Array.isArray(cookies) ? cookies.length > 0 : Object.keys(cookies).length > 0) out.cookies = plain(request, cookies, 'cookies') as Request['cookies'];
  if (request.constructor !== Request) out.class = request.constructor.name;
  return out;
}

/**
 * A Request built from {@link requestToJson}'s output, with its callback and errback looked up on
 * `spider` by name.
 * @throws {RequestSerializationError} when a named callback is not a method of `spider` (the
 *   request was scheduled by another version of the spider).
 */
export function requestFromJson(json: RequestJson, spider: object): Request {
  const body = json.bodyBase64 !== undefined ? fromBase64(json.bodyBase64) : json.body !== undefined ? encoder.encode(json.body) : undefined;
  return new Request(json.url, {
    ...(json.method !== undefined ? { method: json.method } : {}),
    ...(json.headers ? { headers: json.headers } : {}),
    ...(body ? { body } : {}),
    ...(json.callback !== undefined ? { callback: lookup(json, spider, json.callback) as Callback } : {}),
    ...(json.errback !== undefined ? { errback: lookup(json, spider, json.errback) as Errback } : {}),
    ...(json.cbKwargs ? { cbKwargs: json.cbKwargs } : {}),
    ...(json.meta ? { meta: json.meta } : {}),
    ...(json.priority !== undefined ? { priority: json.priority } : {}),
    ...(json.dontFilter ? { dontFilter: true } : {}),
    ...(json.flags ? { flags: json.flags } : {}),
    ...(json.encoding !== undefined ? { encoding: json.encoding } : {}),
    ...(json.cookies ? { cookies: json.cookies } : {}),
  });
}

/** Method names found per spider (a frontier serialises thousands of requests per second). */
const namesBySpider = new WeakMap<object, Map<Function, string>>();

/** The name of the spider method that `fn` is (own or inherited). */
function methodName(request: Request, spider: object, fn: Function, field: string): string {
  let names = namesBySpider.get(spider);
  if (!names) namesBySpider.set(spider, (names = new Map()));
  let name = names.get(fn);
  if (name === undefined) {
    name = findMethodName(request, spider, fn, field);
    names.set(fn, name);
  }
  return name;
}

function findMethodName(request: Request, spider: object, fn: Function, field: string): string {
  for (let proto: object | null = spider; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor') continue;
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      if (desc && 'value' in desc && desc.value === fn) return key;
    }
  }
  const name = fn.name ? `${fn.name}` : 'an anonymous function';
  throw new RequestSerializationError(request, `its ${field} (${name}) is not a method of the spider; pass a spider method (this.parseItem), not a bound, arrow or outside function`);
}

function lookup(json: RequestJson, spider: object, name: string): Function {
  const fn = (spider as Record<string, unknown>)[name];
  if (typeof fn !== 'function') {
    throw new RequestSerializationError(`<${json.method ?? 'GET'} ${json.url}>`, `the spider has no method ${JSON.stringify(name)} to call; was the request scheduled by another version of the spider?`);
  }
  return fn as Function;
}

/** A deep copy of `value` when it is plain JSON data. */
function plain(request: Request, value: unknown, path: string, seen: Set<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new RequestSerializationError(request, `${path} is ${value}, which JSON cannot carry`);
  }
  if (typeof value === 'object') {
    if (seen.has(value)) throw new RequestSerializationError(request, `${path} refers to itself (a cycle)`);
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      seen.add(value);
      const out = value.map((v, i) => plain(request, v, `${path}[${i}]`, seen));
      seen.delete(value);
      return out;
    }
    if (proto === Object.prototype || proto === null) {
      seen.add(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = plain(request, v, `${path}.${k}`, seen);
      seen.delete(value);
      return out;
    }
    throw new RequestSerializationError(request, `${path} is a ${proto?.constructor?.name ?? 'non-plain object'}; only plain objects, arrays, strings, finite numbers, booleans and null travel as JSON`);
  }
  throw new RequestSerializationError(request, `${path} is ${typeof value === 'function' ? 'a function' : `of type ${typeof value}`}; only plain JSON data travels between workers`);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
