import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvSummary } from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { CSVFeedSpider, Request, XMLFeedSpider, type Response, type Selector } from '../../src/node.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';
import { runSpider } from '../helpers/run-spider.ts';

let site: DemoSite;
let server: TestServer;
beforeAll(async () => {
  site = await startDemoSite({ products: 120 });
  server = await startTestServer({
    '/ragged.csv': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/csv' }).end('a;b\n1;2\n3\n4;5;6\n\'7;8\';9\n'),
    '/atom.xml': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/atom+xml' }).end(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title></entry><entry><title>B</title></entry></feed>',
    ),
    '/broken.html': html('<rss><item><title>one</title><item><title>two</title></rss>'),
  });
});
afterAll(async () => {
  await site.close();
  await server.close();
});

describe('XMLFeedSpider', () => {
  it('iterates the demo RSS feed: one parseNode call per <item>, namespaced g: fields, processResults applied', async () => {
    const seen: number[] = [];
    class FeedSpider extends XMLFeedSpider {
      override name = 'xmlfeed';
      override startUrls = [`${site.url}/feeds/products.xml`];
      override namespaces = [['g', 'http://base.google.com/ns/1.0']] as const satisfies Array<readonly [string, string]>;
      override parseNode(_response: Response, node: Selector) {
        return {
          id: Number(node.xpath('g:id/text()').get()),
          title: node.xpath('title/text()').get(),
          price: node.xpath('g:price/text()').get(),
          link: node.xpath('link/text()').get(),
        };
      }
      override processResults(_response: Response, results: unknown[]) {
        for (const r of results) seen.push((r as { id: number }).id);
        return results.map((r) => ({ ...(r as object), checked: true }));
      }
    }
    const run = await runSpider(FeedSpider, { LOG_LEVEL: 'WARNING' });
    expect(run.messages('ERROR')).toEqual([]);
    const products = site.catalogue.products;
    expect(run.items).toEqual(products.map((p) => ({
      id: p.id, title: p.title, price: `${p.price.toFixed(2)} GBP`, link: site.catalogue.productUrl(site.url, p), checked: true,
    })));
    expect(seen).toEqual(products.map((p) => p.id));
  });

  it("'prefix:tag' itertags, the 'xml' and 'html' iterators, requests from parseNode, and adaptResponse", async () => {
    class IdSpider extends XMLFeedSpider {
      override name = 'ids';
      override startUrls = [`${site.url}/feeds/products.xml`];
      override itertag = 'g:id';
      override namespaces = [['g', 'http://base.google.com/ns/1.0']] as [string, string][];
      override parseNode(_response: Response, node: Selector) {
        const id = Number(node.xpath('text()').get());
        // Yield a request for the first three products, an item for every one.
        return id <= 3 ? [{ id }, new Request(`${site.url}/product-from-feed-${id}`, { callback: this.parseIgnored, errback: () => undefined })] : { id };
      }
      parseIgnored() {
        return undefined;
      }
    }
    const ids = await runSpider(IdSpider, { LOG_LEVEL: 'ERROR', HTTPERROR_ALLOW_ALL: false });
    expect(ids.items.map((i) => i.id)).toEqual(site.catalogue.products.map((p) => p.id));
    expect(ids.stats['downloader/request_count']).toBe(1 + 3);

    class AtomSpider extends XMLFeedSpider {
      override name = 'atom';
      override startUrls = [`${server.url}/atom.xml`];
      override iterator = 'xml' as const;
      override itertag = 'a:entry';
      override namespaces = [['a', 'http://www.w3.org/2005/Atom']] as [string, string][];
      override parseNode(_response: Response, node: Selector) {
        return { title: node.xpath('a:title/text()').get() };
      }
    }
    expect((await runSpider(AtomSpider, { LOG_LEVEL: 'WARNING' })).items).toEqual([{ title: 'A' }, { title: 'B' }]);

    class HtmlFeedSpider extends XMLFeedSpider {
      override name = 'html';
      override startUrls = [`${server.url}/broken.html`];
      override iterator = 'html' as const;
      override adaptResponse(response: Response): Response {
        return response.replace({ body: new TextEncoder().encode(response.text.replace('one', 'ONE')) });
      }
      override parseNode(_response: Response, node: Selector) {
        return { title: node.css('title::text').get() };
      }
    }
    expect((await runSpider(HtmlFeedSpider, { LOG_LEVEL: 'WARNING' })).items).toEqual([{ title: 'ONE' }, { title: 'two' }]);
  });

  it('a spider without parseNode fails with NotConfigured naming the spider and the method', async () => {
    class NoNode extends XMLFeedSpider {
      override name = 'nonode';
      override startUrls = [`${server.url}/atom.xml`];
    }
    const run = await runSpider(NoNode, { LOG_LEVEL: 'ERROR' });
    expect(run.items).toEqual([]);
    expect(run.stats['spider_exceptions/NotConfigured']).toBe(1);
    expect(run.logs.map((l) => `${l.message} ${String((l as { error?: unknown }).error ?? '')}`).join('\n')).toContain('NoNode: an XMLFeedSpider must define parseNode(response, node)');
  });
});

describe('CSVFeedSpider', () => {
  it('reads the demo CSV feed: header from the first row, quoted cells with commas and quotes', async () => {
    class PriceSpider extends CSVFeedSpider {
      override name = 'csvfeed';
      override startUrls = [`${site.url}/feeds/products.csv`];
      override async parseRow(_response: Response, row: Record<string, string>) {
        return { id: Number(row['id']), title: row['title'], price: Number(row['price']), summary: row['summary'], url: row['url'] };
      }
    }
    const run = await runSpider(PriceSpider, { LOG_LEVEL: 'WARNING' });
    expect(run.messages('WARNING')).toEqual([]);
    expect(run.items).toEqual(site.catalogue.products.map((p) => ({
      id: p.id, title: p.title, price: p.price, summary: csvSummary(p.description), url: site.catalogue.productUrl(site.url, p),
    })));
    expect(run.items.some((i) => i.summary.includes('"') && i.summary.includes(','))).toBe(true);
  });

  it('delimiter, quotechar and headers; ragged rows are skipped with a warning and counted', async () => {
    class RaggedSpider extends CSVFeedSpider {
      override name = 'ragged';
      override startUrls = [`${server.url}/ragged.csv`];
      override delimiter = ';';
      override quotechar = "'";
      override headers = ['x', 'y'];
      override *parseRow(_response: Response, row: Record<string, string>) {
        yield { ...row };
      }
      override processResults(_response: Response, results: unknown[]) {
        return results.filter((r) => (r as { x: string }).x !== 'a');
      }
    }
    const run = await runSpider(RaggedSpider, { LOG_LEVEL: 'WARNING' });
    expect(run.items).toEqual([{ x: '1', y: '2' }, { x: '7;8', y: '9' }]);
    expect(run.stats['csvfeed/skipped_rows']).toBe(2);
    expect(run.messages('WARNING')).toEqual([
      `ignoring row 3 (length: 1, should be: 2) of ${server.url}/ragged.csv`,
      `ignoring row 4 (length: 3, should be: 2) of ${server.url}/ragged.csv`,
    ]);
  });
});
