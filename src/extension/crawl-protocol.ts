/**
 * The message protocol between an extension's pages (popup, side panel, options) and the crawl
 * running in its service worker, and the run records both sides read from `chrome.storage.local`.
 * Commands travel as `chrome.runtime.sendMessage` messages tagged `skitter: <command>`; state
 * travels through storage, so a page opened later (a reopened popup) sees the same crawl.
 * @module
 */

/**
 * A run's status. `paused`: its job is saved and no crawl runs until it is resumed (closing the
 * browser keeps it); `interrupted`: Chrome stopped the service worker mid-crawl and the next worker
 * could not resume the run's job (its spider is gone, its state unreadable: see `error`); the items
 * committed until then are kept. `failed`: the crawl could not start or threw. A worker stopped
 * mid-crawl normally leaves the run `running`: the next worker resumes it (see `interruptions`).
 */
export type CrawlRunStatus = 'running' | 'paused' | 'finished' | 'interrupted' | 'failed';

/** Live counters of a run, updated while it runs. */
export interface CrawlProgress {
  /** Responses received (stat `response_received_count`). */
  pages: number;
  /** Items committed to the run's job: exactly the items a download gives at that moment. */
  items: number;
  /** ERROR log records (stat `log_count/ERROR`). */
  errors: number;
  /** Pages per second over the run so far, paused time excluded. */
  pagesPerSecond: number;
  /** Time spent running, paused time excluded, in ms. */
  elapsedMs: number;
}

/** One crawl, as stored in `chrome.storage.local` under `skitter:run:<id>`. Plain JSON data. */
export interface CrawlRun {
  /** Unique id (time-ordered). */
  id: string;
  /** The spider's `name`. */
  spider: string;
  /** The start URL given by the user, if any (passed to the spider as `startUrls: [url]`). */
  startUrl?: string;
  /** Spider arguments (Scrapy's `-a NAME=VALUE`). */
  args: Record<string, string>;
  status: CrawlRunStatus;
  /** Scrapy's `finish_reason` (`finished`, `shutdown`, `closespider_itemcount`, ...), once finished. */
  finishReason?: string;
  /** Why the run failed or was interrupted. */
  error?: string;
  /** Start time, ms since the epoch. */
  startedAt: number;
  /** End time, ms since the epoch. */
  finishedAt?: number;
  progress: CrawlProgress;
  /**
   * The latest items, newest last (at most `previewItems` of the service): live while the crawl
   * runs, the newest committed ones once it paused, ended or resumed.
   */
  latestItems: unknown[];
  /**
   * The run's crash-safe job: the IndexedDB database (JOBDIR) holding its pending requests and the
   * journal of its committed items, which downloads read (`readJobItems`).
   */
  jobdir: string;
  /**
   * How many times Chrome stopped the service worker while the run was crawling; each time the next
   * worker resumed the run from its job. Absent when it never happened.
   */
  interruptions?: number;
  /** The final stats (JSON-safe), once finished. */
  stats?: Record<string, unknown>;
}

/** What a page asks the service worker to start. */
export interface StartCrawlOptions {
  /** The spider's `name`. */
  spider: string;
  /** Replaces the spider's `startUrls` when given. */
  startUrl?: string;
  /** Spider arguments, assigned to the spider as properties. */
  args?: Record<string, string>;
}

/** A spider the service worker can run, as listed to pages. */
export interface SpiderInfo {
  name: string;
  /** The spider's own `startUrls`. */
  startUrls: string[];
}

/** Messages from pages to the service worker. */
export type CrawlCommand =
  | { skitter: 'spiders' }
  | ({ skitter: 'start' } & StartCrawlOptions)
  | { skitter: 'pause' }
  | { skitter: 'resume' }
  | { skitter: 'stop' }
  | { skitter: 'delete'; id: string };

/** The service worker's answer to a command: `{ ok: true, value }` or `{ ok: false, error }`. */
export type CrawlReply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** `chrome.storage.local` key of a run record. */
export const RUN_KEY_PREFIX = 'skitter:run:';
/** `chrome.storage.local` key of the run ids, newest first. */
export const RUN_INDEX_KEY = 'skitter:runs';

/** The storage key of run `id`. */
export function runKey(id: string): string {
  return RUN_KEY_PREFIX + id;
}

/** True for a message of this protocol. */
export function isCrawlCommand(message: unknown): message is CrawlCommand {
  return typeof message === 'object' && message !== null && typeof (message as { skitter?: unknown }).skitter === 'string';
}
