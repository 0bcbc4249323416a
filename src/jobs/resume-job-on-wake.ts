/**
 * Crash-safe crawls in an MV3 extension service worker: Chrome stops the worker whenever it
 * likes (30 s idle, updates, memory), losing every global. {@link resumeJobOnWake} makes a JOBDIR
 * crawl carry on from IndexedDB on the worker's next wake, with nothing for the user to do.
 * @module
 */
import { Crawler } from '../core/crawler.ts';
import type { SettingsInput } from '../core/settings/settings.ts';
import type { SpiderClass } from '../spiders/spider.ts';
import { IdbJobStore } from './idb-job-store.ts';

/** The `chrome.*` APIs used (present in extension service workers). */
interface ChromeApis {
  alarms?: {
    create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
    clear(name: string): Promise<boolean> | void;
    onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
  };
  runtime?: {
    onStartup?: { addListener(listener: () => void): void };
    onMessage?: { addListener(listener: (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean | void): void };
  };
}

/** Options of {@link resumeJobOnWake}. */
export interface ResumeJobOptions {
  /** The spider the job runs. */
  spider: SpiderClass;
  /** The job's IndexedDB database name (the JOBDIR setting). */
  jobdir: string;
  /** Settings of the crawl (JOBDIR is set from `jobdir`). */
  settings?: SettingsInput;
  /** Spider arguments. */
  args?: Record<string, unknown>;
  /**
   * Minutes between the alarms that wake a stopped worker while the job is unfinished (Chrome
   * fires alarms at most every 0.5 min).
   * @default 0.5
   */
  alarmPeriodMinutes?: number;
  /** Called with each crawl this starts (a new job or a resumed one), before it runs. */
  onCrawl?: (crawler: Crawler, resumed: boolean) => void;
  /** Called when a crawl of the job ended (finished or paused), with its finish reason. */
  onClosed?: (reason: string, crawler: Crawler) => void;
}

/** What {@link resumeJobOnWake} returns. */
export interface JobOnWake {
  /** Starts the job if it is not running in this worker (a new job, or resumes an unfinished one). */
  start(): Promise<void>;
  /** The crawl running in this worker, if any (resolves when it ends). */
  readonly running: Promise<void> | undefined;
  /** `none` (never started), `running` (unfinished: started and not finished) or `finished`. */
  status(): Promise<'none' | 'running' | 'finished'>;
}

/** The message that wakes the worker and resumes the job: `{ type: 'skitter-job-wake', jobdir }`. */
export const JOB_WAKE_MESSAGE = 'skitter-job-wake';

/**
 * Call at the TOP LEVEL of the service worker script (Chrome only delivers the events that woke a
 * worker to listeners registered synchronously there). On every wake (the worker starting for
 * any event: an alarm, browser start-up, a message, a popup opening) it resumes the job in
 * `jobdir` if it is unfinished. While the job is unfinished an alarm named `skitter-job:<jobdir>`
 * wakes the worker every `alarmPeriodMinutes`, so a worker Chrome stopped mid-crawl comes back on
 * its own; the alarm is cleared when the job finishes. Needs the `alarms` permission for that
 * alarm (without it, the job resumes on the next wake of any other kind).
 * @example
 * // service-worker.ts
 * import { resumeJobOnWake } from 'skitter/mv3';
 * const job = resumeJobOnWake({ spider: BooksSpider, jobdir: 'books-job', settings: { FEEDS: { 'idb://books/items': { format: 'jsonlines' } } } });
 * chrome.runtime.onMessage.addListener((m) => { if (m.type === 'crawl') void job.start(); });
 */
export function resumeJobOnWake(options: ResumeJobOptions): JobOnWake {
  const chrome = (globalThis as { chrome?: ChromeApis }).chrome;
  const alarm = `skitter-job:${options.jobdir}`;
  const period = options.alarmPeriodMinutes ?? 0.5;
  let running: Promise<void> | undefined;

  const status = async (): Promise<'none' | 'running' | 'finished'> => {
    const store = await IdbJobStore.open(options.jobdir);
    try {
      const { meta } = await store.load();
      return meta.format === undefined ? 'none' : meta.status === 'finished' ? 'finished' : 'running';
    } finally {
      store.close();
    }
  };

  const run = (resumed: boolean): Promise<void> => {
    if (running) return running;
    const crawler = new Crawler(options.spider, { ...options.settings, JOBDIR: options.jobdir });
    options.onCrawl?.(crawler, resumed);
    let reason = 'unknown';
    crawler.signals.connect('spider_closed', (args: { reason: string }) => {
      reason = args.reason;
    });
    running = (async () => {
      await chrome?.alarms?.create(alarm, { periodInMinutes: period, delayInMinutes: period });
      try {
        await crawler.crawl(options.args ?? {});
      } finally {
        running = undefined;
        if ((await status()) === 'finished') await chrome?.alarms?.clear(alarm);
        options.onClosed?.(reason, crawler);
      }
    })();
    return running;
  };

  const resumeIfUnfinished = (): void => {
    if (running) return;
    void status().then((s) => {
      if (s === 'running') void run(true);
    }, (error: unknown) => console.error(`[skitter] resumeJobOnWake: cannot read the job ${JSON.stringify(options.jobdir)}`, error));
  };

  chrome?.alarms?.onAlarm.addListener((a) => {
    if (a.name === alarm) resumeIfUnfinished();
  });
  chrome?.runtime?.onStartup?.addListener(resumeIfUnfinished);
  chrome?.runtime?.onMessage?.addListener((message) => {
    const m = message as { type?: unknown; jobdir?: unknown } | null;
    if (m && m.type === JOB_WAKE_MESSAGE && (m.jobdir === undefined || m.jobdir === options.jobdir)) resumeIfUnfinished();
  });
  // The worker is starting now (any wake runs this script): carry on at once.
  resumeIfUnfinished();

  return {
    start: () => run(false),
    get running() {
      return running;
    },
    status,
  };
}
