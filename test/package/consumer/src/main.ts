// The page: the same spider once in the page itself and once in a Web Worker (runInWorker),
// against the demo shop named by `?site=`; the results go to `window.results` and #out.
import { Crawler, runInWorker, signals, type LogRecord } from 'skitter';
import ProductsSpider from '../spiders/products.ts';

const site = new URL(location.href).searchParams.get('site') ?? 'http://127.0.0.1:8080';

async function crawlInPage() {
  const logs: LogRecord[] = [];
  const crawler = new Crawler(ProductsSpider, { LOG_LEVEL: 'INFO' }, { logSink: (record) => logs.push(record) });
  let items = 0;
  crawler.signals.connect(signals.itemScraped, () => {
    items++;
  });
  await crawler.crawl({ site });
  const enabled = logs.find((record) => record.message.startsWith('Enabled downloader middlewares'))?.message ?? '';
  return { items, reason: crawler.stats.getStats().finish_reason, enabled };
}

async function crawlInWorker() {
  const worker = new Worker(new URL('./crawl-worker.ts', import.meta.url), { type: 'module' });
  const run = runInWorker({ worker, spiderName: 'products', args: { site }, settings: { LOG_LEVEL: 'WARNING' } });
  const urls = new Set<string>();
  for await (const item of run.items) urls.add((item as { url: string }).url);
  const stats = await run.stats;
  return { items: stats.item_scraped_count, urls: urls.size, reason: stats.finish_reason };
}

const results = await Promise.all([crawlInPage(), crawlInWorker()]).then(
  ([page, worker]) => ({ page, worker }),
  (error: unknown) => ({ error: String(error instanceof Error ? error.stack : error) }),
);
(window as unknown as { results: unknown }).results = results;
document.querySelector('#out')!.textContent = JSON.stringify(results, null, 2);
