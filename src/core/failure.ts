import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';

type ErrorClass = abstract new (...args: never[]) => unknown;

/**
 * What an errback receives: the error and the request it happened to. Mirrors the parts of
 * Twisted's Failure that Scrapy spiders use (`failure.value`, `failure.request`, `failure.check()`).
 * @see https://docs.scrapy.org/en/latest/topics/request-response.html#topics-request-response-ref-errbacks
 */
export class Failure {
  /** The error (any thrown value). */
  readonly value: unknown;
  /** The request whose download or processing failed. */
  readonly request: Request;

  constructor(value: unknown, request: Request) {
    this.value = value;
    this.request = request;
  }

  /** The response carried by the error, if any (e.g. `HttpError.response`). */
  get response(): Response | undefined {
    const v = this.value as { response?: Response } | null;
    return v && typeof v === 'object' ? v.response : undefined;
  }

  /**
   * Returns the first of `classes` the error is an instance of (or has the `name` of), else
   * `undefined`, as Twisted's `Failure.check`.
   */
  check<T extends ErrorClass>(...classes: T[]): T | undefined {
    for (const cls of classes) {
      if (this.value instanceof cls) return cls;
      const name = (this.value as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name === (cls as unknown as { name: string }).name) return cls;
    }
    return undefined;
  }

  /** The error's message (or its string form). */
  getErrorMessage(): string {
    return this.value instanceof Error ? this.value.message : String(this.value);
  }

  toString(): string {
    const v = this.value;
    return v instanceof Error ? `${v.name}: ${v.message}` : String(v);
  }
}
