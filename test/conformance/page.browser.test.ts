import { inject } from 'vitest';
import { defineConformanceSuite, expectedResult } from './define-suite.ts';
import { runScenario } from './run-scenario.ts';

// A Chromium page: the page's own fetch (CORS; the demo site allows any origin) and IndexedDB.
const origin = inject('demoSites').page;

defineConformanceSuite('conformance in a Chromium page', (scenario) =>
  runScenario(scenario, origin, Object.keys(expectedResult(scenario).stats)));
