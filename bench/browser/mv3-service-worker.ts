/**
 * The MV3 side of the browser benchmark: an extension service worker (built into the test
 * harness extension's layout by bench/browser/build.ts, so its manifest grants
 * `host_permissions` for 127.0.0.1) that exposes `globalThis.skitterBench.run(job)` for
 * Playwright's `serviceWorker.evaluate`. The crawl runs on skitter's MV3 entry (its loop adapter
 * keeps the worker alive while it runs).
 * @module
 */
import { Crawler } from '../../src/mv3.ts';
import { bareFetch } from './catalogue-spider.ts';
import { runCatalogueCrawl } from './run-crawl.ts';
import type { BenchJob } from './web-bench.ts';

function run(job: BenchJob): Promise<unknown> {
  return job.kind === 'crawl' ? runCatalogueCrawl(Crawler, job.options) : bareFetch(job.urls, job.concurrency, job.cache);
}

(globalThis as { skitterBench?: unknown }).skitterBench = { run };

/**
 * Started without DevTools (the benchmark's default), the extension carries `bench-job.json`
 * naming a local server: take the job from its `/job` and post the outcome to its `/result`.
 */
async function selfDriven(): Promise<void> {
  let origin: string;
  try {
    ({ origin } = await (await fetch('/bench-job.json')).json() as { origin: string });
  } catch {
    return; // driven over CDP instead
  }
  let outcome: unknown;
  try {
    outcome = { result: await run(await (await fetch(`${origin}/job`)).json() as BenchJob) };
  } catch (error) {
    outcome = { error: String((error as Error)?.stack ?? error) };
  }
  await fetch(`${origin}/result`, { method: 'POST', body: JSON.stringify(outcome) });
}

void selfDriven();
