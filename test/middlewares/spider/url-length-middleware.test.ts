import { describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Response } from '../../../src/node.ts';
import { runSpider } from '../../helpers/run-spider.ts';

const SHORT = 'http://x.test/short';
const LONG = `http://x.test/${'a'.repeat(30)}`; // 44 characters

describe('UrlLengthMiddleware', () => {
  it('drops start and callback requests longer than URLLENGTH_LIMIT, logging and counting each', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { [SHORT]: 'ok', [`${SHORT}2`]: 'ok' } });
    class Lengths extends Spider {
      override name = 'lengths';
      override startUrls = [SHORT, LONG];
      override parse(response: Response) {
        if (response.url === SHORT) return [new Request(`${LONG}b`), new Request(`${SHORT}2`, { callback: () => {} })];
      }
    }
    const run = await runSpider(Lengths, { URLLENGTH_LIMIT: 43 }, { adapter });
    expect(adapter.requests.map((r) => r.url)).toEqual([SHORT, `${SHORT}2`]);
    expect(run.stats['urllength/request_ignored_count']).toBe(2);
    expect(run.messages('INFO').filter((m) => m.startsWith('Ignoring link'))).toEqual([
      `Ignoring link (url length > 43): ${LONG}`,
      `Ignoring link (url length > 43): ${LONG}b`,
    ]);
  });

  it('keeps a URL exactly at the limit, and is off with URLLENGTH_LIMIT=0', async () => {
    for (const limit of [44, 0]) {
      const adapter = new VirtualLoopAdapter({ routes: { [LONG]: 'ok' } });
      class AtLimit extends Spider {
        override name = 'atlimit';
        override startUrls = [LONG];
        override parse() {}
      }
      const run = await runSpider(AtLimit, { URLLENGTH_LIMIT: limit }, { adapter });
      expect(adapter.requests.map((r) => r.url)).toEqual([LONG]);
      expect(run.stats['urllength/request_ignored_count']).toBeUndefined();
    }
  });
});
