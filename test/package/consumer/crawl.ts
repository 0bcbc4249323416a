// A Node script running a spider with CrawlerRunner (the README's "from code" recipe), printing
// one JSON line: the Node version, the items scraped, how many distinct URLs they have and the finish reason.
import { CrawlerRunner, signals } from 'skitter';
import ProductsSpider from './spiders/products.ts';

const site = process.argv[2] ?? 'http://127.0.0.1:8080';
const runner = new CrawlerRunner({ LOG_LEVEL: 'WARNING' });
const crawler = runner.createCrawler(ProductsSpider);
const urls = new Set<string>();
crawler.signals.connect(signals.itemScraped, ({ item }) => {
  urls.add((item as { url: string }).url);
});
await runner.crawl(crawler, { site });
const stats = crawler.stats.getStats();
console.log(JSON.stringify({ node: process.version, items: stats.item_scraped_count, urls: urls.size, reason: stats.finish_reason }));
