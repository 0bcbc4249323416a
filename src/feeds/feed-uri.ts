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
 * Replaces `%(name)s` (the spider's name), `%(time)s` ({@link feedTimestamp}) and `%(attr)s`
 * (any spider attribute, e.g. one set with `-a attr=value`) in a feed URI. `%(attr)d` is accepted too.
 * @throws {SettingsError} naming the placeholder when the spider has no such attribute.
 */
export function expandFeedUri(uri: string, spider: object, nowMs: number): string {
  return uri.replace(/%\(([A-Za-z_][A-Za-z0-9_]*)\)[sd]/g, (_match, name: string) => {
    if (name === 'time') return feedTimestamp(nowMs);
    if (!(name in spider)) {
      throw new SettingsError(`[skitter] FeedExporter: FEEDS URI ${JSON.stringify(uri)} uses %(${name})s but the spider has no attribute ${name}; set it on the spider or pass -a ${name}=VALUE.`);
    }
    const value = (spider as Record<string, unknown>)[name];
    return value === undefined || value === null ? '' : String(value);
  });
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
