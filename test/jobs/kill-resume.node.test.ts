import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, tempDir, type CliResult } from '../cli/run-cli.ts';
import { pages, readFeeds, seededRandom } from './fixtures/feeds.ts';
import { startTreeSite, treeSpiderSource, type TreeSite } from './fixtures/tree-site.ts';

const PAGES = 2_000;
const ALL_PAGES = Array.from({ length: PAGES }, (_, i) => i);
const FEEDS = ['-o', 'items.jsonl', '-o', 'items.json', '-o', 'items.csv', '-o', 'items.xml'];
/** Seed of the kill moments: a failure names it, and the same seed replays the same kills. */
const SEED = 20_261_201;

describe('JOBDIR in Node: kill -9, Ctrl-C and resume through the CLI', () => {
  let site: TreeSite;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    // The CLI is started many times: a shared compile cache saves re-compiling the sources each time.
    process.env.NODE_COMPILE_CACHE = join(tmpdir(), 'skitter-test-compile-cache');
    site = await startTreeSite(PAGES);
    tmp = tempDir();
    writeFileSync(join(tmp.dir, 'tree.ts'), treeSpiderSource(site.url));
  });
  afterAll(async () => {
    await site.close();
    tmp.remove();
  });

  const crawl = (dir: string) => (mkdirSync(dir, { recursive: true }), startCli(['runspider', join(tmp.dir, 'tree.ts'), '-s', `JOBDIR=${join(dir, 'job')}`, ...FEEDS, '-L', 'INFO'], dir));

  it(`SIGKILL at 10 random moments (seed ${SEED}), resumed each time: every feed holds each page exactly once and parses`, { timeout: 300_000 }, async () => {
    const dir = join(tmp.dir, 'kill');
    const random = seededRandom(SEED);
    let killedMidCrawl = 0;
    for (let i = 0; i < 10; i++) {
      const cli = crawl(dir);
      await cli.waitForStderr('Spider opened');
      // Moments spread over the first seconds of each run: during start-up, pipelines and feed writes.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 1_200)));
      cli.child.kill('SIGKILL');
      const r = await cli.done;
      if (r.signal === 'SIGKILL' && !r.stderr.includes('Spider closed')) killedMidCrawl++;
    }
    const servedBeforeLastRun = site.served();
    const last = await crawl(dir).done;
    expect(last.code, last.stderr).toBe(0);
    expect(last.stderr).toContain('Resuming the job in');
    expect(last.stderr).toContain('Spider closed (finished)');
    expect(killedMidCrawl).toBeGreaterThanOrEqual(5);
    const feeds = readFeeds(dir);
    for (const [format, items] of Object.entries(feeds)) {
      expect(pages(items), `${format} feed`).toEqual(ALL_PAGES);
    }
    expect(feeds.json.find((x) => x.page === 7)).toEqual({ page: 7, title: 'Page 7', note: 'a "quoted", café' });
    expect(feeds.csv.find((x) => x.page === 7)).toEqual({ page: 7, title: 'Page 7', note: 'a "quoted", café' });
    // Pages fetched again after a kill are the ones in flight or uncommitted: a few per kill.
    expect(servedBeforeLastRun).toBeGreaterThan(0);

    // The finished job run again: says so, crawls nothing, exits 0, leaves the feeds as they are.
    const served = site.served();
    const again = await crawl(dir).done;
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('this job already finished; nothing to crawl');
    expect(site.served()).toBe(served);
    expect(pages(readFeeds(dir).jsonl)).toEqual(ALL_PAGES);
  });

  it('Ctrl-C pauses (exit 0, "Job paused"), the same command resumes, three times', { timeout: 300_000 }, async () => {
    const dir = join(tmp.dir, 'pause');
    const random = seededRandom(SEED + 1);
    const paused: CliResult[] = [];
    for (let i = 0; i < 3; i++) {
      const cli = crawl(dir);
      await cli.waitForStderr('Spider opened');
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * 600)));
      cli.child.kill('SIGINT');
      paused.push(await cli.done);
    }
    for (const r of paused) {
      expect(r.code, r.stderr).toBe(0);
      if (r.stderr.includes('Received SIGINT')) expect(r.stderr).toMatch(/Job paused \(shutdown\); \d+ requests wait in /);
    }
    expect(paused.filter((r) => r.stderr.includes('Job paused (shutdown)')).length).toBeGreaterThanOrEqual(2);
    const last = await crawl(dir).done;
    expect(last.code, last.stderr).toBe(0);
    expect(last.stderr).toContain('Job finished');
    for (const [format, items] of Object.entries(readFeeds(dir))) {
      expect(pages(items), `${format} feed`).toEqual(ALL_PAGES);
    }
  });
});
