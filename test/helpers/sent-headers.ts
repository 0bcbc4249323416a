import { Request, Spider, VirtualLoopAdapter } from '../../src/node.ts';
import { runSpider } from './run-spider.ts';

/**
 * Crawls one request on the virtual adapter and returns the headers the transport saw, for
 * middlewares that set headers. `props` are assigned to the spider (e.g. `userAgent`).
 */
export async function sentHeaders(settings: Record<string, unknown>, init: ConstructorParameters<typeof Request>[1] = {}, props: Record<string, unknown> = {}) {
  const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
  class S extends Spider {
    override name = 'h';
    constructor() {
      super();
      Object.assign(this, props);
    }
    override async *start() {
      yield new Request('http://a.test/', { ...init, callback: () => {} });
    }
  }
  await runSpider(S, settings, { adapter });
  return adapter.requests[0]!.headers;
}
