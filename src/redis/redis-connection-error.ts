/**
 * Thrown when the crawl cannot reach Redis at start: the message gives REDIS_URL with its password
 * redacted, the cause, and what to check.
 */
export class RedisConnectionError extends Error {
  override name = 'RedisConnectionError';
}

/** True if `error` is a {@link RedisConnectionError} (works across realms by checking `name`). */
export function isRedisConnectionError(error: unknown): error is RedisConnectionError {
  return error instanceof RedisConnectionError || (error instanceof Error && error.name === 'RedisConnectionError');
}
