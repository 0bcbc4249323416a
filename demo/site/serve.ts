/**
 * Runs the demo site as its own process (Node only), e.g. so a benchmark's crawler does not share
 * a CPU core with the server:
 *
 *   node demo/site/serve.ts --port 8123 --products 20000 --page-bytes 30000
 *
 * Options: `--port` (0 = any, default 0), `--products`, `--categories`, `--per-page`,
 * `--page-bytes`, `--seed` (see `CatalogueOptions`). Prints `READY http://127.0.0.1:PORT` on
 * stdout once listening; exits 0 on SIGTERM or SIGINT after closing the server, 1 on bad options.
 * @module
 */
import { parseArgs } from 'node:util';
import { startDemoSite } from './server.ts';

const NUMBER_FLAGS = { port: 'port', products: 'products', categories: 'categories', 'per-page': 'perPage', 'page-bytes': 'pageBytes', seed: 'seed' } as const;

function readOptions(argv: string[]): Record<string, number> {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    strict: true,
  });
  const options: Record<string, number> = {};
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) {
      throw new RangeError(`[skitter] demo serve: --${flag} must be a number, got ${String(raw)}`);
    }
    options[key] = value;
  }
  return options;
}

try {
  const site = await startDemoSite(readOptions(process.argv.slice(2)));
  process.stdout.write(`READY ${site.url}\n`);
  const stop = (): void => {
    site.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
