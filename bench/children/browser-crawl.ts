/**
 * Benchmark child: the catalogue crawl (or the bare fetch loop) in real headless Chromium through
 * Playwright, in one of three runtimes: a page, a dedicated Web Worker, or an MV3 extension
 * service worker (the bundles come from bench/browser/build.ts). Prints a `RESULT` line like the
 * Node children, except that CPU is the Chromium process tree's (/proc, between the start and the
 * end of the crawl; the renderer's share in `extra.cpuByRole`) and peak RSS is the largest
 * renderer's high-water mark.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
}

const args = readArgs() as BrowserChildArgs;
const profile = mkdtempSync(join(tmpdir(), 'skitter-bench-chromium-'));
const extensionArgs = args.mode.endsWith('mv3') ? [`--disable-extensions-except=${args.extensionDir}`, `--load-extension=${args.extensionDir}`] : [];
const context: BrowserContext = await chromium.launchPersistentContext(profile, {
  executablePath: requireChromium(),
  headless: true,
  args: [...extensionArgs, ...CHROMIUM_ARGS],
});
const statics = args.mode.endsWith('mv3') ? undefined : await serveStatic(args.webDir);
try {
  const job: BenchJob = args.mode.startsWith('bare')
    ? { kind: 'bare', urls: readFileSync(args.urlsFile!, 'utf8').split('\n').filter(Boolean), concurrency: args.concurrency }
    : { kind: 'crawl', options: { origin: args.origin, concurrency: args.concurrency } };
  let run: () => Promise<unknown>;
  if (args.mode.endsWith('mv3')) {
    const worker: Worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
    await worker.evaluate(() => new Promise<void>((resolve) => {
      const poll = (): void => ('skitterBench' in globalThis ? resolve() : void setTimeout(poll, 10));
      poll();
    }));
    run = () => worker.evaluate((j) => (globalThis as unknown as { skitterBench: { run(job: unknown): Promise<unknown> } }).skitterBench.run(j), job);
  } else {
    const page: Page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${statics!.origin}/index.html`);
    await page.waitForFunction(() => 'skitterBench' in globalThis);
    const method = args.mode.endsWith('worker') ? 'inWorker' : 'run';
    run = () => page.evaluate(([m, j]) => (globalThis as unknown as { skitterBench: Record<string, (job: unknown) => Promise<unknown>> }).skitterBench[m]!(j), [method, job] as const);
  }
  // Chromium is a direct child of this process; its start-up CPU is left out of the crawl's.
  const root = childrenOf(process.pid).find((pid) => snapshotTree(pid).some((p) => p.role === 'renderer'));
  if (root === undefined) throw new Error('[skitter] bench: no Chromium process tree under this process');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = snapshotTree(root);
  const raw = await run() as { pages: number; items?: unknown[]; wallMs: number; stats?: Record<string, unknown>; non200?: number; bytes?: number };
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
  await context.close();
  await statics?.close();
  rmSync(profile, { recursive: true, force: true });
}
