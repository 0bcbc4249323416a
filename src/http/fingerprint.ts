import { Sha1 } from '../utils/sha1.ts';
import { canonicalizeUrl } from './canonicalize-url.ts';
import { fingerprintSlot, type Request } from './request.ts';

export { canonicalizeUrl, type CanonicalizeUrlOptions } from './canonicalize-url.ts';

const encoder = new TextEncoder();
const hasher = new Sha1();
const HEX = new TextEncoder().encode('0123456789abcdef');
/** Reused buffer for the hex form of the body, fed to the hasher in pieces. */
const hexChunk = new Uint8Array(8192);
const PRINTABLE_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A JSON string literal as Python's `json.dumps` writes it (`ensure_ascii`: non-ASCII as `\uXXXX`). */
function pyJsonString(s: string): string {
  if (PRINTABLE_ASCII.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += s[i];
  }
  return out + '"';
}

/** `{"body": "`, the start of every serialisation. */
const OPENING = encoder.encode('{"body": "');
/** Reused buffer for the (ASCII) end of the serialisation; grows for very long URLs. */
let tail = new Uint8Array(1024);

/**
 * Hashes an ASCII string (every character < 0x80, as `pyJsonString` output is) without allocating:
 * its UTF-8 bytes are its char codes.
 */
function updateAscii(s: string): void {
  const n = s.length;
  if (n > tail.length) tail = new Uint8Array(Math.max(n, tail.length * 2));
  for (let i = 0; i < n; i++) tail[i] = s.charCodeAt(i);
  hasher.update(tail.subarray(0, n));
}

/**
 * Fingerprints of recent bodiless GET requests by URL: a page links to the same few pages (home,
 * categories, its neighbours) as every other page does, and each link becomes a request that is
 * fingerprinted before the dupefilter drops it. Cleared when full, so it stays small.
 */
const recentGets = new Map<string, string>();
const RECENT_GETS_LIMIT = 4096;

function compute(request: Request): string {
  if (request.method !== 'GET' || request.body.length !== 0) return hash(request);
  // Such a request's fingerprint depends on its URL alone.
  let fp = recentGets.get(request.url);
  if (fp === undefined) {
    fp = hash(request);
    if (recentGets.size >= RECENT_GETS_LIMIT) recentGets.clear();
    recentGets.set(request.url, fp);
  }
  return fp;
}

function hash(request: Request): string {
  hasher.reset();
  // The serialisation is Scrapy's: json.dumps({"body": hex, "headers": {}, "method": m, "url": u},
  // sort_keys=True), so equal requests get the same fingerprint as in Scrapy.
  hasher.update(OPENING);
  const body = request.body;
  for (let start = 0; start < body.length; start += hexChunk.length / 2) {
    const end = Math.min(body.length, start + hexChunk.length / 2);
    let j = 0;
    for (let i = start; i < end; i++) {
      const b = body[i]!;
      hexChunk[j++] = HEX[b >> 4]!;
      hexChunk[j++] = HEX[b & 15]!;
    }
    hasher.update(hexChunk.subarray(0, j));
  }
  updateAscii(`", "headers": {}, "method": ${pyJsonString(request.method)}, "url": ${pyJsonString(canonicalizeUrl(request.url))}}`);
  return flatten(hasher.hexDigest());
}

/** Reused char codes of a digest. */
const digestCodes: number[] = new Array<number>(40).fill(0);

/**
 * A flat copy of a 40-character digest. `hexDigest()` builds it by concatenation, which V8 keeps
 * as a tree of string pieces (~250 bytes instead of ~56); the dupefilter holds one per request
 * seen, so a million fingerprints would otherwise cost ~200 MB more.
 */
function flatten(hex: string): string {
  for (let i = 0; i < 40; i++) digestCodes[i] = hex.charCodeAt(i);
  return String.fromCharCode.apply(null, digestCodes);
}

/**
 * The request fingerprint: 40 hex characters of SHA-1 over the method, the canonical URL
 * ({@link canonicalizeUrl}, fragment dropped) and the body; headers are not included. Two
 * requests with equal fingerprints are duplicates for the duplicates filter and share HTTP-cache
 * entries. The serialisation matches Scrapy's default fingerprinter, so the values agree with
 * Scrapy's for the same canonical URL.
 *
 * Cached per request object (`url` and `body` are read-only); changing `method` after the request
 * was fingerprinted (scheduled) is not supported: use `request.replace()`.
 * @see Scrapy's `scrapy.utils.request.fingerprint` (`RequestFingerprinter`)
 */
export function fingerprint(request: Request): string {
  let fp = fingerprintSlot.get(request);
  if (fp === undefined) {
    fp = compute(request);
    fingerprintSlot.set(request, fp);
  }
  return fp;
}
