import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import DemoSpider from '../../examples/demo-spider.ts';
import { runSpider } from '../helpers/run-spider.ts';

describe('the demo crawl (what `skitter demo` runs) on the full default catalogue', () => {
  let site: DemoSite;
  beforeAll(async () => { site = await startDemoSite(); });
  afterAll(() => site.close());

  it('scrapes exactly one item per product, with exact stats', async () => {
    const run = await runSpider(DemoSpider, { LOG_LEVEL: 'INFO' }, { args: { site: site.url } });
    const expected = site.catalogue.products.map((p) => ({
      url: `${site.url}/product/${p.slug}`, title: p.title, price: p.price, availability: p.availability, rating: p.rating,
    }));
    const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
    expect(run.items.sort(byUrl)).toEqual(expected.sort(byUrl));
    // home + 55 category listing pages + 1000 product pages
    expect(run.stats).toMatchObject({
      item_scraped_count: 1000,
      response_received_count: 1056,
      'downloader/request_count': 1056,
      'downloader/response_count': 1056,
      'downloader/response_status_count/200': 1056,
      'scheduler/enqueued': 1056,
      finish_reason: 'finished',
    });
    expect(run.stats['log_count/ERROR']).toBeUndefined();
    expect(site.requestsFor('/')).toBe(1);
  });
});
