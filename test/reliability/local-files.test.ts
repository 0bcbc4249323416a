import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';

// Follows every link of every page, as a careless user's spider would (no allowedDomains), and
// records each page or failure; prints its peak RSS (KiB) at close.
const SPIDER = `
import { Request, Spider, type Failure, type TextResponse } from 'skitter';

export default class WalkSpider extends Spider {
  name = 'walk';
  urls = '';

  async *start() {
    for (const url of this.urls.split(' ')) yield new Request(url, { errback: this.failed });
  }

  *parse(response: TextResponse) {
    yield { url: response.url, bytes: response.body.byteLength };
    for (const request of response.followAll({ css: 'a' }, { errback: this.failed })) yield request;
  }

  failed(failure: Failure) {
    return { url: failure.request.url, error: (failure.value as Error).name, message: (failure.value as Error).message };
  }

  closed() {
    console.error('peak-rss-kib=' + process.resourceUsage().maxRSS);
  }
}
`;

type Row = { url: string; bytes?: number; error?: string; message?: string };

describe('local files: file: only from start requests and local pages; the file handler keeps the download limits (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'walk.ts'), SPIDER);
    writeFileSync(join(tmp.dir, 'index.html'), '<html><body><a href="other.html">other</a></body></html>');
    writeFileSync(join(tmp.dir, 'other.html'), '<html><body>other</body></html>');
    execFileSync('mkfifo', [join(tmp.dir, 'fifo')]);
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  async function walk(urls: string[], settings: string[], feed: string) {
    const r = await runCli(['runspider', 'walk.ts', '-a', `urls=${urls.join(' ')}`, ...settings.flatMap((s) => ['-s', s]), '-O', feed, '-L', 'INFO'], tmp.dir);
    const rows = parseJsonLines(readFileSync(join(tmp.dir, feed), 'utf8')) as Row[];
    return { r, rows: rows.sort((a, b) => a.url.localeCompare(b.url)) };
  }

  it('refuses file: links from remote pages (warned once each, counted) and never follows a redirect to file:', { timeout: 120_000 }, async () => {
    // The page is fetched twice: the second refusal of each link is counted but not logged again.
    const { r, rows } = await walk([`${server.url}/local-links`, `${server.url}/local-links?again`, `${server.url}/redirect-to-file`], ['RETRY_ENABLED=false'], 'remote.jsonl');
    expect(r.code).toBe(0);
    expect(rows).toEqual([
      { url: `${server.url}/local-links`, bytes: 128 },
      { url: `${server.url}/local-links?again`, bytes: 128 },
      { url: `${server.url}/ok?n=local`, bytes: 70 },
      { url: `${server.url}/redirect-to-file`, error: 'HttpError', message: 'Ignoring non-200 response' },
    ]);
    const refusals = r.stderr.split('\n').filter((line) => line.includes('Refused'));
    expect(refusals.map((line) => line.replace(/^.* WARNING: /, '')).sort()).toEqual([
      `Refused <GET file:///dev/zero> linked from <200 ${server.url}/local-links>: file: URLs are downloaded only from start requests or from pages that are local themselves, never from remote pages.`,
      `Refused <GET file:///etc/passwd> linked from <200 ${server.url}/local-links>: file: URLs are downloaded only from start requests or from pages that are local themselves, never from remote pages.`,
    ]);
    expect(r.stderr).toContain("'localscheme/refused': 4,");
    expect(r.stderr).not.toContain('root:x:0:0');
  });

  it('follows file: start URLs and links between local pages', { timeout: 120_000 }, async () => {
    const index = pathToFileURL(join(tmp.dir, 'index.html')).href;
    const { r, rows } = await walk([index], [], 'local.jsonl');
    expect(r.code).toBe(0);
    expect(rows).toEqual([
      { url: index, bytes: 56 },
      { url: pathToFileURL(join(tmp.dir, 'other.html')).href, bytes: 31 },
    ]);
    expect(r.stderr).not.toContain('localscheme/refused');
  });

  it('file:///dev/zero stops at DOWNLOAD_MAXSIZE (peak RSS under 200 MB); a FIFO whose writer sends nothing stops at DOWNLOAD_TIMEOUT', { timeout: 120_000 }, async () => {
    const fifo = pathToFileURL(join(tmp.dir, 'fifo')).href;
    // A writer that never writes (opening a FIFO read-write does not block on Linux).
    const writer = openSync(join(tmp.dir, 'fifo'), 'r+');
    const started = performance.now();
    const { r, rows } = await walk(['file:///dev/zero', fifo], ['DOWNLOAD_MAXSIZE=10000000', 'DOWNLOAD_TIMEOUT=1', 'RETRY_ENABLED=false'], 'zero.jsonl').finally(() => closeSync(writer));
    expect(r.code).toBe(0);
    expect(rows).toEqual([
      { url: 'file:///dev/zero', error: 'DownloadSizeError', message: '[skitter] Cancelling download of file:///dev/zero: received response size (10223616) larger than download max size (10000000).' },
      { url: fifo, error: 'DownloadTimeoutError', message: `[skitter] Reading ${fifo} took longer than 1 seconds (DOWNLOAD_TIMEOUT / download_timeout meta).` },
    ].sort((a, b) => a.url.localeCompare(b.url)));
    expect(Number(/peak-rss-kib=(\d+)/.exec(r.stderr)![1]) / 1024).toBeLessThan(200);
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
