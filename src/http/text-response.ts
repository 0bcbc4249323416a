import { documentParser, type DomDocument } from '../dom/document-parser.ts';
import { Selector, type SelectorList } from '../selector/selector.ts';
import { decodeBody, detectEncoding, normalizeEncoding, type EncodingKind } from './encoding.ts';
import type { Request, RequestInit } from './request.ts';
import { Response, type FollowTarget, type ResponseInit } from './response.ts';
import { joinUrl } from './join-url.ts';

/** Options of {@link TextResponse}: {@link ResponseInit} plus an explicit encoding. */
export interface TextResponseInit extends ResponseInit {
  /**
   * Encoding to decode the body with, overriding detection (an unknown label is ignored). A
   * string `body` is UTF-8 encoded, so it forces `utf-8`.
   */
  encoding?: string;
}

/** Targets of {@link TextResponse.followAll}: URLs and selectors, or a query selecting links. */
export type FollowAllTargets = Iterable<FollowTarget> | { css: string } | { xpath: string };

const BASE_HREF = /<base\s[^>]*?href\s*=\s*["']?\s*([^"'\s>]+)/i;
const HTML5_WHITESPACE = /^[ \t\n\r\f]+|[ \t\n\r\f]+$/g;
const LINK_TAGS = new Set(['a', 'link', 'area']);

/** Thrown inside `followAll` for selectors that are not links; those are skipped there. */
class NotALink extends TypeError {}

/**
 * A response whose body is text. Everything is lazy and computed once: the encoding is detected
 * on first use of `encoding` or `text`, the body is decoded on first use of `text`, and parsed on
 * first use of `selector`/`css`/`xpath`, so a response that is never queried costs nothing.
 * @example
 * response.css('h1::text').get(); response.json(); response.follow(response.css('a.next')[0]!);
 * @see Scrapy's `scrapy.http.TextResponse`
 */
export class TextResponse extends Response {
  #declaredEncoding: string | undefined;
  #encoding: string | undefined;
  #text: string | undefined;
  #selector: Selector | undefined;
  #json: { value: unknown } | undefined;
  #baseUrl: string | undefined;
  #dom: DomDocument | undefined;

  constructor(init: TextResponseInit) {
    super(init);
    if (typeof init.body === 'string') {
      this.#declaredEncoding = 'utf-8';
      this.#text = init.body;
    } else if (init.encoding) {
      this.#declaredEncoding = normalizeEncoding(init.encoding) ?? undefined;
    }
  }

  /** Which in-document encoding declarations detection honours. */
  protected get encodingKind(): EncodingKind {
    return 'text';
  }

  /** The document type the selector parses the text as. */
  protected get selectorType(): 'html' | 'xml' {
    return 'html';
  }

  /**
   * The body's encoding (WHATWG name): the declared one, else detected as `detectEncoding`
   * (BOM, Content-Type charset, in-document declaration, UTF-8 validity).
   */
  get encoding(): string {
    return (this.#encoding ??= this.#declaredEncoding ??
      detectEncoding(this.body, this.headers.get('content-type'), this.encodingKind));
  }

  /** The decoded body, decoded on first read and cached. */
  override get text(): string {
    return (this.#text ??= decodeBody(this.body, this.encoding));
  }

  /** True once the body has been decoded (by `text`, a query, `json()` or `urljoin`). */
  get decoded(): boolean {
    return this.#text !== undefined;
  }

  /** True once the body has been parsed into a {@link Selector}. */
  get parsed(): boolean {
    return this.#selector !== undefined;
  }

  /** The document selector, built from `text` on first read and cached. */
  get selector(): Selector {
    return (this.#selector ??= new Selector({ text: this.text, type: this.selectorType }));
  }

  /**
   * The body as a standard DOM `Document` (`querySelector`, `textContent`, `getAttribute`...),
   * parsed on first read and cached, beside (and independent of) the Scrapy selectors. XML
   * responses are parsed as `text/xml`, others as `text/html`. Pages use the browser's
   * `DOMParser`; Node, `runInWorker`'s worker and MV3 service workers use linkedom.
   * @throws {NotSupportedError} in a Web Worker of your own where no parser was installed (see
   * `installDocumentParser`).
   * @example
   * const title = response.dom.querySelector('h1')?.textContent;
   */
  get dom(): DomDocument {
    return (this.#dom ??= documentParser()(this.text, this.selectorType === 'xml' ? 'text/xml' : 'text/html'));
  }

  /** Shortcut for `response.selector.css(query)`. */
  override css(query: string): SelectorList {
    return this.selector.css(query);
  }

  /** Shortcut for `response.selector.xpath(query)`. */
  override xpath(query: string): SelectorList {
    return this.selector.xpath(query);
  }

  /**
   * The body parsed as JSON, parsed once and cached.
   * @throws {SyntaxError} when the body is not JSON.
   * @see Scrapy's `TextResponse.json`
   */
  json<T = unknown>(): T {
    this.#json ??= { value: JSON.parse(this.text) };
    return this.#json.value as T;
  }

  /**
   * Resolves `url` against the document's base URL: the `<base href>` in the first 4 KB of the
   * text if any, else the response URL.
   * @throws {MalformedUrlError} when `url` is not a valid URL, even relative to the base.
   * @see Scrapy's `TextResponse.urljoin` (w3lib `get_base_url`)
   */
  override urljoin(url: string | URL): string {
    if (this.#baseUrl === undefined) {
      const m = BASE_HREF.exec(this.text.slice(0, 4096));
      // A malformed <base href> is ignored, as browsers ignore it.
      this.#baseUrl = m && URL.canParse(m[1]!, this.url) ? new URL(m[1]!, this.url).href : this.url;
    }
    return joinUrl(url, this.#baseUrl, String(this));
  }

  /**
   * Also accepts a `Selector`: an `<a>`, `<link>` or `<area>` element gives its `href`; an
   * attribute or text selector gives its value.
   * @throws {TypeError} for other elements, and for links without `href`.
   */
  protected override followUrl(target: FollowTarget): string {
    if (target instanceof Selector) return this.urljoin(urlFromSelector(target));
    return super.followUrl(target);
  }

  /**
   * As {@link Response.follow}, with `encoding` defaulting to this response's encoding.
   * @see Scrapy's `TextResponse.follow`
   */
  override follow(target: FollowTarget, init?: RequestInit): Request {
    return super.follow(target, init?.encoding ? init : { ...init, encoding: this.encoding });
  }

  /**
   * One request per target. Targets may also be given as `{ css }` or `{ xpath }`: the selected
   * link elements (or attribute values) are followed, and selected elements that are not links
   * are skipped, as in Scrapy.
   * @throws {TypeError} when both `css` and `xpath` are given.
   * @see Scrapy's `TextResponse.follow_all`
   */
  override followAll(targets: FollowAllTargets, init?: RequestInit): Request[] {
    if (isQuery(targets)) {
      const q = targets as { css?: string; xpath?: string };
      if (q.css !== undefined && q.xpath !== undefined) {
        throw new TypeError('[skitter] TextResponse.followAll: give exactly one of css and xpath');
      }
      const selected = q.css !== undefined ? this.css(q.css) : this.xpath(q.xpath!);
      const requests: Request[] = [];
      for (const sel of selected) {
        let url: string;
        try {
          url = urlFromSelector(sel, true);
        } catch (error) {
          if (error instanceof NotALink) continue;
          throw error;
        }
        const request = this.followOrSkip(url, init);
        if (request) requests.push(request);
      }
      return requests;
    }
    return super.followAll(targets as Iterable<FollowTarget>, init);
  }

  protected override replaceInit(): TextResponseInit & Record<string, unknown> {
    return { ...super.replaceInit(), encoding: this.#declaredEncoding };
  }
}

function isQuery(targets: FollowAllTargets): boolean {
  return typeof (targets as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function' &&
    (typeof (targets as { css?: unknown }).css === 'string' || typeof (targets as { xpath?: unknown }).xpath === 'string');
}

/** The URL a selector stands for (see {@link TextResponse.follow}). */
function urlFromSelector(sel: Selector, skippable = false): string {
  const ErrorClass = skippable ? NotALink : TypeError;
  const root = sel.root;
  if (typeof root === 'string') return root.replace(HTML5_WHITESPACE, '');
  const element = typeof root === 'object' && root !== null ? (root as { name?: unknown; attribs?: unknown }) : null;
  const tag = element?.name;
  if (typeof tag !== 'string' || typeof element?.attribs !== 'object') {
    throw new ErrorClass(`[skitter] TextResponse.follow: cannot follow ${String(sel)}; select an <a>, <link> or <area> element, or an href value`);
  }
  if (!LINK_TAGS.has(tag.toLowerCase())) {
    throw new ErrorClass(`[skitter] TextResponse.follow: only <a>, <link> and <area> elements can be followed, got <${tag}>`);
  }
  const href = sel.attrib.href;
  if (href === undefined) {
    throw new ErrorClass(`[skitter] TextResponse.follow: <${tag}> element has no href attribute`);
  }
  return href.replace(HTML5_WHITESPACE, '');
}
