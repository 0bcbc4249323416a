/**
 * Counts each tab's network requests in flight through `chrome.webRequest`, so a renderer can wait
 * for the network to go quiet and read the main document's status and headers.
 * @module
 */
import type { ChromeApi, ChromeWebRequestDetails } from '../chrome-api.ts';

interface TabTraffic {
  inflight: Set<string>;
  lastChangeMs: number;
  mainFrame?: { status: number; headers: [string, string][] };
}

/**
 * Watches the tabs it is told about. Listeners are added on the first `track()` and removed by
 * `close()`. Events of a tab arriving before `track(tabId)` (the tab starts loading before
 * `chrome.tabs.create` resolves) are kept while `expecting()` holds.
 */
export class NetworkWatch {
  #webRequest: NonNullable<ChromeApi['webRequest']>;
  #tabs = new Map<number, TabTraffic>();
  /** Tabs given to `track()`; the others in `#tabs` were recorded while a create was pending. */
  #owned = new Set<number>();
  #expecting = 0;
  #listening = false;

  constructor(webRequest: NonNullable<ChromeApi['webRequest']>) {
    this.#webRequest = webRequest;
  }

  /** Starts recording unknown tabs too, until the returned function is called (around `tabs.create`). */
  expecting(): () => void {
    this.#listen();
    this.#expecting++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#expecting--;
    };
  }

  /** Keeps recording `tabId` until `forget(tabId)`. */
  track(tabId: number): void {
    this.#listen();
    this.#traffic(tabId, true);
  }

  /** Stops recording `tabId`. */
  forget(tabId: number): void {
    this.#tabs.delete(tabId);
    if (this.#expecting === 0) {
      // Unknown tabs recorded while a create was pending are not ours once every create returned.
      for (const id of this.#tabs.keys()) if (!this.#owned.has(id)) this.#tabs.delete(id);
    }
    this.#owned.delete(tabId);
  }

  /** The main document's status and headers, when seen. */
  mainFrame(tabId: number): { status: number; headers: [string, string][] } | undefined {
    return this.#tabs.get(tabId)?.mainFrame;
  }

  /**
   * Resolves once `tabId` had no request in flight for `quietMs`, or at `deadlineMs`
   * (`performance.now()` time); resolves to false on the deadline.
   */
  async quiet(tabId: number, quietMs: number, deadlineMs: number): Promise<boolean> {
    for (;;) {
      const traffic = this.#traffic(tabId, true);
      const now = performance.now();
      if (traffic.inflight.size === 0 && now - traffic.lastChangeMs >= quietMs) return true;
      if (now >= deadlineMs) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, deadlineMs - now))));
    }
  }

  /** Removes the listeners. */
  close(): void {
    if (!this.#listening) return;
    this.#listening = false;
    this.#webRequest.onBeforeRequest.removeListener(this.#onStart);
    this.#webRequest.onHeadersReceived.removeListener(this.#onHeaders);
    this.#webRequest.onCompleted.removeListener(this.#onEnd);
    this.#webRequest.onErrorOccurred.removeListener(this.#onEnd);
    this.#tabs.clear();
    this.#owned.clear();
  }

  #traffic(tabId: number, own: boolean): TabTraffic {
    let traffic = this.#tabs.get(tabId);
    if (!traffic) {
      traffic = { inflight: new Set(), lastChangeMs: performance.now() };
      this.#tabs.set(tabId, traffic);
    }
    if (own) this.#owned.add(tabId);
    return traffic;
  }

  #recorded(tabId: number): TabTraffic | undefined {
    if (tabId < 0) return undefined;
    if (this.#owned.has(tabId) || this.#expecting > 0) return this.#traffic(tabId, false);
    return undefined;
  }

  #onStart = (details: ChromeWebRequestDetails): void => {
    const traffic = this.#recorded(details.tabId);
    if (!traffic) return;
    traffic.inflight.add(details.requestId);
    traffic.lastChangeMs = performance.now();
  };

  #onHeaders = (details: ChromeWebRequestDetails): void => {
    if (details.type !== 'main_frame') return;
    const traffic = this.#recorded(details.tabId);
    if (!traffic) return;
    traffic.mainFrame = {
      status: details.statusCode ?? 0,
      headers: (details.responseHeaders ?? []).map((header) => [header.name, header.value ?? '']),
    };
  };

  #onEnd = (details: ChromeWebRequestDetails): void => {
    const traffic = this.#recorded(details.tabId);
    if (!traffic) return;
    traffic.inflight.delete(details.requestId);
    traffic.lastChangeMs = performance.now();
  };

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    const filter = { urls: ['<all_urls>'] };
    this.#webRequest.onBeforeRequest.addListener(this.#onStart, filter);
    this.#webRequest.onHeadersReceived.addListener(this.#onHeaders, { ...filter, types: ['main_frame'] }, ['responseHeaders']);
    this.#webRequest.onCompleted.addListener(this.#onEnd, filter);
    this.#webRequest.onErrorOccurred.addListener(this.#onEnd, filter);
  }
}
