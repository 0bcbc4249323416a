import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonLines, startCli, tempDir } from './run-cli.ts';

// A crawl slow enough to be interrupted: one request at a time, ~50 ms apart, 1000 products.
const SLOW_DEMO = ['demo', '-s', 'CONCURRENT_REQUESTS=1', '-s', 'DOWNLOAD_DELAY=0.05', '-L', 'DEBUG'];

describe('Ctrl-C', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('once: stops gracefully (finish reason shutdown, exit 0) and closes the feed', async () => {
    const cli = startCli([...SLOW_DEMO, '-O', 'partial.jsonl'], tmp.dir);
    await cli.waitForStderr('Scraped from');
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('INFO: Received SIGINT, shutting down gracefully. Send again to force');
    expect(r.stderr).toContain("'finish_reason': 'shutdown',");
    const items = parseJsonLines(readFileSync(join(tmp.dir, 'partial.jsonl'), 'utf8'));
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(1000);
    expect(r.stderr).toContain(`'item_scraped_count': ${items.length},`);
    expect(r.stdout).toMatch(new RegExp(`^Scraped ${items.length} items from \\d+ pages in \\d+\\.\\d s\\n$`));
  });

  it('twice: aborts the download in flight and exits 130 promptly', async () => {
    // A server that never answers: the graceful stop would wait for it until DOWNLOAD_TIMEOUT.
    let received!: () => void;
    const requested = new Promise<void>((resolve) => {
      received = resolve;
    });
    const server = createServer(() => received());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    writeFileSync(join(tmp.dir, 'hang.ts'), `
import { Spider } from 'skitter';
export default class HangSpider extends Spider {
  name = 'hang';
  startUrls = ['http://127.0.0.1:${port}/never'];
  parse() {}
}
`);
    try {
      const cli = startCli(['runspider', 'hang.ts', '-L', 'INFO'], tmp.dir);
      await requested;
      cli.child.kill('SIGINT');
      await cli.waitForStderr('Received SIGINT, shutting down gracefully');
      const sentAt = performance.now();
      cli.child.kill('SIGINT');
      const r = await cli.done;
      expect(r.code).toBe(130);
      expect(performance.now() - sentAt).toBeLessThan(3_000);
      expect(r.stderr).toContain('Received SIGINT twice, forcing unclean shutdown');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
