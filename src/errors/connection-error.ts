/**
 * A network-level failure (connection refused or reset, DNS, TLS). Retried by RetryMiddleware; `cause` holds the platform's error.
 * @see Scrapy's `twisted.internet.error.ConnectionRefusedError and friends`
 */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/** True if `error` is a {@link ConnectionError} (works across realms and bundles by checking `name`). */
export function isConnectionError(error: unknown): error is ConnectionError {
  return error instanceof ConnectionError || (error instanceof Error && error.name === 'ConnectionError');
}
