import { describe, expect, it } from 'vitest';
import { WebLoopAdapter } from '../../src/platform/web.ts';
import { runAdapterConformance } from './adapter-conformance.ts';
import { PAGE_MARKER_KEY, threadScope } from './fixtures/thread-scope.ts';

// Runs in the Chromium browser project: module Web Workers and IndexedDB are real here.
runAdapterConformance('web', () => new WebLoopAdapter({ dbPrefix: 'skitter-test' }), { lateMs: 2000 });

describe('WebLoopAdapter in a page', () => {
  it('declares threads and runs tasks on a module worker', async () => {
    const adapter = new WebLoopAdapter();
    try {
      expect([...adapter.capabilities]).toEqual(['threads']);
      const result = await adapter.runInThread({
        moduleUrl: new URL('./fixtures/thread-task.ts', import.meta.url),
        exportName: 'sumSquares',
        args: [100],
      });
      expect(result).toBe(338_350);
      // The same call on this thread sees the page; through the adapter it must see a worker.
      (globalThis as Record<string, unknown>)[PAGE_MARKER_KEY] = 'page';
      expect(threadScope()).toEqual({ scope: '[object Window]', isWorkerScope: false, hasDocument: true, pageMarker: 'page' });
      const scope = await adapter.runInThread({ moduleUrl: new URL('./fixtures/thread-scope.ts', import.meta.url), exportName: 'threadScope', args: [] });
      expect(scope).toEqual({ scope: '[object DedicatedWorkerGlobalScope]', isWorkerScope: true, hasDocument: false, pageMarker: undefined });
    } finally {
      delete (globalThis as Record<string, unknown>)[PAGE_MARKER_KEY];
      await adapter.close();
    }
  });
});
