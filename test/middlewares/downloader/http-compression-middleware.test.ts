import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crawler, HtmlResponse, Request, Spider, VirtualLoopAdapter, type Failure, type Response, type VirtualRoute } from '../../../src/node.ts';
import { HttpCompressionMiddleware } from '../../../src/middlewares/downloader/index.ts';
import { startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { runSpider } from '../../helpers/run-spider.ts';

const PAGE = '<html><body><h1>compressed</h1></body></html>';
const ENCODED = ['manualRedirects', 'forbiddenHeaders', 'cookieJar', 'encodedBodies'] as const;
const bytes = (b: Buffer) => new Uint8Array(b);

/** Crawls `routes['http://a.test/']` on a platform that leaves bodies encoded. */
async function fetchEncoded(route: VirtualRoute, settings: Record<string, unknown> = {}) {
  const adapter = new VirtualLoopAdapter({ routes: { 'http://a.test/': route }, capabilities: ENCODED });
  const out: { response?: Response; error?: Error } = {};
  class S extends Spider {
    override name = 'gz';
    override async *start() {
      yield new Request('http://a.test/', { callback: (r) => { out.response = r; }, errback: (f: Failure) => { out.error = f.value as Error; } });
    }
  }
  const run = await runSpider(S, settings, { adapter });
  return { ...out, run, adapter };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/gz': (_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }).end(gzipSync(PAGE)); },
  });
});
afterAll(() => server.close());

describe('HttpCompressionMiddleware', () => {
  it('decodes a gzip body into the right response class and counts it', async () => {
    const body = bytes(gzipSync(PAGE));
    const { response, run, adapter } = await fetchEncoded({ body, headers: { 'content-encoding': 'gzip' } });
    expect(response).toBeInstanceOf(HtmlResponse);
    expect(response!.text).toBe(PAGE);
    expect(response!.headers.has('Content-Encoding')).toBe(false);
    expect(adapter.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate');
    expect(run.stats['httpcompression/response_count']).toBe(1);
    expect(run.stats['httpcompression/response_bytes']).toBe(PAGE.length);
  });

  it('decodes zlib and raw deflate bodies', async () => {
    const zlib = await fetchEncoded({ body: bytes(deflateSync(PAGE)), headers: { 'content-encoding': 'deflate', 'content-type': 'text/html' } });
    const raw = await fetchEncoded({ body: bytes(deflateRawSync(PAGE)), headers: { 'content-encoding': 'deflate', 'content-type': 'text/html' } });
    expect([zlib.response!.text, raw.response!.text]).toEqual([PAGE, PAGE]);
  });

  it('undoes stacked encodings last first and keeps (with a warning) the ones it cannot decode', async () => {
    const body = bytes(gzipSync(Buffer.from('pretend-brotli')));
    const { response, run } = await fetchEncoded({ body, headers: { 'content-encoding': 'br, gzip', 'content-type': 'application/octet-stream' } });
    expect(new TextDecoder().decode(response!.body)).toBe('pretend-brotli');
    expect(response!.headers.get('Content-Encoding')).toBe('br');
    expect(run.messages('WARNING')).toEqual(["HttpCompressionMiddleware cannot decode the response for http://a.test/ from unsupported encoding(s) 'br'."]);
  });

  it('drops responses that decode past DOWNLOAD_MAXSIZE with IgnoreRequest', async () => {
    const big = 'x'.repeat(5000);
    const body = bytes(gzipSync(big));
    const { error, run } = await fetchEncoded({ body, headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } }, { DOWNLOAD_MAXSIZE: 1000 });
    expect(error!.name).toBe('IgnoreRequest');
    expect(error!.message).toMatch(new RegExp(`^Ignored response <200 http://a.test/> because its body \\(${body.byteLength} B compressed, \\d+ B decompressed so far\\) exceeded DOWNLOAD_MAXSIZE \\(1000 B\\) during decompression\\.$`));
    expect(run.messages('WARNING')).toEqual([error!.message]);
  });

  it('raises NotConfigured where fetch decodes bodies itself (Node), which a real gzip server shows', async () => {
    const crawler = new Crawler(Spider, {});
    expect(() => new HttpCompressionMiddleware(crawler)).toThrow("the node platform's fetch decodes gzip/deflate/br bodies itself, so there is nothing to decode");
    let text = '';
    const url = `${server.url}/gz`;
    class S extends Spider {
      override name = 'gz';
      override startUrls = [url];
      override parse(r: Response) {
        text = r.text;
      }
    }
    const run = await runSpider(S);
    expect(text).toBe(PAGE);
    expect(run.stats['httpcompression/response_count']).toBeUndefined();
  });

  it('is disabled by COMPRESSION_ENABLED=false', async () => {
    const body = bytes(gzipSync(PAGE));
    const { response } = await fetchEncoded({ body, headers: { 'content-encoding': 'gzip', 'content-type': 'text/html' } }, { COMPRESSION_ENABLED: false });
    expect(response!.body).toEqual(body);
  });
});
