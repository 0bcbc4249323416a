/**
 * A download took longer than `download_timeout` (DOWNLOAD_TIMEOUT, seconds). Retried by RetryMiddleware.
 * @see Scrapy's `twisted.internet.error.TimeoutError`
 */
export class DownloadTimeoutError extends Error {
  override name = 'DownloadTimeoutError';
}

/** True if `error` is a {@link DownloadTimeoutError} (works across realms and bundles by checking `name`). */
export function isDownloadTimeoutError(error: unknown): error is DownloadTimeoutError {
  return error instanceof DownloadTimeoutError || (error instanceof Error && error.name === 'DownloadTimeoutError');
}
