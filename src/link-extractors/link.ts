/**
 * A link found in a page by a {@link LinkExtractor}: where it points and how it was written.
 *
 * `response.follow(link)` accepts it (it has a `url`).
 * @see Scrapy's `scrapy.link.Link`
 */
export class Link {
  /** The absolute URL (fragment kept unless the extractor canonicalizes). */
  url: string;
  /** The anchor text: all the text inside the element, not stripped. @default '' */
  text: string;
  /**
   * The part of the URL after `#`. As in Scrapy, the link extractor leaves it empty (the fragment
   * stays in `url`); it is for links built by hand. @default ''
   */
  fragment: string;
  /** True when the element's `rel` attribute contains `nofollow`. @default false */
  nofollow: boolean;

  /** @throws {TypeError} when `url` is not a string. */
  constructor(url: string, text = '', fragment = '', nofollow = false) {
    if (typeof url !== 'string') {
      throw new TypeError(`[skitter] Link: url must be a string, got ${url === null ? 'null' : typeof url}`);
    }
    this.url = url;
    this.text = text;
    this.fragment = fragment;
    this.nofollow = nofollow;
  }

  /** A string equal for links with the same url, text, fragment and nofollow (Scrapy's `Link.__eq__`). */
  get key(): string {
    return `${this.url}\u0000${this.text}\u0000${this.fragment}\u0000${this.nofollow ? 1 : 0}`;
  }

  /** True when both links have the same url, text, fragment and nofollow. */
  equals(other: Link): boolean {
    return this.url === other.url && this.text === other.text && this.fragment === other.fragment &&
      this.nofollow === other.nofollow;
  }

  /** `Link(url='…', text='…', fragment='…', nofollow=false)`, like Scrapy's repr. */
  toString(): string {
    return `Link(url=${JSON.stringify(this.url)}, text=${JSON.stringify(this.text)}, fragment=${JSON.stringify(this.fragment)}, nofollow=${this.nofollow})`;
  }
}
