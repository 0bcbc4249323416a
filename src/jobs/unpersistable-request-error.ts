/**
 * Thrown when a request cannot be stored in a JOBDIR job: its callback or errback is not a method
 * of the spider, or its `meta`/`cbKwargs` hold values JSON cannot keep. Raised when the request is
 * scheduled; the message names the request and the field.
 */
export class UnpersistableRequestError extends Error {
  override name = 'UnpersistableRequestError';
}

/** True if `error` is an {@link UnpersistableRequestError}. */
export function isUnpersistableRequestError(error: unknown): error is UnpersistableRequestError {
  return error instanceof UnpersistableRequestError || (error instanceof Error && error.name === 'UnpersistableRequestError');
}
