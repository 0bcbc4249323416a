/**
 * The spider templates of `skitter genspider` (Scrapy's `basic`, `crawl`, `csvfeed`, `xmlfeed`,
 * plus `sitemap`), as TypeScript.
 * @module
 */

/** What a template is filled with. */
export interface SpiderTemplateContext {
  /** The spider's name. */
  name: string;
  /** Its class name (`ExampleSpider`). */
  className: string;
  /** The domain for `allowedDomains`. */
  domain: string;
  /** The start URL (`https://<domain>/` unless a URL was given). */
  url: string;
}

type Template = (c: SpiderTemplateContext) => string;

const q = (s: string): string => JSON.stringify(s).replace(/^"|"$/g, "'").replace(/\\"/g, '"');

/** The templates by name, in the order `genspider -l` lists them. */
export const SPIDER_TEMPLATES: Readonly<Record<string, Template>> = {
  basic: (c) => `import { Spider, type TextResponse } from 'skitter';

export class ${c.className} extends Spider {
  override name = ${q(c.name)};
  override allowedDomains = [${q(c.domain)}];
  override startUrls = [${q(c.url)}];

  override *parse(response: TextResponse) {
    yield { url: response.url, title: response.css('title::text').get()?.trim() };
  }
}
`,
  crawl: (c) => `import { CrawlSpider, LinkExtractor, Rule, type TextResponse } from 'skitter';

export class ${c.className} extends CrawlSpider {
  override name = ${q(c.name)};
  override allowedDomains = [${q(c.domain)}];
  override startUrls = [${q(c.url)}];

  override rules = [
    // Follow every link of the allowed domains; narrow it with { allow: /\\/items\\// }.
    new Rule(new LinkExtractor({}), { callback: 'parseItem', follow: true }),
  ];

  parseItem(response: TextResponse) {
    return { url: response.url, title: response.css('title::text').get()?.trim() };
  }
}
`,
  sitemap: (c) => `import { SitemapSpider, type SitemapRule, type TextResponse } from 'skitter';

export class ${c.className} extends SitemapSpider {
  override name = ${q(c.name)};
  override allowedDomains = [${q(c.domain)}];
  override sitemapUrls = [${q(new URL('/robots.txt', c.url).href)}];
  override sitemapRules: SitemapRule[] = [['', 'parse']];

  override parse(response: TextResponse) {
    return { url: response.url, title: response.css('title::text').get()?.trim() };
  }
}
`,
  xmlfeed: (c) => `import { XMLFeedSpider, type Response, type Selector } from 'skitter';

export class ${c.className} extends XMLFeedSpider {
  override name = ${q(c.name)};
  override allowedDomains = [${q(c.domain)}];
  override startUrls = [${q(new URL('/feed.xml', c.url).href)}];
  override iterator = 'iternodes' as const; // or 'xml', 'html'
  override itertag = 'item';

  override parseNode(response: Response, node: Selector) {
    return { title: node.xpath('title/text()').get(), link: node.xpath('link/text()').get() };
  }
}
`,
  csvfeed: (c) => `import { CSVFeedSpider, type Response } from 'skitter';

export class ${c.className} extends CSVFeedSpider {
  override name = ${q(c.name)};
  override allowedDomains = [${q(c.domain)}];
  override startUrls = [${q(new URL('/feed.csv', c.url).href)}];
  // headers = ['id', 'name', 'description'];
  // delimiter = ',';
  // quotechar = '"';

  override parseRow(response: Response, row: Record<string, string>) {
    return { ...row };
  }
}
`,
};
