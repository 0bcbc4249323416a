import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, VirtualLoopAdapter } from '../../../src/node.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/private': (req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'text/plain' }).end(ok ? 'welcome' : 'who are you?');
    },
  });
});
afterAll(() => server.close());

/** Crawls `urls` with a spider carrying `auth` properties; returns the Authorization header each URL got. */
async function authorizations(urls: string[], auth: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
  class S extends Spider {
    override name = 'auth';
    constructor() {
      super();
      Object.assign(this, auth);
    }
    override async *start() {
      for (const url of urls) yield new Request(url, { meta, callback: () => {} });
    }
  }
  await runSpider(S, {}, { adapter });
  return adapter.requests.map((r) => [r.url, r.headers.authorization ?? null]);
}

const basic = (s: string) => `Basic ${Buffer.from(s, 'utf8').toString('base64')}`;

describe('HttpAuthMiddleware', () => {
  it('logs in to a real server with the spider httpUser / httpPass', async () => {
    const statuses: number[] = [];
    const base = server.url;
    class S extends Spider {
      override name = 'auth';
      httpUser = 'alice';
      httpPass = 's3cret';
      httpAuthDomain = '127.0.0.1';
      override startUrls = [`${base}/private`];
      override parse(response: { status: number }) {
        statuses.push(response.status);
      }
    }
    await runSpider(S);
    expect(statuses).toEqual([200]);
  });

  it('sends credentials to httpAuthDomain and its subdomains only', async () => {
    const got = await authorizations(['http://example.com/', 'http://api.example.com/', 'http://other.test/'], { httpUser: 'u', httpPass: 'p', httpAuthDomain: 'example.com' });
    expect(got).toEqual([['http://example.com/', basic('u:p')], ['http://api.example.com/', basic('u:p')], ['http://other.test/', null]]);
  });

  it('limits credentials to the first request domain when httpAuthDomain is not set', async () => {
    const got = await authorizations(['http://first.test/', 'http://second.test/', 'http://first.test/again'], { httpUser: 'u', httpPass: 'p' });
    expect(got).toEqual([['http://first.test/', basic('u:p')], ['http://second.test/', null], ['http://first.test/again', basic('u:p')]]);
  });

  it('sends nothing to host-less first requests and takes the first real host as the domain', async () => {
    const got = await authorizations(['data:text/plain,x', 'http://first.test/', 'http://second.test/'], { httpUser: 'u', httpPass: 'p' });
    expect(got).toEqual([['http://first.test/', basic('u:p')], ['http://second.test/', null]]);
  });

  it('sends credentials everywhere when httpAuthDomain is null, encoding UTF-8', async () => {
    const got = await authorizations(['http://a.test/', 'http://b.test/'], { httpUser: 'jörg', httpPass: 'pä', httpAuthDomain: null });
    expect(got).toEqual([['http://a.test/', basic('jörg:pä')], ['http://b.test/', basic('jörg:pä')]]);
  });

  it('uses meta http_user / http_pass / http_auth_domain per request', async () => {
    const got = await authorizations(['http://a.test/', 'http://b.test/'], {}, { http_user: 'm', http_pass: 'n', http_auth_domain: 'a.test' });
    expect(got).toEqual([['http://a.test/', basic('m:n')], ['http://b.test/', null]]);
  });

  it('keeps an Authorization header the request already has', async () => {
    const adapter = new VirtualLoopAdapter({ routes: () => 'ok' });
    class S extends Spider {
      override name = 'auth';
      httpUser = 'u';
      httpPass = 'p';
      override async *start() {
        yield new Request('http://a.test/', { headers: { Authorization: 'Bearer t' }, callback: () => {} });
      }
    }
    await runSpider(S, {}, { adapter });
    expect(adapter.requests.map((r) => r.headers.authorization)).toEqual(['Bearer t']);
  });
});
