/**
 * Records every request a crawl downloads, for the request inspector, through the crawler's
 * signals (no middleware to configure): `request_reached_downloader` starts the clock,
 * `response_received` completes a record, and a request that left the downloader without a
 * response failed. Records are posted in batches, and all pending ones when the spider closes,
 * before the crawl worker reports the end.
 * @module
 */
import { signals, TextResponse, type Crawler, type Request, type Response } from 'skitter';
import { MAX_RECORDED_BODY_CHARS, type RequestRecord, type RequestsMessage } from '../protocol.ts';

/** How often pending records are posted, in ms: often enough to look live, rarely enough to stay cheap. */
const FLUSH_INTERVAL_MS = 200;

/** The callback's name as written in the spider (bound methods are named `bound parseItem`). */
function callbackName(request: Request): string {
  const name = request.callback?.name.replace(/^bound /, '');
  return name === undefined || name === '' ? (request.callback ? '(anonymous)' : 'parse') : name;
}

function responseBody(response: Response): string {
  if (!(response instanceof TextResponse)) return '';
  const text = response.text;
  return text.length > MAX_RECORDED_BODY_CHARS ? text.slice(0, MAX_RECORDED_BODY_CHARS) : text;
}

/** Connects the recorder to `crawler`; `post` sends a batch to the page. */
export function recordRequests(crawler: Crawler, post: (message: RequestsMessage) => void): void {
  let nextId = 1;
  const started = new WeakMap<Request, { id: number; at: number }>();
  const answered = new WeakSet<Request>();
  /** Requests that left the downloader: failed unless a response arrives in the same turn. */
  const left: { request: Request; at: number }[] = [];
  let pending: RequestRecord[] = [];

  const base = (request: Request): Omit<RequestRecord, 'status' | 'sizeBytes' | 'responseHeaders' | 'body'> => {
    const start = started.get(request) ?? { id: nextId++, at: performance.now() };
    return {
      id: start.id,
      method: request.method,
      url: request.url,
      timeMs: Math.round(performance.now() - start.at),
      callback: callbackName(request),
      requestHeaders: request.headers.toRecord(),
    };
  };

  const flush = (final: boolean): void => {
    // A response is delivered right after its request leaves the downloader: only one still
    // unanswered a flush later (or at the end) failed.
    const now = performance.now();
    for (let i = left.length - 1; i >= 0; i--) {
      const { request, at } = left[i]!;
      if (answered.has(request)) {
        left.splice(i, 1);
      } else if (final || now - at >= FLUSH_INTERVAL_MS) {
        left.splice(i, 1);
        pending.push({ ...base(request), status: null, sizeBytes: 0, responseHeaders: {}, body: '', error: 'no response (see the log)' });
      }
    }
    if (pending.length === 0) return;
    pending.sort((a, b) => a.id - b.id);
    post({ type: 'playground:requests', records: pending });
    pending = [];
  };

  crawler.signals.connect(signals.requestReachedDownloader, ({ request }) => {
    started.set(request, { id: nextId++, at: performance.now() });
  });
  crawler.signals.connect(signals.requestLeftDownloader, ({ request }) => {
    left.push({ request, at: performance.now() });
  });
  crawler.signals.connect(signals.responseReceived, ({ response, request }) => {
    answered.add(request);
    pending.push({
      ...base(request),
      status: response.status,
      sizeBytes: response.body.byteLength,
      responseHeaders: response.headers.toRecord(),
      body: responseBody(response),
    });
  });
  const timer = setInterval(() => flush(false), FLUSH_INTERVAL_MS);
  crawler.signals.connect(signals.spiderClosed, () => {
    clearInterval(timer);
    flush(true);
  });
}
