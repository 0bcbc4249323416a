/**
 * The page side of the extension protocol (popup, side panel, options page): commands to the
 * {@link CrawlService} in the service worker, the runs it keeps, and their items as downloads.
 * @module
 */
import { exportItemsBlob, type ExportItemsOptions } from '../feeds/export-items.ts';
import { readJobItems } from '../jobs/idb-job-store.ts';
import { chromeApi, type ChromeApi } from './chrome-api.ts';
import {
  RUN_INDEX_KEY, RUN_KEY_PREFIX, runKey, type CrawlCommand, type CrawlReply, type CrawlRun, type SpiderInfo,
  type StartCrawlOptions,
} from './crawl-protocol.ts';

/** File name extensions of the download formats. */
const FILE_EXTENSIONS: Readonly<Record<string, string>> = { jsonlines: 'jsonl', jsonl: 'jsonl', jl: 'jsonl', json: 'json', csv: 'csv', xml: 'xml' };

/**
 * Talks to the extension's {@link CrawlService}: start / pause / resume / stop a crawl, watch its
 * live record, list and delete past runs, download a run's items in any feed format. Every command
 * resolves with the service's answer or rejects with its message (meant for the user).
 * @example
 * const client = new CrawlClient();
 * await client.start({ spider: 'demo', startUrl: 'http://127.0.0.1:8080/' });
 * const unwatch = client.watch((run) => render(run));
 * client.saveFile(await client.download(run.id, 'csv'), `${run.spider}.csv`);
 */
export class CrawlClient {
  #chrome: ChromeApi;

  constructor() {
    this.#chrome = chromeApi('CrawlClient');
  }

  /** The spiders the service worker can run. */
  spiders(): Promise<SpiderInfo[]> {
    return this.#send<SpiderInfo[]>({ skitter: 'spiders' });
  }

  /** Starts a crawl; resolves with its record once it runs. */
  start(options: StartCrawlOptions): Promise<CrawlRun> {
    return this.#send<CrawlRun>({ skitter: 'start', ...options });
  }

  /** Pauses the running crawl: its job is saved, requests in flight finish; resolves once paused. */
  pause(): Promise<CrawlRun> {
    return this.#send<CrawlRun>({ skitter: 'pause' });
  }

  /** Resumes the paused crawl from its job. */
  resume(): Promise<CrawlRun> {
    return this.#send<CrawlRun>({ skitter: 'resume' });
  }

  /** Stops the running or paused crawl gracefully and ends its run; resolves with the finished run. */
  stop(): Promise<CrawlRun> {
    return this.#send<CrawlRun>({ skitter: 'stop' });
  }

  /** Deletes a finished run and its items. */
  async deleteRun(id: string): Promise<void> {
    await this.#send({ skitter: 'delete', id });
  }

  /** Every stored run, newest first. */
  async runs(): Promise<CrawlRun[]> {
    const ids = (await this.#chrome.storage.local.get(RUN_INDEX_KEY))[RUN_INDEX_KEY];
    if (!Array.isArray(ids) || ids.length === 0) return [];
    const records = await this.#chrome.storage.local.get((ids as string[]).map(runKey));
    return (ids as string[]).map((id) => records[runKey(id)] as CrawlRun | undefined).filter((run): run is CrawlRun => run !== undefined);
  }

  /** The newest run (the one in progress, if any). */
  async latest(): Promise<CrawlRun | undefined> {
    return (await this.runs())[0];
  }

  /**
   * Calls `listener` with a run's record each time the service worker writes it (progress every
   * ~500 ms, every status change), and with `undefined` when a run is deleted.
   * @returns a function that stops watching.
   */
  watch(listener: (run: CrawlRun | undefined, id: string) => void): () => void {
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
      if (area !== 'local') return;
      for (const [key, change] of Object.entries(changes)) {
        if (key.startsWith(RUN_KEY_PREFIX)) listener(change.newValue as CrawlRun | undefined, key.slice(RUN_KEY_PREFIX.length));
      }
    };
    this.#chrome.storage.onChanged.addListener(onChanged);
    return () => this.#chrome.storage.onChanged.removeListener(onChanged);
  }

  /**
   * Every item of a run, in commit order, read from its job's journal (`readJobItems`): the same
   * set whether the run is running, paused, interrupted or finished, each item once.
   */
  async items(id: string): Promise<unknown[]> {
    const run = (await this.#chrome.storage.local.get(runKey(id)))[runKey(id)] as CrawlRun | undefined;
    if (!run) throw new Error(`No run ${JSON.stringify(id)}; it may have been deleted.`);
    return readJobItems(run.jobdir);
  }

  /**
   * A run's items as a file's contents in `format` ('jsonlines', 'csv', 'json', 'xml'), exported by
   * the feed exporters.
   */
  async download(id: string, format: string, options: ExportItemsOptions = {}): Promise<Blob> {
    return exportItemsBlob(await this.items(id), format, options);
  }

  /** A file name for a run's download: `<spider>-<run id>.<ext>`. */
  fileName(run: Pick<CrawlRun, 'id' | 'spider'>, format: string): string {
    return `${run.spider}-${run.id}.${FILE_EXTENSIONS[format] ?? format}`;
  }

  /**
   * Saves a Blob as a file through the page's download mechanism (an `<a download>` click), so the
   * extension needs no `downloads` permission. Pages only (needs `document`).
   */
  saveFile(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has taken its copy once the click was handled.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async #send<T>(command: CrawlCommand): Promise<T> {
    const reply = await this.#chrome.runtime.sendMessage(command) as CrawlReply<T> | undefined;
    if (!reply) throw new Error('The extension\'s service worker did not answer; is serveExtensionCrawls() called in it?');
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }
}

/**
 * Asks the user (from a click handler: Chrome requires a user gesture) for permission to crawl
 * `url`'s origin, declared in the manifest's `optional_host_permissions`. Resolves to true when the
 * extension already has it or the user grants it.
 * @throws {Error} when `url` is not an absolute http(s) URL.
 */
export async function requestHostPermission(url: string): Promise<boolean> {
  const chrome = chromeApi('requestHostPermission');
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    origin = `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    throw new Error(`${JSON.stringify(url)} is not an http(s) URL; enter a start URL such as https://example.com/.`);
  }
  if (!chrome.permissions) throw new Error('The chrome.permissions API is missing (extension pages only).');
  if (await chrome.permissions.contains({ origins: [origin] })) return true;
  return chrome.permissions.request({ origins: [origin] });
}
