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

(globalThis as { skitterBench?: unknown }).skitterBench = {
  run(job: BenchJob): Promise<unknown> {
    return job.kind === 'crawl' ? runCatalogueCrawl(Crawler, job.options) : bareFetch(job.urls, job.concurrency);
  },
};
