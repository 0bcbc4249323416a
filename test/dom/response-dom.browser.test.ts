import { describe, expect, inject, it } from 'vitest';
import { CrawlerRunner, signals } from 'skitter';
import { runInWorker } from '../../src/worker/run-in-worker.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';
import { DomProductsSpider } from './dom-spiders.ts';
import { expectedDomItems } from './expected-dom-items.ts';

const sites = inject('demoSites');
const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

describe('response.dom in Chromium', () => {
  it("in a page: the browser's own DOMParser", async () => {
    const items: Array<{ id: number }> = [];
    const runner = new CrawlerRunner({ LOG_LEVEL: 'WARNING' });
    const crawler = runner.createCrawler(DomProductsSpider);
    crawler.signals.connect(signals.itemScraped, ({ item }) => { items.push(item as { id: number }); });
    await crawler.crawl({ origin: sites.page, count: 3 });
    expect(items.sort(byId)).toEqual(expectedDomItems(CONFORMANCE_CATALOGUE, 3, true));
  });

  it("in runInWorker's Web Worker (no DOMParser there): linkedom", async () => {
    const run = runInWorker({
      moduleUrl: new URL('./dom-spiders.ts', import.meta.url),
      spiderName: 'dom-products',
      settings: { LOG_LEVEL: 'WARNING' },
      args: { origin: sites.runInWorker, count: 3 },
    });
    const items: Array<{ id: number }> = [];
    for await (const item of run.items) items.push(item as { id: number });
    await run.done;
    expect(items.sort(byId)).toEqual(expectedDomItems(CONFORMANCE_CATALOGUE, 3, false));
  });
});
