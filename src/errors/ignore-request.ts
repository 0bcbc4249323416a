/**
 * Thrown by a downloader middleware (or scheduler) to drop a request; the request's errback receives it and `request_dropped`-style stats count it.
 * @see Scrapy's `scrapy.exceptions.IgnoreRequest`
 */
export class IgnoreRequest extends Error {
  override name = 'IgnoreRequest';
}

/** True if `error` is a {@link IgnoreRequest} (works across realms and bundles by checking `name`). */
export function isIgnoreRequest(error: unknown): error is IgnoreRequest {
  return error instanceof IgnoreRequest || (error instanceof Error && error.name === 'IgnoreRequest');
}
