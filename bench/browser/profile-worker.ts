/**
 * Where a Web Worker crawl's CPU goes: the benchmark spider in a dedicated worker of headless
 * Chromium, sampled by the V8 profiler of that worker target over the Chrome DevTools Protocol,
 * the samples mapped back to skitter's and its dependencies' files through the bundle's source
 * map, and summarised by area, file and function (bench/profile.ts's summary).
 *
 *   node bench/browser/profile-worker.ts [--products 2000] [--concurrency 64] [--top 30] [--out worker.cpuprofile]
 *
 * Only the worker's JavaScript thread is sampled: Chromium's network service, the browser
 * process and the renderer's IO thread are not in the profile (see the CPU by role in the
 * benchmark's rows for those).
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, requireChromium } from '../../test/browser/chromium.ts';
import { summarise } from '../profile.ts';
import { startBenchServer } from '../site-server.ts';
import { buildBrowserBench } from './build.ts';
import { serveStatic } from './static-server.ts';
import type { BenchJob } from './web-bench.ts';

const { values: flags } = parseArgs({
  options: {
    products: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
    top: { type: 'string', default: '30' },
    out: { type: 'string', default: 'worker.cpuprofile' },
    server: { type: 'string', default: 'nginx' },
    runtime: { type: 'string', default: 'worker' },
  },
});
/** `worker` (a dedicated Web Worker of a page) or `mv3` (the extension's service worker). */
const mv3 = flags.runtime === 'mv3';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface Profile { nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>; samples: number[]; timeDeltas: number[] }

/** A minimal CDP client over the browser's WebSocket: flat sessions, request/response only. */
class Cdp {
  #ws: WebSocket;
  #next = 0;
  #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** Called with every event (method, params, sessionId). */
  onEvent: (method: string, params: Record<string, unknown>, sessionId?: string) => void = () => {};

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (message.method) this.onEvent(message.method, message.params ?? {}, message.sessionId);
      const waiter = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  static async connect(url: string): Promise<Cdp> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    return new Cdp(ws);
  }

  send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = ++this.#next;
    this.#ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  close(): void {
    this.#ws.close();
  }
}

/** Points every frame of the bundle at its original file and line (source map), for the summary. */
function unbundle(profile: Profile, bundleName: string, map: SourceMap, mapDir: string): void {
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    if (!frame.url.endsWith(bundleName)) continue;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (!entry.originalSource) continue;
    frame.url = entry.originalSource.startsWith('file://') ? entry.originalSource : `file://${resolve(mapDir, entry.originalSource)}`;
    frame.lineNumber = entry.originalLine ?? frame.lineNumber;
  }
}

const work = mkdtempSync(join(tmpdir(), 'skitter-profile-worker-'));
const built = await buildBrowserBench(join(work, 'build'), { extension: mv3, sourcemap: true });
const server = await startBenchServer(Number(flags.products), 30000, flags.server as 'nginx' | 'node');
let deliver!: (outcome: unknown) => void;
const outcome = new Promise<unknown>((r) => (deliver = r));
let go!: () => void;
const started = new Promise<void>((r) => (go = r));
const job: BenchJob = { kind: 'crawl', options: { origin: server.origin, concurrency: Number(flags.concurrency) }, keepWorker: true };
const statics = await serveStatic(built.webDir, { job: () => started.then(() => job), onResult: deliver });
if (mv3) writeFileSync(join(built.extensionDir, 'bench-job.json'), JSON.stringify({ origin: statics.origin }));
const browser = spawn(requireChromium(), [
  '--headless', '--remote-debugging-port=0', `--user-data-dir=${join(work, 'data')}`, ...CHROMIUM_ARGS,
  ...(mv3 ? [`--disable-extensions-except=${built.extensionDir}`, `--load-extension=${built.extensionDir}`, 'about:blank'] : [`${statics.origin}/index.html#run=worker`]),
], { stdio: ['ignore', 'ignore', 'pipe'] });
try {
  const endpoint = await new Promise<string>((resolveUrl, reject) => {
    let err = '';
    browser.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolveUrl(m[1]!);
    });
    browser.once('exit', (code) => reject(new Error(`Chromium exited with ${code}: ${err.slice(-2000)}`)));
  });
  const cdp = await Cdp.connect(endpoint);
  await statics.waitForJobRequest();
  const sessionId = mv3 ? await serviceWorkerSession(cdp) : await dedicatedWorkerSession(cdp);
  await cdp.send('Profiler.enable', {}, sessionId);
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
  await cdp.send('Profiler.start', {}, sessionId);
  go();
  await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId);
  // The job keeps its worker alive (`keepWorker`), so the profile can be taken after the result.
  const got = await outcome as { result?: { pages: number; items: unknown[]; wallMs: number }; error?: string };
  const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop', {}, sessionId);
  cdp.close();
  if (got.error) throw new Error(got.error);
  const bundle = mv3 ? 'service-worker.js' : 'web-bench.js';
  const bundleDir = mv3 ? built.extensionDir : built.webDir;
  unbundle(profile, `/${bundle}`, new SourceMap(JSON.parse(readFileSync(join(bundleDir, `${bundle}.map`), 'utf8'))), bundleDir);
  writeFileSync(flags.out, JSON.stringify(profile));
  const { pages, items, wallMs } = got.result!;
  process.stdout.write(`${mv3 ? 'MV3 service worker' : 'Web Worker'} crawl: ${pages} pages, ${items.length} items in ${(wallMs / 1000).toFixed(1)} s; profile in ${flags.out}\n\n`);
  process.stdout.write(summarise(profile, Number(flags.top)));
} finally {
  browser.kill('SIGTERM');
  await statics.close();
  await server.stop();
}
rmSync(work, { recursive: true, force: true });

/** The extension's service worker target (already running: it asked for its job). */
async function serviceWorkerSession(cdp: Cdp): Promise<string> {
  const { targetInfos } = await cdp.send<{ targetInfos: Array<{ targetId: string; type: string; url: string }> }>('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) throw new Error('[skitter] profile: the extension service worker is not running');
  return (await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true })).sessionId;
}

/** The page's dedicated worker, attached paused at its start (it starts once the page has its job). */
async function dedicatedWorkerSession(cdp: Cdp): Promise<string> {
  // A dedicated worker is a child target of its page: auto-attach on the page's session, paused
  // at start, so the profiler runs from the worker's first line.
  const { targetInfos } = await cdp.send<{ targetInfos: Array<{ targetId: string; type: string; url: string }> }>('Target.getTargets');
  const pageTarget = targetInfos.find((t) => t.type === 'page' && t.url.includes('index.html'));
  if (!pageTarget) throw new Error('[skitter] profile: the benchmark page is not open');
  const { sessionId: pageSession } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: pageTarget.targetId, flatten: true });
  const workerSession = new Promise<string>((resolveSession) => {
    cdp.onEvent = (method, params) => {
      const info = params.targetInfo as { type?: string } | undefined;
      if (method === 'Target.attachedToTarget' && info?.type === 'worker') resolveSession(params.sessionId as string);
    };
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, pageSession);
  go();
  return workerSession;
}
