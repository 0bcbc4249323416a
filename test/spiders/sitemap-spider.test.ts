import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { Request, Response, type Response as ResponseType, XmlResponse } from '../../src/node.ts';
import { SitemapSpider, type SitemapRule } from '../../src/spiders/sitemap-spider.ts';
import type { SitemapEntry } from '../../src/spiders/sitemap.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';
import { runSpider } from '../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite();
});
afterAll(() => site.close());

function productSpider(sitemapUrls: string[], extra: Partial<Pick<SitemapSpider, 'sitemapFollow'>> = {}) {
  return class ProductSitemapSpider extends SitemapSpider {
    override name = 'products';
    override sitemapUrls = sitemapUrls;
    override sitemapRules: SitemapRule[] = [['/product/', 'parseProduct']];
    override sitemapFollow = extra.sitemapFollow ?? [''];
    parseProduct(response: ResponseType) {
      return { id: Number(response.css('article.product::attr(data-product-id)').get()), url: response.url };
    }
  };
}

function expectAllProducts(items: Array<{ id: number; url: string }>): void {
  expect(items.map((i) => i.id).sort((a, b) => a - b)).toEqual(site.catalogue.products.map((p) => p.id));
  expect(items.map((i) => i.url).sort()).toEqual(site.catalogue.expectedReachableProductUrls(site.url).sort());
}

describe('SitemapSpider on the demo site', () => {
  it('from /robots.txt: follows its Sitemap line, the index and its urlsets; yields exactly the product pages', async () => {
    const before = site.requestsFor('/category');
    const run = await runSpider(productSpider([`${site.url}/robots.txt`]), { LOG_LEVEL: 'WARNING' });
    expectAllProducts(run.items);
    expect(run.stats['response_received_count']).toBe(1 + 1 + 2 + site.catalogue.products.length);
    // The category sitemap was read, but its URLs match no rule.
    expect(site.requestsFor('/category')).toBe(before);
    expect(run.messages('WARNING')).toEqual([]);
  }, 30_000);

  it('from /sitemap.xml (an index)', async () => {
    const run = await runSpider(productSpider([`${site.url}/sitemap.xml`]), { LOG_LEVEL: 'WARNING' });
    expectAllProducts(run.items);
    expect(run.stats['response_received_count']).toBe(1 + 2 + site.catalogue.products.length);
  }, 30_000);

  it('sitemapFollow restricts which index entries are followed', async () => {
    const before = site.requestsFor('/sitemap-products.xml');
    class Categories extends SitemapSpider {
      override name = 'categories';
      override sitemapUrls = [`${site.url}/sitemap.xml`];
      override sitemapFollow = [/categories/];
      override sitemapRules: SitemapRule[] = [['/category/', this.parseCategory], ['', 'parseOther']];
      parseCategory(response: ResponseType) {
        return { category: response.css('h1::text').get(), spider: this.name };
      }
      parseOther(response: ResponseType) {
        return { other: new URL(response.url).pathname };
      }
    }
    const run = await runSpider(Categories, { LOG_LEVEL: 'WARNING' });
    expect(site.requestsFor('/sitemap-products.xml')).toBe(before);
    const categories = run.items.filter((i) => 'category' in i).map((i) => i.category).sort();
    expect(categories).toEqual(site.catalogue.categories.map((c) => c.name).sort());
    expect(run.items.every((i) => !('category' in i) || i.spider === 'categories')).toBe(true);
    expect(run.items.filter((i) => 'other' in i)).toEqual([{ other: '/' }]);
  }, 30_000);

  it('parses the gzip sitemap /sitemap-products.xml.gz', async () => {
    const run = await runSpider(productSpider([`${site.url}/sitemap-products.xml.gz`]), { LOG_LEVEL: 'WARNING' });
    expectAllProducts(run.items);
    expect(run.messages('WARNING')).toEqual([]);
  }, 30_000);

  it('sitemapFilter sees the entries (with lastmod) and can drop them', async () => {
    const seenTypes: string[] = [];
    class Filtered extends (productSpider([`${site.url}/sitemap.xml`])) {
      override *sitemapFilter(entries: Iterable<SitemapEntry>) {
        for (const entry of entries) {
          if (!seenTypes.includes(entry.loc.endsWith('.xml') ? 'index' : 'page')) seenTypes.push(entry.loc.endsWith('.xml') ? 'index' : 'page');
          if (entry.loc.endsWith('.xml') || (typeof entry.lastmod === 'string' && entry.lastmod.startsWith('2024-01'))) yield entry;
        }
      }
    }
    const run = await runSpider(Filtered, { LOG_LEVEL: 'WARNING' });
    const expected = await januaryProducts();
    expect(expected.length).toBeGreaterThan(0);
    expect(run.items.map((i) => i.url).sort()).toEqual(expected.sort());
    expect(seenTypes).toEqual(['index', 'page']);
  }, 30_000);

  it('the default rule sends every URL to parse', async () => {
    class All extends SitemapSpider {
      override name = 'all';
      override sitemapUrls = [`${site.url}/sitemap-categories.xml`];
      override parse(response: ResponseType) {
        return { url: response.url };
      }
    }
    const run = await runSpider(All, { LOG_LEVEL: 'WARNING' });
    expect(run.items.map((i) => i.url).sort()).toEqual([
      `${site.url}/`, ...site.catalogue.categories.map((c) => `${site.url}/category/${c.slug}`),
    ].sort());
  });
});

/** Product URLs whose sitemap lastmod is in January 2024, read straight from the served XML. */
async function januaryProducts(): Promise<string[]> {
  const xml = await (await fetch(`${site.url}/sitemap-products.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc><lastmod>2024-01/g)].map((m) => m[1]!);
}

describe('SitemapSpider details', () => {
  let server: TestServer;
  beforeAll(async () => {
    const urlset = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>${base}/en/page</loc>
<xhtml:link rel="alternate" hreflang="de" href="${base}/de/page"/>
<xhtml:link rel="alternate" hreflang="fr" href="${base}/fr/page"/>
</url>
</urlset>`;
    server = await startTestServer({
      '/alternates.xml': (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/xml' }).end(urlset(`http://${req.headers.host}`));
      },
      '/not-a-sitemap': html('<html><body>hello</body></html>'),
      '/en/page': html('<title>en</title>'),
      '/de/page': html('<title>de</title>'),
      '/fr/page': html('<title>fr</title>'),
    });
  });
  afterAll(() => server.close());

  function pages(alternates: boolean) {
    return class Pages extends SitemapSpider {
      override name = 'pages';
      override sitemapUrls = [`${server.url}/alternates.xml`, `${server.url}/not-a-sitemap`];
      override sitemapAlternateLinks = alternates;
      override parse(response: ResponseType) {
        return { title: response.css('title::text').get() };
      }
    };
  }

  it('sitemapAlternateLinks also requests the xhtml:link alternates', async () => {
    const run = await runSpider(pages(true), { LOG_LEVEL: 'WARNING' });
    expect(run.items.map((i) => i.title).sort()).toEqual(['de', 'en', 'fr']);
  });

  it('without sitemapAlternateLinks only loc is used; a body that is no sitemap is logged and ignored', async () => {
    const run = await runSpider(pages(false), { LOG_LEVEL: 'WARNING' });
    expect(run.items).toEqual([{ title: 'en' }]);
    expect(run.messages('WARNING')).toEqual([`Ignoring invalid sitemap: <200 ${server.url}/not-a-sitemap>`]);
  });

  it('getSitemapBody: XML bodies as is, gzip bodies decompressed within meta.download_maxsize, .xml URLs as is', async () => {
    const spider = new (pages(false))();
    const xml = new TextEncoder().encode('<urlset/>');
    // globalThis.Response is fetch's; `Response` here is skitter's.
    const gz = new Uint8Array(await new globalThis.Response(new Blob([xml]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    expect(await spider.getSitemapBody(new XmlResponse({ url: 'http://a.test/s', body: xml }))).toEqual(xml);
    const gzipped = (meta: Record<string, unknown>) => new Response({
      url: 'http://a.test/s.gz', body: gz, request: new Request('http://a.test/s.gz', { meta }),
    });
    expect(await spider.getSitemapBody(gzipped({}))).toEqual(xml);
    expect(await spider.getSitemapBody(gzipped({ download_maxsize: 8 }))).toBeNull();
    expect(await spider.getSitemapBody(gzipped({ download_maxsize: 9 }))).toEqual(xml);
    expect(await spider.getSitemapBody(new Response({ url: 'http://a.test/s.xml', body: xml }))).toEqual(xml);
    expect(await spider.getSitemapBody(new Response({ url: 'http://a.test/s.xml.gz', body: xml }))).toEqual(xml);
    expect(await spider.getSitemapBody(new Response({ url: 'http://a.test/s.txt', body: xml }))).toBeNull();
  });

  it('a sitemapRules method name the spider lacks is an error', async () => {
    class Typo extends SitemapSpider {
      override name = 'typo';
      override sitemapRules: SitemapRule[] = [['', 'parseTypo']];
    }
    const response = new XmlResponse({ url: 'http://a.test/s.xml', body: '<urlset><url><loc>http://a.test/1</loc></url></urlset>' });
    const out = new Typo().parseSitemap(response);
    await expect(out.next()).rejects.toThrow('[skitter] Typo: sitemapRules callback "parseTypo" is not a method of the spider');
  });

  it('start() requests each sitemap URL with parseSitemap as callback', async () => {
    const spider = new (pages(false))();
    const requests: Request[] = [];
    for await (const r of spider.start()) requests.push(r as Request);
    expect(requests.map((r) => [r.url, r.callback === spider.parseSitemap, r.dontFilter])).toEqual([
      [`${server.url}/alternates.xml`, true, false],
      [`${server.url}/not-a-sitemap`, true, false],
    ]);
  });
});
