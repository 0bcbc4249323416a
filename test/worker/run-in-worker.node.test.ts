import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import type { LogRecord } from '../../src/node.ts';
import { runInWorker } from '../../src/worker/run-in-worker.node.ts';
import { expectedResult } from '../conformance/define-suite.ts';
import { BASE_SETTINGS, CONFORMANCE_CATALOGUE, scenarioNamed, sortItems } from '../conformance/scenarios.ts';

// The conformance spiders' file runs natively in a worker_threads worker (Node 24 strips the types).
const spidersUrl = new URL('../conformance/spiders.ts', import.meta.url);

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite(CONFORMANCE_CATALOGUE);
});
afterAll(() => site.close());

async function collect(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('runInWorker on Node worker_threads', () => {
  it('runs a conformance spider in a worker and streams its exact items, logs and stats', async () => {
    const scenario = scenarioNamed('callbacks of every shape');
    const expected = expectedResult(scenario);
    const logs: LogRecord[] = [];
    const snapshots: Array<Record<string, unknown>> = [];
    const run = runInWorker({
      moduleUrl: spidersUrl,
      spiderName: 'callback-shapes',
      settings: { ...BASE_SETTINGS, LOG_LEVEL: 'INFO' },
      args: { origin: site.url },
      onLog: (record) => logs.push(record),
      onStats: (stats) => snapshots.push(stats),
      statsIntervalMs: 50,
    });
    const items = await collect(run.items);
    await run.done;
    const stats = await run.stats;
    expect(sortItems(items)).toEqual(expected.items);
    expect(stats).toMatchObject(expected.stats);
    expect(logs.some((r) => r.level === 'INFO' && r.message === 'Crawling with <CallbackShapesSpider \'callback-shapes\'> on the node loop adapter')).toBe(true);
    expect(logs.filter((r) => r.level === 'ERROR')).toEqual([]);
    // Periodic snapshots are taken while the crawl runs, before the final stats exist.
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.every((s) => s.finish_reason === undefined)).toBe(true);
  });

  it('stops gracefully on stop(): finish reason shutdown, fewer items', async () => {
    const run = runInWorker({
      moduleUrl: spidersUrl,
      exportName: 'CallbackShapesSpider',
      settings: { ...BASE_SETTINGS, CONCURRENT_REQUESTS: 1, DOWNLOAD_DELAY: 0.05, RANDOMIZE_DOWNLOAD_DELAY: false },
      args: { origin: site.url },
    });
    const items: unknown[] = [];
    for await (const item of run.items) {
      items.push(item);
      if (items.length === 3) void run.stop();
    }
    const stats = await run.stats;
    expect(stats.finish_reason).toBe('shutdown');
    expect(items.length).toBe(stats.item_scraped_count);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThan(80);
  });

  it('rejects done and stats with the worker-side error when no spider matches', async () => {
    const run = runInWorker({ moduleUrl: spidersUrl, spiderName: 'nope' });
    await expect(run.done).rejects.toThrow(/runInWorker: module file:.*spiders\.ts exports no spider named "nope"; it exports: async-start, callback-shapes, depth, dupes, flaky, inline-requests, pipeline, tagged\./);
    await expect(run.stats).rejects.toThrow(/no spider named "nope"/);
    expect(await collect(run.items)).toEqual([]);
  });
});
