import { afterEach, describe, expect, it } from 'vitest';
import { Mv3LoopAdapter } from '../../src/platform/mv3.ts';
import { registerThreadTask } from '../../src/platform/thread-tasks.ts';
import { isNotSupportedError } from '../../src/errors/not-supported-error.ts';
import { Request, Spider, VirtualLoopAdapter, type Failure } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';

/** Virtual time with the MV3 adapter's fetch cap and capabilities: the cap's logic, timed exactly. */
class Mv3LikeAdapter extends VirtualLoopAdapter {
  readonly maxFetchTimeoutMs = new Mv3LoopAdapter().maxFetchTimeoutMs;
  constructor(latencyMs: number) {
    super({ routes: { 'http://a.test/slow': { body: 'late', latencyMs } }, capabilities: [] });
  }
}

/** When (virtual ms) one request to a route answering after `latencyMs` ended, and how. */
async function timedFetch(adapter: VirtualLoopAdapter, settings: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  let outcome = '';
  let atMs = -1;
  class One extends Spider {
    override name = 'one';
    override async *start() {
      yield new Request('http://a.test/slow', {
        meta,
        callback: () => { outcome = 'ok'; atMs = adapter.now(); },
        errback: (f: Failure) => { outcome = (f.value as Error).name; atMs = adapter.now(); },
      });
    }
  }
  await runSpider(One, { RETRY_ENABLED: false, LOG_LEVEL: 'ERROR', ...settings }, { adapter });
  return { outcome, atMs };
}

// Host-neutral parts of the MV3 adapter; storage and the real service worker run in Chromium.
describe('Mv3LoopAdapter', () => {
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });

  it('declares no capabilities and caps fetches at 25 s', () => {
    const adapter = new Mv3LoopAdapter();
    expect(adapter.name).toBe('mv3');
    expect([...adapter.capabilities]).toEqual([]);
    expect(adapter.maxFetchTimeoutMs).toBe(25_000);
  });

  it('caps every download at 25 s, whatever DOWNLOAD_TIMEOUT or download_timeout meta say (0 included)', async () => {
    const timedOut = { outcome: 'DownloadTimeoutError', atMs: 25_000 };
    expect(await timedFetch(new Mv3LikeAdapter(60_000), { DOWNLOAD_TIMEOUT: 180 })).toEqual(timedOut);
    expect(await timedFetch(new Mv3LikeAdapter(60_000), { DOWNLOAD_TIMEOUT: 0 })).toEqual(timedOut);
    expect(await timedFetch(new Mv3LikeAdapter(60_000), { DOWNLOAD_TIMEOUT: 180 }, { download_timeout: 0 })).toEqual(timedOut);
    expect(await timedFetch(new Mv3LikeAdapter(60_000), { DOWNLOAD_TIMEOUT: 0 }, { download_timeout: 120 })).toEqual(timedOut);
    // Shorter timeouts still apply, and a response inside the cap arrives.
    expect(await timedFetch(new Mv3LikeAdapter(60_000), { DOWNLOAD_TIMEOUT: 0 }, { download_timeout: 5 }))
      .toEqual({ outcome: 'DownloadTimeoutError', atMs: 5_000 });
    expect(await timedFetch(new Mv3LikeAdapter(20_000), { DOWNLOAD_TIMEOUT: 0 })).toEqual({ outcome: 'ok', atMs: 20_000 });
    // Without a platform cap, 0 means no timeout at all.
    const uncapped = new VirtualLoopAdapter({ routes: { 'http://a.test/slow': { body: 'late', latencyMs: 60_000 } } });
    expect(await timedFetch(uncapped, { DOWNLOAD_TIMEOUT: 0 })).toEqual({ outcome: 'ok', atMs: 60_000 });
  });

  it('refuses spawnWorker with the offscreen-document hint', () => {
    let error: unknown;
    try {
      new Mv3LoopAdapter().spawnWorker('chrome-extension://id/w.js');
    } catch (e) {
      error = e;
    }
    expect(isNotSupportedError(error)).toBe(true);
    expect((error as Error).message).toBe(
      '[skitter] spawnWorker is not supported on mv3: extension service workers cannot create Workers; use an offscreen document, or runInThread (runs inline here)',
    );
  });

  it('runs registered tasks inline and refuses module URLs', async () => {
    const adapter = new Mv3LoopAdapter();
    const unregister = registerThreadTask('mv3Sum', (a: number, b: number) => a + b);
    try {
      expect(await adapter.runInThread({ moduleUrl: 'registry:', exportName: 'mv3Sum', args: [2, 3] })).toBe(5);
    } finally {
      unregister();
    }
    const error = await adapter.runInThread({ moduleUrl: 'https://x.test/task.js', exportName: 'parse', args: [] })
      .then(() => undefined, (e: unknown) => e as Error);
    expect(isNotSupportedError(error)).toBe(true);
    expect(error!.message).toBe(
      "[skitter] runInThread with a module URL is not supported on mv3: service workers forbid dynamic import(); register 'parse' with registerThreadTask() in your bundle and pass moduleUrl: 'registry:'",
    );
  });

  it('calls chrome.runtime.getPlatformInfo at once and every interval while a hold is active', async () => {
    let pings = 0;
    g.chrome = { runtime: { getPlatformInfo: () => { pings++; return Promise.resolve({ os: 'linux' }); } } };
    const adapter = new Mv3LoopAdapter({ keepAliveIntervalMs: 20 });
    const first = adapter.keepAlive('crawl');
    const second = adapter.keepAlive('feed');
    expect(pings).toBe(1);
    expect(adapter.keepAliveReasons).toEqual(['crawl', 'feed']);
    while (pings < 3) await adapter.sleep(5);
    first();
    first();
    const afterFirst = pings;
    while (pings === afterFirst) await adapter.sleep(5);
    second();
    const afterSecond = pings;
    await adapter.sleep(100);
    expect(pings).toBe(afterSecond);
    expect(adapter.keepAliveReasons).toEqual([]);
  });

  it('keeps counting holds outside an extension, and survives a failing ping', () => {
    g.chrome = { runtime: { getPlatformInfo: () => Promise.reject(new Error('context invalidated')) } };
    const adapter = new Mv3LoopAdapter();
    const release = adapter.keepAlive('crawl');
    release();
    delete g.chrome;
    const again = adapter.keepAlive('crawl');
    expect(adapter.keepAliveReasons).toEqual(['crawl']);
    again();
  });
});
