import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeLoopAdapter } from '../../src/platform/node.ts';
import { NodeWorker } from '../../src/platform/node-worker.ts';
import { FileStore } from '../../src/platform/node-file-store.ts';
import { runAdapterConformance } from './adapter-conformance.ts';

const storageDir = await mkdtemp(join(tmpdir(), 'skitter-node-adapter-'));
afterAll(() => rm(storageDir, { recursive: true, force: true }));

runAdapterConformance('node', () => new NodeLoopAdapter({ storageDir }));

const infoUrl = new URL('./fixtures/thread-info.node.ts', import.meta.url);
const taskUrl = new URL('./fixtures/thread-task.ts', import.meta.url);

let scriptCounter = 0;

/** Runs `source` as an ES module in a fresh Node process; resolves with its stdout and real run time. */
async function runScript(source: string): Promise<{ stdout: string; code: number | null; elapsedMs: number }> {
  const file = join(storageDir, `script-${scriptCounter++}.mjs`);
  await writeFile(file, source);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, code, elapsedMs: performance.now() - started }));
  });
}

const nodeAdapterUrl = new URL('../../src/platform/node.ts', import.meta.url).href;

describe('NodeLoopAdapter', () => {
  it('declares the Node capabilities', () => {
    expect([...new NodeLoopAdapter().capabilities].sort()).toEqual(
      ['cookieJar', 'fileSystem', 'forbiddenHeaders', 'manualRedirects', 'memoryUsage', 'proxies', 'stdout', 'threads'],
    );
  });

  it('runs tasks on a worker thread, reusing a pool of maxThreads workers', async () => {
    const adapter = new NodeLoopAdapter({ maxThreads: 1 });
    try {
      const ids = await Promise.all([1, 2, 3].map(() =>
        adapter.runInThread<number>({ moduleUrl: infoUrl, exportName: 'currentThreadId', args: [] })));
      expect(ids[0]).not.toBe(threadId);
      expect(new Set(ids).size).toBe(1);
    } finally {
      await adapter.close();
    }
  });

  it('rejects the task of a crashed worker and replaces the worker', async () => {
    const adapter = new NodeLoopAdapter({ maxThreads: 1 });
    try {
      await expect(adapter.runInThread({ moduleUrl: infoUrl, exportName: 'exitThread', args: [3] }))
        .rejects.toThrow('[skitter] NodeWorker: the worker exited unexpectedly with code 3');
      expect(await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [4] })).toBe(30);
    } finally {
      await adapter.close();
    }
  });

  it('rejects queued and running tasks on close', async () => {
    const adapter = new NodeLoopAdapter({ maxThreads: 1 });
    const running = adapter.runInThread({ moduleUrl: infoUrl, exportName: 'slowEcho', args: ['x', 5_000] });
    const queued = adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [2] });
    const outcomes = Promise.allSettled([running, queued]);
    await adapter.close();
    const message = '[skitter] ThreadPool: the pool was closed before the task finished';
    expect((await outcomes).map((o) => o.status === 'rejected' && (o.reason as Error).message)).toEqual([message, message]);
  });

  it('rejects arguments that cannot be cloned without losing the worker', async () => {
    const adapter = new NodeLoopAdapter({ maxThreads: 1 });
    try {
      await expect(adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [() => 1] }))
        .rejects.toThrow(/could not be cloned/);
      expect(await adapter.runInThread({ moduleUrl: taskUrl, exportName: 'sumSquares', args: [2] })).toBe(5);
    } finally {
      await adapter.close();
    }
  });

  it('spawns a worker in the web Worker shape', async () => {
    const adapter = new NodeLoopAdapter();
    const worker = adapter.spawnWorker(new URL('../../src/platform/node-thread-entry.ts', import.meta.url), { name: 'shape' });
    try {
      const reply = await new Promise<unknown>((resolve) => {
        worker.addEventListener('message', (event) => resolve(event.data));
        worker.postMessage({ id: 7, moduleUrl: taskUrl.href, exportName: 'sumSquares', args: [2] });
      });
      expect(reply).toEqual({ id: 7, ok: true, value: 5 });
    } finally {
      await worker.terminate();
    }
  });

  it('reports a worker whose module fails to load as an error event', async () => {
    const worker = new NodeWorker(new URL('./fixtures/missing-module.ts', import.meta.url));
    const event = await new Promise<{ error?: unknown; message?: string }>((resolve) => {
      worker.addEventListener('error', resolve);
    });
    expect(event.error).toBeInstanceOf(Error);
    expect(event.message).toContain(fileURLToPath(new URL('./fixtures/missing-module.ts', import.meta.url)));
    await worker.terminate();
  });

  it('opens a file store per namespace under storageDir', async () => {
    const adapter = new NodeLoopAdapter({ storageDir });
    const store = adapter.openStore('Jobs/1') as FileStore;
    expect(store.directory).toBe(join(storageDir, '%4Aobs%2F1'));
    await store.set('k', 1);
    expect(await readdir(join(storageDir, '%4Aobs%2F1'))).toEqual(['k.json']);
    expect(await adapter.openStore('Jobs/1').get('k')).toBe(1);
    expect(await adapter.openStore('jobs/1').get('k')).toBeUndefined();
  });

  it('lets a finished process exit with timers pending and an idle thread pool', async () => {
    const { stdout, code, elapsedMs } = await runScript(`
      import { NodeLoopAdapter } from ${JSON.stringify(nodeAdapterUrl)};
      const adapter = new NodeLoopAdapter();
      adapter.callLater(60_000, () => console.log('timer ran'));
      adapter.loopingCall(60_000, () => console.log('loop ran'));
      console.log(await adapter.runInThread({ moduleUrl: ${JSON.stringify(taskUrl.href)}, exportName: 'sumSquares', args: [5] }));
    `);
    expect(code).toBe(0);
    expect(stdout).toBe('55\n');
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('keeps the process alive while a keepAlive hold is active', async () => {
    const { stdout, code } = await runScript(`
      import { NodeLoopAdapter } from ${JSON.stringify(nodeAdapterUrl)};
      const adapter = new NodeLoopAdapter();
      const release = adapter.keepAlive('crawl');
      const second = adapter.keepAlive('feed');
      console.log(adapter.keepAliveReasons.join(','));
      adapter.callLater(50, () => { console.log('first released'); release(); release(); });
      adapter.callLater(150, () => { console.log('second released'); second(); });
      adapter.callLater(60_000, () => console.log('never'));
    `);
    expect(code).toBe(0);
    expect(stdout).toBe('crawl,feed\nfirst released\nsecond released\n');
  });
});
