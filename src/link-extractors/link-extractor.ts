import type { Element } from 'domhandler';
import { textContent } from 'domutils';
import { canonicalizeUrl } from '../http/canonicalize-url.ts';
import type { Response } from '../http/response.ts';
import type { Selector } from '../selector/selector.ts';
import { IGNORED_EXTENSIONS } from './ignored-extensions.ts';
import { Link } from './link.ts';
import {
  compilePatterns, matchesAny, type OneOrMany, toArray, urlExtension, urlIsFromAnyDomain, type UrlPattern,
} from './url-matching.ts';

/**
 * Options of {@link LinkExtractor}, Scrapy's `LinkExtractor` arguments in TypeScript casing.
 * Patterns are searched anywhere in the absolute URL (Python's `re.search`); a string pattern is
 * compiled once, in the constructor.
 */
export interface LinkExtractorOptions {
  /** Keep only URLs matching at least one of these. @default [] (every URL) */
  allow?: OneOrMany<UrlPattern>;
  /** Drop URLs matching any of these; wins over `allow`. @default [] */
  deny?: OneOrMany<UrlPattern>;
  /** Keep only URLs on these domains or their subdomains (see {@link urlIsFromAnyDomain}). @default [] (any) */
  allowDomains?: OneOrMany<string>;
  /** Drop URLs on these domains or their subdomains. @default [] */
  denyDomains?: OneOrMany<string>;
  /** Only look for links inside the elements these XPath expressions select. @default [] (whole page) */
  restrictXpaths?: OneOrMany<string>;
  /** Only look for links inside the elements these CSS selectors select (after `restrictXpaths`). @default [] */
  restrictCss?: OneOrMany<string>;
  /** Keep only links whose text matches one of these. @default [] (any text) */
  restrictText?: OneOrMany<UrlPattern>;
  /** Element names to take links from. @default ['a', 'area'] */
  tags?: OneOrMany<string>;
  /** Attribute names holding the link, on those elements. @default ['href'] */
  attrs?: OneOrMany<string>;
  /** Canonicalize each URL (`canonicalizeUrl`, fragment dropped). @default false */
  canonicalize?: boolean;
  /**
   * Drop duplicate links: by URL once canonicalized when `canonicalize`, otherwise by the URL's
   * canonical form with its fragment kept (so `/p` and `/p#x` are two links). @default true
   */
  unique?: boolean;
  /**
   * Receives each attribute value, already resolved against the base URL, and returns the URL to
   * use (resolved again against the response URL) or `null`/`undefined` to drop the link.
   * @default identity
   */
  processValue?: (value: string) => string | null | undefined;
  /**
   * Extensions (without the dot) of URLs to drop; `null`/`undefined` means {@link IGNORED_EXTENSIONS},
   * `[]` keeps every extension. Matched case-insensitively against the last path segment.
   * @default IGNORED_EXTENSIONS
   */
  denyExtensions?: OneOrMany<string> | null;
  /** Strip leading and trailing HTML whitespace from attribute values. @default true */
  strip?: boolean;
}

/** Schemes of links worth requesting (Scrapy's `_is_valid_url`); `javascript:`, `mailto:`, `tel:`… are dropped. */
const VALID_SCHEME = /^(?:https?|file|ftp):\/\//;
const HTML5_WHITESPACE = /^[ \t\n\r\f]+|[ \t\n\r\f]+$/g;
const NOFOLLOW_SEPARATORS = /[\s,]+/;
const CSS_IDENT_SPECIAL = /[^a-zA-Z0-9_-]/g;

/**
 * Extracts links from HTML responses, with the rules of Scrapy's default (lxml) link extractor:
 * every `tags` element, in document order, contributes one link per `attrs` attribute it has (in
 * its attribute order); values are resolved against the page's `<base href>` (else its URL);
 * links with other schemes than http(s)/file/ftp are dropped; then `allow`, `deny`,
 * `allowDomains`, `denyDomains`, `denyExtensions` and `restrictText` filter them in that order.
 *
 * Everything that can be prepared is prepared in the constructor (patterns compiled, one CSS
 * query for all tags), so an extractor should be built once and reused for every page.
 * @example
 * const extractor = new LinkExtractor({ allow: '/product/', restrictCss: 'main' });
 * for (const link of extractor.extractLinks(response)) yield response.follow(link, { callback: this.parseProduct });
 * @throws {SyntaxError} from the constructor for a pattern that does not compile.
 * @see Scrapy's `scrapy.linkextractors.LinkExtractor` (`LxmlLinkExtractor`)
 */
export class LinkExtractor {
  /** Compiled `allow` patterns. */
  readonly allowRes: readonly RegExp[];
  /** Compiled `deny` patterns. */
  readonly denyRes: readonly RegExp[];
  /** Lower-cased `allowDomains`. */
  readonly allowDomains: readonly string[];
  /** Lower-cased `denyDomains`. */
  readonly denyDomains: readonly string[];
  /** Denied extensions, each with its leading dot, lower case. */
  readonly denyExtensions: ReadonlySet<string>;
  /** Whether URLs are canonicalized. */
  readonly canonicalize: boolean;
  /** Whether duplicate links are dropped. */
  readonly unique: boolean;
  readonly #restrictXpaths: readonly string[];
  readonly #restrictCss: readonly string[];
  readonly #restrictText: readonly RegExp[];
  readonly #attrs: ReadonlySet<string>;
  readonly #singleAttr: string | null;
  /** One CSS group for all tags (`a,area`), or null when there are no tags. */
  readonly #query: string | null;
  readonly #processValue: ((value: string) => string | null | undefined) | null;
  readonly #strip: boolean;

  constructor(options: LinkExtractorOptions = {}) {
    this.allowRes = compilePatterns(options.allow, 'LinkExtractor', 'allow');
    this.denyRes = compilePatterns(options.deny, 'LinkExtractor', 'deny');
    this.#restrictText = compilePatterns(options.restrictText, 'LinkExtractor', 'restrictText');
    this.allowDomains = toArray(options.allowDomains).map((d) => d.toLowerCase());
    this.denyDomains = toArray(options.denyDomains).map((d) => d.toLowerCase());
    this.#restrictXpaths = toArray(options.restrictXpaths);
    this.#restrictCss = toArray(options.restrictCss);
    const tags = [...new Set(toArray(options.tags ?? ['a', 'area']))];
    const attrs = [...new Set(toArray(options.attrs ?? ['href']))];
    this.#attrs = new Set(attrs);
    this.#singleAttr = attrs.length === 1 ? attrs[0]! : null;
    this.#query = tags.length === 0 || attrs.length === 0 ? null : tags.map(cssIdent).join(',');
    const extensions = options.denyExtensions == null ? IGNORED_EXTENSIONS : toArray(options.denyExtensions);
    this.denyExtensions = new Set(extensions.map((e) => `.${e.toLowerCase()}`));
    this.canonicalize = options.canonicalize ?? false;
    this.unique = options.unique ?? true;
    this.#processValue = options.processValue ?? null;
    this.#strip = options.strip ?? true;
  }

  /**
   * The links of `response` that pass every filter, in document order (restricted regions in the
   * order of `restrictXpaths` then `restrictCss`, each region's links in document order).
   * @throws {NotSupportedError} when `response` is not a text response (it cannot be queried).
   * @throws {SyntaxError} for an invalid `restrictXpaths` / `restrictCss` expression.
   * @see Scrapy's `LinkExtractor.extract_links`
   */
  extractLinks(response: Response): Link[] {
    const out: Link[] = [];
    const query = this.#query;
    if (query === null) return out;
    const baseUrl = baseUrlOf(response);
    const responseUrl = response.url;
    // Kept across regions: the final de-duplication of Scrapy's extract_links uses the same key.
    const seen = this.unique ? new Set<string>() : null;
    if (this.#restrictXpaths.length === 0 && this.#restrictCss.length === 0) {
      this.#extractFrom(response.css(query), baseUrl, responseUrl, seen, out);
      return out;
    }
    for (const xpath of this.#restrictXpaths) {
      for (const region of response.xpath(xpath)) this.#extractFromRegion(region, query, baseUrl, responseUrl, seen, out);
    }
    for (const css of this.#restrictCss) {
      for (const region of response.css(css)) this.#extractFromRegion(region, query, baseUrl, responseUrl, seen, out);
    }
    return out;
  }

  /**
   * True when `url` passes the domain and `allow`/`deny` filters (not the extension or text ones).
   * @see Scrapy's `LinkExtractor.matches`
   */
  matches(url: string): boolean {
    if (this.allowDomains.length > 0 && !urlIsFromAnyDomain(url, this.allowDomains)) return false;
    if (this.denyDomains.length > 0 && urlIsFromAnyDomain(url, this.denyDomains)) return false;
    if (this.allowRes.length > 0 && !matchesAny(url, this.allowRes)) return false;
    return !matchesAny(url, this.denyRes);
  }

  #extractFromRegion(region: Selector, query: string, baseUrl: string, responseUrl: string, seen: Set<string> | null, out: Link[]): void {
    // Text, attribute and scalar results hold no elements to search.
    if (typeof region.root !== 'object') return;
    this.#extractFrom(region.css(query), baseUrl, responseUrl, seen, out);
  }

  /**
   * One region, in Scrapy's order: collect, drop duplicates by the canonical URL with fragment
   * (per region, before filtering), filter, canonicalize, drop duplicates by the final key.
   */
  #extractFrom(elements: Iterable<Selector>, baseUrl: string, responseUrl: string, seen: Set<string> | null, out: Link[]): void {
    const regionSeen = seen === null ? null : new Set<string>();
    const single = this.#singleAttr;
    for (const selector of elements) {
      const element = selector.root as Element;
      const attribs = element.attribs;
      if (single !== null) {
        const value = attribs[single];
        if (value !== undefined) this.#consider(element, value, baseUrl, responseUrl, regionSeen, seen, out);
        continue;
      }
      for (const name in attribs) {
        if (this.#attrs.has(name)) this.#consider(element, attribs[name]!, baseUrl, responseUrl, regionSeen, seen, out);
      }
    }
  }

  #consider(
    element: Element, value: string, baseUrl: string, responseUrl: string,
    regionSeen: Set<string> | null, seen: Set<string> | null, out: Link[],
  ): void {
    if (this.#strip) value = value.replace(HTML5_WHITESPACE, '');
    let url: string;
    try {
      url = new URL(value, baseUrl).href;
      if (this.#processValue !== null) {
        const processed = this.#processValue(url);
        if (processed == null) return;
        url = new URL(processed, responseUrl).href;
      }
    } catch {
      return; // a bogus URL is skipped, as Scrapy does
    }
    let key = '';
    if (regionSeen !== null) {
      key = canonicalizeUrl(url, { keepFragments: true });
      if (regionSeen.has(key)) return;
      regionSeen.add(key);
    }
    const rel = element.attribs.rel;
    const link = new Link(url, textContent(element), '', rel !== undefined && rel.split(NOFOLLOW_SEPARATORS).includes('nofollow'));
    if (!this.#allowed(link)) return;
    if (this.canonicalize) {
      link.url = canonicalizeUrl(link.url);
      key = link.url;
    }
    if (seen !== null) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.push(link);
  }

  /** Scrapy's `_link_allowed`, in its order. */
  #allowed(link: Link): boolean {
    const url = link.url;
    if (!VALID_SCHEME.test(url)) return false;
    if (this.allowRes.length > 0 && !matchesAny(url, this.allowRes)) return false;
    if (this.denyRes.length > 0 && matchesAny(url, this.denyRes)) return false;
    if (this.allowDomains.length > 0 && !urlIsFromAnyDomain(url, this.allowDomains)) return false;
    if (this.denyDomains.length > 0 && urlIsFromAnyDomain(url, this.denyDomains)) return false;
    if (this.denyExtensions.size > 0 && this.denyExtensions.has(urlExtension(url))) return false;
    if (this.#restrictText.length > 0 && !matchesAny(link.text, this.#restrictText)) return false;
    return true;
  }
}

/** The page's base URL: its `<base href>` (first 4 KB), else its URL (w3lib's `get_base_url`). */
function baseUrlOf(response: Response): string {
  try {
    return response.urljoin('');
  } catch {
    return response.url;
  }
}

function cssIdent(name: string): string {
  return name.replace(CSS_IDENT_SPECIAL, (c) => `\\${c}`);
}
