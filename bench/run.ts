/**
 * The benchmark (`npm run bench`, `npm run bench -- --quick`): skitter against Scrapy, Crawlee's
 * CheerioCrawler and a bare fetch loop on the generated demo catalogue, served from a separate
 * process. Writes bench/results.md and prints it. Never part of `npm test`.
 *
 * Flags: `--quick` (2,000 products, concurrency 64 only, 1 run, small scale scenarios), `--runs N`, `--products N`,
 * `--only skitter,jobdir,cli,bare,scrapy,crawlee` (main scenario; `skitter` runs with and without JOBDIR; `cli`
 * runs `skitter runspider` in one thread and with ENGINE_THREADS=2), `--skip-scale`,
 * `--server node|nginx`, `--slow-runs N` (runs of Scrapy and Crawlee; default = --runs), `--skip-redis`,
 * `--redis-only` (only the distributed scenario: 1 and 2 workers on Redis, written to bench/results-redis.md),
 * `--browser-only` (only the Chromium rows: page, Web Worker, MV3 service worker, bare fetch in a worker; written to
 * bench/results-browser.md), `--skip-browser`, `--browser-runs N` (default = --runs), `--browser-driver direct|playwright`
 * (see bench/children/browser-crawl.ts).
 * `--redis-jobdir` (the distributed scenario's workers each get a JOBDIR and a feed: exactly-once feeds).
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildArgs, ChildResult } from './children/measure.ts';
import { startBenchServer, type BenchServer } from './site-server.ts';
import { CRAWL_ENV, crawlEnv } from '../bin/crawl-defaults.js';
import { validateItems } from './validate.ts';
import { renderResults, type RunRow, type ScaleRow } from './report.ts';
import { redisScenario, renderRedisRows } from './redis-scenario.ts';
import { buildBrowserBench } from './browser/build.ts';
import type { BrowserMode } from './children/browser-crawl.ts';
import { CHROMIUM_PATH } from '../test/browser/chromium.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'slow-runs': { type: 'string' },
    products: { type: 'string' },
    only: { type: 'string' },
    'skip-scale': { type: 'boolean', default: false },
    server: { type: 'string', default: 'nginx' },
    'skip-redis': { type: 'boolean', default: false },
    'redis-only': { type: 'boolean', default: false },
    'browser-only': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    'browser-driver': { type: 'string', default: 'direct' },
    'browser-runs': { type: 'string' },
    'redis-jobdir': { type: 'boolean', default: false },
  },
});
const browserOnly = flags['browser-only'];
const quick = flags.quick;
const runs = Number(flags.runs ?? (quick ? 1 : 3));
const slowRuns = Number(flags['slow-runs'] ?? runs);
const products = Number(flags.products ?? (quick ? 2000 : 20000));
const PAGE_BYTES = 30000;
const CONCURRENCIES = quick ? [64] : [16, 64];
const only = new Set(browserOnly ? ['browser'] : (flags.only ?? `skitter,cli,bare,scrapy,crawlee${flags['skip-browser'] ? '' : ',browser'}`).split(','));
const work = mkdtempSync(join(tmpdir(), 'skitter-bench-'));
const nodeBin = process.execPath;
/**
 * Extra V8 flags of every Node child (skitter, bare fetch, Crawlee alike): none by default, as a
 * user runs them (skitter's children also get the `skitter crawl` command's own, see
 * SKITTER_NODE). `BENCH_NODE_FLAGS="--max-semi-space-size=4"` measures a memory trade-off.
 */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/**
 * How skitter's children start: as the `skitter crawl` command runs a crawl, with the node flags
 * and environment of bin/crawl-defaults.js (a user's BENCH_NODE_FLAGS / environment win).
 */
const SKITTER_ENV = crawlEnv(process.env, NODE_FLAGS);
const SKITTER_NODE = [
  'env', ...(SKITTER_ENV ? Object.keys(CRAWL_ENV).concat('NODE_OPTIONS').map((name) => `${name}=${SKITTER_ENV[name] ?? ''}`) : []),
  nodeBin, ...NODE_FLAGS,
];
/**
 * Node children share a compile cache (as a deployed CLI would have after its first run): without
 * it every start re-strips the TypeScript sources, which costs ~0.9 s and ~25 MB of RSS.
 */
const childEnv = { ...process.env, NODE_COMPILE_CACHE: join(tmpdir(), 'skitter-bench-compile-cache') };
spawnSync(nodeBin, ['--input-type=module', '-e', "await import('./src/node.ts'); await import('./src/cli/commands/runspider.ts'); await import('./src/threads/thread-downloader.node.ts'); await import('./src/threads/lease-scheduler.ts'); await import('./bench/children/measure.ts'); try { await import('@crawlee/cheerio'); } catch {}"], { env: childEnv, stdio: 'ignore' });

/** The crawlers of the main scenario and how to start each. */
interface Contender { name: string; command: string[]; timeoutMs: number; runs: number; note?: string; args?: Record<string, unknown>; env?: Record<string, string> }

function scrapyPython(): string | null {
  const path = spawnSync('sh', ['-c', 'command -v scrapy'], { encoding: 'utf8' }).stdout.trim();
  if (!path) return null;
  const shebang = readFileSync(path, 'utf8').split('\n')[0] ?? '';
  return shebang.startsWith('#!') ? shebang.slice(2).trim().split(' ')[0]! : 'python3';
}

function hasCrawlee(): boolean {
  try {
    import.meta.resolve('@crawlee/cheerio');
    return true;
  } catch {
    return false;
  }
}

async function runChild(command: string[], args: ChildArgs, timeoutMs: number, env: Record<string, string> = {}): Promise<ChildResult | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, [...command.slice(1), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...childEnv, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.length > 100_000) err = err.slice(-50_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
      else resolve({ error: timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function mainScenario(server: BenchServer): Promise<RunRow[]> {
  const contenders: Contender[] = [];
  const skipped: RunRow[] = [];
  if (only.has('skitter')) contenders.push({ name: 'skitter', command: [...SKITTER_NODE, 'bench/children/skitter-crawl.ts'], timeoutMs: 600_000, runs });
  // The same crawl as a crash-safe job (docs/jobs.md): the goal is at most 25 % slower.
  if (only.has('skitter') || only.has('jobdir')) contenders.push({ name: 'skitter + JOBDIR', command: [...SKITTER_NODE, 'bench/children/skitter-crawl.ts'], timeoutMs: 600_000, runs });
  // The CLI as a user runs it (`skitter runspider`, process start-up included), in one thread and
  // with engine threads (docs/threads.md).
  if (only.has('cli')) {
    contenders.push({ name: 'skitter CLI', command: [nodeBin, ...NODE_FLAGS, 'bench/children/skitter-cli.ts'], timeoutMs: 600_000, runs, env: { BENCH_THREADS: '0' } });
    contenders.push({ name: 'skitter CLI, ENGINE_THREADS=2', command: [nodeBin, ...NODE_FLAGS, 'bench/children/skitter-cli.ts'], timeoutMs: 600_000, runs, env: { BENCH_THREADS: '2' } });
  }
  if (only.has('bare')) contenders.push({ name: 'bare fetch (limit)', command: [nodeBin, ...NODE_FLAGS, 'bench/children/bare-fetch.ts'], timeoutMs: 600_000, runs });
  if (only.has('scrapy')) {
    const python = scrapyPython();
    if (python) contenders.push({ name: 'Scrapy', command: [python, 'bench/children/scrapy-crawl.py'], timeoutMs: 900_000, runs: slowRuns });
    else skipped.push({ crawler: 'Scrapy', concurrency: 0, skipped: '`scrapy` is not on PATH (Debian: apt-get install python3-scrapy)' });
  }
  if (only.has('crawlee')) {
    if (hasCrawlee()) contenders.push({ name: 'Crawlee CheerioCrawler', command: [nodeBin, ...NODE_FLAGS, 'bench/children/crawlee-crawl.ts'], timeoutMs: 900_000, runs: slowRuns });
    else skipped.push({ crawler: 'Crawlee CheerioCrawler', concurrency: 0, skipped: '@crawlee/cheerio is not installed (npm ci)' });
  }
  if (only.has('browser')) contenders.push(...await browserContenders());
  const urlsFile = join(work, 'urls.txt');
  writeFileSync(urlsFile, server.catalogue.expectedReachablePageUrls(server.origin).join('\n') + '\n');
  const rows: RunRow[] = [...skipped];
  for (const concurrency of CONCURRENCIES) {
    for (const c of contenders) {
      const results: Array<ChildResult & { serverCpuS: number; ok: boolean; problems: string[] }> = [];
      const failures: string[] = [];
      for (let i = 0; i < c.runs; i++) {
        const itemsFile = join(work, 'items.jsonl');
        rmSync(itemsFile, { force: true });
        const serverBefore = server.cpuSeconds();
        const bare = c.name.startsWith('bare');
        const jobdir = c.name.endsWith('JOBDIR') ? join(work, `job-${concurrency}-${i}`) : undefined;
        const result = await runChild(c.command, { origin: server.origin, concurrency, itemsFile: bare ? undefined : itemsFile, urlsFile, ...(jobdir ? { jobdir } : {}), ...c.args }, c.timeoutMs, c.env);
        const serverCpuS = server.cpuSeconds() - serverBefore;
        if ('error' in result) {
          failures.push(result.error);
          log(`${c.name} c=${concurrency} run ${i + 1}: FAILED ${result.error}`);
          continue;
        }
        const check = bare ? { ok: result.pages + Number(result.extra?.non200 ?? 0) === server.catalogue.expectedReachablePageUrls(server.origin).length, problems: [] as string[] } : validateItems(itemsFile, server.catalogue, server.origin);
        results.push({ ...result, serverCpuS, ...check });
        log(`${c.name} c=${concurrency} run ${i + 1}: ${result.pages} pages, ${result.items} items in ${(result.wallMs / 1000).toFixed(1)} s `
          + `(${(result.pages / (result.wallMs / 1000)).toFixed(0)} pages/s), CPU ${(result.cpuUserS + result.cpuSysS).toFixed(1)} s, `
          + `peak RSS ${result.maxRssMb.toFixed(0)} MB, server CPU ${serverCpuS.toFixed(1)} s${check.ok ? '' : `, WRONG: ${check.problems.join('; ')}`}`);
      }
      rows.push({ crawler: c.name, concurrency, results, failures });
    }
  }
  return rows;
}

/**
 * The Chromium rows (bench/children/browser-crawl.ts): the same spider in a page, a dedicated Web
 * Worker and the MV3 extension service worker, and a bare fetch loop in a worker (Chromium's own
 * limit). The bundles are built once, with the MV3 test harness's vite config.
 */
async function browserContenders(): Promise<Contender[]> {
  if (!existsSync(CHROMIUM_PATH)) {
    log(`browser rows skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return [];
  }
  const built = await buildBrowserBench(join(work, 'browser'));
  const driver = flags['browser-driver'];
  if (driver !== 'direct' && driver !== 'playwright') throw new Error(`[skitter] bench: --browser-driver must be direct or playwright, got ${driver}`);
  const command = [nodeBin, 'bench/children/browser-crawl.ts'];
  const row = (name: string, mode: BrowserMode): Contender => ({
    name, command, timeoutMs: 900_000, runs: Number(flags['browser-runs'] ?? runs), args: { mode, driver, webDir: built.webDir, extensionDir: built.extensionDir },
  });
  // The quick run keeps the worker (the target's runtime) and its limit.
  return [
    ...(quick ? [] : [row('Chromium page', 'page')]),
    row('Chromium Web Worker', 'worker'),
    ...(quick ? [] : [row('Chromium MV3 service worker', 'mv3')]),
    // Named "bare ...": checked and reported like the Node bare fetch row (no items).
    row('bare fetch in a Chromium worker (limit)', 'bare-worker'),
  ];
}

async function scaleScenario(): Promise<{ rows: ScaleRow[]; server: string }> {
  const rows: ScaleRow[] = [];
  const bigProducts = quick ? 5_000 : 100_000;
  log(`scale scenario: ${bigProducts} products`);
  const server = await startBenchServer(bigProducts, PAGE_BYTES, flags.server as 'nginx' | 'node');
  try {
    const urlsFile = join(work, 'urls-big.txt');
    writeFileSync(urlsFile, server.catalogue.expectedReachablePageUrls(server.origin).join('\n') + '\n');
    const itemsFile = join(work, 'items-big.jsonl');
    for (const [name, script] of [['skitter', 'skitter-crawl.ts'], ['bare fetch (limit)', 'bare-fetch.ts']] as const) {
      const before = server.cpuSeconds();
      const bare = name.startsWith('bare');
      const result = await runChild([...(bare ? [nodeBin, ...NODE_FLAGS] : SKITTER_NODE), `bench/children/${script}`], { origin: server.origin, concurrency: 64, itemsFile: bare ? undefined : itemsFile, urlsFile }, 600_000);
      const serverCpuS = server.cpuSeconds() - before;
      const check = 'error' in result || bare ? { ok: true, problems: [] } : validateItems(itemsFile, server.catalogue, server.origin);
      rows.push({ name, scenario: `${bigProducts.toLocaleString('en')} products, concurrency 64`, result, serverCpuS, ok: check.ok, problems: check.problems });
      log(`${name} scale: ${'error' in result ? result.error : `${result.pages} pages in ${(result.wallMs / 1000).toFixed(1)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB`}`);
    }
    const startRequests = quick ? 20_000 : 1_000_000;
    const before = server.cpuSeconds();
    const result = await runChild([...SKITTER_NODE, 'bench/children/skitter-crawl.ts'], { origin: server.origin, concurrency: 64, startRequests, timeLimitS: 540 }, 600_000);
    const consumed = 'error' in result ? 0 : result.pages;
    rows.push({
      name: 'skitter',
      scenario: `start() yielding ${startRequests.toLocaleString('en')} requests (/robots.txt?n=i)${consumed < startRequests ? `; stopped after 540 s with ${consumed.toLocaleString('en')} consumed` : ''}`,
      result, serverCpuS: server.cpuSeconds() - before, ok: !('error' in result), problems: [],
    });
    log(`skitter start(): ${'error' in result ? result.error : `${result.pages} requests in ${(result.wallMs / 1000).toFixed(1)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB`}`);
    return { rows, server: server.kind };
  } finally {
    await server.stop();
  }
}

function packageVersion(name: string): string {
  try {
    const url = import.meta.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(new URL(url), 'utf8')) as { version: string }).version;
  } catch {
    try {
      const entry = new URL(import.meta.resolve(name));
      let dir = new URL('.', entry);
      for (let i = 0; i < 5; i++) {
        try {
          const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version: string };
          if (pkg.name === name) return pkg.version;
        } catch { /* keep looking upwards */ }
        dir = new URL('..', dir);
      }
    } catch { /* not installed */ }
    return 'not installed';
  }
}

/** The distributed scenario's markdown section (1 and 2 skitter workers sharing a Redis frontier). */
async function redisSection(): Promise<string> {
  const concurrency = 16;
  log(`redis scenario: ${products} products, 1 and 2 workers`);
  const rows = await redisScenario({
    products, pageBytes: PAGE_BYTES, serverKind: flags.server as 'nginx' | 'node', concurrency, work,
    command: [...SKITTER_NODE, 'bench/children/skitter-crawl.ts'], runChild, log, jobdir: flags['redis-jobdir'],
  });
  return renderRedisRows(rows, products, concurrency, flags['redis-jobdir']);
}

if (flags['redis-only']) {
  const section = await redisSection();
  rmSync(work, { recursive: true, force: true });
  writeFileSync('bench/results-redis.md', `# Redis benchmark\n\n${new Date().toISOString()}, ${cpus().length} cores, Node ${process.version}\n\n${section}`);
  process.stdout.write(section);
  process.exit(0);
}

log(`main scenario: ${products} products of ${PAGE_BYTES} bytes, ${runs} run(s), concurrency ${CONCURRENCIES.join(' and ')}`);
const t0 = performance.now();
const server = await startBenchServer(products, PAGE_BYTES, flags.server as 'nginx' | 'node');
log(`server: ${server.kind} at ${server.origin} (site ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
let rows: RunRow[];
try {
  rows = await mainScenario(server);
} finally {
  await server.stop();
}
const scale = flags['skip-scale'] || browserOnly ? null : await scaleScenario();
const python = scrapyPython();
const scrapyVersion = python ? spawnSync(python, ['-c', 'import scrapy; print(scrapy.__version__)'], { encoding: 'utf8' }).stdout.trim() : 'not installed';
const markdown = renderResults({
  date: new Date().toISOString(),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
  versions: {
    skitter: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    ky: packageVersion('ky'),
    htmlparser2: packageVersion('htmlparser2'),
    'css-select': packageVersion('css-select'),
    '@crawlee/cheerio': packageVersion('@crawlee/cheerio'),
    scrapy: scrapyVersion,
  },
  server: server.kind,
  products,
  pageBytes: PAGE_BYTES,
  pagesPerCrawl: server.catalogue.expectedReachablePageUrls(server.origin).length,
  quick,
  rows,
  scale,
  analysis: quick ? undefined : readFileSync('bench/analysis.md', 'utf8'),
});
const redisMarkdown = flags['skip-redis'] || browserOnly ? '' : `\n${await redisSection()}`;
rmSync(work, { recursive: true, force: true });
writeFileSync(browserOnly ? `bench/results-browser${quick ? '-quick' : ''}.md` : quick ? 'bench/results-quick.md' : 'bench/results.md', markdown + redisMarkdown);
process.stdout.write(markdown + redisMarkdown);
