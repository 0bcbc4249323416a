import { MalformedUrlError } from '../errors/malformed-url-error.ts';
import { rememberNormalizedUrl } from './request.ts';

/**
 * `url` resolved against `base`, as a string (WHATWG URL rules).
 * @param page names the page in the error (a response's `toString()`).
 * @throws {MalformedUrlError} when `url` is not a valid URL, even relative to `base`.
 */
export function joinUrl(url: string | URL, base: string, page: string): string {
  try {
    const href = new URL(String(url), base).href;
    // The request `follow()` builds from it next need not parse it again.
    rememberNormalizedUrl(href);
    return href;
  } catch {
    throw new MalformedUrlError(`[skitter] malformed link ${JSON.stringify(String(url))} on ${page}: not a valid URL, even relative to the page`, String(url));
  }
}
