import { describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { runSpider } from '../../helpers/run-spider.ts';

/** Crawls one request on the virtual adapter; returns the headers the transport saw. */
async function sentHeaders(settings: Record<string, unknown>, init: ConstructorParameters<typeof Request>[1] = {}, props: Record<string, unknown> = {}) {
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

describe('UserAgentMiddleware', () => {
  it('sends USER_AGENT', async () => {
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }))['user-agent']).toBe('bot/1.0');
  });

  it('prefers the spider userAgent property, and keeps a User-Agent the request sets', async () => {
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }, {}, { userAgent: 'spider-agent' }))['user-agent']).toBe('spider-agent');
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }, { headers: { 'User-Agent': 'mine' } }))['user-agent']).toBe('mine');
  });
});
