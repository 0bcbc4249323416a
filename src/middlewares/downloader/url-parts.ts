/**
 * Small URL helpers shared by the downloader middlewares.
 * @module
 */

/**
 * The lower-cased host name of `url` without port or IPv6 brackets (Python's
 * `urlparse(url).hostname`); `''` for URLs without one (`data:`) or unparsable ones.
 */
export function hostnameOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return '';
  }
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * True if the host of `url` is one of `domains` or a subdomain of one (case-insensitive). Unlike
 * Scrapy's `url_is_from_any_domain`, the port is ignored, so `127.0.0.1` matches
 * `http://127.0.0.1:8080/`.
 * @see Scrapy's `scrapy.utils.url.url_is_from_any_domain`
 */
export function urlIsFromAnyDomain(url: string, domains: readonly string[]): boolean {
  const host = hostnameOf(url);
  if (!host) return false;
  return domains.some((d) => {
    const domain = d.toLowerCase();
    return host === domain || host.endsWith(`.${domain}`);
  });
}

const utf8 = new TextEncoder();

/**
 * A `Basic` credentials value: `base64(user:password)`. `latin-1` (ISO-8859-1) encodes one byte per
 * character, as Python does (characters above U+00FF throw); anything else encodes UTF-8.
 * @throws {RangeError} when `encoding` is latin-1 and a character does not fit.
 * @see Scrapy's `basic_auth_header` (w3lib.http)
 */
export function basicCredentials(user: string, password: string, encoding = 'utf-8'): string {
  const text = `${user}:${password}`;
  const enc = encoding.toLowerCase().replace(/_/g, '-');
  let bytes: Uint8Array;
  if (enc === 'latin-1' || enc === 'latin1' || enc === 'iso-8859-1') {
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) throw new RangeError(`[skitter] cannot encode credentials as ${encoding}: character U+${code.toString(16).toUpperCase().padStart(4, '0')} does not fit; use a UTF-8 encoding setting instead.`);
      bytes[i] = code;
    }
  } else {
    bytes = utf8.encode(text);
  }
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
