/**
 * The few `chrome.*` extension APIs skitter's extension support calls, typed here so the package
 * needs no `@types/chrome`, and looked up on `globalThis` in one place.
 * @module
 */

/** `chrome.storage.StorageChange`. */
export interface ChromeStorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

/** The parts of `chrome.tabs.Tab` used here. */
export interface ChromeTab {
  id?: number;
  url?: string;
  status?: string;
}

/** The parts of a `chrome.webRequest` event's details used here. */
export interface ChromeWebRequestDetails {
  requestId: string;
  tabId: number;
  type: string;
  statusCode?: number;
  responseHeaders?: { name: string; value?: string }[];
}

interface ChromeEvent<L> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
}

type WebRequestEvent = {
  addListener(listener: (details: ChromeWebRequestDetails) => void, filter: { urls: string[]; types?: string[] }, extraInfoSpec?: string[]): void;
  removeListener(listener: (details: ChromeWebRequestDetails) => void): void;
};

/** The subset of the `chrome` global skitter uses. */
export interface ChromeApi {
  runtime: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: ChromeEvent<(message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | void>;
    onStartup?: ChromeEvent<() => void>;
    lastError?: { message?: string };
  };
  storage: {
    local: {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    };
    onChanged: ChromeEvent<(changes: Record<string, ChromeStorageChange>, areaName: string) => void>;
  };
  tabs?: {
    create(properties: { url: string; active?: boolean }): Promise<ChromeTab>;
    remove(tabId: number): Promise<void>;
    get(tabId: number): Promise<ChromeTab>;
    onUpdated: ChromeEvent<(tabId: number, change: { status?: string; url?: string }, tab: ChromeTab) => void>;
    onRemoved: ChromeEvent<(tabId: number) => void>;
  };
  scripting?: {
    executeScript<A extends unknown[], R>(injection: { target: { tabId: number }; func: (...args: A) => R; args?: A; world?: 'ISOLATED' | 'MAIN' }): Promise<{ result?: Awaited<R> }[]>;
  };
  webRequest?: {
    onBeforeRequest: WebRequestEvent;
    onHeadersReceived: WebRequestEvent;
    onCompleted: WebRequestEvent;
    onErrorOccurred: WebRequestEvent;
  };
  /** Present with the `alarms` permission. */
  alarms?: {
    create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void>;
    clear(name: string): Promise<boolean>;
    onAlarm: ChromeEvent<(alarm: { name: string }) => void>;
  };
  permissions?: {
    contains(permissions: { origins?: string[] }): Promise<boolean>;
    request(permissions: { origins?: string[] }): Promise<boolean>;
  };
}

/**
 * The `chrome` global.
 * @throws {Error} naming `who` when the code does not run in an extension.
 */
export function chromeApi(who: string): ChromeApi {
  const chrome = (globalThis as unknown as { chrome?: Partial<ChromeApi> }).chrome;
  if (!chrome?.runtime || !chrome.storage) {
    throw new Error(`[skitter] ${who}: the chrome.runtime / chrome.storage extension APIs are missing; run it in an extension's service worker or page (with the "storage" permission).`);
  }
  return chrome as ChromeApi;
}
