import { type AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocumentLinear } from '../selector/linear-parser.ts';

/**
 * One entry of a sitemap (`<url>` of a urlset, `<sitemap>` of an index): each child element's
 * text, stripped, by local name (`loc`, `lastmod`, `changefreq`, `priority`, ...), plus the
 * `href`s of its `<xhtml:link>` children in `alternate`.
 */
export interface SitemapEntry {
  /** The URL (always present: entries without `<loc>` are skipped). */
  loc: string;
  /** `href`s of the entry's `<link>` children (`<xhtml:link rel="alternate" hreflang=…>`), when it has any. */
  alternate?: string[];
  /** Other child elements' text, by local name. */
  [name: string]: string | string[] | undefined;
}

/**
 * A parsed sitemap or sitemap index. Namespaces are ignored (`<sm:url>` is `url`), comments
 * skipped, entities decoded; the parser is lenient, as Scrapy's recovering lxml parser.
 * @example
 * const sitemap = new Sitemap(xml);
 * if (sitemap.type === 'urlset') for (const entry of sitemap) console.log(entry.loc, entry.lastmod);
 * @see Scrapy's `scrapy.utils.sitemap.Sitemap`
 */
export class Sitemap implements Iterable<SitemapEntry> {
  /** The root element's local name: `'urlset'`, `'sitemapindex'`, or whatever else it is ('' when there is none). */
  readonly type: string;
  readonly #root: Element | null;

  constructor(xml: string) {
    const parsed = parseDocumentLinear(xml, { xmlMode: true, decodeEntities: true });
    this.#root = (parsed.children.find((node) => node instanceof Element) as Element | undefined) ?? null;
    this.type = this.#root === null ? '' : localName(this.#root.name);
  }

  *[Symbol.iterator](): Iterator<SitemapEntry> {
    if (this.#root === null) return;
    for (const child of this.#root.children) {
      if (!(child instanceof Element)) continue;
      const entry: Record<string, string | string[]> = {};
      for (const field of child.children) {
        if (!(field instanceof Element)) continue;
        const name = localName(field.name);
        if (name === 'link') {
          const href = field.attribs.href;
          if (href !== undefined) ((entry.alternate ??= []) as string[]).push(href);
        } else {
          entry[name] = leadingText(field).trim();
        }
      }
      if (typeof entry.loc === 'string') yield entry as SitemapEntry;
    }
  }
}

/**
 * The sitemap URLs a robots.txt names in its `Sitemap:` lines (any case), resolved against `baseUrl`.
 * @throws {TypeError} for a relative sitemap URL when `baseUrl` is not given.
 * @see Scrapy's `scrapy.utils.sitemap.sitemap_urls_from_robots`
 */
export function sitemapUrlsFromRobots(robotsText: string, baseUrl?: string): string[] {
  const urls: string[] = [];
  for (const line of robotsText.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart();
    if (trimmed.slice(0, 8).toLowerCase() !== 'sitemap:') continue;
    urls.push(new URL(trimmed.slice(8).trim(), baseUrl).href);
  }
  return urls;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** lxml's `element.text`: the text (CDATA included, comments skipped) before the first child element. */
function leadingText(element: Element): string {
  let text = '';
  for (const node of element.children as AnyNode[]) {
    if (node instanceof Element) break;
    if (node.type === 'text') text += node.data;
    else if (node.type === 'cdata') text += textContent(node);
  }
  return text;
}
