import { describe, expect, it } from 'vitest';
import { WebLoopAdapter } from '../../src/platform/web.ts';
import { isNotSupportedError } from '../../src/errors/not-supported-error.ts';

// Node has no global Worker: this is the "dedicated worker without nested workers" path.
describe('WebLoopAdapter without Worker', () => {
  it('declares no threads, runs tasks inline and refuses spawnWorker', async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const adapter = new WebLoopAdapter();
    expect(adapter.name).toBe('web');
    expect([...adapter.capabilities]).toEqual([]);
    const taskUrl = new URL('./fixtures/thread-task.ts', import.meta.url);
    expect(await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [3] })).toBe(14);
    let error: unknown;
    try {
      adapter.spawnWorker(taskUrl);
    } catch (e) {
      error = e;
    }
    expect(isNotSupportedError(error)).toBe(true);
    expect((error as Error).message).toBe(
      '[skitter] spawnWorker is not supported on web here: this global scope has no Worker (nested workers are missing in some browsers); use runInThread (runs inline here)',
    );
  });

  it('uses the injected fetch', async () => {
    const adapter = new WebLoopAdapter({ fetch: async (input) => new Response(`got ${String(input)}`) });
    expect(await (await adapter.fetch('http://127.0.0.1/x')).text()).toBe('got http://127.0.0.1/x');
  });
});
