/**
 * Global setup of the browser project (runs in Node): starts one demo site per browser-side
 * runtime on 127.0.0.1 and provides their origins to the tests (`inject('demoSites')`). A site per
 * runtime keeps per-site state, such as `/flaky` failing exactly once, independent of test order.
 * @module
 */
import type { TestProject } from 'vitest/node';
import { startDemoSite } from '../../demo/site/server.ts';
import { CONFORMANCE_CATALOGUE } from '../conformance/catalogue-options.ts';

/** Origins of the demo sites, one per browser-side runtime under test. */
export interface DemoSites {
  page: string;
  worker: string;
  runInWorker: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    demoSites: DemoSites;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [page, worker, runInWorker] = await Promise.all([0, 1, 2].map(() => startDemoSite(CONFORMANCE_CATALOGUE)));
  project.provide('demoSites', { page: page!.url, worker: worker!.url, runInWorker: runInWorker!.url });
  return async () => {
    await Promise.all([page!.close(), worker!.close(), runInWorker!.close()]);
  };
}
