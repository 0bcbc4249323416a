/**
 * The loop adapter conformance suite: every adapter must pass it (unstorage's driver-test pattern).
 * Run it from a runtime's test file: `runAdapterConformance('node', () => new NodeLoopAdapter())`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoopAdapter } from '../../src/platform/loop-adapter.ts';
import { registerThreadTask } from '../../src/platform/thread-tasks.ts';

/** Options of {@link runAdapterConformance}. */
export interface ConformanceOptions {
  /** Timers fire at exactly their due time (virtual time); otherwise within real-time bounds. */
  exactTiming?: boolean;
  /** Slack allowed past a real timer's due time, ms. @default 1000 */
  lateMs?: number;
}

const taskUrl = new URL('./fixtures/thread-task.ts', import.meta.url).href;
let namespaceCounter = 0;

/** Registers the shared conformance tests for the adapter made by `makeAdapter`. */
export function runAdapterConformance(
  name: string,
  makeAdapter: () => LoopAdapter,
  options: ConformanceOptions = {},
): void {
  const exact = options.exactTiming ?? false;
  const lateMs = options.lateMs ?? 1000;
  const made: LoopAdapter[] = [];
  const make = (): LoopAdapter => {
    const adapter = makeAdapter();
    made.push(adapter);
    return adapter;
  };
  /** Asserts an elapsed time: exact on virtual time, within [due - 2 ms, due + lateMs] otherwise. */
  const expectElapsed = (elapsedMs: number, dueMs: number): void => {
    if (exact) {
      expect(elapsedMs).toBe(dueMs);
    } else {
      // Hosts round timer deadlines to whole ms, so a timer may fire up to ~1 ms "early" on performance.now().
      expect(elapsedMs).toBeGreaterThanOrEqual(dueMs - 2);
      expect(elapsedMs).toBeLessThan(dueMs + lateMs);
    }
  };

  describe(`${name} adapter conformance`, () => {
    afterEach(async () => {
      for (const adapter of made.splice(0)) await (adapter as { close?: () => Promise<void> }).close?.();
    });

    it('has a name and a capability set', () => {
      const adapter = make();
      expect(adapter.name).toBe(name);
      expect(adapter.capabilities).toBeInstanceOf(Set);
      expect(typeof adapter.fetch).toBe('function');
    });

    it('runs callLater calls in due order, ties in scheduling order, on time', async () => {
      const adapter = make();
      const start = adapter.now();
      const fired: Array<[string, number]> = [];
      await new Promise<void>((resolve) => {
        adapter.callLater(30, () => { fired.push(['c', adapter.now() - start]); resolve(); });
        adapter.callLater(10, () => fired.push(['a', adapter.now() - start]));
        adapter.callLater(20, () => fired.push(['b1', adapter.now() - start]));
        adapter.callLater(20, () => fired.push(['b2', adapter.now() - start]));
      });
      expect(fired.map(([label]) => label)).toEqual(['a', 'b1', 'b2', 'c']);
      [10, 20, 20, 30].forEach((due, i) => expectElapsed(fired[i]![1], due));
    });

    it('cancels a call, and cancelling twice or after it ran is safe', async () => {
      const adapter = make();
      const fired: string[] = [];
      const cancelled = adapter.callLater(5, () => fired.push('cancelled'));
      const ran = adapter.callLater(10, () => fired.push('ran'));
      expect(cancelled.active).toBe(true);
      cancelled.cancel();
      cancelled.cancel();
      expect(cancelled.active).toBe(false);
      await adapter.sleep(30);
      expect(fired).toEqual(['ran']);
      expect(ran.active).toBe(false);
      expect(() => ran.cancel()).not.toThrow();
    });

    it('repeats a loopingCall every interval until cancelled from inside', async () => {
      const adapter = make();
      const start = adapter.now();
      const times: number[] = [];
      await new Promise<void>((resolve) => {
        const loop = adapter.loopingCall(10, () => {
          times.push(adapter.now() - start);
          if (times.length === 3) {
            loop.cancel();
            expect(loop.active).toBe(false);
            resolve();
          }
        });
      });
      await adapter.sleep(50);
      expect(times).toHaveLength(3);
      if (exact) expect(times).toEqual([10, 20, 30]);
      else times.forEach((t, i) => expect(t).toBeGreaterThanOrEqual((i + 1) * 10 - 2));
    });

    it('sleeps for the given time', async () => {
      const adapter = make();
      const start = adapter.now();
      await adapter.sleep(25);
      expectElapsed(adapter.now() - start, 25);
    });

    it('rejects a sleep with signal.reason when aborted, at once if already aborted', async () => {
      const adapter = make();
      const controller = new AbortController();
      const reason = new Error('stop sleeping');
      const start = adapter.now();
      const sleeping = adapter.sleep(10_000, controller.signal);
      adapter.callLater(10, () => controller.abort(reason));
      await expect(sleeping).rejects.toBe(reason);
      expectElapsed(adapter.now() - start, 10);
      const preAborted = AbortSignal.abort('already');
      await expect(adapter.sleep(10, preAborted)).rejects.toBe('already');
    });

    it('stores, lists, deletes and clears keys', async () => {
      const adapter = make();
      const store = adapter.openStore(`conformance-${Date.now()}-${namespaceCounter++}`);
      await store.clear();
      expect(await store.get('missing')).toBeUndefined();
      await store.set('b/2', { list: [1, 2], nested: { ok: true } });
      await store.set('a', 'text');
      await store.set('c', 3);
      expect(await store.get('b/2')).toEqual({ list: [1, 2], nested: { ok: true } });
      expect(await store.get('a')).toBe('text');
      expect(await store.keys()).toEqual(['a', 'b/2', 'c']);
      await store.set('c', 4);
      expect(await store.get('c')).toBe(4);
      await store.delete('a');
      await store.delete('a');
      expect(await store.keys()).toEqual(['b/2', 'c']);
      await store.clear();
      expect(await store.keys()).toEqual([]);
      expect(await store.get('c')).toBeUndefined();
    });

    it('runs a task module export in a thread (or inline) and returns its result', async () => {
      const adapter = make();
      expect(await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [10] })).toBe(385);
      expect(await adapter.runInThread({ moduleUrl: new URL(taskUrl), exportName: 'echoAsync', args: [{ n: [1] }] }))
        .toEqual({ echoed: { n: [1] } });
      const results = await Promise.all([1, 2, 3, 4].map((n) =>
        adapter.runInThread<number>({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [n] })));
      expect(results).toEqual([1, 5, 14, 30]);
    });

    it('rejects with the task error, and refuses non-function exports', async () => {
      const adapter = make();
      const error = await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'failWith', args: ['bad input'] })
        .then(() => undefined, (e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect(error!.name).toBe('RangeError');
      expect(error!.message).toBe('bad input');
      await expect(adapter.runInThread({ moduleUrl: taskUrl, exportName: 'answer', args: [] }))
        .rejects.toThrow(`[skitter] runInThread: ${taskUrl} has no exported function 'answer'`);
      // The thread survives a failed task.
      expect(await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [3] })).toBe(14);
    });

    it("runs 'registry:' tasks registered with registerThreadTask", async () => {
      const adapter = make();
      const unregister = registerThreadTask('conformanceDouble', (x: number) => x * 2);
      try {
        expect(await adapter.runInThread({ moduleUrl: 'registry:', exportName: 'conformanceDouble', args: [21] })).toBe(42);
      } finally {
        unregister();
      }
      await expect(adapter.runInThread({ moduleUrl: 'registry:', exportName: 'conformanceDouble', args: [1] }))
        .rejects.toThrow("[skitter] runInThread: no thread task registered as 'conformanceDouble'");
    });

    it('returns a keepAlive releaser that is safe to call twice', () => {
      const adapter = make();
      const release = adapter.keepAlive('conformance');
      expect(typeof release).toBe('function');
      release();
      expect(() => release()).not.toThrow();
    });

    it('reads a wall clock in ms since the epoch that moves with now()', async () => {
      const adapter = make();
      if (!exact) expect(Math.abs(adapter.wallClock() - Date.now())).toBeLessThan(1000);
      const before = adapter.wallClock();
      await adapter.sleep(20);
      expectElapsed(adapter.wallClock() - before, 20);
    });
  });
}
