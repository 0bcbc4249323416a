import { describe, expect, it } from 'vitest';
import { VirtualLoopAdapter } from '../../src/platform/virtual.ts';
import { isNotSupportedError } from '../../src/errors/not-supported-error.ts';
import { runAdapterConformance } from './adapter-conformance.ts';

runAdapterConformance('virtual', () => new VirtualLoopAdapter(), { exactTiming: true });

describe('VirtualLoopAdapter time', () => {
  it('runs 100 sequential 10 s sleeps in well under a second of real time, exactly', async () => {
    const adapter = new VirtualLoopAdapter();
    const started = performance.now();
    for (let i = 0; i < 100; i++) await adapter.sleep(10_000);
    expect(adapter.now()).toBe(1_000_000);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('interleaves concurrent chains by virtual time', async () => {
    const adapter = new VirtualLoopAdapter();
    const log: string[] = [];
    const chain = async (label: string, stepMs: number, steps: number): Promise<void> => {
      for (let i = 0; i < steps; i++) {
        await adapter.sleep(stepMs);
        log.push(`${label}@${adapter.now()}`);
      }
    };
    await Promise.all([chain('a', 30, 3), chain('b', 20, 4)]);
    expect(log).toEqual(['b@20', 'a@30', 'b@40', 'a@60', 'b@60', 'b@80', 'a@90']);
  });

  it('starts the wall clock at wallClockStartMs and moves it with virtual time', async () => {
    const adapter = new VirtualLoopAdapter({ wallClockStartMs: 1_700_000_000_000 });
    await adapter.sleep(1234);
    expect(adapter.wallClock()).toBe(1_700_000_001_234);
  });

  it('waits for advance() / runUntilIdle() when autoAdvance is off', async () => {
    const adapter = new VirtualLoopAdapter({ autoAdvance: false });
    const fired: number[] = [];
    adapter.callLater(100, () => fired.push(adapter.now()));
    adapter.callLater(250, () => fired.push(adapter.now()));
    const loop = adapter.loopingCall(120, () => fired.push(-adapter.now()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual([]);
    expect(adapter.pendingTimers).toBe(3);
    await adapter.advance(150);
    expect(fired).toEqual([100, -120]);
    expect(adapter.now()).toBe(150);
    loop.cancel();
    expect(adapter.pendingTimers).toBe(1);
    await adapter.runUntilIdle();
    expect(fired).toEqual([100, -120, 250]);
    expect(adapter.now()).toBe(250);
    expect(adapter.pendingTimers).toBe(0);
  });

  it('counts keepAlive holds until released', () => {
    const adapter = new VirtualLoopAdapter();
    const release = adapter.keepAlive('crawl');
    adapter.keepAlive('feed');
    expect(adapter.keepAliveReasons).toEqual(['crawl', 'feed']);
    release();
    expect(adapter.keepAliveReasons).toEqual(['feed']);
  });

  it('declares the scripted transport capabilities, or the ones given', () => {
    expect([...new VirtualLoopAdapter().capabilities]).toEqual(['manualRedirects', 'forbiddenHeaders', 'cookieJar']);
    expect([...new VirtualLoopAdapter({ capabilities: [] }).capabilities]).toEqual([]);
  });

  it('refuses spawnWorker', () => {
    const adapter = new VirtualLoopAdapter();
    let error: unknown;
    try {
      adapter.spawnWorker('file:///x.ts');
    } catch (e) {
      error = e;
    }
    expect(isNotSupportedError(error)).toBe(true);
    expect((error as Error).message).toBe('[skitter] spawnWorker is not supported on virtual: virtual time has no threads; use runInThread (runs inline here)');
  });

  it('shares data between stores opened with the same namespace', async () => {
    const adapter = new VirtualLoopAdapter();
    await adapter.openStore('state').set('seen', [1]);
    expect(await adapter.openStore('state').get('seen')).toEqual([1]);
    expect(await adapter.openStore('other').get('seen')).toBeUndefined();
  });
});

describe('VirtualLoopAdapter scripted fetch', () => {
  const routes = {
    'http://example.com': '<h1>home</h1>',
    'http://example.com/slow': { body: 'slow', latencyMs: 500, headers: { 'content-type': 'text/plain' } },
    'http://example.com/json': { status: 201, headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    'http://example.com/bytes': { body: new Uint8Array([1, 2, 3]) },
    'http://example.com/empty': { status: 204 },
    'http://down.example/': { error: 'ECONNREFUSED', latencyMs: 5 },
    'http://example.com/old': { status: 301, headers: { location: '/new' } },
    'http://example.com/new': 'moved here',
    'http://example.com/loop': { status: 302, headers: { location: '/loop' } },
  };

  it('answers with exact virtual timings and records every request', async () => {
    const seen: Array<[string, number]> = [];
    const adapter = new VirtualLoopAdapter({ routes, latencyMs: 100, onRequest: (url, atMs) => seen.push([url, atMs]) });
    const home = await adapter.fetch('http://example.com/', { headers: { 'User-Agent': 'skitter-test', Cookie: 'a=1' } });
    expect(adapter.now()).toBe(100);
    expect(home.status).toBe(200);
    expect(home.url).toBe('http://example.com/');
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toBe('<h1>home</h1>');
    const [slow, json] = await Promise.all([adapter.fetch('http://example.com/slow'), adapter.fetch('http://example.com/json')]);
    expect(adapter.now()).toBe(600);
    expect(await slow.text()).toBe('slow');
    expect(slow.headers.get('content-type')).toBe('text/plain');
    expect(json.status).toBe(201);
    expect(await json.json()).toEqual({ a: 1 });
    expect(seen).toEqual([['http://example.com/', 0], ['http://example.com/slow', 100], ['http://example.com/json', 100]]);
    expect(adapter.requests).toEqual([
      { url: 'http://example.com/', method: 'GET', atMs: 0, headers: { 'user-agent': 'skitter-test', cookie: 'a=1' } },
      { url: 'http://example.com/slow', method: 'GET', atMs: 100, headers: {} },
      { url: 'http://example.com/json', method: 'GET', atMs: 100, headers: {} },
    ]);
  });

  it('serves bytes, null-body statuses, HEAD and 404 for unknown URLs', async () => {
    const adapter = new VirtualLoopAdapter({ routes });
    expect(new Uint8Array(await (await adapter.fetch('http://example.com/bytes')).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const empty = await adapter.fetch('http://example.com/empty');
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    const head = await adapter.fetch('http://example.com/', { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const missing = await adapter.fetch('http://example.com/nope');
    expect([missing.status, missing.url, await missing.text()]).toEqual([404, 'http://example.com/nope', '']);
  });

  it('rejects like Node fetch on a scripted network error', async () => {
    const adapter = new VirtualLoopAdapter({ routes });
    const error = await adapter.fetch('http://down.example/').then(() => undefined, (e: unknown) => e as TypeError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error!.message).toBe('fetch failed');
    expect((error!.cause as { code: string }).code).toBe('ECONNREFUSED');
    expect(adapter.now()).toBe(5);
  });

  it('follows redirects, or returns them with redirect: manual', async () => {
    const adapter = new VirtualLoopAdapter({ routes, latencyMs: 10 });
    const followed = await adapter.fetch('http://example.com/old');
    expect([followed.status, followed.url, followed.redirected, await followed.text()])
      .toEqual([200, 'http://example.com/new', true, 'moved here']);
    expect(adapter.now()).toBe(20);
    const manual = await adapter.fetch('http://example.com/old', { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location'), manual.redirected]).toEqual([301, '/new', false]);
    await expect(adapter.fetch('http://example.com/old', { redirect: 'error' })).rejects.toThrow('fetch failed');
    await expect(adapter.fetch('http://example.com/loop')).rejects.toThrow('fetch failed');
    expect(adapter.requests.filter((r) => r.url === 'http://example.com/loop')).toHaveLength(21);
  });

  it('turns a POST into a GET on 303 and keeps it on 307', async () => {
    const adapter = new VirtualLoopAdapter({
      routes: async (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/see-other') return { status: 303, headers: { location: '/echo' } };
        if (url.pathname === '/temporary') return { status: 307, headers: { location: '/echo' } };
        return `${request.method} ${await request.text()}`;
      },
    });
    const init = { method: 'POST', body: 'payload' };
    expect(await (await adapter.fetch('http://api.test/see-other', init)).text()).toBe('GET ');
    expect(await (await adapter.fetch('http://api.test/temporary', init)).text()).toBe('POST payload');
  });

  it('rejects with signal.reason when aborted before the response', async () => {
    const adapter = new VirtualLoopAdapter({ routes, latencyMs: 1_000 });
    const controller = new AbortController();
    const reason = new Error('timed out');
    adapter.callLater(250, () => controller.abort(reason));
    await expect(adapter.fetch('http://example.com/', { signal: controller.signal })).rejects.toBe(reason);
    expect(adapter.now()).toBe(250);
    expect(adapter.pendingTimers).toBe(0);
    await expect(adapter.fetch('http://example.com/', { signal: AbortSignal.abort('early') })).rejects.toBe('early');
    expect(adapter.requests).toHaveLength(1);
  });
});
