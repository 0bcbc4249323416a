/**
 * Thrown when a request cannot be written as JSON for a shared frontier (Redis, a job directory):
 * the message names the request and the field to change.
 * @see scrapy-redis, which fails to pickle such requests
 */
export class RequestSerializationError extends Error {
  override name = 'RequestSerializationError';

  /** @param request the request (or its printed form) @param why the field at fault and the fix */
  constructor(request: { toString(): string } | string, why: string) {
    super(`[skitter] cannot serialise ${String(request)} for the shared frontier: ${why}.`);
  }
}

/** True if `error` is a {@link RequestSerializationError} (works across realms by checking `name`). */
export function isRequestSerializationError(error: unknown): error is RequestSerializationError {
  return error instanceof RequestSerializationError || (error instanceof Error && error.name === 'RequestSerializationError');
}
