/**
 * What the playground's crawl worker posts besides `runInWorker`'s own messages (items, logs,
 * stats, end): the request inspector's rows. Plain structured-cloneable objects.
 * @module
 */

/** One downloaded (or failed) request, as the request inspector shows it. */
export interface RequestRecord {
  /** 1-based, in the order requests reached the downloader. */
  id: number;
  method: string;
  url: string;
  /** HTTP status; `null` when the download failed (network or CORS error). */
  status: number | null;
  /** Body size in bytes. */
  sizeBytes: number;
  /** From reaching the downloader to the response, in ms. */
  timeMs: number;
  /** The callback's name (`parse` when the request has none). */
  callback: string;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** The decoded body of a text response, cut at {@link MAX_RECORDED_BODY_CHARS}; empty otherwise. */
  body: string;
  /** Why the download failed, when it did. */
  error?: string;
}

/** Longest body kept per response: the inspector is for reading pages, not archiving them. */
export const MAX_RECORDED_BODY_CHARS = 200_000;

/** Worker -> page: request records, in batches. */
export interface RequestsMessage {
  type: 'playground:requests';
  records: RequestRecord[];
}

/** Whether a worker message is a {@link RequestsMessage}. */
export function isRequestsMessage(data: unknown): data is RequestsMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'playground:requests';
}

/** Global the crawl worker sets for the transpiled spider module (see `spider-module.ts`). */
export const WORKER_GLOBAL = '__skitterPlayground';
