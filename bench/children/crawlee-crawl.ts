/**
 * Benchmark child: Crawlee's CheerioCrawler doing what the skitter spider does (every
 * same-hostname link, one `{ url, title, name, price }` per product page), storage in memory.
 * Prints a `RESULT` line (see measure.ts).
 * @module
 */
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';
import { readArgs, report, startSampler, writeItems } from './measure.ts';

const args = readArgs();
const prefix = `${args.origin}/`;
const items: unknown[] = [];
let pages = 0;

const config = new Configuration({ persistStorage: false, logLevel: 3 /* WARNING */ });
const crawler = new CheerioCrawler({
  minConcurrency: args.concurrency,
  maxConcurrency: args.concurrency,
  maxRequestRetries: 1,
  async requestHandler({ request, $, enqueueLinks }) {
    pages++;
    const url = request.loadedUrl ?? request.url;
    if (url.startsWith(`${prefix}product/`)) {
      items.push({
        url,
        title: $('title').first().text(),
        name: $('h1').first().text(),
        price: $('article.product > p.price').first().text(),
      });
    }
    await enqueueLinks({ strategy: 'same-hostname' });
  },
}, config);

const sampler = startSampler(() => pages);
const stats = await crawler.run([prefix]);
const wallMs = performance.now() - sampler.t0;
writeItems(args.itemsFile, items);
report({ pages, items: items.length, wallMs, samples: sampler.stop(), extra: { requestsFinished: stats.requestsFinished, requestsFailed: stats.requestsFailed } });
