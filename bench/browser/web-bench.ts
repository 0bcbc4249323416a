/**
 * The page and dedicated-worker side of the browser benchmark, one bundle for both
 * (`web-bench.js`, built by bench/browser/build.ts): in a page it sets `globalThis.skitterBench`,
 * whose `inWorker(...)` runs the same job in a dedicated module Web Worker started from this very
 * file; in a worker it answers those messages.
 * @module
 */
import { Crawler } from '../../src/web.ts';
import { bareFetch, type BrowserCrawlOptions, type BrowserCrawlResult } from './catalogue-spider.ts';
import { runCatalogueCrawl } from './run-crawl.ts';

/** A job for this runtime: the catalogue crawl, or the bare fetch loop over `urls`. */
export type BenchJob = (
  | { kind: 'crawl'; options: BrowserCrawlOptions }
  | { kind: 'bare'; urls: string[]; concurrency: number; cache?: RequestCache }
) & {
  /** `inWorker` leaves the worker running after the job (the profiler still reads it). */
  keepWorker?: boolean;
};

async function runJob(job: BenchJob): Promise<unknown> {
  return job.kind === 'crawl' ? runCatalogueCrawl(Crawler, job.options) : bareFetch(job.urls, job.concurrency, job.cache);
}

/** What the page exposes to Playwright. */
export interface WebBench {
  run(job: BenchJob): Promise<unknown>;
  /** Runs `job` in a new dedicated module worker and terminates it afterwards. */
  inWorker(job: BenchJob): Promise<unknown>;
}

const inWorkerScope = typeof (globalThis as { document?: unknown }).document === 'undefined';

if (inWorkerScope) {
  globalThis.addEventListener('message', (event) => {
    const job = (event as MessageEvent<BenchJob>).data;
    runJob(job).then(
      (result) => globalThis.postMessage({ result }),
      (error: unknown) => globalThis.postMessage({ error: String((error as Error)?.stack ?? error) }),
    );
  });
} else {
  const bench: WebBench = {
    run: runJob,
    inWorker(job) {
      const worker = new Worker(import.meta.url, { type: 'module', name: 'skitter-bench' });
      return new Promise((resolve, reject) => {
        worker.addEventListener('message', ({ data }: MessageEvent<{ result?: BrowserCrawlResult; error?: string }>) => {
          if (!job.keepWorker) worker.terminate();
          if (data.error !== undefined) reject(new Error(data.error));
          else resolve(data.result);
        });
        worker.addEventListener('error', (event) => {
          worker.terminate();
          reject(new Error(`bench worker failed: ${event.message}`));
        });
        worker.postMessage(job);
      });
    },
  };
  (globalThis as { skitterBench?: WebBench }).skitterBench = bench;
  // Opened as `index.html#run=page` or `#run=worker` (Chromium started without DevTools attached):
  // take the job from the serving origin's `/job` and post the outcome to its `/result`.
  const auto = /^#run=(page|worker)$/.exec(location.hash)?.[1];
  if (auto) void selfDriven(bench, auto === 'worker');
}

async function selfDriven(bench: WebBench, inWorker: boolean): Promise<void> {
  let outcome: unknown;
  try {
    const job = await (await fetch('/job')).json() as BenchJob;
    outcome = { result: await (inWorker ? bench.inWorker(job) : bench.run(job)) };
  } catch (error) {
    outcome = { error: String((error as Error)?.stack ?? error) };
  }
  await fetch('/result', { method: 'POST', body: JSON.stringify(outcome) });
}
