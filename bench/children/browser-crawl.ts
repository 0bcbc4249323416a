/**
 * Benchmark child: the catalogue crawl (or the bare fetch loop) in real headless Chromium through
 * Playwright, in one of three runtimes: a page, a dedicated Web Worker, or an MV3 extension
 * service worker (the bundles come from bench/browser/build.ts). Prints a `RESULT` line like the
 * Node children, except that CPU is the Chromium process tree's (/proc, between the start and the
 * end of the crawl; the renderer's share in `extra.cpuByRole`) and peak RSS is the largest
 * renderer's high-water mark.
 * @module
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright';
import { CHROMIUM_ARGS, requireChromium } from '../../test/browser/chromium.ts';
import { cpuBetween, snapshotTree } from '../browser/chromium-procs.ts';
import { serveStatic } from '../browser/static-server.ts';
import type { BenchJob } from '../browser/web-bench.ts';
import { childrenOf } from '../proc.ts';
import { readArgs, writeItems, type ChildArgs, type ChildResult } from './measure.ts';

/** Where the crawl runs. `bare` variants fetch the URL list without parsing (the limit). */
export type BrowserMode = 'page' | 'worker' | 'mv3' | 'bare-page' | 'bare-worker' | 'bare-mv3';

/** The arguments of this child: the Node children's plus the runtime and the built bundles. */
export interface BrowserChildArgs extends ChildArgs {
  mode: BrowserMode;
  webDir: string;
  extensionDir: string;
  /** How Chromium is started and driven. @default 'direct' (no DevTools client attached) */
  driver?: 'direct' | 'playwright';
  /** Bare rows: fetch's `cache` mode (e.g. `no-store` to show what the HTTP cache costs). */
  fetchCache?: RequestCache;
}

const args = readArgs() as BrowserChildArgs;
const profile = mkdtempSync(join(tmpdir(), 'skitter-bench-chromium-'));
const mv3 = args.mode.endsWith('mv3');
const job: BenchJob = args.mode.startsWith('bare')
  ? { kind: 'bare', urls: readFileSync(args.urlsFile!, 'utf8').split('\n').filter(Boolean), concurrency: args.concurrency, ...(args.fetchCache ? { cache: args.fetchCache } : {}) }
  : { kind: 'crawl', options: { origin: args.origin, concurrency: args.concurrency } };

/** The crawl's outcome as the browser side reports it. */
interface RawResult { pages: number; items?: unknown[]; wallMs: number; stats?: Record<string, unknown>; non200?: number; bytes?: number }

/** A started Chromium, ready to run the job: `run()` resolves with the job's outcome. */
interface Driven { run(): Promise<RawResult>; close(): Promise<void> }

/**
 * Chromium through Playwright, driven over CDP (`page.evaluate` / `serviceWorker.evaluate`).
 * Playwright instruments every request (CDP Network events for each fetch), which costs CPU in
 * the renderer and the browser: kept as `--driver playwright` to show that cost.
 */
async function viaPlaywright(extensionArgs: string[]): Promise<Driven> {
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: requireChromium(), headless: true, args: [...extensionArgs, ...CHROMIUM_ARGS] });
  const statics = mv3 ? undefined : await serveStatic(args.webDir);
  let run: () => Promise<RawResult>;
  if (mv3) {
    const worker: Worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
    await worker.evaluate(() => new Promise<void>((resolve) => {
      const poll = (): void => ('skitterBench' in globalThis ? resolve() : void setTimeout(poll, 10));
      poll();
    }));
    run = () => worker.evaluate((j) => (globalThis as unknown as { skitterBench: { run(job: unknown): Promise<RawResult> } }).skitterBench.run(j), job);
  } else {
    const page: Page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${statics!.origin}/index.html`);
    await page.waitForFunction(() => 'skitterBench' in globalThis);
    const method = args.mode.endsWith('worker') ? 'inWorker' : 'run';
    run = () => page.evaluate(([m, j]) => (globalThis as unknown as { skitterBench: Record<string, (job: unknown) => Promise<RawResult>> }).skitterBench[m]!(j), [method, job] as const);
  }
  return { run, close: async () => { await context.close(); await statics?.close(); } };
}

/**
 * Chromium started directly, with no DevTools client: the page (`index.html#run=...`) or the
 * extension's service worker fetches the job from a local server and posts the outcome back, so
 * nothing but the crawl runs in the browser.
 */
async function direct(extensionArgs: string[]): Promise<Driven> {
  let deliver!: (outcome: unknown) => void;
  const outcome = new Promise<unknown>((resolve) => (deliver = resolve));
  let started!: () => void;
  const go = new Promise<void>((resolve) => (started = resolve));
  // The job is handed out only once run() is called, so start-up CPU stays out of the measurement.
  const statics = await serveStatic(args.webDir, { job: () => go.then(() => job), onResult: deliver });
  let extensionDir: string | undefined;
  if (mv3) {
    extensionDir = join(profile, 'extension');
    cpSync(args.extensionDir, extensionDir, { recursive: true });
    writeFileSync(join(extensionDir, 'bench-job.json'), JSON.stringify({ origin: statics.origin }));
  }
  const target = mv3 ? 'about:blank' : `${statics.origin}/index.html#run=${args.mode.endsWith('worker') ? 'worker' : 'page'}`;
  const browser = spawn(requireChromium(), [
    '--headless', `--user-data-dir=${join(profile, 'data')}`, ...CHROMIUM_ARGS,
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : extensionArgs),
    target,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  browser.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) => browser.once('exit', (code) => reject(new Error(`Chromium exited with ${code}: ${stderr}`))));
  // A page or worker that never asks for its job (a script error) fails the run instead of hanging it.
  const loadTimeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Chromium did not ask for its job within 60 s: ${stderr}`)), 60_000).unref());
  await Promise.race([statics.waitForJobRequest(), exited, loadTimeout]);
  return {
    async run() {
      started();
      const got = await Promise.race([outcome, exited]) as { result?: RawResult; error?: string };
      if (got.error !== undefined) throw new Error(got.error);
      return got.result!;
    },
    async close() {
      browser.kill('SIGTERM');
      await new Promise((resolve) => (browser.exitCode === null ? browser.once('exit', resolve) : resolve(undefined)));
      await statics.close();
    },
  };
}

const driven = args.driver === 'playwright' ? await viaPlaywright(mv3 ? [`--disable-extensions-except=${args.extensionDir}`, `--load-extension=${args.extensionDir}`] : []) : await direct([]);
try {
  // Chromium is a direct child of this process; its start-up CPU is left out of the crawl's.
  const root = childrenOf(process.pid).find((pid) => snapshotTree(pid).some((p) => p.role === 'renderer'));
  if (root === undefined) throw new Error('[skitter] bench: no Chromium process tree under this process');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = snapshotTree(root);
  const raw = await driven.run();
  const after = snapshotTree(root);
  const cpu = cpuBetween(before, after);
  const items = raw.items ?? [];
  writeItems(args.itemsFile, items);
  const result: ChildResult = {
    pages: raw.pages,
    items: items.length,
    wallMs: raw.wallMs,
    cpuUserS: cpu.userS,
    cpuSysS: cpu.sysS,
    maxRssMb: Math.max(0, ...after.filter((p) => p.role === 'renderer').map((p) => p.hwmMb)),
    samples: [],
    extra: { cpuByRole: cpu.byRole, ...(raw.stats ?? {}), ...(raw.non200 === undefined ? {} : { non200: raw.non200, bytes: raw.bytes }) },
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} finally {
  await driven.close();
  rmSync(profile, { recursive: true, force: true });
}
