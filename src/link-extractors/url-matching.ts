import { toJsRegExp } from '../selector/regex.ts';

/** A URL pattern: a RegExp, or a string compiled as one (Python's `(?P<name>…)` groups accepted). */
export type UrlPattern = RegExp | string;

/** One value or a list of them, as Scrapy's `arg_to_iter` accepts. */
export type OneOrMany<T> = T | readonly T[];

/** `value` as an array: `undefined`/`null` give `[]`, a single value gives `[value]`. */
export function toArray<T>(value: OneOrMany<T> | null | undefined): T[] {
  if (value == null) return [];
  return Array.isArray(value) ? (value as readonly T[]).slice() : [value as T];
}

/**
 * Compiles patterns for `search`-style matching (anywhere in the string, as Python's `re.search`).
 * `g`/`y` flags are dropped so `test()` keeps no state between URLs.
 * @throws {SyntaxError} `[skitter] <owner>: invalid <what> pattern "…"` for a pattern that does not compile.
 */
export function compilePatterns(patterns: OneOrMany<UrlPattern> | null | undefined, owner: string, what: string): RegExp[] {
  return toArray(patterns).map((pattern) => {
    if (pattern instanceof RegExp) {
      return /[gy]/.test(pattern.flags) ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
    }
    if (typeof pattern !== 'string') {
      throw new TypeError(`[skitter] ${owner}: ${what} patterns must be RegExps or strings, got ${typeof pattern}`);
    }
    try {
      return toJsRegExp(pattern);
    } catch (error) {
      throw new SyntaxError(`[skitter] ${owner}: invalid ${what} pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
    }
  });
}

/** True when any of `regexes` is found in `value`. */
export function matchesAny(value: string, regexes: readonly RegExp[]): boolean {
  for (const regex of regexes) if (regex.test(value)) return true;
  return false;
}

/** The authority (`user@host:port`) of an absolute, WHATWG-normalised URL; '' when it has none. */
function authorityOf(href: string): string {
  const start = href.indexOf('://');
  if (start < 0) return '';
  let end = start + 3;
  while (end < href.length) {
    const c = href.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // '/', '?', '#'
    end++;
  }
  const authority = href.slice(start + 3, end);
  const at = authority.lastIndexOf('@');
  return at < 0 ? authority : authority.slice(at + 1);
}

/**
 * True when the URL's host is one of `domains` or a subdomain of one. Domains are lower case. A
 * domain written with a port (`127.0.0.1:8080`) must match the host and port; one without a port
 * matches any port (Scrapy compares the whole netloc, so `example.com` never matches
 * `example.com:8080` there; skitter matches it, as the offsite middleware does).
 * @see w3lib's `url_is_from_any_domain`
 */
export function urlIsFromAnyDomain(href: string, domains: readonly string[]): boolean {
  const hostPort = authorityOf(href).toLowerCase();
  if (hostPort === '') return false;
  const bracket = hostPort.lastIndexOf(']');
  const colon = hostPort.lastIndexOf(':');
  const host = colon > bracket ? hostPort.slice(0, colon) : hostPort;
  for (const domain of domains) {
    const candidate = domain.includes(':') && !domain.startsWith('[') ? hostPort : host;
    if (candidate === domain || candidate.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/**
 * The lower-cased extension, dot included, of the last path segment of an absolute,
 * WHATWG-normalised URL (`.pdf`), or '' (Python's `posixpath.splitext`: leading dots of the
 * segment do not start an extension).
 * @see Scrapy's `url_has_any_extension`
 */
export function urlExtension(href: string): string {
  const scheme = href.indexOf('://');
  let start = scheme < 0 ? href.indexOf(':') + 1 : href.indexOf('/', scheme + 3);
  if (start < 0) return '';
  let end = start;
  while (end < href.length) {
    const c = href.charCodeAt(end);
    if (c === 0x3f || c === 0x23) break;
    end++;
  }
  const slash = href.lastIndexOf('/', end - 1);
  if (slash >= start) start = slash + 1;
  const dot = href.lastIndexOf('.', end - 1);
  if (dot <= start) return '';
  for (let i = start; i < dot; i++) if (href.charCodeAt(i) !== 0x2e) return href.slice(dot, end).toLowerCase();
  return '';
}
