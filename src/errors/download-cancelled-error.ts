/**
 * A download cancelled by a forced stop (a second Ctrl-C, `Crawler.forceStop()`): the request was
 * neither answered nor failed. It skips the downloader middlewares' `processException` (so
 * RetryMiddleware does not retry it) and the request's errback, and the engine does not acknowledge
 * the request to the scheduler (a persistent scheduler hands it out again on resume).
 * @see Twisted's `CancelledError`, which Scrapy's downloads get when cancelled
 */
export class DownloadCancelledError extends Error {
  override name = 'DownloadCancelledError';
}

/** True if `error` is a {@link DownloadCancelledError} (works across realms and bundles by checking `name`). */
export function isDownloadCancelled(error: unknown): error is DownloadCancelledError {
  return error instanceof DownloadCancelledError || (error instanceof Error && error.name === 'DownloadCancelledError');
}
