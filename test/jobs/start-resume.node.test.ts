import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, tempDir } from '../cli/run-cli.ts';
import { seededRandom } from './fixtures/feeds.ts';

const COUNT = 100_000;

/** start() yields 100,000 requests (data: URLs, re-requested pages bypass the dupefilter). */
const SPIDER = `
import { Request, Spider } from 'skitter';
export default class ManySpider extends Spider {
  name = 'many';
  async *start() {
    for (let i = 0; i < ${COUNT}; i++) yield new Request('data:text/plain,' + i, { callback: this.parsePage, dontFilter: true });
  }
  parsePage(response) {
    return [{ i: Number(response.text) }];
  }
}
`;

describe('JOBDIR: start() with 100,000 requests, killed and resumed', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    // The CLI is started many times: a shared compile cache saves re-compiling the sources each time.
    process.env.NODE_COMPILE_CACHE = join(tmpdir(), 'skitter-test-compile-cache');
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'many.ts'), SPIDER);
  });
  afterAll(() => tmp.remove());

  it('no start request lost or repeated (dontFilter: only the skip count prevents repeats)', { timeout: 400_000 }, async () => {
    const random = seededRandom(100_000);
    const args = ['runspider', 'many.ts', '-s', 'JOBDIR=job', '-o', 'items.jsonl', '-L', 'INFO'];
    let resumed = 0;
    for (let i = 0; i < 3; i++) {
      const cli = startCli(args, tmp.dir);
      await cli.waitForStderr('Spider opened');
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1_500)));
      cli.child.kill('SIGKILL');
      const r = await cli.done;
      if (r.stderr.includes('Resuming the job')) resumed++;
    }
    const last = await startCli(args, tmp.dir).done;
    expect(last.code, last.stderr).toBe(0);
    expect(last.stderr).toMatch(/Resuming the job in .*: \d+ pending requests, 0 seen, [1-9]\d* start\(\) values done\./);
    expect(resumed).toBeGreaterThanOrEqual(1);
    const seen = new Uint8Array(COUNT);
    const lines = readFileSync(join(tmp.dir, 'items.jsonl'), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) seen[(JSON.parse(line) as { i: number }).i]!++;
    expect(lines.length).toBe(COUNT);
    expect(seen.every((n) => n === 1)).toBe(true);
  });
});
