import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter, type Failure, type Response } from '../../../src/node.ts';
import { HttpError, isHttpError } from '../../../src/errors/http-error.ts';
import { isIgnoreRequest } from '../../../src/errors/ignore-request.ts';
import { startDemoSite, type DemoSite } from '../../../demo/site/server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 20 });
});
afterAll(() => site.close());

/** A spider fetching one URL with the given request options, recording statuses its callback sees. */
function oneRequest(path: string, init: ConstructorParameters<typeof Request>[1] = {}, extra: Record<string, unknown> = {}) {
  const base = () => site.url;
  return class OneRequest extends Spider {
    override name = 'one';
    static seen: number[] = [];
    constructor() {
      super();
      Object.assign(this, extra);
    }
    override async *start() {
      yield new Request(`${base()}${path}`, init);
    }
    override parse(response: Response) {
      OneRequest.seen.push(response.status);
      return { status: response.status };
    }
  };
}

describe('HttpErrorMiddleware', () => {
  it('ignores a 404 before the callback, logs it at INFO and counts it', async () => {
    const S = oneRequest('/missing');
    const run = await runSpider(S);
    expect(S.seen).toEqual([]);
    expect(run.items).toEqual([]);
    expect(run.stats['httperror/response_ignored_count']).toBe(1);
    expect(run.stats['httperror/response_ignored_status_count/404']).toBe(1);
    expect(run.messages('INFO')).toContain(`Ignoring response <404 ${site.url}/missing>: HTTP status code is not handled or not allowed`);
    expect(run.stats['spider_exceptions/count']).toBeUndefined();
  });

  it('passes a 404 to the callback when meta handle_httpstatus_list has it', async () => {
    const S = oneRequest('/missing', { meta: { handle_httpstatus_list: [404] } });
    const run = await runSpider(S);
    expect(S.seen).toEqual([404]);
    expect(run.stats['httperror/response_ignored_count']).toBeUndefined();
  });

  it('meta handle_httpstatus_list overrides the spider list and HTTPERROR_ALLOW_ALL', async () => {
    const S = oneRequest('/missing', { meta: { handle_httpstatus_list: [500] } }, { handleHttpstatusList: [404] });
    const run = await runSpider(S, { HTTPERROR_ALLOW_ALL: true });
    expect(S.seen).toEqual([]);
    expect(run.stats['httperror/response_ignored_status_count/404']).toBe(1);
  });

  it('passes a 404 with meta handle_httpstatus_all', async () => {
    const S = oneRequest('/missing', { meta: { handle_httpstatus_all: true } });
    await runSpider(S);
    expect(S.seen).toEqual([404]);
  });

  it('passes a 404 listed in the spider handleHttpstatusList', async () => {
    const S = oneRequest('/missing', {}, { handleHttpstatusList: [404] });
    await runSpider(S);
    expect(S.seen).toEqual([404]);
  });

  it('passes codes in HTTPERROR_ALLOWED_CODES (strings from -s are read as numbers)', async () => {
    const S = oneRequest('/missing');
    await runSpider(S, { HTTPERROR_ALLOWED_CODES: ['404'] });
    expect(S.seen).toEqual([404]);
  });

  it('passes everything with HTTPERROR_ALLOW_ALL', async () => {
    const S = oneRequest('/missing');
    await runSpider(S, { HTTPERROR_ALLOW_ALL: true });
    expect(S.seen).toEqual([404]);
  });

  it('gives the errback an HttpError carrying the response', async () => {
    const failures: Failure[] = [];
    const S = oneRequest('/missing', { errback: (f: Failure) => { failures.push(f); } });
    const run = await runSpider(S);
    expect(S.seen).toEqual([]);
    expect(failures).toHaveLength(1);
    const failure = failures[0]!;
    expect(failure.check(HttpError)).toBe(HttpError);
    expect(isHttpError(failure.value)).toBe(true);
    expect(isIgnoreRequest(failure.value)).toBe(true);
    expect((failure.value as HttpError).response.status).toBe(404);
    expect((failure.value as HttpError).response.url).toBe(`${site.url}/missing`);
    expect(failure.request.url).toBe(`${site.url}/missing`);
    // The errback handled it: nothing is logged or counted as ignored.
    expect(run.stats['httperror/response_ignored_count']).toBeUndefined();
  });

  it('lets 2xx through untouched', async () => {
    const adapter = new VirtualLoopAdapter({ routes: { 'http://x.test/': { status: 204 } } });
    const S = class extends Spider {
      override name = 'nocontent';
      static seen: number[] = [];
      override startUrls = ['http://x.test/'];
      override parse(r: Response) {
        S.seen.push(r.status);
      }
    };
    await runSpider(S, {}, { adapter });
    expect(S.seen).toEqual([204]);
  });
});
