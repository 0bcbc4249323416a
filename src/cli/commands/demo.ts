import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import type { SpiderClass } from '../../spiders/spider.ts';
import type { CliIO, Command } from '../command.ts';
import { listOption, stringOption } from '../command.ts';
import { OUTPUT_OPTIONS, SETTINGS_OPTIONS, settingsFrom } from '../crawl-options.ts';
import { runCrawl } from '../run-crawl.ts';
import { UsageError } from '../usage-error.ts';

/** Where `skitter demo` writes items unless -o/-O says otherwise. */
export const DEMO_DEFAULT_OUTPUT = 'demo-items.jsonl';

/** Parses a non-negative integer option. @throws {UsageError} otherwise. */
function intOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `Scraped 1000 items from 1056 pages in 2.4 s`. */
export function demoSummary(stats: Record<string, unknown>): string {
  const items = Number(stats.item_scraped_count ?? 0);
  const pages = Number(stats.response_received_count ?? 0);
  const seconds = Number(stats.elapsed_time_seconds ?? 0);
  return `Scraped ${items} items from ${pages} pages in ${seconds.toFixed(1)} s`;
}

/**
 * Serves the shop until the process is interrupted (Ctrl-C / SIGTERM), then closes it: the site
 * a spider of your own crawls (`skitter demo --serve`, the README's quick start).
 */
async function serveOnly(site: DemoSite, io: CliIO): Promise<number> {
  io.stdout.write(`Demo shop: ${site.url}/ (${site.catalogue.products.length} products; Ctrl-C stops it)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await site.close();
  return 0;
}

/**
 * `skitter demo`: starts the embedded demo shop on 127.0.0.1, crawls it with
 * examples/demo-spider.ts, writes the items (demo-items.jsonl by default, overwritten), prints
 * the stats and a one-line summary, and stops the shop. With `--serve` it only serves the shop.
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Crawl the embedded demo shop with the example spider',
  syntax: '[options]',
  description:
    'Start the demo shop on 127.0.0.1, crawl it with examples/demo-spider.ts (one item per product),\n' +
    `write the items to ${DEMO_DEFAULT_OUTPUT} (overwritten; -o/-O choose another file) and print a summary.\n` +
    'With --serve, only serve the shop (its URL is printed) until Ctrl-C, for a spider of your own to crawl.',
  options: [
    { long: 'products', type: 'string', metavar: 'N', help: 'number of products in the shop (default: 1000)' },
    { long: 'port', type: 'string', metavar: 'PORT', help: 'port to serve the shop on (default: a free one)' },
    { long: 'serve', type: 'boolean', help: 'only serve the shop and print its URL; Ctrl-C stops it' },
    ...OUTPUT_OPTIONS,
    ...SETTINGS_OPTIONS,
  ],
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError('demo takes no arguments (see "skitter demo --help")');
    const products = intOption(stringOption(values, 'products'), '--products', 1000);
    const port = intOption(stringOption(values, 'port'), '--port', 0);
    if (values.serve === true) return serveOnly(await startDemoSite({ products, port }), io);
    const outputGiven = listOption(values, 'output').length > 0 || listOption(values, 'overwrite-output').length > 0;
    const settings = settingsFrom(outputGiven ? values : { ...values, 'overwrite-output': [DEMO_DEFAULT_OUTPUT] }, { LOG_LEVEL: 'INFO' });
    // Imported when run: the example imports 'skitter', which resolves once main registered its hook.
    const { default: DemoSpider } = (await import('../../../examples/demo-spider.ts')) as unknown as { default: SpiderClass };
    const site = await startDemoSite({ products, port });
    io.terminal.writeLine(`skitter: demo shop at ${site.url}/ (${products} products)`);
    try {
      const { code, crawler } = await runCrawl(DemoSpider, settings, { site: site.url }, io);
      if (code === 0) io.stdout.write(`${demoSummary(crawler.stats.getStats())}\n`);
      return code;
    } finally {
      await site.close();
    }
  },
};
