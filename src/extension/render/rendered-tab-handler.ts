/**
 * The extension's rendering download handler: requests that opt in are loaded in a real
 * background tab of the user's browser and come back as the rendered DOM; the others are fetched.
 * @module
 */
import type { Crawler } from '../../core/crawler.ts';
import type { DownloadHandler } from '../../core/downloader/handler.ts';
import { HttpDownloadHandler } from '../../core/downloader/handlers/http-handler.ts';
import { ConnectionError } from '../../errors/connection-error.ts';
import { DownloadTimeoutError } from '../../errors/download-timeout-error.ts';
import { NotSupportedError } from '../../errors/not-supported-error.ts';
import { HtmlResponse } from '../../http/html-response.ts';
import type { Request } from '../../http/request.ts';
import type { Response } from '../../http/response.ts';
import type { ChromeApi, ChromeTab } from '../chrome-api.ts';
import { NetworkWatch } from './network-watch.ts';
import { snapshotRenderedPage, type RenderedPage } from './page-script.ts';

/** How long the network must stay without requests in flight to count as quiet (Playwright's `networkidle` uses the same 500 ms). */
const NETWORK_QUIET_MS = 500;

/**
 * The request meta keys this handler reads (Scrapy-style snake_case meta, units in seconds).
 * `render` opts a request in; the others only apply to rendered requests.
 */
export interface RenderMeta {
  /** Load the request in a background tab and return the rendered DOM. */
  render?: boolean;
  /** After `load`, also wait for this CSS selector to match (a timeout is an error). */
  render_wait_for?: string;
  /** After `load`, also wait until the tab had no request in flight for 0.5 s (needs the `webRequest` permission). */
  render_network_quiet?: boolean;
  /** Seconds the whole render may take. @default RENDER_TIMEOUT */
  render_timeout?: number;
}

/**
 * A download handler for extension service workers, scrapy-playwright's idea with the user's own
 * browser: a request with `meta: { render: true }` is opened in a new background tab
 * (`chrome.tabs.create({ active: false })`, which never takes focus), the handler waits for the
 * page's `load` and, when the request asks, for a CSS selector (`render_wait_for`) and/or a quiet
 * network (`render_network_quiet`), within `render_timeout` seconds (RENDER_TIMEOUT), then returns
 * the rendered DOM as an {@link HtmlResponse} flagged `rendered`, and closes the tab. Other requests
 * go to the HTTP handler, so one crawl mixes fetched and rendered pages.
 *
 * - At most RENDER_MAX_TABS tabs are open at once (default 2); further rendered requests wait.
 * - The tab shares the browser profile: the user's cookies and logins apply.
 * - Status: the tab's main document status (`chrome.webRequest` when permitted, else Navigation
 *   Timing). Headers: the main document's with `webRequest`, else only `Content-Type`.
 * - Permissions: `scripting` (and `webRequest` for network quiet and headers) plus host
 *   permission for the crawled origin; not `tabs`.
 *
 * Install it for http and https:
 * `DOWNLOAD_HANDLERS: { http: RenderedTabDownloadHandler, https: RenderedTabDownloadHandler }`.
 * @see scrapy-playwright's `ScrapyPlaywrightDownloadHandler` and its `playwright` meta key
 */
export class RenderedTabDownloadHandler implements DownloadHandler {
  #crawler: Crawler;
  #http: HttpDownloadHandler;
  #maxTabs: number;
  #timeoutMs: number;
  #openTabs = new Set<number>();
  #waiting: (() => void)[] = [];
  #active = 0;
  #watch: NetworkWatch | undefined;
  #closed = false;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    this.#http = new HttpDownloadHandler(crawler);
    this.#maxTabs = crawler.settings.getInt('RENDER_MAX_TABS');
    this.#timeoutMs = crawler.settings.getFloat('RENDER_TIMEOUT') * 1000;
  }

  /** Tabs currently open for rendering. */
  get openTabs(): number {
    return this.#openTabs.size;
  }

  downloadRequest(request: Request): Promise<Response> {
    if (request.meta.render !== true) return this.#http.downloadRequest(request);
    return this.#render(request);
  }

  /** Aborts fetches in flight and closes every rendering tab. */
  abort(): void {
    this.#http.abort();
    for (const tabId of this.#openTabs) void this.#closeTab(tabId);
  }

  /** Closes the tabs still open and stops watching the network. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#openTabs].map((tabId) => this.#closeTab(tabId)));
    this.#watch?.close();
  }

  async #render(request: Request): Promise<Response> {
    const chrome = requireTabApis();
    const meta = request.meta as RenderMeta;
    const timeoutMs = typeof meta.render_timeout === 'number' ? meta.render_timeout * 1000 : this.#timeoutMs;
    const selector = typeof meta.render_wait_for === 'string' && meta.render_wait_for !== '' ? meta.render_wait_for : null;
    const networkQuiet = meta.render_network_quiet === true;
    if (networkQuiet && !chrome.webRequest) {
      throw new NotSupportedError(`[skitter] RenderedTabDownloadHandler: render_network_quiet needs the "webRequest" permission in the extension's manifest (request ${request.url}).`);
    }
    await this.#acquire();
    const deadlineMs = performance.now() + timeoutMs;
    let tabId: number | undefined;
    const watch = chrome.webRequest ? (this.#watch ??= new NetworkWatch(chrome.webRequest)) : undefined;
    const stopExpecting = watch?.expecting();
    try {
      if (this.#closed) throw new ConnectionError(`[skitter] RenderedTabDownloadHandler: the crawl is closing; ${request.url} was not rendered.`);
      const tab = await chrome.tabs.create({ url: request.url, active: false });
      tabId = tab.id;
      if (tabId === undefined) throw new ConnectionError(`[skitter] RenderedTabDownloadHandler: Chrome opened no tab for ${request.url}.`);
      this.#openTabs.add(tabId);
      watch?.track(tabId);
      stopExpecting?.();
      await waitForTabComplete(chrome, tabId, tab, deadlineMs, () => timeoutError(request, timeoutMs, 'the page load'), request);
      if (networkQuiet && watch && !(await watch.quiet(tabId, NETWORK_QUIET_MS, deadlineMs))) {
        throw timeoutError(request, timeoutMs, 'the network to go quiet');
      }
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId },
        func: snapshotRenderedPage,
        args: [selector, Math.max(0, deadlineMs - performance.now())],
      });
      const page = injection?.result as RenderedPage | undefined;
      if (!page) throw new ConnectionError(`[skitter] RenderedTabDownloadHandler: could not read the rendered page of ${request.url} (no host permission for it, or the tab was closed).`);
      if (page.missingSelector !== undefined) throw timeoutError(request, timeoutMs, `the selector ${JSON.stringify(page.missingSelector)}`);
      return this.#response(request, page, watch?.mainFrame(tabId));
    } finally {
      stopExpecting?.();
      if (tabId !== undefined) {
        watch?.forget(tabId);
        await this.#closeTab(tabId);
      }
      this.#release();
    }
  }

  #response(request: Request, page: RenderedPage, mainFrame: { status: number; headers: [string, string][] } | undefined): HtmlResponse {
    const headers: [string, string][] = mainFrame
      // The DOM is sent as UTF-8 text, whatever the original encoding and compression were.
      ? mainFrame.headers.filter(([name]) => !/^(content-length|content-encoding|content-type|transfer-encoding)$/i.test(name))
      : [];
    headers.push(['Content-Type', `${page.contentType || 'text/html'}; charset=utf-8`]);
    const status = mainFrame?.status || page.status || 200;
    return new HtmlResponse({
      url: page.url || request.url,
      status,
      headers,
      body: new TextEncoder().encode(page.html),
      request,
      flags: ['rendered'],
    });
  }

  async #closeTab(tabId: number): Promise<void> {
    if (!this.#openTabs.delete(tabId)) return;
    try {
      await requireTabApis().tabs.remove(tabId);
    } catch {
      // The user (or Chrome) closed it already.
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.#maxTabs) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}

type TabApis = ChromeApi & Required<Pick<ChromeApi, 'tabs' | 'scripting'>>;

function requireTabApis(): TabApis {
  const chrome = (globalThis as unknown as { chrome?: Partial<ChromeApi> }).chrome;
  if (!chrome?.tabs || !chrome.scripting) {
    throw new NotSupportedError('[skitter] RenderedTabDownloadHandler needs chrome.tabs and chrome.scripting: run it in an extension service worker whose manifest has the "scripting" permission.');
  }
  return chrome as TabApis;
}

function timeoutError(request: Request, timeoutMs: number, what: string): DownloadTimeoutError {
  return new DownloadTimeoutError(`[skitter] Rendering ${request.url} took longer than ${timeoutMs / 1000} seconds waiting for ${what} (RENDER_TIMEOUT / render_timeout meta).`);
}

/** Resolves when the tab's page finished loading (`status: 'complete'` on a non-blank URL). */
function waitForTabComplete(chrome: TabApis, tabId: number, created: ChromeTab, deadlineMs: number, onTimeout: () => Error, request: Request): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      chrome.tabs.onUpdated.removeListener(onUpdated);
      chrome.tabs.onRemoved.removeListener(onRemoved);
      if (error) reject(error);
      else resolve();
    };
    const isLoaded = (tab: ChromeTab): boolean => tab.status === 'complete' && tab.url !== undefined && tab.url !== '' && tab.url !== 'about:blank';
    const onUpdated = (id: number, _change: unknown, tab: ChromeTab): void => {
      if (id === tabId && isLoaded(tab)) done();
    };
    const onRemoved = (id: number): void => {
      if (id === tabId) done(new ConnectionError(`[skitter] RenderedTabDownloadHandler: the tab rendering ${request.url} was closed.`));
    };
    const timer = setTimeout(() => done(onTimeout()), Math.max(0, deadlineMs - performance.now()));
    chrome.tabs.onUpdated.addListener(onUpdated);
    chrome.tabs.onRemoved.addListener(onRemoved);
    if (isLoaded(created)) done();
    else void chrome.tabs.get(tabId).then((tab) => { if (isLoaded(tab)) done(); }, () => {});
  });
}
