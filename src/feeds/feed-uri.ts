/**
 * Feed URIs: `%(name)s`-style placeholders and the scheme that picks the storage.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html#storage-uri-parameters
 * @module
 */
import { SettingsError } from '../errors/settings-error.ts';

/**
 * Scrapy's `%(time)s`: the UTC time to the second, ISO 8601 with ':' replaced by '-'
 * (`2024-01-02T03-04-05+00-00`), safe in file names.
 * @param nowMs ms since the epoch.
 */
export function feedTimestamp(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 19).replaceAll(':', '-') + '+00-00';
}

/**
 * Scrapy's `%(batch_time)s`: as {@link feedTimestamp} but with microseconds (skitter's clock has
 * ms, so the last three digits are 0): `2024-01-02T03-04-05.123000+00-00`.
 */
export function feedBatchTimestamp(nowMs: number): string {
  const iso = new Date(nowMs).toISOString();
  return `${iso.slice(0, 19).replaceAll(':', '-')}.${iso.slice(20, 23)}000+00-00`;
}

/** The placeholders of a feed URI, by name (Scrapy's `uri_params`). */
export type FeedUriParams = Record<string, unknown>;

/**
 * Scrapy's FEED_URI_PARAMS hook: gets the default params (`time`, `batch_time`, `batch_id` and the
 * spider's attributes) and the spider; returns the params to use (or changes them in place and
 * returns nothing).
 */
export type FeedUriParamsFunction = (params: FeedUriParams, spider: object) => FeedUriParams | void;

/** The batch a feed file belongs to, for `%(batch_id)d` and `%(batch_time)s`. */
export interface FeedBatch {
  /** 1 for the first file of a feed, then 2, 3... */
  id: number;
  /** When the batch started, in ms since the epoch. */
  startedMs: number;
}

/**
 * Scrapy's default URI params, as a plain object (so a FEED_URI_PARAMS hook can spread it): every
 * non-function attribute of the spider (own fields and getters up its class chain, as Scrapy's
 * `dir(spider)`), then `time`, `batch_time` and `batch_id`.
 */
export function feedUriParams(spider: object, nowMs: number, batch: FeedBatch = { id: 1, startedMs: nowMs }): FeedUriParams {
  const params: FeedUriParams = {};
  for (let o: object | null = spider; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key === 'constructor' || key in params) continue;
      let value: unknown;
      try {
        value = (spider as Record<string, unknown>)[key];
      } catch {
        continue; // a getter that cannot run yet is no URI parameter
      }
      if (typeof value !== 'function') params[key] = value;
    }
  }
  params.time = feedTimestamp(nowMs);
  params.batch_time = feedBatchTimestamp(batch.startedMs);
  params.batch_id = batch.id;
  return params;
}

const PLACEHOLDER = /%\(([A-Za-z_][A-Za-z0-9_]*)\)(0?)(\d*)([sd])/g;

/**
 * Fills the `%(key)s` / `%(key)d` placeholders of a URI from `params`, with printf's zero padding
 * and width (`%(batch_id)05d` -> `00001`).
 * @throws {SettingsError} naming the placeholder when `params` has no such key.
 */
export function formatFeedUri(uri: string, params: FeedUriParams): string {
  return uri.replace(PLACEHOLDER, (_match, name: string, zero: string, width: string, conversion: string) => {
    if (!(name in params)) {
      throw new SettingsError(`[skitter] FeedExporter: FEEDS URI ${JSON.stringify(uri)} uses %(${name})${conversion} but the spider has no attribute ${name}; set it on the spider or pass -a ${name}=VALUE.`);
    }
    const value = params[name];
    let text: string;
    if (conversion === 'd') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new SettingsError(`[skitter] FeedExporter: FEEDS URI ${JSON.stringify(uri)} uses %(${name})d but ${name} is ${JSON.stringify(value)}, not a number; use %(${name})s.`);
      text = String(Math.trunc(n));
    } else {
      text = value === undefined || value === null ? '' : String(value);
    }
    const w = width ? Number(width) : 0;
    if (text.length >= w) return text;
    if (zero && conversion === 'd') return text.startsWith('-') ? '-' + text.slice(1).padStart(w - 1, '0') : text.padStart(w, '0');
    return text.padStart(w, ' ');
  });
}

/** True when a URI has a `%(batch_id)...` or `%(batch_time)...` placeholder (needed for batches). */
export function hasBatchPlaceholder(uri: string): boolean {
  return /%\(batch_(id|time)\)/.test(uri);
}

/**
 * Replaces `%(name)s` (the spider's name), `%(time)s` ({@link feedTimestamp}), `%(batch_id)d`,
 * `%(batch_time)s` and `%(attr)s` (any spider attribute, e.g. one set with `-a attr=value`) in a
 * feed URI, through `paramsFunction` (FEED_URI_PARAMS) when given.
 * @throws {SettingsError} naming the placeholder when the spider has no such attribute.
 */
export function expandFeedUri(uri: string, spider: object, nowMs: number, batch?: FeedBatch, paramsFunction?: FeedUriParamsFunction | null): string {
  let params = feedUriParams(spider, nowMs, batch);
  if (paramsFunction) params = paramsFunction(params, spider) ?? params;
  return formatFeedUri(uri, params);
}

/**
 * The storage scheme of a feed URI, lower-cased: `file` for `file:///x`, `stdout` for `stdout:` and
 * `-`, and '' for plain paths (a one-letter "scheme" is a Windows drive, so also a path).
 */
export function feedUriScheme(uri: string): string {
  if (uri === '-') return 'stdout';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri);
  return m && m[1]!.length > 1 ? m[1]!.toLowerCase() : '';
}
