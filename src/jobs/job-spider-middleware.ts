import type { Crawler } from '../core/crawler.ts';
import { NotConfigured } from '../errors/not-configured.ts';
import { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { fingerprint } from '../http/fingerprint.ts';
import type { Spider } from '../spiders/spider.ts';
import type { AnyIterable } from '../utils/maybe-async.ts';
import { setItemId } from './item-ids.ts';
import { jobFor, type Job } from './job.ts';
import { defaultScheduler, JobScheduler } from './job-scheduler.ts';

/**
 * The spider middleware of a JOBDIR crawl, closest to the spider:
 * - `start()`: skips the values earlier runs already handed off (so `start()` must yield the same
 *   sequence given the same `spider.state`; JOBDIR_START_SKIP false turns this off for a
 *   `start()` that keeps its own cursor in `spider.state`), counts the ones it hands off now, checks start
 *   requests can be stored, and hands start items off one at a time;
 * - callback output: gives each item its stable id (see `jobItemId`).
 * Off (NotConfigured) without JOBDIR, and when another SCHEDULER keeps the frontier (the Redis
 * scheduler uses JOBDIR for its worker journal only).
 */
export class JobSpiderMiddleware {
  #job: Job;
  #skip: boolean;

  constructor(crawler: Crawler) {
    if (!crawler.settings.get('JOBDIR')) throw new NotConfigured('JOBDIR is not set');
    const scheduler = crawler.settings.get<unknown>('SCHEDULER');
    if (scheduler != null && scheduler !== defaultScheduler && scheduler !== JobScheduler) throw new NotConfigured('SCHEDULER is not the job scheduler');
    this.#job = jobFor(crawler);
    this.#skip = crawler.settings.getBool('JOBDIR_START_SKIP');
  }

  async *processStart(start: AsyncIterable<unknown>): AsyncGenerator<unknown> {
    const job = this.#job;
    if (job.alreadyFinished) return;
    const skip = this.#skip ? job.startSkip : 0;
    let index = 0;
    for await (const value of start) {
      if (index < skip) {
        index++;
        continue;
      }
      if (value instanceof Request) {
        job.encode(value);
        job.offerStart(value, index);
        yield value;
        // The engine asks for the next value only after it scheduled this one.
        job.startHandedOff(index + 1);
      } else {
        const done = value != null && typeof value === 'object' ? job.startItem(index) : undefined;
        if (value != null && typeof value === 'object') setItemId(value, `start:${index}`);
        yield value;
        if (done) await done;
        else job.startHandedOff(index + 1);
      }
      index++;
    }
  }

  *processSpiderOutput(response: Response | null, result: Iterable<unknown>, _spider: Spider): Iterable<unknown> {
    let n = 0;
    let prefix: string | undefined;
    for (const value of result) {
      if (value !== null && typeof value === 'object' && !(value instanceof Request)) {
        prefix ??= response?.request ? fingerprint(response.request) : 'response';
        setItemId(value, `${prefix}:${n++}`);
      }
      yield value;
    }
  }

  async *processSpiderOutputAsync(response: Response | null, result: AnyIterable<unknown>, _spider: Spider): AsyncGenerator<unknown> {
    let n = 0;
    let prefix: string | undefined;
    for await (const value of result) {
      if (value !== null && typeof value === 'object' && !(value instanceof Request)) {
        prefix ??= response?.request ? fingerprint(response.request) : 'response';
        setItemId(value, `${prefix}:${n++}`);
      }
      yield value;
    }
  }
}
