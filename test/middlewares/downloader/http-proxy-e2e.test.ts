import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Request, Spider, type Response } from '../../../src/node.ts';
import { runSpider } from '../../helpers/run-spider.ts';
import { html, startTestServer, type TestServer } from '../../helpers/http-server.ts';

/** A minimal forward proxy on 127.0.0.1: absolute-form requests, recorded with their proxy headers. */
async function startProxy(): Promise<{ url: string; seen: Array<{ url: string; auth: string | undefined }>; close(): Promise<void> }> {
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers['proxy-authorization'] as string | undefined });
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('HttpProxyMiddleware + HTTP handler on Node, through a real proxy', () => {
  let origin: TestServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    origin = await startTestServer({ '/': html('<title>via proxy</title>') });
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy.close();
    await origin.close();
  });

  it('meta proxy with credentials: the proxy gets the request and Proxy-Authorization, the origin never sees it', async () => {
    const proxyWithAuth = proxy.url.replace('http://', 'http://user:secret@');
    const target = `${origin.url}/`;
    class ViaProxy extends Spider {
      override name = 'viaproxy';
      override async *start() { yield new Request(target, { meta: { proxy: proxyWithAuth } }); }
      override parse(r: Response) { return { title: r.css('title::text').get() }; }
    }
    origin.seen.length = 0;
    const run = await runSpider(ViaProxy);
    expect(run.items).toEqual([{ title: 'via proxy' }]);
    expect(proxy.seen).toEqual([{ url: target, auth: `Basic ${btoa('user:secret')}` }]);
    expect(origin.seen).toHaveLength(1);
    expect(origin.seen[0]!.headers['proxy-authorization']).toBeUndefined();
  });
});
