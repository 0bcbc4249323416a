/**
 * The messages between {@link runInWorker}'s handle (the host) and a crawl worker: plain,
 * structured-cloneable objects, the same over `postMessage` in browsers and `worker_threads` in Node.
 * @module
 */
import type { LogLevel } from '../core/log.ts';
import type { SettingsInput } from '../core/settings/settings.ts';

/** Host -> worker: run this crawl. Sent once, first. */
export interface CrawlStartMessage {
  type: 'start';
  /** Absolute URL of the ES module exporting the spider class; absent when the worker serves registered spiders. */
  moduleUrl?: string;
  /** Name of the export holding the spider class. */
  exportName?: string;
  /** Spider `name` to look for among the module's exports when `exportName` is not given. */
  spiderName?: string;
  /** Project settings (structured-cloneable: no classes or functions; components go in the spider's `customSettings`). */
  settings: SettingsInput;
  /** Spider arguments. */
  args: Record<string, unknown>;
  /** Post log records to the host (otherwise the worker logs to its own console). */
  forwardLogs: boolean;
  /** Post the stats every this many ms while the crawl runs; 0 posts them only at the end. */
  statsIntervalMs: number;
}

/** Host -> worker: stop gracefully (Scrapy's first Ctrl-C: in-flight requests finish). */
export interface CrawlStopMessage {
  type: 'stop';
}

/** A message the host sends. */
export type CrawlHostMessage = CrawlStartMessage | CrawlStopMessage;

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** A log record as it crosses the thread boundary (`error` serialized). */
export interface SerializedLogRecord {
  level: LogLevel;
  logger: string;
  message: string;
  /** Wall-clock ms since the epoch. */
  time: number;
  error?: SerializedError;
}

/** A message the worker sends. */
export type CrawlWorkerMessage =
  /** One scraped item, as JSON data (what a jsonlines feed holds). */
  | { type: 'item'; item: unknown }
  | { type: 'log'; record: SerializedLogRecord }
  /** A snapshot of the stats while the crawl runs. */
  | { type: 'stats'; stats: Record<string, unknown> }
  /** The crawl finished (any finish reason); the final stats. */
  | { type: 'done'; stats: Record<string, unknown> }
  /** The crawl could not run: the module failed to load, no spider found, invalid settings. */
  | { type: 'error'; error: SerializedError };

/** `error` as plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { name: 'Error', message: String(error) };
}

/** Turns a {@link SerializedError} back into an Error (same name, message and the worker's stack). */
export function deserializeError(data: SerializedError): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/** Plain JSON data of `value` (dates as ISO strings, class instances as their fields). */
export function toJsonData(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
