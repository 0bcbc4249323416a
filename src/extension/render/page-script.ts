/**
 * The function injected into a rendering tab (`chrome.scripting.executeScript`): waits for the
 * page's `load`, then for a CSS selector when asked, and returns the rendered DOM. It is
 * serialized into the page, so it must be self-contained: no imports, no outer variables.
 * @module
 */

/** What {@link snapshotRenderedPage} returns. */
export interface RenderedPage {
  /** `document.documentElement.outerHTML` with the doctype. */
  html: string;
  /** The page's final URL (after redirects). */
  url: string;
  /** The navigation's HTTP status (Navigation Timing `responseStatus`), 0 when the browser does not expose it. */
  status: number;
  /** `document.contentType`. */
  contentType: string;
  /** Set when `selector` did not appear in time. */
  missingSelector?: string;
}

/**
 * Waits for `load`, then until `selector` matches (when given) or `timeoutMs` passed, and snapshots
 * the DOM. Runs in the page.
 */
export async function snapshotRenderedPage(selector: string | null, timeoutMs: number): Promise<RenderedPage> {
  const deadline = Date.now() + timeoutMs;
  if (document.readyState !== 'complete') {
    await new Promise<void>((resolve) => {
      addEventListener('load', () => resolve(), { once: true });
      setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
  }
  let missingSelector: string | undefined;
  if (selector !== null && document.querySelector(selector) === null) {
    const found = await new Promise<boolean>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector) !== null) finish(true);
      });
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
      function finish(ok: boolean): void {
        observer.disconnect();
        clearTimeout(timer);
        resolve(ok);
      }
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    });
    if (!found) missingSelector = selector;
  }
  const navigation = performance.getEntriesByType('navigation')[0] as (PerformanceEntry & { responseStatus?: number }) | undefined;
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>\n` : '';
  const page: RenderedPage = {
    html: doctype + document.documentElement.outerHTML,
    url: location.href,
    status: navigation?.responseStatus ?? 0,
    contentType: document.contentType,
  };
  if (missingSelector !== undefined) page.missingSelector = missingSelector;
  return page;
}
