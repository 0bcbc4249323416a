/**
 * Thrown when a middleware hook or callback returns a value of the wrong kind; the message names the component, the hook and what it returned.
 * @see Scrapy's `the _InvalidOutput of scrapy.core.downloader.middleware`
 */
export class InvalidOutputError extends Error {
  override name = 'InvalidOutputError';
}

/** True if `error` is a {@link InvalidOutputError} (works across realms and bundles by checking `name`). */
export function isInvalidOutputError(error: unknown): error is InvalidOutputError {
  return error instanceof InvalidOutputError || (error instanceof Error && error.name === 'InvalidOutputError');
}
