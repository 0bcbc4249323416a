import { describe, expect, it } from 'vitest';
import { Crawler, NodeLoopAdapter, Settings, SettingsError, Spider, VirtualLoopAdapter } from '../../src/node.ts';

describe('settings', () => {
  it('priorities: default < project < spider < cmdline', () => {
    const s = new Settings();
    expect(s.getFloat('DOWNLOAD_DELAY')).toBe(0);
    s.set('DOWNLOAD_DELAY', 1, 'project');
    s.set('DOWNLOAD_DELAY', 3, 'cmdline');
    s.set('DOWNLOAD_DELAY', 2, 'spider');
    expect(s.getFloat('DOWNLOAD_DELAY')).toBe(3);
    expect(s.getPriority('DOWNLOAD_DELAY')).toBe(40);
  });

  it('strings from the command line are converted by the setting type', () => {
    const s = new Settings();
    s.set('CONCURRENT_REQUESTS', '32', 'cmdline');
    s.set('RANDOMIZE_DOWNLOAD_DELAY', 'false', 'cmdline');
    s.set('RETRY_HTTP_CODES', '500,503', 'cmdline');
    s.set('DEFAULT_REQUEST_HEADERS', '{"Accept":"text/html"}', 'cmdline');
    expect(s.getInt('CONCURRENT_REQUESTS')).toBe(32);
    expect(s.getBool('RANDOMIZE_DOWNLOAD_DELAY')).toBe(false);
    expect(s.getList('RETRY_HTTP_CODES')).toEqual([500, 503]);
    expect(s.getDict('DEFAULT_REQUEST_HEADERS')).toEqual({ Accept: 'text/html' });
  });

  it('a wrong type names the key and what it expects', () => {
    const s = new Settings();
    expect(() => s.set('CONCURRENT_REQUESTS', 'many')).toThrow(new SettingsError('[skitter] Settings: CONCURRENT_REQUESTS must be an integer, got "many".'));
    expect(() => s.set('CONCURRENT_REQUESTS', 0)).toThrow('[skitter] Settings: CONCURRENT_REQUESTS must be >= 1, got 0.');
    expect(() => s.set('DOWNLOAD_DELAY', -1)).toThrow('[skitter] Settings: DOWNLOAD_DELAY must be >= 0, got -1.');
    expect(() => s.set('ITEM_PIPELINES', { p: 'my.module.Pipeline' })).toThrow(/ITEM_PIPELINES\.p must be \{ use: Component, order: number \} or null/);
  });

  it('an unknown key is a warning naming it, with a close match', () => {
    const warnings: string[] = [];
    const s = new Settings(undefined, 'project', (m) => warnings.push(m));
    s.set('DOWNLOAD_DELAYS', 1);
    s.set('MY_OWN_SETTING', 'x');
    expect(warnings).toEqual([
      '[skitter] Settings: unknown setting DOWNLOAD_DELAYS (did you mean DOWNLOAD_DELAY?); it is kept for your own components.',
      '[skitter] Settings: unknown setting MY_OWN_SETTING; it is kept for your own components.',
    ]);
    expect(s.get('MY_OWN_SETTING')).toBe('x');
  });

  it('settings freeze when the crawl starts; customSettings apply at spider priority', async () => {
    let frozenDuringCrawl = false;
    let seenDelay = -1;
    class S extends Spider {
      override name = 's';
      override customSettings = { DOWNLOAD_DELAY: 0.01, CONCURRENT_REQUESTS: 3 };
      override async *start() {
        frozenDuringCrawl = this.settings.frozen;
        seenDelay = this.settings.getFloat('DOWNLOAD_DELAY');
      }
    }
    const project = new Settings({ DOWNLOAD_DELAY: 5, CONCURRENT_REQUESTS: 7, LOG_ENABLED: false });
    project.set('CONCURRENT_REQUESTS', 9, 'cmdline');
    const crawler = new Crawler(S, project);
    await crawler.crawl();
    expect(frozenDuringCrawl).toBe(true);
    expect(seenDelay).toBe(0.01);
    expect(crawler.settings.getInt('CONCURRENT_REQUESTS')).toBe(9);
    expect(() => crawler.settings.set('DOWNLOAD_DELAY', 1)).toThrow(/cannot set DOWNLOAD_DELAY after the crawl started/);
  });

  it('LOOP_ADAPTER in customSettings: the adapter the crawl runs on is accepted (as Scrapy accepts a matching TWISTED_REACTOR), another is rejected', async () => {
    const items = (spider: { new(): Spider }, settings: Record<string, unknown> = {}) => {
      const crawler = new Crawler(spider, { LOG_ENABLED: false, ...settings });
      return crawler.crawl().then(() => crawler.stats.getValue('item_scraped_count'));
    };
    const spiderWith = (loopAdapter: unknown) => class S extends Spider {
      override name = 's';
      override customSettings = { LOOP_ADAPTER: loopAdapter, DOWNLOAD_DELAY: 0 };
      override async *start() { yield { ok: true }; }
    };
    expect(await items(spiderWith('node'))).toBe(1);
    expect(await items(spiderWith('auto'))).toBe(1);
    expect(await items(spiderWith(NodeLoopAdapter))).toBe(1);
    const virtual = new VirtualLoopAdapter();
    expect(await items(spiderWith('virtual'), { LOOP_ADAPTER: virtual })).toBe(1);
    await expect(items(spiderWith('web'))).rejects.toThrow(
      "[skitter] S.customSettings: LOOP_ADAPTER \"web\" differs from the node adapter this crawl runs on; the loop adapter is process-wide (like Scrapy's TWISTED_REACTOR): set it in project settings or on the command line, or remove it from customSettings.",
    );
    await expect(items(spiderWith(VirtualLoopAdapter))).rejects.toThrow('LOOP_ADAPTER VirtualLoopAdapter differs from the node adapter');
    await expect(items(spiderWith('node'), { LOOP_ADAPTER: virtual })).rejects.toThrow('LOOP_ADAPTER "node" differs from the virtual adapter');
  });

  it('asking for another adapter than the one running crawls is a clear error', async () => {
    class S extends Spider { override name = 's'; }
    await new Crawler(S, { LOG_ENABLED: false }).crawl();
    await expect(new Crawler(S, { LOG_ENABLED: false, LOOP_ADAPTER: 'mv3' }).crawl()).rejects.toThrow(
      /LOOP_ADAPTER: (this process already runs crawls on the node adapter; it cannot switch to mv3|unknown adapter "mv3")/,
    );
    await expect(new Crawler(S, { LOG_ENABLED: false, LOOP_ADAPTER: 'node' }).crawl()).resolves.toBeUndefined();
  });
});
