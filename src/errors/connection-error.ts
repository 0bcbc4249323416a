/** Options of {@link ConnectionError}. */
export interface ConnectionErrorOptions {
  /** See {@link ConnectionError.code}. @default 'UNKNOWN' */
  code?: string;
  /** The platform's error. */
  cause?: unknown;
}

/**
 * A network-level failure (connection refused or reset, DNS, TLS, a response no HTTP parser
 * accepts). Retried by RetryMiddleware; `cause` holds the platform's error.
 *
 * `code` says what happened, to test in an errback: the platform's error code where it gives one
 * (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, `ETIMEDOUT`, undici's `UND_ERR_SOCKET` for a
 * connection closed by the other side...), else the underlying error's name (`HTTPParserError` for
 * an invalid status line), `FETCH_FAILED` where fetch says nothing more (browsers), `CANCELLED`
 * for a transfer aborted by a forced stop, and `UNKNOWN` when none was given.
 * @example
 * errback(failure) { if (isConnectionError(failure.value) && failure.value.code === 'ECONNREFUSED') ... }
 * @see Scrapy's `twisted.internet.error.ConnectionRefusedError and friends`
 */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  /** What happened, e.g. `ECONNREFUSED` (see the class doc). */
  readonly code: string;

  constructor(message: string, options: ConnectionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'UNKNOWN';
  }
}

/** True if `error` is a {@link ConnectionError} (works across realms and bundles by checking `name`). */
export function isConnectionError(error: unknown): error is ConnectionError {
  return error instanceof ConnectionError || (error instanceof Error && error.name === 'ConnectionError');
}
