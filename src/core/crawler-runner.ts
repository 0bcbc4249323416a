import type { SpiderClass } from '../spiders/spider.ts';
import { Crawler, type CrawlerOptions } from './crawler.ts';
import { Settings, type SettingsInput } from './settings/settings.ts';

/**
 * Runs several crawls in one process, at once or one after another: Scrapy's CrawlerRunner.
 * Each `crawl()` returns a promise that resolves when that crawl finished.
 * @see https://docs.scrapy.org/en/latest/topics/practices.html#run-scrapy-from-a-script
 * @example
 * const runner = new CrawlerRunner({ LOG_LEVEL: 'INFO' });
 * runner.crawl(BooksSpider);
 * runner.crawl(QuotesSpider);
 * await runner.join();
 */
export class CrawlerRunner {
  readonly settings: Settings;
  readonly crawlers = new Set<Crawler>();
  #active = new Set<Promise<void>>();
  #options: CrawlerOptions;

  /** @param settings project settings shared by every crawl (each crawl gets its own copy). */
  constructor(settings?: SettingsInput | Settings, options: CrawlerOptions = {}) {
    this.settings = settings instanceof Settings ? settings : new Settings(settings, 'project');
    this.#options = options;
  }

  /** Creates a crawler for a spider class with a copy of the runner's settings. */
  createCrawler(spiderClass: SpiderClass, settings?: SettingsInput): Crawler {
    const s = this.settings.copy();
    if (settings) s.update(settings, 'project');
    return new Crawler(spiderClass, s, this.#options);
  }

  /**
   * Starts a crawl and resolves with its crawler when it finished.
   * @param target a spider class or a crawler made with {@link createCrawler}.
   * @param args spider arguments (assigned to the spider as properties).
   */
  crawl(target: SpiderClass | Crawler, args: Record<string, unknown> = {}): Promise<Crawler> {
    const crawler = target instanceof Crawler ? target : this.createCrawler(target);
    this.crawlers.add(crawler);
    const run = crawler.crawl(args);
    const tracked = run.finally(() => {
      this.crawlers.delete(crawler);
      this.#active.delete(tracked);
    });
    this.#active.add(tracked);
    return run.then(() => crawler);
  }

  /** Gracefully stops every running crawl. */
  async stop(): Promise<void> {
    await Promise.all([...this.crawlers].map((c) => c.stop()));
  }

  /** Resolves when every crawl started so far finished (failed crawls included). */
  async join(): Promise<void> {
    while (this.#active.size > 0) await Promise.allSettled([...this.#active]);
  }
}
