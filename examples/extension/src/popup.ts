/**
 * The starter's popup: pick a spider, start / pause / resume / stop its crawl in the service
 * worker, watch its progress, download its items, manage past runs. All state lives in the
 * service worker's run records, so closing and reopening the popup shows the same crawl.
 * @module
 */
import { CrawlClient, requestHostPermission, type CrawlRun, type SpiderInfo } from 'skitter/mv3';

const client = new CrawlClient();
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const spiderSelect = $<HTMLSelectElement>('spider');
const startUrl = $<HTMLInputElement>('start-url');
const argsInput = $<HTMLTextAreaElement>('args');
const statusBadge = document.querySelector<HTMLElement>('[data-testid="status"]')!;
let spiders: SpiderInfo[] = [];
/** The run on display: the newest one. */
let shown: CrawlRun | undefined;

function say(text: string): void {
  $('message').textContent = text;
  $('message').hidden = text === '';
}

/** `name=value` lines to spider arguments (values may hold commas and `=`, e.g. CSS selectors). */
function parseArgs(text: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const part of text.split('\n')) {
    const at = part.indexOf('=');
    if (part.trim() === '') continue;
    if (at < 1) throw new Error(`Argument "${part.trim()}" is not name=value.`);
    args[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return args;
}

function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function render(run: CrawlRun | undefined): void {
  const status = run?.status ?? 'idle';
  statusBadge.textContent = status;
  statusBadge.className = `status ${status}`;
  const live = status === 'running' || status === 'paused';
  $('start').hidden = live;
  $('pause').hidden = status !== 'running';
  $('resume').hidden = status !== 'paused';
  $('stop').hidden = !live;
  $('current-title').textContent = run
    ? `${run.spider}${run.startUrl ? ` on ${run.startUrl}` : ''}${run.finishReason ? ` (${run.finishReason})` : ''}`
    : 'No crawl yet';
  const progress = run?.progress;
  $('stats-pages').textContent = String(progress?.pages ?? 0);
  $('stats-items').textContent = String(progress?.items ?? 0);
  $('stats-rate').textContent = String(progress?.pagesPerSecond ?? 0);
  $('stats-errors').textContent = String(progress?.errors ?? 0);
  $('stats-elapsed').textContent = formatElapsed(progress?.elapsedMs ?? 0);
  $('items-preview').replaceChildren(...(run?.latestItems ?? []).map((item) => {
    const li = document.createElement('li');
    li.textContent = JSON.stringify(item);
    return li;
  }));
  for (const button of document.querySelectorAll<HTMLButtonElement>('.downloads button')) button.disabled = !run;
  if (run?.error && (status === 'interrupted' || status === 'failed')) say(run.error);
  else if (run?.interruptions) say(`Chrome stopped the service worker ${run.interruptions === 1 ? 'once' : `${run.interruptions} times`} during this crawl; it carried on from its saved job.`);
}

async function renderRuns(): Promise<void> {
  const rows = (await client.runs()).map((run) => {
    const row = document.createElement('tr');
    row.dataset.runId = run.id;
    const cells = [run.spider, new Date(run.startedAt).toLocaleString(), run.status, String(run.progress.pages), String(run.progress.items)];
    for (const text of cells) row.insertCell().textContent = text;
    const actions = row.insertCell();
    for (const [label, format] of [['jsonl', 'jsonlines'], ['csv', 'csv'], ['json', 'json']] as const) {
      const button = document.createElement('button');
      button.textContent = label;
      button.dataset.testid = `run-download-${label}`;
      button.onclick = () => void download(run, format);
      actions.append(button);
    }
    const remove = document.createElement('button');
    remove.textContent = 'delete';
    remove.dataset.testid = 'run-delete';
    remove.disabled = run.status === 'running' || run.status === 'paused';
    remove.onclick = () => void client.deleteRun(run.id).catch((error: Error) => say(error.message));
    actions.append(remove);
    return row;
  });
  $('runs').replaceChildren(...rows);
}

async function download(run: CrawlRun, format: string): Promise<void> {
  try {
    client.saveFile(await client.download(run.id, format), client.fileName(run, format));
  } catch (error) {
    say((error as Error).message);
  }
}

function showSpider(): void {
  const spider = spiders.find((s) => s.name === spiderSelect.value);
  startUrl.value = spider?.startUrls[0] ?? '';
}

$('start-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    say('');
    try {
      const url = startUrl.value.trim();
      // Chrome asks the user here (a click is required); the manifest lists the origins as optional.
      if (url !== '' && !(await requestHostPermission(url))) {
        say(`Permission to access ${new URL(url).origin} was denied, so the crawl cannot read its pages. Click Start again and choose Allow (or allow the site in chrome://extensions).`);
        return;
      }
      const args = parseArgs(argsInput.value);
      render(shown = await client.start({ spider: spiderSelect.value, ...(url ? { startUrl: url } : {}), args }));
    } catch (error) {
      say((error as Error).message);
    }
  })();
});
$('pause').onclick = () => void client.pause().then(render, (error: Error) => say(error.message));
$('resume').onclick = () => void client.resume().then(render, (error: Error) => say(error.message));
$('stop').onclick = () => void client.stop().catch((error: Error) => say(error.message));
for (const button of document.querySelectorAll<HTMLButtonElement>('.downloads button')) {
  button.onclick = () => void (shown && download(shown, button.dataset.format!));
}
spiderSelect.onchange = showSpider;

client.watch((run, id) => {
  if (run && (!shown || run.id === shown.id || run.startedAt >= shown.startedAt)) render(shown = run);
  else if (!run && shown?.id === id) render(shown = undefined);
  void renderRuns();
});

// Asking for the spiders also wakes the service worker, which resumes a crawl Chrome stopped.
spiders = await client.spiders();
spiderSelect.replaceChildren(...spiders.map((spider) => new Option(spider.name, spider.name)));
if (shown = await client.latest()) spiderSelect.value = shown.spider;
showSpider();
if (shown?.startUrl) startUrl.value = shown.startUrl;
render(shown);
await renderRuns();
