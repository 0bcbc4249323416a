import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, tempDir } from './run-cli.ts';

// What a service manager or `docker stop` sends: SIGTERM behaves as Ctrl-C does, as in Scrapy.
const SLOW_DEMO = ['demo', '-s', 'CONCURRENT_REQUESTS=1', '-s', 'DOWNLOAD_DELAY=0.05', '-L', 'DEBUG'];

describe('SIGTERM', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('once: stops gracefully (finish reason shutdown, exit 0) and closes the JSON feed', async () => {
    const cli = startCli([...SLOW_DEMO, '-O', 'partial.json'], tmp.dir);
    await cli.waitForStderr('Scraped from');
    cli.child.kill('SIGTERM');
    const r = await cli.done;
    expect(r.signal).toBe(null);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('INFO: Received SIGTERM, shutting down gracefully. Send again to force');
    expect(r.stderr).toContain("'finish_reason': 'shutdown',");
    // A JSON array parses only if the exporter wrote its closing bracket: the feed was closed.
    const items = JSON.parse(readFileSync(join(tmp.dir, 'partial.json'), 'utf8')) as unknown[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(1000);
    expect(r.stderr).toContain(`'item_scraped_count': ${items.length},`);
  });

  it('twice: forces the stop and exits 130 promptly while a download hangs', async () => {
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
      cli.child.kill('SIGTERM');
      await cli.waitForStderr('Received SIGTERM, shutting down gracefully');
      const sentAt = performance.now();
      cli.child.kill('SIGTERM');
      const r = await cli.done;
      expect(r.code).toBe(130);
      expect(performance.now() - sentAt).toBeLessThan(5_000);
      expect(r.stderr).toContain('Received SIGTERM twice, forcing unclean shutdown');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
