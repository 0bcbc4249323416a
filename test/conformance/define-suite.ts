/**
 * Registers the conformance tests for one runtime: each scenario's result must equal its exact
 * expectation. `run` produces the results (in this thread, or in a worker that posts them back).
 * @module
 */
import { describe, expect, it } from 'vitest';
import { conformanceCatalogue, SCENARIOS, type Scenario } from './scenarios.ts';
import type { ScenarioResult } from './run-scenario.ts';

/** Produces the result of one scenario in the runtime under test. */
export type ScenarioRunner = (scenario: Scenario) => Promise<ScenarioResult>;

/** The result a scenario must produce, in {@link ScenarioResult}'s shape. */
export function expectedResult(scenario: Scenario): ScenarioResult {
  const expected = scenario.expected(conformanceCatalogue());
  return { name: scenario.name, items: expected.items, stats: expected.stats, errors: [] };
}

/** `describe(title)` with one test per scenario. */
export function defineConformanceSuite(title: string, run: ScenarioRunner): void {
  describe(title, () => {
    for (const scenario of SCENARIOS) {
      it(scenario.name, async () => {
        expect(await run(scenario)).toEqual(expectedResult(scenario));
      });
    }
  });
}
