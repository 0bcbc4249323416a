import type { Response } from '../http/response.ts';
import { IgnoreRequest } from './ignore-request.ts';

/**
 * Raised by HttpErrorMiddleware for a response whose status is not handled (non-2xx and not
 * allowed): the response skips its callback and, when the request has an errback, reaches it as
 * `failure.value` with the response in `failure.value.response`. A kind of {@link IgnoreRequest},
 * as in Scrapy.
 * @see Scrapy's `scrapy.spidermiddlewares.httperror.HttpError`
 */
export class HttpError extends IgnoreRequest {
  override name = 'HttpError';
  /** The response that was not allowed through. */
  readonly response: Response;

  /** @param response the filtered response. @param message @default 'Ignoring non-200 response' */
  constructor(response: Response, message = 'Ignoring non-200 response') {
    super(message);
    this.response = response;
  }
}

/** True if `error` is an {@link HttpError} (works across realms and bundles by checking `name`). */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError || (error instanceof Error && error.name === 'HttpError');
}
