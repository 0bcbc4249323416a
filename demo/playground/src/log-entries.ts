/**
 * Log records of a crawl made actionable: an error's stack with the spider module's frames as
 * `spider.ts:LINE` (and that line linked), and a failed cross-origin download explained as the
 * CORS refusal it most likely is, once per site.
 * @module
 */
import type { LogRecord } from 'skitter';
import { mapSpiderStack } from './spider-module.ts';
import type { LogEntry } from './views/log-view.ts';

/** `Error downloading <GET url>: ... Failed to fetch` (Chromium), `NetworkError` (Firefox), `Load failed` (Safari). */
const FAILED_DOWNLOAD = /Error downloading <\w+ ([^>\s]+)>.*(Failed to fetch|NetworkError|Load failed)/s;

/** What the playground says about a site that refused to be read from this page. */
export function corsExplanation(origin: string): string {
  return `Could not read ${origin} from this page. A web page may read another site's responses only when that site allows it `
    + 'with CORS headers (Access-Control-Allow-Origin), and most sites do not (or the site is down: the browser does not tell '
    + 'the two apart). Crawl the demo shop this page serves, a site that sends CORS headers, or run the same spider with '
    + '`npx skitter runspider` or the Chrome extension, which CORS does not restrict.';
}

/** Turns log records into log entries, remembering which sites were already explained. */
export class LogEntries {
  #explained = new Set<string>();

  /** Forgets the explained sites (a new crawl). */
  reset(): void {
    this.#explained.clear();
  }

  /** The entries for `record`: itself, and a CORS explanation after the first failed download from a site. */
  convert(record: LogRecord): LogEntry[] {
    const entry: LogEntry = { level: record.level, logger: record.logger, message: record.message, time: record.time };
    // Errors cross the worker boundary as Error objects (name, message, the worker's stack).
    const error = record.error instanceof Error ? record.error : undefined;
    if (error) entry.error = `${error.name}: ${error.message}`;
    const stack = error?.stack ?? entry.error;
    if (stack !== undefined) {
      const mapped = mapSpiderStack(stack);
      entry.detail = mapped.stack;
      if (mapped.line !== undefined) entry.line = mapped.line;
    }
    const entries = [entry];
    const failed = FAILED_DOWNLOAD.exec(record.message);
    if (failed && URL.canParse(failed[1]!)) {
      const { origin } = new URL(failed[1]!);
      if (origin !== location.origin && !this.#explained.has(origin)) {
        this.#explained.add(origin);
        entries.push({ level: 'WARNING', logger: 'playground', message: `CORS: ${corsExplanation(origin)}`, time: record.time });
      }
    }
    return entries;
  }
}
