import { readFileSync, truncateSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DB_FILE, Request, Spider, isJobStateError, jobItemId, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { runCli, tempDir } from '../cli/run-cli.ts';

/** Ten pages (data: URLs), one item each; page n links to n + 1. */
class ChainSpider extends Spider {
  override name = 'chain';
  override async *start() {
    yield new Request('data:text/plain,0', { callback: this.parsePage });
  }
  *parsePage(response: Response) {
    const n = Number(response.text);
    yield { n, id: jobItemId };
    if (n < 9) yield new Request(`data:text/plain,${n + 1}`, { callback: this.parsePage });
  }
}

/** Keeps its own cursor in `spider.state`: each run's start() yields the pages after it. */
class CursorSpider extends Spider {
  override name = 'cursor';
  override customSettings = { JOBDIR_START_SKIP: false };
  override async *start() {
    const from = (this.state.next as number | undefined) ?? 0;
    for (let i = from; i < 6; i++) {
      this.state.next = i + 1;
      yield new Request(`data:text/plain,${i}`, { callback: this.parsePage, dontFilter: true });
    }
  }
  parsePage(response: Response) {
    return [{ n: Number(response.text) }];
  }
}

describe('JOBDIR state in Node', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  /** A paused job (stopped after 3 pages by CLOSESPIDER_PAGECOUNT) in a new folder. */
  async function pausedJob(name: string): Promise<string> {
    const jobdir = join(tmp.dir, name);
    const run = await runSpider(ChainSpider, { JOBDIR: jobdir, CONCURRENT_REQUESTS: 1, CLOSESPIDER_PAGECOUNT: 3, LOG_LEVEL: 'INFO' });
    expect(run.messages('INFO').some((m) => m.startsWith('Job paused (closespider_pagecount)'))).toBe(true);
    return jobdir;
  }

  it('a paused job resumes where it stopped: items, stats and item ids carry on', async () => {
    const jobdir = await pausedJob('resume');
    const second = await runSpider(ChainSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' });
    expect(second.items.map((i) => i.n)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(second.messages('INFO').some((m) => /^Resuming the job in .*: 1 pending requests, 4 seen, 1 start\(\) values done\.$/.test(m))).toBe(true);
    // Stats so far are restored: 3 items from the first run, 7 from this one.
    expect(second.stats['item_scraped_count']).toBe(10);
    expect(second.stats['job/resumed']).toBe(1);
    const third = await runSpider(ChainSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' });
    expect(third.items).toEqual([]);
    expect(third.messages('INFO').some((m) => m.includes('this job already finished; nothing to crawl'))).toBe(true);
  });

  it('items carry a stable id: the request fingerprint and the index', async () => {
    const ids: string[] = [];
    class IdPipeline {
      processItem(item: object) {
        ids.push(jobItemId(item)!);
        return item;
      }
    }
    await runSpider(ChainSpider, { JOBDIR: join(tmp.dir, 'ids'), ITEM_PIPELINES: { IdPipeline: { use: IdPipeline, order: 1 } }, LOG_LEVEL: 'INFO' });
    expect(ids).toHaveLength(10);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{40}:0$/);
    expect(new Set(ids).size).toBe(10);
  });

  it('spider.state persists: a cursor kept in it continues after a pause', async () => {
    const jobdir = join(tmp.dir, 'cursor');
    const first = await runSpider(CursorSpider, { JOBDIR: jobdir, CONCURRENT_REQUESTS: 1, CLOSESPIDER_ITEMCOUNT: 2, LOG_LEVEL: 'INFO' });
    const second = await runSpider(CursorSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' });
    const all = [...first.items, ...second.items].map((i) => i.n).sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(second.crawler.spider.state.next).toBe(6);
  });

  it('a truncated or garbage state is a JobStateError naming the file and how to start fresh', async () => {
    const jobdir = await pausedJob('truncated');
    const db = join(jobdir, JOB_DB_FILE);
    truncateSync(db, Math.floor(statSync(db).size / 3));
    const error = await runSpider(ChainSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' }).catch((e: unknown) => e);
    expect(isJobStateError(error)).toBe(true);
    expect((error as Error).message).toContain(db);
    expect((error as Error).message).toContain('Delete the directory');

    const garbage = join(tmp.dir, 'garbage');
    mkdirSync(garbage);
    writeFileSync(join(garbage, JOB_DB_FILE), 'this is not a database'.repeat(300));
    const error2 = await runSpider(ChainSpider, { JOBDIR: garbage, LOG_LEVEL: 'INFO' }).catch((e: unknown) => e);
    expect(isJobStateError(error2)).toBe(true);
    expect((error2 as Error).message).toMatch(/cannot be read .*corrupt or truncated\. Delete the directory/);
  });

  it("another spider's job, or another version's, is refused with the reason", async () => {
    const jobdir = await pausedJob('other');
    const error = await runSpider(CursorSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' }).catch((e: unknown) => e);
    expect(isJobStateError(error)).toBe(true);
    expect((error as Error).message).toContain('belongs to spider "chain", not "cursor"');
    const db = new DatabaseSync(join(jobdir, JOB_DB_FILE));
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'format'").run();
    db.close();
    const error2 = await runSpider(ChainSpider, { JOBDIR: jobdir, LOG_LEVEL: 'INFO' }).catch((e: unknown) => e);
    expect((error2 as Error).message).toContain('written by an incompatible skitter (state format 99, this version reads 1)');
  });

  it('through the CLI: a corrupt job exits 1 with the named error', async () => {
    const jobdir = await pausedJob('cli');
    truncateSync(join(jobdir, JOB_DB_FILE), 100);
    writeFileSync(join(tmp.dir, 'chain.ts'), `
import { Request, Spider } from 'skitter';
export default class ChainSpider extends Spider {
  name = 'chain';
  async *start() { yield new Request('data:text/plain,0'); }
  parse() {}
}
`);
    const r = await runCli(['runspider', 'chain.ts', '-s', `JOBDIR=${jobdir}`, '-L', 'INFO'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the job state in ${join(jobdir, JOB_DB_FILE)} cannot be read`);
    expect(r.stderr).toContain(`Delete the directory "${jobdir}"`);
  });

  it('a request that cannot be stored is an error naming the request and the field, when it is scheduled', async () => {
    class BadSpider extends Spider {
      override name = 'bad';
      override async *start() {
        yield new Request('data:text/plain,0', { callback: this.parsePage });
      }
      *parsePage() {
        yield new Request('data:text/plain,arrow', { callback: () => [] });
        yield new Request('data:text/plain,meta', { callback: this.parsePage, meta: { when: new Date(0) } });
        yield { ok: true };
      }
    }
    const run = await runSpider(BadSpider, { JOBDIR: join(tmp.dir, 'bad'), LOG_LEVEL: 'INFO' });
    const errors = run.logs.filter((r) => r.level === 'ERROR').map((r) => String((r.error as Error | undefined)?.message));
    expect(errors).toEqual([
      expect.stringContaining('cannot persist <GET data:text/plain,arrow>: its callback (callback) is not a method of the spider'),
    ]);
    // The spider error stops that callback's output (as any exception in a callback does).
    expect(run.items).toEqual([]);
    class BadMetaSpider extends BadSpider {
      override name = 'badmeta';
      override *parsePage() {
        yield new Request('data:text/plain,meta', { callback: this.parsePage, meta: { when: new Date(0) } });
      }
    }
    const run2 = await runSpider(BadMetaSpider, { JOBDIR: join(tmp.dir, 'badmeta'), LOG_LEVEL: 'INFO' });
    const errors2 = run2.logs.filter((r) => r.level === 'ERROR').map((r) => String((r.error as Error | undefined)?.message));
    expect(errors2).toEqual([expect.stringContaining('cannot persist <GET data:text/plain,meta>: meta.when is a Date object')]);
    void readFileSync;
  });
});
