/**
 * Runs one conformance scenario in the current runtime and reduces the crawl to what scenarios
 * compare: sorted items, the expected stats keys, and the error log lines. Imports only `skitter`
 * (resolved to the runtime's entry), so it runs in Node, pages and workers alike.
 * @module
 */
import { Crawler, ItemFeedStorage, type LogRecord } from 'skitter';
import { sortItems, type Scenario } from './scenarios.ts';

/** What one run of a scenario produced. Structured-cloneable (workers post it back). */
export interface ScenarioResult {
  name: string;
  items: unknown[];
  /** The crawl's stats, restricted to `statKeys`. */
  stats: Record<string, unknown>;
  /** Messages of ERROR and CRITICAL log records (none expected). */
  errors: string[];
}

/** Keeps the stats keys a scenario expects, so extra stats never fail a comparison. */
export function pickStats(stats: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
  return Object.fromEntries([...keys].map((key) => [key, stats[key]]));
}

/** A scenario's crawl with every stat it recorded (see {@link runScenario} for the compared shape). */
export interface ScenarioCrawl {
  items: unknown[];
  /** Every stat of the crawl, JSON-safe. */
  stats: Record<string, unknown>;
  errors: string[];
}

/**
 * Crawls `scenario` against the demo site at `origin`. Items are collected through an item feed
 * (the JSON a jsonlines feed holds) so that spiders setting their own ITEM_PIPELINES keep them.
 */
export async function crawlScenario(scenario: Scenario, origin: string): Promise<ScenarioCrawl> {
  const items: unknown[] = [];
  const errors: string[] = [];
  const storage = new ItemFeedStorage({ onItem: (item) => void items.push(item) });
  const crawler = new Crawler(scenario.spider, {
    ...scenario.settings,
    FEEDS: { 'memory:conformance': { format: 'jsonlines', storage } },
  }, {
    logSink: (record: LogRecord) => {
      if (record.level === 'ERROR' || record.level === 'CRITICAL') errors.push(`${record.message} ${String(record.error ?? '')}`.trim());
    },
  });
  await crawler.crawl(scenario.args(origin));
  return { items: sortItems(items), stats: JSON.parse(JSON.stringify(crawler.stats.getStats())) as Record<string, unknown>, errors };
}

/** {@link crawlScenario}, reduced to what scenarios compare: the `statKeys` stats only. */
export async function runScenario(scenario: Scenario, origin: string, statKeys: Iterable<string>): Promise<ScenarioResult> {
  const { items, stats, errors } = await crawlScenario(scenario, origin);
  return { name: scenario.name, items, stats: pickStats(stats, statKeys), errors };
}
