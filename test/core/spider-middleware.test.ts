import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, isInvalidOutputError, Request, signals, Spider, type Response } from '../../src/node.ts';
import { runSpider } from '../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../helpers/http-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ '/': html('<html><title>home</title></html>'), '/x': html('<html><title>x</title></html>') });
});
afterAll(() => server.close());

/** A sync-only middleware (a plain generator): tags items. */
class SyncTagger {
  *processSpiderOutput(_r: Response | null, result: Iterable<unknown>) {
    for (const o of result) yield tag(o, 'sync');
  }
}
/** An async-only middleware (an async generator). */
class AsyncTagger {
  async *processSpiderOutput(_r: Response | null, result: AsyncIterable<unknown>) {
    for await (const o of result) yield tag(o, 'async');
  }
}
/** A universal middleware: both forms. */
class UniversalTagger {
  *processSpiderOutput(_r: Response | null, result: Iterable<unknown>) {
    for (const o of result) yield tag(o, 'universal');
  }
  async *processSpiderOutputAsync(_r: Response | null, result: AsyncIterable<unknown>) {
    for await (const o of result) yield tag(o, 'universal');
  }
}
function tag(o: unknown, t: string): unknown {
  if (o && typeof o === 'object' && !(o instanceof Request)) return { ...(o as object), tags: [...((o as { tags?: string[] }).tags ?? []), t] };
  return o;
}
const mws = (list: Array<[new () => object, number]>) => ({
  SPIDER_MIDDLEWARES: Object.fromEntries(list.map(([c, order]) => [c.name, { use: c, order }])),
});

function spiderWith(base: string, parse: (this: Spider, r: Response) => unknown) {
  return class extends Spider {
    override name = 'mw';
    override startUrls = [`${base}/`];
    override parse(r: Response) { return parse.call(this, r); }
  };
}

describe('spider middleware chain', () => {
  it('processSpiderOutput runs in descending order (closest to the spider first)', async () => {
    class A extends SyncTagger {}
    class B extends UniversalTagger {}
    const S = spiderWith(server.url, function* () { yield { n: 1 }; });
    const run = await runSpider(S, mws([[A, 100], [B, 200]]));
    // B (200) is closer to the spider: it tags first.
    expect(run.items).toEqual([{ n: 1, tags: ['universal', 'sync'] }]);
  });

  it('mixing: a sync middleware after an async callback converts the output and warns once, naming it', async () => {
    const S = spiderWith(server.url, async function* () { yield { n: 1 }; yield { n: 2 }; });
    const run = await runSpider(S, mws([[SyncTagger, 500]]));
    expect(run.items).toEqual([{ n: 1, tags: ['sync'] }, { n: 2, tags: ['sync'] }]);
    const warnings = run.messages('WARNING').filter((m) => m.includes('SyncTagger'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^SyncTagger defines a sync-only processSpiderOutput/);
    expect(warnings[1]).toMatch(/^Async iterable passed to SyncTagger\.processSpiderOutput was collected into a sync iterable/);
  });

  it('mixing: when the converted async output throws, none of it is processed', async () => {
    const S = spiderWith(server.url, async function* () { yield { n: 1 }; yield { n: 2 }; throw new Error('mid-output'); });
    const run = await runSpider(S, mws([[SyncTagger, 500]]));
    expect(run.items).toEqual([]);
    expect(run.stats['spider_exceptions/Error']).toBe(1);
  });

  it('async path: items yielded before an exception are processed', async () => {
    const S = spiderWith(server.url, async function* () { yield { n: 1 }; yield { n: 2 }; throw new Error('mid-output'); });
    const run = await runSpider(S, mws([[AsyncTagger, 500]]));
    expect(run.items).toEqual([{ n: 1, tags: ['async'] }, { n: 2, tags: ['async'] }]);
    expect(run.stats['spider_exceptions/Error']).toBe(1);
  });

  it('a universal middleware never causes a conversion, for sync and async callbacks', async () => {
    const Async = spiderWith(server.url, async function* () { yield { n: 1 }; });
    const Sync = spiderWith(server.url, function* () { yield { n: 2 }; });
    for (const S of [Async, Sync]) {
      const run = await runSpider(S, mws([[UniversalTagger, 500], [AsyncTagger, 600]]));
      expect(run.items[0].tags).toEqual(['async', 'universal']);
      expect(run.messages('WARNING').filter((m) => m.includes('collected into a sync iterable'))).toEqual([]);
    }
  });

  it('a sync callback before an async-only middleware is upgraded without a warning', async () => {
    const S = spiderWith(server.url, function* () { yield { n: 1 }; });
    const run = await runSpider(S, mws([[AsyncTagger, 500]]));
    expect(run.items).toEqual([{ n: 1, tags: ['async'] }]);
    expect(run.messages('WARNING')).toEqual([]);
  });

  it('processSpiderException recovers with its own output; later output hooks still process it', async () => {
    class Recover {
      processSpiderException(_r: Response, e: unknown) { return [{ recovered: (e as Error).message }]; }
    }
    class Outer extends UniversalTagger {}
    const S = spiderWith(server.url, function* () { yield { n: 1 }; throw new Error('oops'); });
    // Recover (600) is closer to the spider than Outer (100).
    const run = await runSpider(S, mws([[Outer, 100], [Recover, 600]]));
    expect(run.items).toEqual([{ n: 1, tags: ['universal'] }, { recovered: 'oops', tags: ['universal'] }]);
    expect(run.stats['spider_exceptions/count']).toBeUndefined();
  });

  it('processSpiderInput throwing sends the response to the errback', async () => {
    class Reject {
      processSpiderInput(r: Response) { if (r.url.endsWith('/x')) throw new Error('rejected input'); }
    }
    const base = server.url;
    class S extends Spider {
      override name = 'input';
      override async *start() {
        yield new Request(`${base}/x`, { callback: () => ({ via: 'callback' }), errback: (f) => ({ via: 'errback', msg: (f.value as Error).message }) });
      }
    }
    const run = await runSpider(S, mws([[Reject, 500]]));
    expect(run.items).toEqual([{ via: 'errback', msg: 'rejected input' }]);
  });

  it('a hook returning a non-iterable fails with an error naming the middleware', async () => {
    class Broken {
      processSpiderOutputAsync() { return 42; }
      *processSpiderOutput() {}
    }
    const S = spiderWith(server.url, async function* () { yield { n: 1 }; });
    const run = await runSpider(S, mws([[Broken, 500]]));
    expect(run.items).toEqual([]);
    const err = run.logs.find((r) => r.level === 'ERROR')!;
    expect((err.error as Error).message).toBe('[skitter] Broken.processSpiderOutputAsync must return an iterable (use a generator), got number 42.');
  });

  it('processStart wraps start() in descending order; start items reach the pipelines', async () => {
    const base = server.url;
    class StartA {
      async *processStart(start: AsyncIterable<unknown>) { for await (const o of start) yield tag(o, 'A'); }
    }
    class StartB {
      async *processStart(start: AsyncIterable<unknown>) { yield { injected: true }; for await (const o of start) yield tag(o, 'B'); }
    }
    class S extends Spider {
      override name = 'start';
      override async *start() {
        yield { fromStart: 1 };
        yield new Request(`${base}/`, { callback: () => ({ page: true }) });
      }
    }
    const run = await runSpider(S, mws([[StartA, 100], [StartB, 200]]));
    expect(run.items).toEqual(expect.arrayContaining([
      { injected: true, tags: ['A'] },
      { fromStart: 1, tags: ['B', 'A'] },
      { page: true },
    ]));
    expect(run.items).toHaveLength(3);
  });
  it('a middleware with only processSpiderOutputAsync: one error naming it, and that method is skipped (as Scrapy)', async () => {
    class AsyncOnly {
      async *processSpiderOutputAsync(_r: Response | null, result: AsyncIterable<unknown>) {
        for await (const o of result) yield tag(o, 'async-only');
      }
    }
    const S = spiderWith(server.url, async function* () { yield { n: 1 }; yield { n: 2 }; });
    const run = await runSpider(S, mws([[AsyncOnly, 500], [AsyncTagger, 600]]));
    expect(run.items).toEqual([{ n: 1, tags: ['async'] }, { n: 2, tags: ['async'] }]);
    expect(run.messages('ERROR')).toEqual([
      'AsyncOnly defines processSpiderOutputAsync without processSpiderOutput; skipping processSpiderOutputAsync. Rename it to async *processSpiderOutput, or add a sync processSpiderOutput to make the middleware universal.',
    ]);
    expect(run.stats['finish_reason']).toBe('finished');
  });

  it('a sync generator start(): one error naming the spider and the fix, nothing sent, with or without the default middlewares', async () => {
    for (const settings of [{}, { SPIDER_MIDDLEWARES_BASE: {} }]) {
      server.seen.length = 0;
      const base = server.url;
      class SyncStart extends Spider {
        override name = 'sync-start';
        // @ts-expect-error: a sync generator where Scrapy and skitter want `async *start()`
        override *start() { yield new Request(`${base}/`); }
        override parse() { return { n: 1 }; }
      }
      let sent = 0;
      const crawler = new Crawler(SyncStart as never, { LOG_ENABLED: false, ...settings });
      crawler.signals.connect(signals.requestScheduled, () => { sent++; });
      const error = await crawler.crawl().then(() => undefined, (e: unknown) => e as Error);
      expect(isInvalidOutputError(error)).toBe(true);
      expect(error!.message).toBe('[skitter] SyncStart (spider "sync-start"): start() must be an async generator, got a sync generator (*start()); declare it as `async *start() { ... }`.');
      expect(sent).toBe(0);
      expect(server.seen).toEqual([]);
      expect(crawler.stats.getValue('finish_reason')).toBeUndefined();
    }
  });
});

