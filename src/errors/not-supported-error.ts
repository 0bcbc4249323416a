/**
 * Thrown when a component needs something the platform cannot give (`<Component> is not supported on <platform>: <why>`).
 * @see Scrapy's `is_asyncio_available() checks`
 */
export class NotSupportedError extends Error {
  override name = 'NotSupportedError';
}

/** True if `error` is a {@link NotSupportedError} (works across realms and bundles by checking `name`). */
export function isNotSupportedError(error: unknown): error is NotSupportedError {
  return error instanceof NotSupportedError || (error instanceof Error && error.name === 'NotSupportedError');
}
