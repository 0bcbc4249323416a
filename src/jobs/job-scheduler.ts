import type { Crawler } from '../core/crawler.ts';
import { Scheduler, type SchedulerLike } from '../core/scheduler/scheduler.ts';
import type { Request } from '../http/request.ts';
import type { MaybePromise } from '../utils/maybe-async.ts';
import { jobFor, type Job } from './job.ts';

/**
 * The scheduler of a JOBDIR crawl (Scrapy's Scheduler with a disk queue, made crash-safe): the
 * dupefilter and priority queue of the default scheduler, mirrored in the job's store. A request
 * is acknowledged (forgotten by the store) in the same commit that adds its children, their
 * fingerprints and its items; requests in flight when the process died are still stored and come
 * back to the queue on resume.
 *
 * Requests must be persistable: callbacks and errbacks are spider methods, `meta` and `cbKwargs`
 * JSON values; otherwise scheduling throws {@link UnpersistableRequestError}.
 * @see https://docs.scrapy.org/en/latest/topics/jobs.html
 */
export class JobScheduler implements SchedulerLike {
  #crawler: Crawler;
  #job: Job;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    this.#job = jobFor(crawler);
    if (crawler.settings.get('DUPEFILTER_CLASS')) {
      crawler.logger.warning('JOBDIR: DUPEFILTER_CLASS is ignored; a job filters duplicates with its own persisted fingerprint set (see docs/jobs.md).');
    }
  }

  /** Requests waiting. */
  get size(): number {
    return this.#job.size;
  }

  /** @throws {JobStateError} when the job cannot be resumed. */
  open(): Promise<void> {
    return this.#job.open();
  }

  close(reason: string): Promise<void> {
    return this.#job.close(reason);
  }

  hasPendingRequests(): boolean {
    return this.#job.hasPending();
  }

  /** @throws {UnpersistableRequestError} for a request the job cannot store. */
  enqueueRequest(request: Request, parent?: Request): boolean {
    const stats = this.#crawler.stats;
    if (!this.#job.enqueue(request, parent)) {
      stats.incValue('dupefilter/filtered');
      return false;
    }
    stats.incValue('scheduler/enqueued/disk');
    stats.incValue('scheduler/enqueued');
    return true;
  }

  nextRequest(): Request | undefined {
    const request = this.#job.next();
    if (request) {
      const stats = this.#crawler.stats;
      stats.incValue('scheduler/dequeued/disk');
      stats.incValue('scheduler/dequeued');
    }
    return request;
  }

  ackRequest(request: Request): MaybePromise<void> {
    return this.#job.ack(request);
  }
}

/**
 * The default SCHEDULER: the {@link JobScheduler} when JOBDIR is set, else the in-memory
 * {@link Scheduler}.
 */
export const defaultScheduler = {
  fromCrawler(crawler: Crawler): SchedulerLike {
    const jobdir = crawler.settings.get<string>('JOBDIR');
    return jobdir ? new JobScheduler(crawler) : new Scheduler(crawler);
  },
};
