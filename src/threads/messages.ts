/**
 * The messages between the main thread (the frontier, pipelines and feeds) and the engine threads
 * (download, parse, callbacks). Requests travel as {@link RequestJson} objects (the Redis
 * frontier's shape, without the JSON text step: structured clone carries the object), items as
 * structured clones. Every message carries a batch, so one `postMessage` serves many pages.
 * @module
 */
import type { RequestJson } from '../redis/request-json.ts';

/** How a worker finds the spider and the settings of the crawl it serves. */
export interface ThreadRecipe {
  /** Absolute path of the module that exports the spider (what `runspider` or `crawl` loaded). */
  spiderFile: string;
  /** The spider's name when the file may export several (`crawl NAME`); absent: its only spider. */
  spiderName?: string | undefined;
  /** The command line's option values (`-s`, `-L`, `--nolog`, `-a`...), as parsed. */
  cliValues: Record<string, unknown>;
  /** The directory the command ran in (the project's `skitter.config.ts` is looked up from it). */
  cwd: string;
  /** Spider arguments. */
  args: Record<string, unknown>;
}

/** A request leased to a worker. */
export interface Lease {
  id: number;
  request: RequestJson;
}

/** One output of a callback or errback, in the order produced: an item or a request. */
export type Output = { item: unknown } | { request: RequestJson };

/** How a leased request ended in the worker. */
export type Settled =
  /**
   * Downloaded; the callback (through the spider middlewares) produced `outputs`. The body and
   * headers stay in the thread: the main thread's signals get the URL, status and flags.
   */
  | { id: number; kind: 'response'; url: string; status: number; flags: string[]; outputs: Output[] }
  /** A downloader middleware turned it into another request (redirect, retry): `outputs[0]`. */
  | { id: number; kind: 'request'; outputs: Output[] }
  /** The download failed for good; the errback (if any) produced `outputs`. */
  | { id: number; kind: 'failure'; error: { name: string; message: string }; outputs: Output[] }
  /** Not processed: a forced stop cancelled it, or the worker closed before taking it. */
  | { id: number; kind: 'cancelled' };

/** A log record of a worker, replayed by the main thread's logger. */
export interface ThreadLogRecord {
  level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';
  logger: string;
  message: string;
  error?: { name: string; message: string; stack?: string | undefined } | undefined;
}

export type ToWorker =
  | { t: 'init'; recipe: ThreadRecipe; index: number; settings: Record<string, unknown> }
  | { t: 'lease'; leases: Lease[] }
  /** The frontier is done: close when idle and send the final stats. */
  | { t: 'finish' }
  /** A forced stop (second Ctrl-C): cancel downloads now. */
  | { t: 'force' };

export type FromWorker =
  /** `spiderErrors`: the `spider_error` signals of the thread since the last message, re-sent in the main thread. */
  | { t: 'settled'; settled: Settled[]; loose: RequestJson[]; logs: ThreadLogRecord[]; spiderErrors: Array<{ name: string; message: string }> }
  /** The spider asked to close (CloseSpider, `engine.closeSpider`) in this worker. */
  | { t: 'close'; reason: string }
  /** The worker could not start (the spider module failed to load, bad settings). */
  | { t: 'fatal'; error: { name: string; message: string; stack?: string | undefined } }
  /** The worker's crawl ended: its stats, merged into the main crawl's. */
  | { t: 'stats'; stats: Record<string, unknown> };
