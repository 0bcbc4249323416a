import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import { GZIP_CLOSE_ITEMS } from '../fixtures/hostile/lifecycle-routes.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';

// Issue 8, bullets 1 and 4: no single response and no stray promise can take the CLI down.

const GZIP_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class GzipSpider extends Spider {
  name = 'gzip';
  site = '';
  async *start() {
    yield new Request(this.site + '/gzip-close');
  }
  *parse(response: TextResponse) {
    for (const id of response.css('div.item h2::text').getall()) yield { id: Number(id), bytes: response.body.byteLength };
  }
}
`;

// A callback that starts a promise nobody awaits, which rejects, and (once) a timer that throws:
// either would make Node exit at once with code 1.
const STRAY_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';
export default class StraySpider extends Spider {
  name = 'stray';
  site = '';
  async *start() {
    for (const page of [1, 2, 3]) yield new Request(this.site + '/list?page=' + page + '&n=5&last=3');
  }
  parse(response: TextResponse) {
    void Promise.reject(new Error('stray rejection on ' + response.url));
    if (response.url.includes('page=1&')) setTimeout(() => { throw new Error('timer boom'); }, 0);
    return response.css('li.item::attr(data-id)').getall().map((id) => ({ id }));
  }
}
`;

describe('hostile responses (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'gzip.ts'), GZIP_SPIDER);
    writeFileSync(join(tmp.dir, 'stray.ts'), STRAY_SPIDER);
  });
  afterAll(async () => {
    tmp.remove();
    await server.close();
  });

  it('a ~450 KB gzip page sent with Connection: close: all 200 items reach the feed', async () => {
    const r = await runCli(['runspider', 'gzip.ts', '-a', `site=${server.url}`, '-O', 'gzip.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.stderr).not.toContain('AssertionError');
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'gzip.jsonl'), 'utf8')) as Array<{ id: number; bytes: number }>;
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: GZIP_CLOSE_ITEMS }, (_, i) => i));
    expect(items[0]!.bytes).toBeGreaterThan(450_000);
    expect(r.stderr).toContain(`'item_scraped_count': ${GZIP_CLOSE_ITEMS},`);
  });

  it('skitter fetch prints the same page', async () => {
    const r = await runCli(['fetch', `${server.url}/gzip-close`, '-L', 'INFO'], tmp.dir);
    expect(r.stderr).not.toContain('AssertionError');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/<div class="item">/g)).toHaveLength(GZIP_CLOSE_ITEMS);
    expect(r.stdout.endsWith('</body></html>')).toBe(true);
  });

  it('unhandled rejections and uncaught exceptions are logged with the spider name and counted; the crawl goes on', async () => {
    const r = await runCli(['runspider', 'stray.ts', '-a', `site=${server.url}`, '-O', 'stray.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    const ids = (parseJsonLines(readFileSync(join(tmp.dir, 'stray.jsonl'), 'utf8')) as Array<{ id: string }>).map((i) => i.id).sort();
    expect(ids).toEqual(['1-0', '1-1', '1-2', '1-3', '1-4', '2-0', '2-1', '2-2', '2-3', '2-4', '3-0', '3-1', '3-2', '3-3', '3-4']);
    expect(r.stderr.match(/ERROR: Unhandled promise rejection in spider "stray"/g)).toHaveLength(3);
    expect(r.stderr).toContain('Error: stray rejection on ');
    expect(r.stderr).toContain("'spider_exceptions/unhandled_rejection': 3,");
    expect(r.stderr.match(/ERROR: Uncaught exception in spider "stray"/g)).toHaveLength(1);
    expect(r.stderr).toContain("'spider_exceptions/uncaught_exception': 1,");
    expect(r.stderr).toContain("'finish_reason': 'finished',");
  });
});
