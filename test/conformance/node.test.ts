import { afterAll, beforeAll } from 'vitest';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';
import { defineConformanceSuite, expectedResult } from './define-suite.ts';
import { runScenario } from './run-scenario.ts';
import { CONFORMANCE_CATALOGUE } from './scenarios.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite(CONFORMANCE_CATALOGUE);
});
afterAll(() => site.close());

defineConformanceSuite('conformance in Node', (scenario) =>
  runScenario(scenario, site.url, Object.keys(expectedResult(scenario).stats)));
