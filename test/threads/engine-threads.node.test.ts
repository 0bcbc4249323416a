/**
 * ENGINE_THREADS through the real CLI (`skitter runspider`) against a site on 127.0.0.1: the
 * threaded crawl yields exactly the items and key stats of the one-thread crawl, stops gracefully
 * on SIGTERM with a valid feed, closes on CloseSpider from a callback, and survives a thread that
 * dies (its leased requests go back to the scheduler).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonLines, runCli, startCli, tempDir } from '../cli/run-cli.ts';

/** Pages /p/0 .. /p/(PAGES-1); each links to 4 others (mostly duplicates across pages). */
const PAGES = 60;
/** Pages under /slow/ answer after this many ms (the SIGTERM test needs a crawl in progress). */
const SLOW_MS = 40;
const SLOW_PAGES = 400;

function page(title: string, links: string[]): string {
  return `<html><head><title>${title}</title></head><body><h1>${title}</h1>${links.map((l) => `<a href="${l}">x</a>`).join('')}</body></html>`;
}

function handle(url: string): { status: number; body: string; headers?: Record<string, string> } {
  if (url === '/') return { status: 200, body: page('home', ['/p/0', '/p/1', '/missing', '/moved']) };
  if (url === '/moved') return { status: 301, body: '', headers: { location: '/p/2' } };
  const p = /^\/p\/(\d+)$/.exec(url);
  if (p && Number(p[1]) < PAGES) {
    const i = Number(p[1]);
    const links = [(i * 7 + 1) % PAGES, (i + 1) % PAGES, (i * 3 + 2) % PAGES, (i + 11) % PAGES].map((n) => `/p/${n}#frag`);
    return { status: 200, body: page(`page ${i}`, [...links, '/']) };
  }
  const s = /^\/slow\/(\d+)$/.exec(url);
  if (s && Number(s[1]) < SLOW_PAGES) {
    const i = Number(s[1]);
    return { status: 200, body: page(`slow ${i}`, [`/slow/${(i + 1) % SLOW_PAGES}`, `/slow/${(i * 5 + 3) % SLOW_PAGES}`, `/slow/${(i + 2) % SLOW_PAGES}`]) };
  }
  return { status: 404, body: 'not found' };
}

/** The stats a run dumped on stderr (`'key': value,` lines), numbers and strings only. */
function statsOf(stderr: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of stderr.matchAll(/^[{ ]'([^']+)': (.+?),?}?$/gm)) {
    const raw = m[2]!;
    out[m[1]!] = raw.startsWith("'") ? raw.slice(1, -1) : Number(raw);
  }
  return out;
}

const KEY_STATS = [
  'item_scraped_count', 'response_received_count', 'scheduler/enqueued', 'scheduler/dequeued', 'dupefilter/filtered',
  'downloader/request_count', 'downloader/response_count', 'downloader/response_status_count/200',
  'downloader/response_status_count/301', 'downloader/response_status_count/404', 'httperror/response_ignored_count',
  'spider_exceptions/count', 'spider_exceptions/Error', 'offsite/filtered', 'finish_reason',
];

describe('ENGINE_THREADS (runspider)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    tmp = tempDir();
    server = createServer((req, res) => {
      const r = handle(req.url ?? '/');
      const send = (): void => {
        res.writeHead(r.status, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
        res.end(r.body);
      };
      if (req.url?.startsWith('/slow/')) setTimeout(send, SLOW_MS);
      else send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // One item per page, an error in one callback, an off-site link, every link followed.
    writeFileSync(join(tmp.dir, 'site.ts'), `
import { Spider, type Response } from 'skitter';
export default class SiteSpider extends Spider {
  name = 'site';
  allowedDomains = ['127.0.0.1'];
  startUrls = ['${origin}/'];
  *parse(response: Response) {
    if (new URL(response.url).pathname === '/p/7') throw new Error('broken page 7');
    yield { url: new URL(response.url).pathname, title: response.css('title::text').get() };
    for (const href of response.css('a::attr(href)').getall()) yield response.follow(href);
    yield response.follow('http://elsewhere.example/');
  }
}
`);
    writeFileSync(join(tmp.dir, 'slow.ts'), `
import { Spider, type Response } from 'skitter';
export default class SlowSpider extends Spider {
  name = 'slow';
  startUrls = ['${origin}/slow/0'];
  *parse(response: Response) {
    yield { url: response.url, title: response.css('title::text').get() };
    for (const href of response.css('a::attr(href)').getall()) yield response.follow(href);
  }
}
`);
    writeFileSync(join(tmp.dir, 'enough.ts'), `
import { CloseSpider, Spider, type Response } from 'skitter';
export default class EnoughSpider extends Spider {
  name = 'enough';
  startUrls = ['${origin}/'];
  *parse(response: Response) {
    if (new URL(response.url).pathname === '/p/30') throw new CloseSpider('enough_pages');
    yield { url: new URL(response.url).pathname };
    for (const href of response.css('a::attr(href)').getall()) yield response.follow(href);
  }
}
`);
    // The first thread to reach /p/5 dies (process.exit in a worker thread ends that thread).
    writeFileSync(join(tmp.dir, 'crash.ts'), `
import { writeFileSync } from 'node:fs';
import { Spider, type Response } from 'skitter';
export default class CrashSpider extends Spider {
  name = 'crash';
  startUrls = ['${origin}/'];
  *parse(response: Response) {
    if (new URL(response.url).pathname === '/p/5') {
      let first = true;
      try { writeFileSync(${JSON.stringify(join(tmp.dir, 'crashed.marker'))}, 'x', { flag: 'wx' }); } catch { first = false; }
      if (first) process.exit(3);
    }
    yield { url: new URL(response.url).pathname };
    for (const href of response.css('a::attr(href)').getall()) yield response.follow(href);
  }
}
`);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    tmp.remove();
  });

  it('yields exactly the items and key stats of the one-thread crawl', async () => {
    const common = ['runspider', 'site.ts', '-L', 'INFO', '-s', 'CONCURRENT_REQUESTS=8'];
    const [one, two] = await Promise.all([
      runCli([...common, '-O', 'one.jsonl'], tmp.dir),
      runCli([...common, '-O', 'two.jsonl', '-s', 'ENGINE_THREADS=2'], tmp.dir),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toContain('Running the spider in 2 engine threads');
    const sorted = (file: string): unknown[] => (parseJsonLines(readFileSync(join(tmp.dir, file), 'utf8')) as Array<{ url: string }>).sort((a, b) => a.url.localeCompare(b.url));
    const items = sorted('one.jsonl');
    // Every page but /p/7 (its callback throws), plus the home page twice.
    expect(items).toHaveLength(PAGES + 1);
    expect(sorted('two.jsonl')).toEqual(items);
    const a = statsOf(one.stderr);
    const b = statsOf(two.stderr);
    const pick = (s: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(KEY_STATS.map((k) => [k, s[k]]));
    // The start URL is not filtered (as in Scrapy), so the home page comes twice.
    expect(pick(a)).toEqual({
      item_scraped_count: PAGES + 1, response_received_count: PAGES + 3, 'scheduler/enqueued': PAGES + 4, 'scheduler/dequeued': PAGES + 4,
      'dupefilter/filtered': a['dupefilter/filtered'], 'downloader/request_count': PAGES + 4, 'downloader/response_count': PAGES + 4,
      'downloader/response_status_count/200': PAGES + 2, 'downloader/response_status_count/301': 1, 'downloader/response_status_count/404': 1,
      'httperror/response_ignored_count': 1, 'spider_exceptions/count': 1, 'spider_exceptions/Error': 1, 'offsite/filtered': PAGES + 1, finish_reason: 'finished',
    });
    expect(a['dupefilter/filtered']).toBeGreaterThan(PAGES);
    expect(pick(b)).toEqual(pick(a));
    // The thread's spider error reaches the main log, naming the thread.
    expect(two.stderr).toMatch(/ERROR: Spider error processing <GET http:\/\/127\.0\.0\.1:\d+\/p\/7(#frag)?> .*\(engine thread \d\)/);
    expect(two.stderr).toContain('Error: broken page 7');
  });

  it('SIGTERM mid-crawl: stops gracefully with a valid feed holding each completed page once', async () => {
    const cli = startCli(['runspider', 'slow.ts', '-L', 'DEBUG', '-s', 'ENGINE_THREADS=2', '-s', 'CONCURRENT_REQUESTS=4', '-O', 'partial.json'], tmp.dir);
    await cli.waitForStderr('Scraped from');
    cli.child.kill('SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("'finish_reason': 'shutdown',");
    const items = JSON.parse(readFileSync(join(tmp.dir, 'partial.json'), 'utf8')) as Array<{ url: string }>;
    const stats = statsOf(r.stderr);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(SLOW_PAGES);
    expect(new Set(items.map((i) => i.url)).size).toBe(items.length);
    // Every page answered was scraped and reached the feed: nothing in flight was lost.
    expect(stats.item_scraped_count).toBe(items.length);
    expect(stats.response_received_count).toBe(items.length);
    expect(stats['downloader/response_count']).toBe(items.length);
  });

  it('CloseSpider raised in a thread, or CLOSESPIDER_ERRORCOUNT met there, closes the whole crawl with its reason', async () => {
    const [r, errors] = await Promise.all([
      runCli(['runspider', 'enough.ts', '-L', 'INFO', '-s', 'ENGINE_THREADS=2', '-s', 'CONCURRENT_REQUESTS=4', '-O', 'enough.jsonl'], tmp.dir),
      runCli(['runspider', 'site.ts', '-L', 'INFO', '-s', 'ENGINE_THREADS=2', '-s', 'CONCURRENT_REQUESTS=4', '-s', 'CLOSESPIDER_ERRORCOUNT=1'], tmp.dir),
    ]);
    expect(errors.code, errors.stderr).toBe(0);
    expect(statsOf(errors.stderr).finish_reason).toBe('closespider_errorcount');
    expect(statsOf(errors.stderr)['spider_exceptions/Error']).toBe(1);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr, r.stderr).toContain('Closing spider (enough_pages)');
    const stats = statsOf(r.stderr);
    expect(stats.finish_reason).toBe('enough_pages');
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'enough.jsonl'), 'utf8')) as Array<{ url: string }>;
    expect(items.length).toBe(stats.item_scraped_count);
    expect(items.length).toBeLessThan(PAGES);
    expect(items.some((i) => i.url === '/p/30')).toBe(false);
  });

  it('a thread that dies gives its leased requests back; the crawl completes in the other', async () => {
    const r = await runCli(['runspider', 'crash.ts', '-L', 'INFO', '-s', 'ENGINE_THREADS=2', '-s', 'CONCURRENT_REQUESTS=4', '-O', 'crash.jsonl'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ERROR: ThreadDownloader: engine thread \d stopped; its \d+ leased requests go back to the scheduler/);
    const stats = statsOf(r.stderr);
    expect(stats['engine_threads/lost']).toBe(1);
    expect(stats.finish_reason).toBe('finished');
    const urls = (parseJsonLines(readFileSync(join(tmp.dir, 'crash.jsonl'), 'utf8')) as Array<{ url: string }>).map((i) => i.url).sort();
    const expected = ['/', '/', ...Array.from({ length: PAGES }, (_, i) => `/p/${i}`)].sort();
    expect(urls).toEqual(expected);
  });

  it('refuses settings whose state would be split between threads, naming them and the fix', async () => {
    const r = await runCli(['runspider', 'site.ts', '-s', 'ENGINE_THREADS=2', '-s', 'DOWNLOAD_DELAY=0.5', '-s', 'JOBDIR=job'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('skitter: error: ENGINE_THREADS=2 cannot be used with DOWNLOAD_DELAY, JOBDIR: each thread would keep its own download slots and delays, or its own view of the job. Set ENGINE_THREADS=0 (the default) for this crawl.');
  });

  it('fails with a clear reason when no engine thread can run the spider', async () => {
    writeFileSync(join(tmp.dir, 'main-only.ts'), `
import { isMainThread } from 'node:worker_threads';
import { Spider } from 'skitter';
export default class MainOnlySpider extends Spider {
  name = 'main-only';
  startUrls = ['${origin}/'];
  constructor() {
    super();
    if (!isMainThread) throw new Error('this spider needs the main thread');
  }
  parse() { return [{ ok: true }]; }
}
`);
    const r = await runCli(['runspider', 'main-only.ts', '-L', 'INFO', '-s', 'ENGINE_THREADS=2', '-O', 'main-only.jsonl'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: this spider needs the main thread');
    expect(r.stderr).toContain("'finish_reason': 'engine_thread_error',");
    expect(r.stderr).toContain('skitter: error: spider "main-only" stopped early: no engine thread was left (engine_thread_error; see the log above)');
    expect(readFileSync(join(tmp.dir, 'main-only.jsonl'), 'utf8')).toBe('');
  });
});
