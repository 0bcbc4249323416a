/**
 * `Cache-Control` parsing and HTTP dates for the RFC 2616 cache policy.
 * @module
 */

/** Directives of a Cache-Control header: lower-case names to their value (`null` for bare ones). */
export type CacheControl = Map<string, string | null>;

/**
 * Parses a `Cache-Control` header (`public, max-age=3600, no-cache="set-cookie"`) into its
 * directives, names lower-cased, quotes around values removed.
 */
export function parseCacheControl(header: string | null | undefined): CacheControl {
  const directives: CacheControl = new Map();
  if (!header) return directives;
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!name) continue;
    const value = eq < 0 ? null : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    directives.set(name, value);
  }
  return directives;
}

/** A directive's value as a non-negative whole number of seconds, or `undefined` when absent or not a number. */
export function directiveSeconds(cc: CacheControl, name: string): number | undefined {
  const raw = cc.get(name);
  if (raw == null || !/^\s*-?\d+\s*$/.test(raw)) return undefined;
  return Math.max(0, Number.parseInt(raw, 10));
}

/** An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, or the older forms) in seconds since the epoch, or `undefined`. */
export function httpDateSeconds(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
