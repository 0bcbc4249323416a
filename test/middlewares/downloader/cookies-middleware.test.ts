import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, Request, Spider, VirtualLoopAdapter, type Response } from '../../../src/node.ts';
import { CookiesMiddleware } from '../../../src/middlewares/downloader/cookies-middleware.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/set': (req, res) => {
      const value = new URL(req.url!, 'http://x').searchParams.get('v') ?? 'none';
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': [`session=${value}; Path=/`, 'theme=dark; Path=/'] }).end('set');
    },
    '/echo': (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(req.headers.cookie ?? '');
    },
    '/set-and-redirect': (_req, res) => {
      res.writeHead(302, { Location: '/echo', 'Set-Cookie': 'via=redirect; Path=/' }).end();
    },
  });
});
afterAll(() => server.close());

/** Runs requests one after another (each callback yields the next); returns the /echo bodies in order. */
async function chain(steps: Array<{ path: string; meta?: Record<string, unknown>; cookies?: Request['cookies']; headers?: Record<string, string> }>, settings: Record<string, unknown> = {}) {
  const echoes: string[] = [];
  const base = server.url;
  const make = (i: number): Request | undefined => {
    const step = steps[i];
    if (!step) return undefined;
    return new Request(`${base}${step.path}`, {
      meta: step.meta ?? {},
      cookies: step.cookies ?? {},
      headers: step.headers ?? {},
      dontFilter: true,
      callback: (r: Response) => {
        if (new URL(r.url).pathname === '/echo') echoes.push(r.text);
        return make(i + 1);
      },
    });
  };
  class S extends Spider {
    override name = 'cookies';
    override async *start() {
      yield make(0)!;
    }
  }
  const run = await runSpider(S, settings);
  return { echoes, run };
}

describe('CookiesMiddleware', () => {
  it('sends cookies set by one response on the next request', async () => {
    const { echoes } = await chain([{ path: '/set?v=abc' }, { path: '/echo' }]);
    expect(echoes).toEqual(['session=abc; theme=dark']);
  });

  it('keeps separate jars per meta cookiejar', async () => {
    const { echoes } = await chain([
      { path: '/set?v=one', meta: { cookiejar: 1 } },
      { path: '/set?v=two', meta: { cookiejar: 2 } },
      { path: '/echo', meta: { cookiejar: 1 } },
      { path: '/echo', meta: { cookiejar: 2 } },
      { path: '/echo' },
    ]);
    expect(echoes).toEqual(['session=one; theme=dark', 'session=two; theme=dark', '']);
  });

  it('adds Request.cookies (object and list forms) to the jar and sends them', async () => {
    const { echoes } = await chain([
      { path: '/echo', cookies: { lang: 'fr' } },
      { path: '/echo', cookies: [{ name: 'cart', value: '3', path: '/' }] },
      { path: '/echo' },
    ]);
    expect(echoes).toEqual(['lang=fr', 'lang=fr; cart=3', 'lang=fr; cart=3']);
  });

  it('stores Set-Cookie of a redirect response before following it', async () => {
    const { echoes } = await chain([{ path: '/set-and-redirect' }]);
    expect(echoes).toEqual(['via=redirect']);
  });

  it('leaves requests with meta dont_merge_cookies alone', async () => {
    const { echoes } = await chain([
      { path: '/set?v=abc', meta: { dont_merge_cookies: true } },
      { path: '/echo', meta: { dont_merge_cookies: true }, headers: { Cookie: 'manual=1' } },
      { path: '/echo' },
    ]);
    expect(echoes).toEqual(['manual=1', '']);
  });

  it('logs cookies sent and received with COOKIES_DEBUG', async () => {
    const { run } = await chain([{ path: '/set?v=abc' }, { path: '/echo' }], { COOKIES_DEBUG: true });
    expect(run.messages('DEBUG').filter((m) => m.includes('cookies'))).toEqual([
      `Received cookies from: <200 ${server.url}/set?v=abc>\nSet-Cookie: session=abc; Path=/\n\nSet-Cookie: theme=dark; Path=/\n`,
      `Sending cookies to: <GET ${server.url}/echo>\nCookie: session=abc; theme=dark\n`,
    ]);
  });

  it('warns about request cookies without a value', async () => {
    const { echoes, run } = await chain([{ path: '/echo', cookies: [{ name: 'x' } as never] }]);
    expect(echoes).toEqual(['']);
    expect(run.messages('WARNING')).toContain(`Invalid cookie found in request <GET ${server.url}/echo>: {"name":"x"} ('value' is missing)`);
  });

  it('is disabled by COOKIES_ENABLED=false', async () => {
    const { echoes } = await chain([{ path: '/set?v=abc' }, { path: '/echo' }], { COOKIES_ENABLED: false });
    expect(echoes).toEqual(['']);
  });

  it('raises NotConfigured where the browser keeps the cookies (no cookieJar capability)', () => {
    const crawler = new Crawler(Spider, {}, { adapter: new VirtualLoopAdapter({ capabilities: [] }) });
    expect(() => new CookiesMiddleware(crawler)).toThrow("the virtual platform's fetch uses the browser's own cookie jar");
  });
});
