/**
 * A command line usage error (unknown option, missing argument, bad `NAME=VALUE`): the CLI prints
 * `skitter: error: <message>` without a stack trace and exits with code 1.
 * @see Scrapy's `scrapy.exceptions.UsageError`
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** True if `error` is a {@link UsageError}. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError || (error instanceof Error && error.name === 'UsageError');
}
