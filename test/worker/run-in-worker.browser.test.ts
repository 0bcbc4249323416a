import { describe, expect, inject, it } from 'vitest';
import type { LogRecord } from 'skitter';
import { runInWorker } from '../../src/worker/run-in-worker.ts';
import { expectedResult } from '../conformance/define-suite.ts';
import { BASE_SETTINGS, scenarioNamed, sortItems } from '../conformance/scenarios.ts';

// A page starts a whole crawl in a module Web Worker; the spider file is the conformance one, unchanged.
const origin = inject('demoSites').runInWorker;
const spidersUrl = new URL('../conformance/spiders.ts', import.meta.url);

describe('runInWorker from a Chromium page', () => {
  it('crawls in a Web Worker and streams the exact items, logs and final stats', async () => {
    const scenario = scenarioNamed('universal spider middleware tagging items');
    const expected = expectedResult(scenario);
    const logs: LogRecord[] = [];
    const run = runInWorker({
      moduleUrl: spidersUrl,
      spiderName: 'tagged',
      settings: { ...BASE_SETTINGS, LOG_LEVEL: 'INFO' },
      args: { origin },
      onLog: (record) => logs.push(record),
    });
    const items: unknown[] = [];
    for await (const item of run.items) items.push(item);
    await run.done;
    expect(sortItems(items)).toEqual(expected.items);
    expect(await run.stats).toMatchObject(expected.stats);
    expect(logs.some((r) => r.message === 'Crawling with <TaggedSpider \'tagged\'> on the web loop adapter')).toBe(true);
    expect(logs.filter((r) => r.level === 'ERROR')).toEqual([]);
  });

  it('rejects done when the module cannot be loaded', async () => {
    const run = runInWorker({ moduleUrl: new URL('./no-such-module.ts', import.meta.url) });
    await expect(run.done).rejects.toThrow(/no-such-module|Failed to fetch dynamically imported module/);
  });
});
