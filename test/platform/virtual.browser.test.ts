import { describe, expect, it } from 'vitest';
import { VirtualLoopAdapter } from '../../src/platform/virtual.ts';
import { runAdapterConformance } from './adapter-conformance.ts';

// Browsers have no setImmediate: this runs virtual time on the MessageChannel macrotask path.
runAdapterConformance('virtual', () => new VirtualLoopAdapter(), { exactTiming: true });

describe('VirtualLoopAdapter in a page', () => {
  it('runs 100 sequential 10 s sleeps quickly and exactly without setImmediate', async () => {
    expect(typeof (globalThis as { setImmediate?: unknown }).setImmediate).toBe('undefined');
    const adapter = new VirtualLoopAdapter();
    const started = performance.now();
    for (let i = 0; i < 100; i++) await adapter.sleep(10_000);
    expect(adapter.now()).toBe(1_000_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
