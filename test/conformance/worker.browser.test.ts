import { afterAll, expect, inject, it } from 'vitest';
import { defineConformanceSuite, expectedResult } from './define-suite.ts';
import type { ScenarioResult } from './run-scenario.ts';

// A dedicated module Web Worker: no DOM, its own fetch and timers; skitter resolves to the web entry.
const origin = inject('demoSites').worker;
const worker = new Worker(new URL('./fixtures/conformance-worker.ts', import.meta.url), { type: 'module', name: 'conformance' });
afterAll(() => worker.terminate());

let nextId = 0;
function runInTheWorker(name: string, statKeys: string[]): Promise<ScenarioResult> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = ({ data }: MessageEvent<{ id: number; result?: ScenarioResult; error?: string }>): void => {
      if (data.id !== id) return;
      worker.removeEventListener('message', onMessage);
      if (data.error !== undefined) reject(new Error(data.error));
      else resolve(data.result!);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (event) => reject(new Error(`conformance worker failed: ${event.message}`)), { once: true });
    worker.postMessage({ id, name, origin, statKeys });
  });
}

it('runs in a worker scope without a DOM', async () => {
  const probe = new Worker(new URL('./fixtures/scope-probe-worker.ts', import.meta.url), { type: 'module' });
  try {
    const facts = await new Promise((resolve) => probe.addEventListener('message', (event) => resolve(event.data), { once: true }));
    expect(facts).toEqual({ document: 'undefined', window: 'undefined', importScripts: 'function', platform: 'web' });
  } finally {
    probe.terminate();
  }
});

defineConformanceSuite('conformance in a dedicated Web Worker', (scenario) =>
  runInTheWorker(scenario.name, Object.keys(expectedResult(scenario).stats)));
