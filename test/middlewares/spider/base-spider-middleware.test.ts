import { describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Response } from '../../../src/node.ts';
import { BaseSpiderMiddleware } from '../../../src/middlewares/spider/base-spider-middleware.ts';
import { runSpider } from '../../helpers/run-spider.ts';

const ORIGIN = 'http://site.test';
const routes = {
  [`${ORIGIN}/`]: '<a href="/keep">k</a><a href="/skip-me">s</a>',
  [`${ORIGIN}/keep`]: 'kept',
  [`${ORIGIN}/start-kept`]: 'start',
  [`${ORIGIN}/skip-start`]: 'never',
};

/** Drops requests whose URL contains "skip" and items marked `drop`; records what it saw. */
class Dropper extends BaseSpiderMiddleware {
  static seen: string[] = [];
  override getProcessedRequest(request: Request, response: Response | null): Request | null {
    Dropper.seen.push(`request ${request.url} from ${response ? response.url : 'start'}`);
    return request.url.includes('skip') ? null : request;
  }
  override getProcessedItem(item: unknown, response: Response | null): unknown {
    const it = item as { id: string; drop?: boolean };
    Dropper.seen.push(`item ${it.id} from ${response ? response.url : 'start'}`);
    return it.drop ? null : { ...it, checked: true };
  }
}

function spiderClass(asyncCallbacks: boolean) {
  return class DropperSpider extends Spider {
    override name = 'dropper';
    override async *start() {
      yield new Request(`${ORIGIN}/`);
      yield new Request(`${ORIGIN}/skip-start`);
      yield { id: 'start-item' };
      yield { id: 'start-dropped', drop: true };
    }
    override parse(response: Response): unknown {
      const out = [
        { id: `item ${response.url}` },
        { id: `dropped ${response.url}`, drop: true },
        ...response.css('a::attr(href)').getall().map((href) => response.follow(href)),
      ];
      if (asyncCallbacks) return (async function* () { yield* out; })();
      return (function* () { yield* out; })();
    }
  };
}

describe('BaseSpiderMiddleware', () => {
  for (const asyncCallbacks of [false, true]) {
    it(`drops requests and items (null) from start() and ${asyncCallbacks ? 'async' : 'sync'} callbacks, without a conversion warning`, async () => {
      Dropper.seen = [];
      const adapter = new VirtualLoopAdapter({ routes, latencyMs: 10 });
      const run = await runSpider(spiderClass(asyncCallbacks), {
        SPIDER_MIDDLEWARES: { Dropper: { use: Dropper, order: 543 } },
        CONCURRENT_REQUESTS: 1,
      }, { adapter });
      expect(adapter.requests.map((r) => r.url)).toEqual([`${ORIGIN}/`, `${ORIGIN}/keep`]);
      expect(run.items.map((i: { id: string }) => i.id).sort()).toEqual(['item http://site.test/', 'item http://site.test/keep', 'start-item']);
      expect(run.items.every((i: { checked?: boolean }) => i.checked === true)).toBe(true);
      // The engine reads start() as capacity allows, so start and callback output interleave.
      expect([...Dropper.seen].sort()).toEqual([
        `request ${ORIGIN}/ from start`,
        `request ${ORIGIN}/skip-start from start`,
        'item start-item from start',
        'item start-dropped from start',
        `item item ${ORIGIN}/ from ${ORIGIN}/`,
        `item dropped ${ORIGIN}/ from ${ORIGIN}/`,
        `request ${ORIGIN}/keep from ${ORIGIN}/`,
        `request ${ORIGIN}/skip-me from ${ORIGIN}/`,
        `item item ${ORIGIN}/keep from ${ORIGIN}/keep`,
        `item dropped ${ORIGIN}/keep from ${ORIGIN}/keep`,
      ].sort());
      expect(run.messages('WARNING')).toEqual([]);
    });
  }

  it('is universal: sync processSpiderOutput, processSpiderOutputAsync and an async processStart', () => {
    const proto = BaseSpiderMiddleware.prototype;
    expect(Object.prototype.toString.call(proto.processSpiderOutput)).toBe('[object GeneratorFunction]');
    expect(Object.prototype.toString.call(proto.processSpiderOutputAsync)).toBe('[object AsyncGeneratorFunction]');
    expect(Object.prototype.toString.call(proto.processStart)).toBe('[object AsyncGeneratorFunction]');
  });
});
