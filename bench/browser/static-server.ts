/**
 * Serves the built page bundle (`index.html`, `web-bench.js`, its assets) on 127.0.0.1 so the
 * benchmark page has a real http origin, distinct from the site's (its fetches are then
 * cross-origin, as a crawl from a page or worker always is).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };

/** A job handed to a self-driven page or service worker, and the way its outcome comes back. */
export interface JobExchange {
  /** Answered on `GET /job` (JSON), once it resolves. */
  job(): Promise<unknown>;
  /** Called with the parsed body of `POST /result`. */
  onResult(outcome: unknown): void;
}

/**
 * Starts the server; resolves to its origin and a `close()`. With `exchange`, `GET /job` answers
 * the job and `POST /result` delivers the outcome (both with CORS, for the extension's worker).
 */
export async function serveStatic(dir: string, exchange?: JobExchange): Promise<{ origin: string; close(): Promise<void>; waitForJobRequest(): Promise<void> }> {
  let asked!: () => void;
  const jobRequested = new Promise<void>((resolve) => (asked = resolve));
  const server = createServer((request, response) => {
    if (exchange && request.url === '/job') {
      asked();
      void exchange.job().then((job) => response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(job)));
      return;
    }
    if (exchange && request.url === '/result' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
        exchange.onResult(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      });
      return;
    }
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    readFile(join(dir, path === '/' ? 'index.html' : path)).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
    /** Resolves when the browser side asked for its job (it is loaded and ready). */
    waitForJobRequest: () => jobRequested,
  };
}
