/** Options of {@link canonicalizeUrl}. */
export interface CanonicalizeUrlOptions {
  /** Keep the `#fragment`. @default false */
  keepFragments?: boolean;
}

const HEX_DIGITS = '0123456789ABCDEF';
/** `%XX` for every byte, upper-case. */
const PCT: string[] = [];
for (let b = 0; b < 256; b++) PCT.push('%' + HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!);

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
// w3lib's safe set: RFC 3986 reserved + unreserved + '|' + '%'.
const SAFE = table(UNRESERVED + ":/?#[]@!$&'()*+,;=|%");
const PATH_SAFE = table(UNRESERVED + ":/?[]@!$&'()*+,;=|%");
// Python's quote_plus: only unreserved characters survive, space becomes '+'.
const QUERY_SAFE = table(UNRESERVED);
const encoder = new TextEncoder();
const PARAM_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'file:', 'ws:', 'wss:']);

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Percent-encodes the characters of `s` outside `safe` (non-ASCII as UTF-8), keeping existing escapes. */
function quote(s: string, safe: Uint8Array): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) out += safe[c] ? s[i] : PCT[c];
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out += encodeURIComponent(String.fromCodePoint(cp));
    }
  }
  return out;
}

/**
 * Decodes escapes in a path and encodes it again with upper-case hex, leaving `%2F` and `%3F`
 * escaped (decoding them would change the path's meaning), as w3lib's `_unquotepath` + `quote`.
 */
/** True when every character of `s` is ASCII, in `safe`, and not `%`: quoting would return `s` unchanged. */
function allSafe(s: string, safe: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || c === 0x25 || safe[c] === 0) return false;
  }
  return true;
}

function canonicalPath(path: string): string {
  // Most paths need no change; checking first avoids building a copy character by character.
  if (allSafe(path, PATH_SAFE)) return path;
  let out = '';
  const n = path.length;
  for (let i = 0; i < n; i++) {
    let c = path.charCodeAt(i);
    if (c === 0x25 && i + 2 < n) {
      const hi = hexValue(path.charCodeAt(i + 1));
      const lo = hexValue(path.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        c = hi * 16 + lo;
        i += 2;
        if (c === 0x2f || c === 0x3f) {
          out += PCT[c];
          continue;
        }
        out += c < 128 && PATH_SAFE[c] ? String.fromCharCode(c) : PCT[c];
        continue;
      }
    }
    if (c < 128) out += PATH_SAFE[c] ? path[i] : PCT[c];
    else {
      const cp = path.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out += encodeURIComponent(String.fromCodePoint(cp));
    }
  }
  return out;
}

/** Unquotes a query component (`+` is a space) to a binary string: one char per byte. */
function unquotePlus(s: string): string {
  if (!/[%+\u0080-\uffff]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) out += ' ';
    else if (c === 0x25 && i + 2 < s.length &&
      hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) {
      out += String.fromCharCode(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 128) out += s[i];
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of encoder.encode(String.fromCodePoint(cp))) out += String.fromCharCode(b);
    }
  }
  return out;
}

/** Python's `quote_plus` over a binary string. */
function quotePlus(binary: string): string {
  if (allSafe(binary, QUERY_SAFE)) return binary;
  let out = '';
  for (let i = 0; i < binary.length; i++) {
    const b = binary.charCodeAt(i);
    out += b < 128 && QUERY_SAFE[b] ? binary[i] : b === 0x20 ? '+' : PCT[b];
  }
  return out;
}

function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts `name=value` arguments by name then value (byte order, stable, blank values kept, `;`
 * also separating, empty arguments dropped) and re-encodes them as `quote_plus` does.
 */
function canonicalQuery(query: string): string {
  // One `name=value` pair of plain characters (`page=2`) is already canonical.
  const eq = query.indexOf('=');
  if (eq > 0 && allSafe(query.slice(0, eq), QUERY_SAFE) && allSafe(query.slice(eq + 1), QUERY_SAFE)) return query;
  const pairs: [string, string][] = [];
  for (const part of query.split(/[&;]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [unquotePlus(part), ''] : [unquotePlus(part.slice(0, eq)), unquotePlus(part.slice(eq + 1))]);
  }
  pairs.sort((x, y) => compareBinary(x[0], y[0]) || compareBinary(x[1], y[1]));
  let out = '';
  for (const [name, value] of pairs) out += (out ? '&' : '') + quotePlus(name) + '=' + quotePlus(value);
  return out;
}

/**
 * A canonical form of `url`, so that URLs that address the same resource compare equal:
 * query arguments sorted (by name, then value; blank values kept) and re-encoded; percent-escapes
 * normalised (upper-case hex, unreserved characters decoded, `%2F`/`%3F` in the path kept);
 * scheme and host lower-cased; default port dropped; empty path made `/`; the fragment dropped
 * unless `keepFragments`. Parsing is WHATWG's (`new URL`), so IDNA hosts become punycode.
 * @example
 * canonicalizeUrl('HTTP://Example.com:80/a%7eb?b=2&a=1#top') // 'http://example.com/a~b?a=1&b=2'
 * @throws {TypeError} when `url` is not an absolute URL.
 * @see w3lib's `canonicalize_url`
 */
export function canonicalizeUrl(url: string, options?: CanonicalizeUrlOptions): string {
  const u = new URL(url);
  const scheme = u.protocol;
  let out = scheme;
  if (u.href.startsWith(scheme + '//')) {
    out += '//';
    if (u.username || u.password) out += u.username + (u.password ? ':' + u.password : '') + '@';
    out += u.host.toLowerCase();
  }
  let path = u.pathname;
  let params = '';
  if (PARAM_SCHEMES.has(scheme)) {
    // Python's urlparse splits ";params" off the last path segment; w3lib only requotes them.
    const semi = path.indexOf(';', path.lastIndexOf('/') + 1);
    if (semi >= 0) {
      params = path.slice(semi + 1);
      path = path.slice(0, semi);
    }
  }
  out += canonicalPath(path) || '/';
  if (params) out += ';' + quote(params, SAFE);
  const query = u.search.length > 1 ? canonicalQuery(u.search.slice(1)) : '';
  if (query) out += '?' + query;
  if (options?.keepFragments && u.hash.length > 1) out += '#' + quote(u.hash.slice(1), SAFE);
  return out;
}
