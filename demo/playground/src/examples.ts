/**
 * The examples menu: the spider files of `examples/`, as they are in the repository, pointed at
 * the demo shop the page serves (their `site` and `allowedDomains` name `127.0.0.1:8080`, where
 * `skitter demo` serves it; here the shop is at the page's own origin).
 * @module
 */
import crawlSpider from '../../../examples/crawl-spider.ts?raw';
import demoSpider from '../../../examples/demo-spider.ts?raw';
import sitemapSpider from '../../../examples/sitemap-spider.ts?raw';

/** One entry of the examples menu. */
export interface Example {
  id: string;
  label: string;
  source: string;
}

const EXAMPLES: readonly Example[] = [
  { id: 'demo-spider', label: 'Spider: the shop, callback by callback (examples/demo-spider.ts)', source: demoSpider },
  { id: 'crawl-spider', label: 'CrawlSpider: rules and link extractors (examples/crawl-spider.ts)', source: crawlSpider },
  { id: 'sitemap-spider', label: 'SitemapSpider: from robots.txt, with a pipeline (examples/sitemap-spider.ts)', source: sitemapSpider },
];

/** `source` with the shop's address made `origin` (`http://host:port`). */
export function pointAtShop(source: string, origin: string): string {
  const { hostname } = new URL(origin);
  return source
    .replaceAll('http://127.0.0.1:8080', origin)
    .replaceAll("allowedDomains = ['127.0.0.1']", `allowedDomains = [${JSON.stringify(hostname).replaceAll('"', "'")}]`);
}

/** The examples, pointed at the shop at `origin`. The first is the default spider. */
export function examples(origin: string): Example[] {
  return EXAMPLES.map((example) => ({ ...example, source: pointAtShop(example.source, origin) }));
}
