import type { Crawler } from '../core/crawler.ts';
import type { StatusTerminal } from './status-terminal.ts';

/** What the progress line shows. */
export interface ProgressSnapshot {
  /** Responses received (`response_received_count`). */
  pages: number;
  /** Items scraped (`item_scraped_count`). */
  items: number;
  /** Requests waiting in the scheduler. */
  queued: number;
  /** Errors logged (`log_count/ERROR`). */
  errors: number;
  /** Time since the progress line started, in ms. */
  elapsedMs: number;
}

/** `pages 120 | items 98 | 45.2 pages/s | queue 33 | errors 0`. */
export function formatProgress(s: ProgressSnapshot): string {
  const rate = s.elapsedMs > 0 ? (s.pages * 1000) / s.elapsedMs : 0;
  return `pages ${s.pages} | items ${s.items} | ${rate.toFixed(1)} pages/s | queue ${s.queued} | errors ${s.errors}`;
}

/** Reads a snapshot from a running crawler (counts are 0 before the crawl starts). */
export function crawlerSnapshot(crawler: Crawler, elapsedMs: number): ProgressSnapshot {
  const stat = (key: string): number => Number(crawler.stats.getValue(key, 0));
  let queued = 0;
  try {
    const scheduler = crawler.engine.scheduler as { size?: unknown };
    if (typeof scheduler.size === 'number') queued = scheduler.size;
  } catch {
    // The engine does not exist until the crawl started.
  }
  return { pages: stat('response_received_count'), items: stat('item_scraped_count'), queued, errors: stat('log_count/ERROR'), elapsedMs };
}

/** Redraw period: at most four redraws a second. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * The live progress line of a crawl on a terminal (nothing at all elsewhere), redrawn every
 * {@link PROGRESS_INTERVAL_MS} and erased by {@link ProgressLine.stop}.
 */
export class ProgressLine {
  #timer: ReturnType<typeof setInterval> | undefined;
  #terminal: StatusTerminal;

  constructor(terminal: StatusTerminal) {
    this.#terminal = terminal;
  }

  /** Starts redrawing from `read()`; does nothing when the terminal is not interactive. */
  start(read: (elapsedMs: number) => ProgressSnapshot): void {
    if (!this.#terminal.interactive || this.#timer) return;
    const startedAt = performance.now();
    this.#timer = setInterval(() => this.#terminal.setStatus(formatProgress(read(performance.now() - startedAt))), PROGRESS_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Stops redrawing and erases the line. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#terminal.clearStatus();
  }
}
