/**
 * The demo site's response shape and the headers every response carries.
 * @module
 */

/** One HTTP response of the demo site, as a plain value (no Node or fetch types). */
export interface SiteResponse {
  /** HTTP status code. */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** A string is sent as UTF-8; bytes are sent as they are. Empty for OPTIONS and redirects. */
  body: string | Uint8Array;
}

/**
 * CORS headers on every response: browser-hosted crawls fetch the demo from another origin
 * (the vite dev server, an extension) and read headers such as `Location` and `Content-Type`.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': '*',
});

/** A response with the CORS headers merged in. */
export function siteResponse(status: number, contentType: string | undefined, body: string | Uint8Array, extra: Record<string, string> = {}): SiteResponse {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...extra };
  if (contentType !== undefined) headers['content-type'] = contentType;
  return { status, headers, body };
}

/** A UTF-8 HTML response. */
export function htmlResponse(status: number, body: string): SiteResponse {
  return siteResponse(status, 'text/html; charset=utf-8', body);
}

/** The answer to a CORS preflight: allows any method and header for a day. */
export function preflightResponse(): SiteResponse {
  return siteResponse(204, undefined, '', {
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': '*',
    'access-control-max-age': '86400',
  });
}
