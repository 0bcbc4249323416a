/**
 * A response body is larger than `download_maxsize` (DOWNLOAD_MAXSIZE, bytes); the transfer was cancelled.
 * @see Scrapy's `the cancelled download of DOWNLOAD_MAXSIZE`
 */
export class DownloadSizeError extends Error {
  override name = 'DownloadSizeError';
}

/** True if `error` is a {@link DownloadSizeError} (works across realms and bundles by checking `name`). */
export function isDownloadSizeError(error: unknown): error is DownloadSizeError {
  return error instanceof DownloadSizeError || (error instanceof Error && error.name === 'DownloadSizeError');
}
