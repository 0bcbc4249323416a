import { describe, expect, it } from 'vitest';
import { WebLoopAdapter } from '../../src/platform/web.ts';
import { runAdapterConformance } from './adapter-conformance.ts';

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
    } finally {
      await adapter.close();
    }
  });
});
