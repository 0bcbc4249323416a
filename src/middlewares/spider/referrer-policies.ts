/**
 * Referrer policies: the W3C ones and Scrapy's default, as RefererMiddleware applies them.
 * @see https://www.w3.org/TR/referrer-policy/#referrer-policies
 * @see Scrapy's `scrapy.spidermiddlewares.referer` policy classes
 * @module
 */

/**
 * A referrer policy: decides the `Referer` header value of a request sent from a page.
 * Pass your own object as REFERRER_POLICY or `meta.referrer_policy` for a custom policy.
 */
export interface ReferrerPolicy {
  /** The policy's name, e.g. `strict-origin-when-cross-origin`. */
  readonly name: string;
  /**
   * @param responseUrl the URL of the page the request comes from.
   * @param requestUrl the URL being requested.
   * @returns the Referer value, or `null` to send none.
   */
  referrer(responseUrl: string, requestUrl: string): string | null;
}

/** Schemes whose URLs never become referrers (Scrapy's LOCAL_SCHEMES). */
const LOCAL_SCHEMES = ['about:', 'blob:', 'data:', 'filesystem:'];
/** Scrapy's default policy also keeps local files and S3 URLs private. */
const DEFAULT_NOREFERRER_SCHEMES = [...LOCAL_SCHEMES, 'file:', 's3:'];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The URL without credentials and fragment (default ports are already dropped by the URL parser). */
/**
 * One-entry memo: every request a response yields shares that response's URL as the referrer
 * source, so the same URL is stripped many times in a row.
 */
let memoKey = '';
let memoValue: string | null = null;

function stripUrl(url: string, originOnly = false): string | null {
  const key = originOnly ? `o ${url}` : `f ${url}`;
  if (key === memoKey) return memoValue;
  memoValue = stripUrlUncached(url, originOnly);
  memoKey = key;
  return memoValue;
}

function stripUrlUncached(url: string, originOnly: boolean): string | null {
  const u = parse(url);
  if (!u) return null;
  if (originOnly) return `${u.protocol}//${u.host}/`;
  u.username = '';
  u.password = '';
  u.hash = '';
  return u.href;
}

const origin = (url: string): string | null => stripUrl(url, true);
const tlsProtected = (url: string): boolean => /^(https|ftps):/i.test(url);
/** As Scrapy: `data:` is never trustworthy; otherwise only TLS-protected URLs are. */
const potentiallyTrustworthy = (url: string): boolean => !/^data:/i.test(url) && tlsProtected(url);
const schemeOf = (url: string): string => parse(url)?.protocol ?? '';

function makePolicy(
  name: string,
  decide: (helpers: { stripped(url: string): string | null; originReferrer(url: string): string | null }, responseUrl: string, requestUrl: string) => string | null,
  noReferrerSchemes: readonly string[] = LOCAL_SCHEMES,
): ReferrerPolicy {
  const helpers = {
    stripped: (url: string) => (noReferrerSchemes.includes(schemeOf(url)) ? null : stripUrl(url)),
    originReferrer: (url: string) => (noReferrerSchemes.includes(schemeOf(url)) ? null : origin(url)),
  };
  return { name, referrer: (responseUrl, requestUrl) => decide(helpers, responseUrl, requestUrl) };
}

const whenNotDowngrade = (h: { stripped(url: string): string | null }, resp: string, req: string): string | null =>
  !tlsProtected(resp) || tlsProtected(req) ? h.stripped(resp) : null;

/** The built-in policies by name (`''` is the W3C empty policy: no-referrer-when-downgrade). */
export const REFERRER_POLICIES: Readonly<Record<string, ReferrerPolicy>> = Object.freeze({
  'no-referrer': makePolicy('no-referrer', () => null),
  'no-referrer-when-downgrade': makePolicy('no-referrer-when-downgrade', whenNotDowngrade),
  'same-origin': makePolicy('same-origin', (h, resp, req) => (origin(resp) === origin(req) ? h.stripped(resp) : null)),
  origin: makePolicy('origin', (h, resp) => h.originReferrer(resp)),
  'strict-origin': makePolicy('strict-origin', (h, resp, req) =>
    (tlsProtected(resp) && potentiallyTrustworthy(req)) || !tlsProtected(resp) ? h.originReferrer(resp) : null),
  'origin-when-cross-origin': makePolicy('origin-when-cross-origin', (h, resp, req) => {
    const o = origin(resp);
    return o === origin(req) ? h.stripped(resp) : o;
  }),
  'strict-origin-when-cross-origin': makePolicy('strict-origin-when-cross-origin', (h, resp, req) => {
    if (origin(resp) === origin(req)) return h.stripped(resp);
    return (tlsProtected(resp) && potentiallyTrustworthy(req)) || !tlsProtected(resp) ? h.originReferrer(resp) : null;
  }),
  'unsafe-url': makePolicy('unsafe-url', (h, resp) => h.stripped(resp)),
  /**
   * Scrapy's default: no-referrer-when-downgrade, and never a referrer from `file:`, `s3:` or
   * local-scheme pages.
   */
  'scrapy-default': makePolicy('scrapy-default', whenNotDowngrade, DEFAULT_NOREFERRER_SCHEMES),
  '': makePolicy('', whenNotDowngrade),
});

/**
 * Reads a policy value: a {@link ReferrerPolicy} object, or a name or comma-separated list of
 * names (as a `Referrer-Policy` header: the last known one wins, case-insensitive).
 * @returns the policy, or `undefined` when no name is known.
 */
export function resolveReferrerPolicy(value: unknown): ReferrerPolicy | undefined {
  if (value && typeof value === 'object' && typeof (value as ReferrerPolicy).referrer === 'function') return value as ReferrerPolicy;
  if (typeof value !== 'string') return undefined;
  const tokens = value.toLowerCase().split(',').map((t) => t.trim());
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (Object.hasOwn(REFERRER_POLICIES, token)) return REFERRER_POLICIES[token];
  }
  return undefined;
}
