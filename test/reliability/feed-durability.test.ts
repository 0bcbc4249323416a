import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { runCli, startCli, tempDir } from '../cli/run-cli.ts';

// Issue 8, bullets 5 and 6: a feed that cannot be written stops the crawl at once (or keeps it
// from starting), and a kill -9 loses at most the last second of items, never half a line.

// 20 list pages of 100 items, one page every 100 ms: 2,000 items in ~2 s if nothing stops the crawl.
const LIST_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class ListSpider extends Spider {
  name = 'list';
  site = '';
  customSettings = { CONCURRENT_REQUESTS: 1, DOWNLOAD_DELAY: 0.1, RANDOMIZE_DOWNLOAD_DELAY: false };
  async *start() { yield new Request(this.site + '/list?page=1&n=100&last=20'); }
  *parse(response: TextResponse) {
    for (const id of response.css('li.item::attr(data-id)').getall()) yield { id };
    const next = response.css('a.next::attr(href)').get();
    if (next) yield response.follow(next);
  }
}
`;

// One item every 100 ms from start(), stamped with the time it was made.
const TICK_SPIDER = `
import { Spider } from 'skitter';
export default class TickSpider extends Spider {
  name = 'tick';
  async *start() {
    for (let i = 0; ; i++) {
      yield { i, at: Date.now(), text: 'x'.repeat(200) };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
`;

describe('feed durability (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'list.ts'), LIST_SPIDER);
    writeFileSync(join(tmp.dir, 'tick.ts'), TICK_SPIDER);
  });
  afterAll(async () => {
    tmp.remove();
    await server.close();
  });

  it('a full disk (-o /dev/full) stops the crawl at the first write, names the feed and exits 1', async () => {
    const seen = server.seen.length;
    const r = await runCli(['runspider', 'list.ts', '-a', `site=${server.url}`, '-o', '/dev/full:jsonlines', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERROR: Error writing jsonlines feed in: /dev/full; closing the spider');
    expect(r.stderr).toContain('ENOSPC');
    expect(r.stderr).toContain("'finish_reason': 'feed_error: /dev/full',");
    expect(r.stderr).toContain('skitter: error: spider "list" stopped early: a feed could not be written');
    // The error comes back while the first page's items are exported: a page or two more at most.
    expect(server.seen.length - seen).toBeLessThanOrEqual(3);
    const scraped = Number(/'item_scraped_count': (\d+),/.exec(r.stderr)?.[1]);
    expect(scraped).toBeGreaterThan(0);
    expect(scraped).toBeLessThanOrEqual(300);
  });

  it('an unwritable feed path (under /proc) is refused at start, naming the path', async () => {
    const seen = server.seen.length;
    const t0 = performance.now();
    const r = await runCli(['runspider', 'list.ts', '-a', `site=${server.url}`, '-o', '/proc/skitter/items.jsonl', '-L', 'INFO'], tmp.dir);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/skitter: error: FeedExporter: cannot write the jsonlines feed \/proc\/skitter\/items\.jsonl \(FEEDS\["\/proc\/skitter\/items\.jsonl"\]\): ENOENT/);
    expect(server.seen.length).toBe(seen);
  });

  it('kill -9 loses at most the last second of items and leaves no partial line', async () => {
    const cli = startCli(['runspider', 'tick.ts', '-O', 'ticks.jsonl', '-L', 'INFO'], tmp.dir);
    await cli.waitForStderr('Spider opened');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const killedAt = Date.now();
    cli.child.kill('SIGKILL');
    const r = await cli.done;
    expect(r.signal).toBe('SIGKILL');
    const text = readFileSync(join(tmp.dir, 'ticks.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const items = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { i: number; at: number });
    // In order, none missing up to the last one written...
    expect(items.map((item) => item.i)).toEqual(items.map((_, i) => i));
    // ...and everything made more than a second (plus scheduling slack) before the kill is there.
    const last = items[items.length - 1]!;
    expect(killedAt - last.at).toBeLessThan(1_600);
    expect(items.length).toBeGreaterThanOrEqual(10);
  });
});
