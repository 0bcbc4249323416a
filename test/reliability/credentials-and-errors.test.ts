import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import { BASIC_PASSWORD, BASIC_USER } from '../fixtures/hostile/download-routes.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { closedPort, parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';

// Requests each of `urls` and records the page or the failure (with the error's `code`).
const probeSpider = (customSettings = '{}') => `
import { Request, Spider, type Failure, type TextResponse } from 'skitter';

export default class ProbeSpider extends Spider {
  name = 'probe';
  customSettings = ${customSettings};
  urls = '';

  async *start() {
    for (const url of this.urls.split(' ')) yield new Request(url, { callback: this.page, errback: this.failed, dontFilter: true });
  }

  page(response: TextResponse) {
    return { url: response.url, title: response.css('title::text').get() ?? null };
  }

  failed(failure: Failure) {
    const error = failure.value as Error & { code?: string };
    return { url: failure.request.url, error: error.name, code: error.code ?? null, message: error.message };
  }
}
`;

// Follows every link of a page that also holds malformed ones, fetched twice.
const LINKS_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';

export default class LinksSpider extends Spider {
  name = 'links';
  site = '';

  async *start() {
    for (let i = 0; i < 2; i++) yield new Request(this.site + '/bad-hrefs', { dontFilter: true, callback: this.links });
  }

  *links(response: TextResponse) {
    yield* response.followAll({ css: 'a' });
  }

  parse(response: TextResponse) {
    return { title: response.css('title::text').get() };
  }
}
`;

// Yields an item that refers to itself between two ordinary ones.
const CIRCULAR_SPIDER = `
import { Spider } from 'skitter';

export default class CircularSpider extends Spider {
  name = 'circular';

  async *start() {
    yield { n: 1 };
    const looped: Record<string, unknown> = { n: 2, title: 'loop' };
    looped.self = looped;
    yield looped;
    yield { n: 3 };
  }
}
`;

type Row = { url: string; title?: string | null; error?: string; code?: string | null; message?: string };

describe('credentials, connection errors, malformed links and unexportable items (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'probe.ts'), probeSpider());
    writeFileSync(join(tmp.dir, 'probe-noauth.ts'), probeSpider('{ DOWNLOADER_MIDDLEWARES: { HttpAuthMiddleware: null } }'));
    writeFileSync(join(tmp.dir, 'links.ts'), LINKS_SPIDER);
    writeFileSync(join(tmp.dir, 'circular.ts'), CIRCULAR_SPIDER);
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  async function probe(spider: string, urls: string[], feed: string, settings: string[] = []) {
    const r = await runCli(['runspider', spider, '-a', `urls=${urls.join(' ')}`, ...settings.flatMap((s) => ['-s', s]), '-O', feed, '-L', 'DEBUG'], tmp.dir);
    const text = readFileSync(join(tmp.dir, feed), 'utf8');
    const rows = (parseJsonLines(text) as Row[]).sort((a, b) => a.url.localeCompare(b.url));
    return { r, rows, text };
  }

  it('sends URL credentials as an Authorization header and never shows them in logs, stats, errors or items', { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const host = server.url.slice('http://'.length);
    const { r, rows, text } = await probe('probe.ts', [
      `http://${BASIC_USER}:${BASIC_PASSWORD}@${host}/auth/basic`,
      `http://${BASIC_USER}:wrong-${BASIC_PASSWORD}@${host}/auth/basic?wrong`,
      `http://bob:hunter2@127.0.0.1:${port}/`,
    ], 'auth.jsonl');
    expect(r.code).toBe(0);
    // Items arrive in the order the responses (and the refusal) complete: compare them by URL.
    const byUrl = (a: { url: string }, b: { url: string }): number => a.url.localeCompare(b.url);
    expect([...rows].sort(byUrl)).toEqual([
      { url: `http://127.0.0.1:${port}/`, error: 'ConnectionError', code: 'ECONNREFUSED', message: `[skitter] Connection failed for http://127.0.0.1:${port}/: connect ECONNREFUSED 127.0.0.1:${port}` },
      { url: `${server.url}/auth/basic`, title: 'authorized' },
      { url: `${server.url}/auth/basic?wrong`, error: 'HttpError', code: null, message: 'Ignoring non-200 response' },
    ].sort(byUrl));
    const authHeaders = server.seen.filter((s) => s.path.startsWith('/auth/basic')).map((s) => [s.path, s.headers.authorization]);
    expect(authHeaders.sort()).toEqual([
      ['/auth/basic', `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`],
      ['/auth/basic?wrong', `Basic ${Buffer.from(`${BASIC_USER}:wrong-${BASIC_PASSWORD}`).toString('base64')}`],
    ]);
    for (const secret of [BASIC_PASSWORD, 'hunter2', `${BASIC_USER}:`, 'bob:']) {
      expect(r.stderr).not.toContain(secret);
      expect(r.stdout).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    // The refused connection is retried as any other (RETRY_TIMES=2), under the redacted URL.
    expect(r.stderr).toContain(`Gave up retrying <GET http://127.0.0.1:${port}/> (failed 3 times)`);
    expect(r.stderr).toContain("'retry/reason_count/ConnectionError': 2,");
  });

  it('without HttpAuthMiddleware, a URL with credentials fails once with a clear error and is never sent', { timeout: 120_000 }, async () => {
    const before = server.seen.length;
    const host = server.url.slice('http://'.length);
    const { r, rows } = await probe('probe-noauth.ts', [`http://${BASIC_USER}:${BASIC_PASSWORD}@${host}/auth/basic?noauth`], 'noauth.jsonl');
    expect(r.code).toBe(0);
    expect(rows).toEqual([{
      url: `http://${BASIC_USER}:${BASIC_PASSWORD}@${host}/auth/basic?noauth`,
      error: 'NotSupportedError',
      code: null,
      message: `[skitter] HttpDownloadHandler: http://***@${host}/auth/basic?noauth has credentials in its URL, which fetch cannot send. Enable HttpAuthMiddleware (it turns them into an Authorization header) or set the Authorization header yourself.`,
    }]);
    expect(server.seen.length).toBe(before);
    expect(r.stderr).not.toContain('retry/');
    expect(r.stderr).not.toContain(BASIC_PASSWORD);
  });

  it('ConnectionError names the cause and gives a code: refused, reset, invalid status line', { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const { r, rows } = await probe('probe.ts', [`${server.url}/reset`, `${server.url}/bad-status`, `http://127.0.0.1:${port}/`], 'errors.jsonl', ['RETRY_ENABLED=false']);
    expect(r.code).toBe(0);
    const byUrl = Object.fromEntries(rows.map((row) => [row.url, row]));
    expect(rows).toHaveLength(3);
    expect(byUrl[`${server.url}/bad-status`]).toMatchObject({ error: 'ConnectionError', code: 'HTTPParserError' });
    expect(byUrl[`${server.url}/bad-status`]!.message).toMatch(new RegExp(`^\\[skitter\\] Connection failed for ${server.url}/bad-status: HTTPParserError: Response does not match the HTTP/1\\.1 protocol`));
    expect(byUrl[`${server.url}/reset`]).toEqual({ url: `${server.url}/reset`, error: 'ConnectionError', code: 'UND_ERR_SOCKET', message: `[skitter] Connection failed for ${server.url}/reset: UND_ERR_SOCKET: other side closed` });
    expect(byUrl[`http://127.0.0.1:${port}/`]).toEqual({ url: `http://127.0.0.1:${port}/`, error: 'ConnectionError', code: 'ECONNREFUSED', message: `[skitter] Connection failed for http://127.0.0.1:${port}/: connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('followAll() skips malformed hrefs, warns once per href naming it, counts each, and keeps the other links', { timeout: 120_000 }, async () => {
    const r = await runCli(['runspider', 'links.ts', '-a', `site=${server.url}`, '-O', 'links.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'links.jsonl'), 'utf8')) as Array<{ title: string }>;
    expect(items.map((i) => i.title).sort()).toEqual(['ok /ok?n=1', 'ok /ok?n=2', 'ok /ok?n=3']);
    const warnings = r.stderr.split('\n').filter((line) => line.includes('malformed link')).map((line) => line.replace(/^.* WARNING: /, ''));
    expect(warnings.sort()).toEqual([
      `Skipped malformed link "http://[::1" on <200 ${server.url}/bad-hrefs>: not a valid URL, even relative to the page`,
      `Skipped malformed link "http://exa mple.com:99999/" on <200 ${server.url}/bad-hrefs>: not a valid URL, even relative to the page`,
    ]);
    expect(r.stderr).toContain("'links/malformed': 4,");
    expect(r.stderr).toContain("'finish_reason': 'finished',");
  });

  it('an item that cannot be exported names the item and the feed; the other items are stored', { timeout: 120_000 }, async () => {
    const r = await runCli(['runspider', 'circular.ts', '-O', 'circular.jsonl', '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(0);
    expect(parseJsonLines(readFileSync(join(tmp.dir, 'circular.jsonl'), 'utf8'))).toEqual([{ n: 1 }, { n: 3 }]);
    expect(r.stderr).toContain('ERROR: Error exporting item {"n":2,"title":"loop","self":"[Circular]"} to jsonlines feed in: circular.jsonl: Converting circular structure to JSON');
    expect(r.stderr).toContain("'feedexport/item_error_count': 1,");
    expect(r.stderr).toContain('Stored jsonlines feed (2 items) in: circular.jsonl');
  });
});
