import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from '../fixtures/hostile-server.ts';
import { GZIP_PAGE } from '../fixtures/hostile/download-routes.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { parseJsonLines, runCli, tempDir } from '../cli/run-cli.ts';

// Fetches each of `paths` once and reports the body size, the Content-Encoding left on the
// response, or the error; at close it prints the process's peak RSS (KiB) for the test to read.
const SPIDER = `
import { Request, Spider, type Failure, type Response } from 'skitter';

export default class SizesSpider extends Spider {
  name = 'sizes';
  site = '';
  paths = '';

  async *start() {
    for (const path of this.paths.split(',')) {
      yield new Request(this.site + path, {
        callback: (r: Response) => ({ path, bytes: r.body.byteLength, contentEncoding: r.headers.get('Content-Encoding') }),
        errback: (f: Failure) => ({ path, error: (f.value as Error).name, message: (f.value as Error).message }),
      });
    }
  }

  closed() {
    console.error('peak-rss-kib=' + process.resourceUsage().maxRSS);
  }
}
`;

const MAXSIZE = 10_000_000;

function peakRssMib(stderr: string): number {
  const match = /peak-rss-kib=(\d+)/.exec(stderr);
  if (!match) throw new Error(`no peak RSS reported in:\n${stderr}`);
  return Number(match[1]) / 1024;
}

describe('DOWNLOAD_MAXSIZE / DOWNLOAD_WARNSIZE count decoded bytes as they stream (issue 8)', () => {
  let server: TestServer;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    server = await startHostileServer();
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'sizes.ts'), SPIDER);
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it('stops 2 GiB gzip bombs (with and without Content-Length) at 10 MB, peak RSS under 200 MB; a gzip page arrives decoded without Content-Encoding', { timeout: 120_000 }, async () => {
    const paths = ['/bomb/declared', '/bomb/chunked', '/gzip/page'];
    const r = await runCli([
      'runspider', 'sizes.ts', '-a', `site=${server.url}`, '-a', `paths=${paths.join(',')}`,
      '-s', `DOWNLOAD_MAXSIZE=${MAXSIZE}`, '-O', 'sizes.jsonl', '-L', 'INFO',
    ], tmp.dir);
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'sizes.jsonl'), 'utf8')) as Array<Record<string, unknown>>;
    const byPath = Object.fromEntries(items.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual([...paths].sort());
    for (const path of ['/bomb/declared', '/bomb/chunked']) {
      expect(byPath[path]!.error).toBe('DownloadSizeError');
      // The bomb declares ~2 MB on the wire; it is stopped on the decoded bytes, just past the limit.
      expect(byPath[path]!.message).toMatch(new RegExp(`^\\[skitter\\] Cancelling download of ${server.url}${path}: received response size \\((\\d+)\\) larger than download max size \\(${MAXSIZE}\\)\\.$`));
      const received = Number(/received response size \((\d+)\)/.exec(byPath[path]!.message as string)![1]);
      expect(received).toBeGreaterThan(MAXSIZE);
      expect(received).toBeLessThan(MAXSIZE + 2 * 1024 * 1024);
    }
    expect(byPath['/gzip/page']).toEqual({ path: '/gzip/page', bytes: Buffer.byteLength(GZIP_PAGE), contentEncoding: null });
    expect(r.stderr).toContain("'downloader/exception_type_count/DownloadSizeError': 2,");
    expect(peakRssMib(r.stderr)).toBeLessThan(200);
  });

  it('DOWNLOAD_WARNSIZE warns once on the decoded size of a gzip body that declares a small Content-Length, and keeps it', { timeout: 120_000 }, async () => {
    const r = await runCli([
      'runspider', 'sizes.ts', '-a', `site=${server.url}`, '-a', 'paths=/bomb/declared?mib=20',
      '-s', 'DOWNLOAD_WARNSIZE=5000000', '-s', 'DOWNLOAD_MAXSIZE=0', '-O', 'warn.jsonl', '-L', 'WARNING',
    ], tmp.dir);
    expect(r.code).toBe(0);
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'warn.jsonl'), 'utf8'));
    expect(items).toEqual([{ path: '/bomb/declared?mib=20', bytes: 20 * 1024 * 1024, contentEncoding: null }]);
    const warnings = r.stderr.split('\n').filter((line) => line.includes('larger than download warn size'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARNING: Received \(\d+\) bytes larger than download warn size \(5000000\) in request <GET http:\/\/127\.0\.0\.1:\d+\/bomb\/declared\?mib=20>\.$/);
  });
});
