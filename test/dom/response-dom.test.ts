import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { XmlResponse } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { DomProductsSpider } from './dom-spiders.ts';
import { expectedDomItems } from './expected-dom-items.ts';

const OPTIONS = { products: 80, perPage: 8 };
let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite(OPTIONS);
});
afterAll(() => site.close());

describe('response.dom in Node (linkedom)', () => {
  it('gives a standard Document, parsed once, that a spider can crawl the demo shop with', async () => {
    const run = await runSpider(DomProductsSpider, { LOG_LEVEL: 'WARNING' }, { args: { origin: site.url, count: 5 } });
    expect(run.messages('ERROR')).toEqual([]);
    expect([...run.items].sort((a, b) => a.id - b.id)).toEqual(expectedDomItems(OPTIONS, 5, false));
  });

  it('parses XML responses as XML documents', () => {
    const response = new XmlResponse({
      url: 'http://127.0.0.1/feed.xml',
      body: new TextEncoder().encode('<?xml version="1.0"?><rss><item id="1"><Title>A</Title></item><item id="2"><Title>B</Title></item></rss>'),
    });
    const dom = response.dom as Document;
    // XML keeps the case of element names, which an HTML parser would lower.
    expect([...dom.getElementsByTagName('Title')].map((t) => t.textContent)).toEqual(['A', 'B']);
    expect(dom.getElementsByTagName('item')[1]!.getAttribute('id')).toBe('2');
  });
});
