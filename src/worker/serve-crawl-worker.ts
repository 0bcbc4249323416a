/**
 * The worker side of {@link runInWorker}: waits for a `start` message, imports the spider's module,
 * runs one crawl and posts its items, log records, stats and end back to the host. Runtime-neutral:
 * the entry files (`crawl-worker-entry.ts` for Web Workers, `crawl-worker-entry.node.ts` for
 * `worker_threads`) install the platform and hand over their message port.
 * @module
 */
import { Crawler } from '../core/crawler.ts';
import type { LogRecord } from '../core/log.ts';
import { signals } from '../core/signals.ts';
import { isSpiderClass, type SpiderClass } from '../spiders/spider.ts';
import {
  serializeError, toJsonData, type CrawlHostMessage, type CrawlStartMessage, type CrawlWorkerMessage, type SerializedLogRecord,
} from './crawl-worker-protocol.ts';

/** The worker's end of the channel. */
export interface CrawlWorkerPort {
  postMessage(message: CrawlWorkerMessage): void;
  /** Registers the handler of every message from the host. */
  onMessage(handler: (message: CrawlHostMessage) => void): void;
}

/**
 * Serves one crawl on `port`. A second `start` is ignored; a `stop` before the engine runs stops
 * it as soon as it starts. The spider comes from the start message's `moduleUrl`, imported, or,
 * without one, from `registry` (spiders by `name`, see {@link serveCrawls}).
 */
export function serveCrawlWorker(port: CrawlWorkerPort, registry?: ReadonlyMap<string, SpiderClass>): void {
  let started = false;
  let stopRequested = false;
  let crawler: Crawler | undefined;

  const stop = (): void => {
    stopRequested = true;
    if (crawler?.crawling) void crawler.stop();
  };

  port.onMessage((message) => {
    if (message.type === 'stop') {
      stop();
    } else if (message.type === 'start' && !started) {
      started = true;
      runCrawl(message, port, registry, (made) => {
        crawler = made;
        made.signals.connect(signals.engineStarted, () => {
          // The engine ignores stop() until it runs: honour an early stop now.
          if (stopRequested) made.adapter.callLater(0, () => void made.stop());
        });
      }).catch((error: unknown) => port.postMessage({ type: 'error', error: serializeError(error) }));
    }
  });
}

async function runCrawl(
  start: CrawlStartMessage, port: CrawlWorkerPort, registry: ReadonlyMap<string, SpiderClass> | undefined, onCrawler: (crawler: Crawler) => void,
): Promise<void> {
  let spiderClass: SpiderClass;
  if (start.moduleUrl !== undefined) {
    spiderClass = findSpider(await import(/* @vite-ignore */ start.moduleUrl) as Record<string, unknown>, start);
  } else if (registry) {
    spiderClass = registeredSpider(registry, start.spiderName);
  } else {
    throw new Error('[skitter] runInWorker: this worker serves no registered spiders; give runInWorker a moduleUrl, or start a worker whose module calls serveCrawls([...spiders]).');
  }
  const logSink = start.forwardLogs ? (record: LogRecord) => port.postMessage({ type: 'log', record: serializeRecord(record) }) : undefined;
  const crawler = new Crawler(spiderClass, start.settings, logSink ? { logSink } : {});
  crawler.signals.connect(signals.itemScraped, ({ item }) => port.postMessage({ type: 'item', item: toJsonData(item) }));
  onCrawler(crawler);
  const postStats = (): void => port.postMessage({ type: 'stats', stats: toJsonData(crawler.stats.getStats()) as Record<string, unknown> });
  const ticker = start.statsIntervalMs > 0 ? crawler.adapter.loopingCall(start.statsIntervalMs, postStats) : undefined;
  try {
    await crawler.crawl(start.args);
  } finally {
    ticker?.cancel();
  }
  port.postMessage({ type: 'done', stats: toJsonData(crawler.stats.getStats()) as Record<string, unknown> });
}

/**
 * The registered spider named `name`, or the only one when no name is given.
 * @throws {Error} naming the registered spiders when none matches.
 */
function registeredSpider(registry: ReadonlyMap<string, SpiderClass>, name: string | undefined): SpiderClass {
  const names = [...registry.keys()].join(', ') || 'none';
  if (name === undefined) {
    if (registry.size === 1) return [...registry.values()][0]!;
    throw new Error(`[skitter] runInWorker: the worker serves ${registry.size} spiders (${names}); give spiderName.`);
  }
  const found = registry.get(name);
  if (!found) throw new Error(`[skitter] runInWorker: the worker serves no spider named ${JSON.stringify(name)}; it serves: ${names}.`);
  return found;
}

/**
 * The spider class to run: `exportName`, else the export whose spider `name` is `spiderName`,
 * else the default export, else the module's only spider class.
 * @throws {Error} naming the module and the spiders it exports when none matches.
 */
function findSpider(module: Record<string, unknown>, start: CrawlStartMessage): SpiderClass {
  const where = `[skitter] runInWorker: module ${start.moduleUrl}`;
  if (start.exportName !== undefined) {
    const value = module[start.exportName];
    if (isSpiderClass(value)) return value;
    throw new Error(`${where} has no Spider class exported as ${JSON.stringify(start.exportName)}.`);
  }
  const spiders = Object.entries(module).filter((entry): entry is [string, SpiderClass] => isSpiderClass(entry[1]));
  if (start.spiderName !== undefined) {
    const found = spiders.find(([, cls]) => new cls().name === start.spiderName);
    if (found) return found[1];
    throw new Error(`${where} exports no spider named ${JSON.stringify(start.spiderName)}; it exports: ${spiders.map(([, cls]) => new cls().name).join(', ') || 'none'}.`);
  }
  if (isSpiderClass(module.default)) return module.default;
  if (spiders.length === 1) return spiders[0]![1];
  throw new Error(`${where} exports ${spiders.length} Spider classes (${spiders.map(([name]) => name).join(', ')}); give exportName or spiderName.`);
}

function serializeRecord(record: LogRecord): SerializedLogRecord {
  const out: SerializedLogRecord = { level: record.level, logger: record.logger, message: record.message, time: record.time };
  if (record.error !== undefined) out.error = serializeError(record.error);
  return out;
}
