/**
 * Hiding credentials (`user:password@` in a URL's userinfo) from log lines, stats and error
 * messages.
 * @module
 */

/** What replaces the userinfo. */
export const REDACTED_USERINFO = '***';

// scheme://userinfo@ : the userinfo ends at the first '@' before any '/', '?', '#' or space.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@<>"']+@/gi;
const LEADING_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]+@/i;

/** True if `url` carries credentials (`scheme://user[:password]@host...`). */
export function hasUserinfo(url: string): boolean {
  return url.includes('@') && LEADING_USERINFO.test(url);
}

/**
 * `url` with its userinfo replaced by `***` (`http://***@host/`), unchanged when it has none.
 * The user name goes too: tokens are often sent as one.
 */
export function redactUrl(url: string): string {
  return url.includes('@') ? url.replace(LEADING_USERINFO, (m) => `${m.slice(0, m.indexOf('//') + 2)}${REDACTED_USERINFO}@`) : url;
}

/** `text` with the userinfo of every URL in it replaced by `***` (for log lines and messages). */
export function redactCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_USERINFO, `$1${REDACTED_USERINFO}@`) : text;
}

/**
 * Splits the userinfo off `url`: the URL without it, and the decoded user name and password.
 * @returns `undefined` when `url` has no userinfo or cannot be parsed.
 */
export function splitUserinfo(url: string): { url: string; user: string; password: string } | undefined {
  if (!hasUserinfo(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const user = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, user, password };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
