import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server saw it. */
export interface SeenRequest { method: string; path: string; headers: IncomingMessage['headers']; body: string; atMs: number }

/** A tiny real HTTP server on 127.0.0.1 for purpose-built routes. */
export interface TestServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** Starts a server whose routes are matched on the path (query included first, then without it). */
export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const t0 = performance.now();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? 'GET', path, headers: req.headers, body, atMs: performance.now() - t0 });
    const route = routes[path] ?? routes[path.split('?')[0]!];
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>not found</body></html>');
      return;
    }
    await route(req, res, body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An HTML route. */
export function html(body: string, status = 200, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(body);
  };
}
