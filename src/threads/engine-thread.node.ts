/**
 * The entry of an engine thread (a `worker_threads` Worker started by {@link ThreadDownloader}):
 * it rebuilds the crawl's settings and spider from the command line's recipe and runs a Crawler
 * whose scheduler is a {@link LeaseScheduler}. The thread downloads, parses and calls the spider;
 * the main thread keeps the frontier (scheduler and dupefilter), the item pipelines, the feeds and
 * the extensions, so here `start()` yields nothing and the pipelines, extensions and feeds are off.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { Crawler } from '../core/crawler.ts';
import type { LogRecord } from '../core/log.ts';
import type { SpiderClass } from '../spiders/spider.ts';
import { settingsFrom, setProjectSettings } from '../cli/crawl-options.ts';
import { loadProject } from '../cli/project-config.ts';
import { importSpiderModule, loadSpiderFromFile, spidersInModule } from '../cli/spider-loader.ts';
import { resolveComponentNames } from '../cli/component-names.ts';
import { registerSkitterResolveHook } from '../cli/resolve-hook.ts';
import { installProcessGuards } from '../cli/process-guards.ts';
import { LeaseScheduler } from './lease-scheduler.ts';
import type { FromWorker, Lease, ToWorker } from './messages.ts';

const port = parentPort;
if (!port) throw new Error('[skitter] engine-thread: must run inside a worker_threads Worker');
const post = (message: FromWorker): void => port.postMessage(message);

let scheduler: LeaseScheduler | undefined;
let crawler: Crawler | undefined;
const early: Lease[] = [];
const earlyLogs: LogRecord[] = [];
let finishing = false;
let forced = false;

port.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'init':
      void run(message).catch((error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        post({ t: 'fatal', error: { name: e.name, message: e.message, stack: e.stack } });
      });
      break;
    case 'lease':
      if (scheduler) scheduler.receive(message.leases);
      else early.push(...message.leases);
      break;
    case 'finish':
      finishing = true;
      scheduler?.finish();
      break;
    case 'force':
      forced = true;
      scheduler?.force();
      break;
  }
});

async function run(init: Extract<ToWorker, { t: 'init' }>): Promise<void> {
  const { recipe } = init;
  // Hooks are per thread: spider files import 'skitter' here as in the CLI's main thread.
  registerSkitterResolveHook();
  setProjectSettings((await loadProject(recipe.cwd))?.settings ?? {});
  const settings = settingsFrom(recipe.cliValues as Parameters<typeof settingsFrom>[0]);
  await resolveComponentNames(settings);
  settings.update(init.settings, 'cmdline');
  settings.set('SCHEDULER', { fromCrawler: (c: Crawler) => (scheduler = new LeaseScheduler(c, post, early.splice(0))) }, 'cmdline');
  const spiderClass = threadSpiderClass(await loadSpider(recipe.spiderFile, recipe.spiderName));
  crawler = new Crawler(spiderClass, settings, {
    logSink: (record) => {
      if (scheduler) scheduler.log(record);
      else earlyLogs.push(record);
    },
  });
  crawler.signals.connect('spider_opened', () => {
    for (const record of earlyLogs.splice(0)) scheduler?.log(record);
    if (finishing) scheduler?.finish();
    if (forced) scheduler?.force();
  });
  // As in the main thread: a stray rejection in spider code is logged and counted, not fatal.
  installProcessGuards(crawler);
  await crawler.crawl(recipe.args);
  scheduler?.flush();
  post({ t: 'stats', stats: crawler.stats.getStats() });
}

async function loadSpider(file: string, name: string | undefined): Promise<SpiderClass> {
  if (name === undefined) return loadSpiderFromFile(file);
  const found = spidersInModule(await importSpiderModule(file), file).find((s) => s.name === name);
  if (!found) throw new Error(`[skitter] engine thread: spider ${JSON.stringify(name)} is no longer exported by ${file}`);
  return found.spiderClass;
}

/**
 * The user's spider with a `start()` that yields nothing (the main thread reads `start()`), under
 * the same class name so logs and serialised callbacks read the same.
 */
function threadSpiderClass(base: SpiderClass): SpiderClass {
  const Base = base as unknown as new () => { start(): AsyncIterable<unknown> };
  // A computed key names the class (and its methods in stack traces) after the user's.
  const named = {
    [base.name]: class extends Base {
      override async *start(): AsyncGenerator<unknown> {}
    },
  };
  return named[base.name] as unknown as SpiderClass;
}
