/**
 * A link or URL that cannot be parsed or resolved (`http://[::1`, a port past 65535). A
 * `TypeError`, as the WHATWG URL parser throws; `url` is the text as found.
 * `followAll()` skips such links (logged once each and counted in `links/malformed`);
 * `follow()` and `urljoin()` throw it.
 * @see Scrapy's `ValueError` from `urljoin` in `Response.follow`
 */
export class MalformedUrlError extends TypeError {
  override name = 'MalformedUrlError';
  /** The URL or link as given. */
  readonly url: string;

  constructor(message: string, url: string) {
    super(message);
    this.url = url;
  }
}

/** True if `error` is a {@link MalformedUrlError} (works across realms and bundles by checking `name`). */
export function isMalformedUrlError(error: unknown): error is MalformedUrlError {
  return error instanceof MalformedUrlError || (error instanceof Error && error.name === 'MalformedUrlError');
}
