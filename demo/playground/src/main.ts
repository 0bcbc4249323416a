/**
 * The playground page: the editor, Run / Stop, and the live views of the crawl (stats, items,
 * requests, log, selector tester). The demo shop is served by the page's Service Worker
 * (`shop/service-worker.ts`); crawls run in a Web Worker (`crawl-session.ts`), so the page only
 * draws, once per frame at most.
 * @module
 */
import type { LogRecord } from 'skitter';
import { type CrawlSession, startCrawl } from './crawl-session.ts';
import { SpiderEditor } from './editor.ts';
import { examples } from './examples.ts';
import { LogEntries } from './log-entries.ts';
import type { RequestRecord } from './protocol.ts';
import { sharedCode, shareUrl, storeCode, storedCode } from './saved-code.ts';
import { isSpiderSyntaxError, type SpiderSyntaxError } from './spider-module.ts';
import { el } from './views/dom.ts';
import { ItemsView } from './views/items-view.ts';
import { LogView, type LogEntry } from './views/log-view.ts';
import { RequestsView } from './views/requests-view.ts';
import { SelectorTester } from './views/selector-tester.ts';
import { StatsView } from './views/stats-view.ts';

const byTestId = <T extends HTMLElement>(id: string): T => document.querySelector<T>(`[data-testid="${id}"]`)!;
const runButton = byTestId<HTMLButtonElement>('run');
const stopButton = byTestId<HTMLButtonElement>('stop');
const shareButton = byTestId<HTMLButtonElement>('share');
const examplesMenu = byTestId<HTMLSelectElement>('examples');
const status = byTestId('status');
const errorBox = byTestId('error');

/** The demo shop's address: the page's own origin (the Service Worker answers its paths). */
const shopOrigin = location.origin;
const EXAMPLES = examples(shopOrigin);

// --- Service Worker: the demo shop --------------------------------------------------------------

/** `sw.js` with the options the page passes on: `dev` (the dev server), `products` (the page's `?products=N`). */
function serviceWorkerUrl(): URL {
  const url = new URL('./sw.js', location.href);
  if (__PLAYGROUND_SW_TYPE__ === 'module') url.searchParams.set('dev', '1');
  const products = new URLSearchParams(location.search).get('products');
  if (products !== null) url.searchParams.set('products', products);
  return url;
}

/**
 * Resolves once this page is controlled by the Service Worker of {@link serviceWorkerUrl}, so its
 * fetches (and its workers') reach the shop. A worker with other options is replaced first.
 */
async function startShop(): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('this browser has no Service Workers (or the page is not on http://localhost, 127.0.0.1 or https)');
  const url = serviceWorkerUrl();
  const controlled = navigator.serviceWorker.controller?.scriptURL === url.href
    ? Promise.resolve()
    : new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  await navigator.serviceWorker.register(url, { type: __PLAYGROUND_SW_TYPE__, scope: './' });
  await controlled;
}
const shopReady = startShop();

// --- Views ------------------------------------------------------------------------------------

const stats = new StatsView();
const items = new ItemsView();
const requests = new RequestsView((record) => {
  selectTab('selectors');
  tester.show(testedPage(record));
});
const testedPage = (record: RequestRecord) => ({ url: record.url, body: record.body, contentType: record.responseHeaders['content-type'] ?? '' });
const tester = new SelectorTester((url) => {
  const record = requests.response(url);
  return record ? testedPage(record) : undefined;
});
const editorRoot = byTestId('editor');
const logView = new LogView((line) => editor.goToLine(line));
const logEntries = new LogEntries();

document.getElementById('stats')!.append(stats.bar);
const TABS = [
  ['items', 'Items', items.element],
  ['requests', 'Requests', requests.element],
  ['log', 'Log', logView.element],
  ['selectors', 'Selector tester', tester.element],
  ['stats', 'Stats', stats.dump],
] as const;
type TabId = (typeof TABS)[number][0];
const tabButtons = new Map<TabId, HTMLButtonElement>();
const panels = document.getElementById('panels')!;
for (const [id, label, panel] of TABS) {
  const button = el('button', { className: 'tab', testId: `tab-${id}`, text: label });
  button.setAttribute('role', 'tab');
  button.addEventListener('click', () => selectTab(id));
  tabButtons.set(id, button);
  document.querySelector('.tabs')!.append(button);
  panel.classList.add('panel');
  panel.dataset.panel = id;
  panels.append(panel);
}
function selectTab(id: TabId): void {
  for (const [tab, button] of tabButtons) button.setAttribute('aria-selected', String(tab === id));
  for (const panel of panels.children) (panel as HTMLElement).hidden = (panel as HTMLElement).dataset.panel !== id;
  if (id === 'selectors') tester.suggest(requests.records.filter((r) => r.status === 200).map((r) => r.url));
}
selectTab('items');

// --- Editor, examples, saved code ---------------------------------------------------------------

function showError(message: string | undefined): void {
  errorBox.hidden = message === undefined;
  errorBox.textContent = message ?? '';
}
const syntaxMessage = (error: SpiderSyntaxError): string => `Syntax error at line ${error.line}, column ${error.column}: ${error.message}`;

let saveTimer: ReturnType<typeof setTimeout> | undefined;
const editor = new SpiderEditor(editorRoot, storedCode() ?? EXAMPLES[0]!.source, (text) => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => storeCode(text), 300);
}, (error) => {
  if (error) showError(syntaxMessage(error));
  else if (errorBox.dataset.kind !== 'crawl') showError(undefined);
});

examplesMenu.append(el('option', { text: 'Load an example...' }), ...EXAMPLES.map((example) => {
  const option = el('option', { text: example.label });
  option.value = example.id;
  return option;
}));
examplesMenu.addEventListener('change', () => {
  const example = EXAMPLES.find((e) => e.id === examplesMenu.value);
  if (example) {
    editor.text = example.source;
    storeCode(example.source);
  }
  examplesMenu.selectedIndex = 0;
});

void sharedCode().then((code) => {
  if (code !== undefined) editor.text = code;
});
shareButton.addEventListener('click', () => {
  void shareUrl(editor.text).then(async (url) => {
    history.replaceState(null, '', url);
    await navigator.clipboard?.writeText(url).catch(() => {});
    status.textContent = 'Link to this spider copied (and in the address bar).';
  });
});

// --- Run / Stop -------------------------------------------------------------------------------

let session: CrawlSession | undefined;

/** Log entries and request records arrive by the hundred: the views take them once per frame. */
let pendingLog: LogEntry[] = [];
let pendingRequests: RequestRecord[] = [];
let flushFrame = 0;
function flushSoon(): void {
  flushFrame ||= requestAnimationFrame(flush);
}
function flush(): void {
  flushFrame = 0;
  if (pendingLog.length > 0) logView.add(pendingLog);
  if (pendingRequests.length > 0) requests.add(pendingRequests);
  pendingLog = [];
  pendingRequests = [];
}

function setRunning(running: boolean): void {
  runButton.disabled = running;
  stopButton.disabled = !running;
  document.body.classList.toggle('running', running);
}

async function run(): Promise<void> {
  if (session) return;
  document.body.dataset.crawl = 'starting';
  errorBox.dataset.kind = '';
  showError(undefined);
  const source = editor.text;
  setRunning(true);
  // Without the shop, CORS-enabled sites can still be crawled.
  await shopReady.catch(() => {});
  items.clear();
  logView.clear();
  requests.clear();
  logEntries.reset();
  stats.start();
  status.textContent = 'Crawling...';
  const started = performance.now();
  try {
    session = startCrawl(source, {
      items: (batch) => {
        items.add(batch);
        stats.items = items.items.length;
      },
      log: (record: LogRecord) => {
        pendingLog.push(...logEntries.convert(record));
        flushSoon();
      },
      stats: (snapshot) => stats.update(snapshot),
      requests: (records) => {
        pendingRequests.push(...records);
        flushSoon();
      },
      end: (result) => {
        flush();
        session = undefined;
        setRunning(false);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if ('stats' in result) {
          stats.finish(result.stats);
          status.textContent = `Finished (${String(result.stats.finish_reason ?? 'done')}): ${items.items.length} items in ${seconds} s`;
        } else {
          stats.finish(undefined);
          const { message, stack } = result.error;
          const line = /spider\.ts|blob:/.test(stack ?? '') ? logEntries.convert({ level: 'ERROR', logger: 'playground', message, time: Date.now(), error: result.error })[0]!.line : undefined;
          errorBox.dataset.kind = 'crawl';
          showError(`The spider could not run${line === undefined ? '' : ` (line ${line})`}: ${message}`);
          if (line !== undefined) editor.goToLine(line);
          status.textContent = 'The spider could not run.';
        }
        document.body.dataset.crawl = 'ended';
      },
    });
    document.body.dataset.crawl = 'running';
  } catch (error) {
    setRunning(false);
    stats.finish(undefined);
    if (!isSpiderSyntaxError(error)) throw error;
    editor.showSyntaxError(error);
    showError(syntaxMessage(error));
    status.textContent = 'Fix the syntax error to run.';
    document.body.dataset.crawl = 'ended';
  }
}

runButton.addEventListener('click', () => void run());
stopButton.addEventListener('click', () => {
  status.textContent = 'Stopping: requests in flight finish...';
  stopButton.disabled = true;
  void session?.stop();
});

shopReady.then(() => {
  runButton.disabled = false;
  status.textContent = `Ready. The demo shop is served by this page at ${shopOrigin}/`;
}, (error: unknown) => {
  runButton.disabled = false;
  status.textContent = `The demo shop could not start (${error instanceof Error ? error.message : String(error)}); CORS-enabled sites still work.`;
});
