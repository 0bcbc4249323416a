/**
 * Serves the demo catalogue over HTTP with `node:http` on 127.0.0.1 (Node only). Pages are
 * rendered per request (nothing heavy at start), connections are kept alive, and the server
 * counts requests per path, which drives `/flaky` and lets tests assert what a crawl fetched.
 * @example
 * const site = await startDemoSite({ products: 200 });
 * const response = await fetch(`${site.url}/robots.txt`);
 * await site.close();
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalogue, type CatalogueOptions, createCatalogue, type RenderContext } from './catalogue.ts';

/** Options of {@link startDemoSite}: the catalogue's options plus where to listen. */
export interface DemoSiteOptions extends CatalogueOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on; only loopback is supported. @default '127.0.0.1' */
  host?: '127.0.0.1';
}

/** A running demo site. */
export interface DemoSite {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:8123`. */
  readonly url: string;
  readonly port: number;
  readonly catalogue: Catalogue;
  /** Requests received so far (every method, preflights included, every path). */
  readonly requestCount: number;
  /**
   * Requests received for `path`, CORS preflights (OPTIONS) excluded: a bare path
   * (`/category/kitchen`) counts every query string, a path with `?` counts that exact target.
   */
  requestsFor(path: string): number;
  /** Stops listening and closes every connection, idle or not. */
  close(): Promise<void>;
}

function bump(counts: Map<string, number>, key: string): number {
  const next = (counts.get(key) ?? 0) + 1;
  counts.set(key, next);
  return next;
}

/**
 * Starts the demo site.
 * @throws {RangeError} on invalid catalogue options.
 * @throws {Error} when the port is taken (`EADDRINUSE`).
 */
export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSite> {
  const { port = 0, host = '127.0.0.1', ...catalogueOptions } = options;
  const catalogue = createCatalogue(catalogueOptions);
  const byPath = new Map<string, number>();
  const byTarget = new Map<string, number>();
  let requestCount = 0;
  let origin = '';

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    requestCount++;
    const target = request.url ?? '/';
    const mark = target.indexOf('?');
    const path = mark < 0 ? target : target.slice(0, mark);
    // Preflights are not counted per path: a browser's OPTIONS must not use up /flaky's one failure.
    const preflight = request.method === 'OPTIONS';
    const attempt = preflight ? 1 : bump(byPath, path);
    if (!preflight) bump(byTarget, target);
    // The Host header keeps absolute links on the name the client used (localhost vs 127.0.0.1).
    const hostHeader = request.headers.host;
    const respond = (requestBody: string | undefined): void => {
      const context: RenderContext = {
        origin: hostHeader === undefined ? origin : `http://${hostHeader}`,
        method: request.method,
        attempt,
      };
      if (request.headers.cookie !== undefined) context.cookie = request.headers.cookie;
      if (requestBody !== undefined) context.body = requestBody;
      const page = catalogue.render(target, undefined, context);
      const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
      response.writeHead(page.status, { ...page.headers, 'content-length': String(body.byteLength) });
      if (request.method === 'HEAD') response.end();
      else response.end(body);
    };
    if (request.method !== 'POST') {
      respond(undefined);
      return;
    }
    // Only the login form posts; its body is small.
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => respond(Buffer.concat(chunks).toString('utf8')));
  };

  const server = createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, handle);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  origin = `http://${host}:${bound}`;

  return {
    url: origin,
    port: bound,
    catalogue,
    get requestCount() {
      return requestCount;
    },
    requestsFor: (path) => (path.includes('?') ? byTarget : byPath).get(path) ?? 0,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
