import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.ts';
import { stringOption } from '../command.ts';
import { UsageError } from '../usage-error.ts';

/**
 * The built playground (`npm run build:playground`), shipped in the package at
 * `demo/playground/dist/`: three folders up from the sources (`src/cli/commands/`), four from the
 * compiled CLI (`dist/src/cli/commands/`).
 */
export const PLAYGROUND_DIR = [
  new URL('../../../demo/playground/dist/', import.meta.url),
  new URL('../../../../demo/playground/dist/', import.meta.url),
].map((url) => fileURLToPath(url)).find((dir) => existsSync(dir)) ?? fileURLToPath(new URL('../../../demo/playground/dist/', import.meta.url));

/**
 * The default port: fixed, because the page keeps the visitor's spider in the storage of its
 * origin (`http://127.0.0.1:PORT`), which a new port each time would lose.
 */
export const PLAYGROUND_DEFAULT_PORT = 8520;

/** Parses `--port`: 0 (any free port) to 65535. @throws {UsageError} otherwise. */
function portOption(value: string | undefined): number {
  if (value === undefined) return PLAYGROUND_DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}

/**
 * `skitter playground`: serves the in-page playground (the editor, the crawl in a Web Worker, the
 * demo shop in a Service Worker) from the installed package on 127.0.0.1, prints its URL and runs
 * until Ctrl-C. Nothing is crawled by this process: everything runs in the browser.
 */
export const playgroundCommand: Command = {
  name: 'playground',
  summary: 'Serve the in-browser playground (write a spider, watch it crawl)',
  syntax: '[--port PORT]',
  description:
    'Serve the playground on 127.0.0.1 and print its URL: a spider editor, Run/Stop, live items, requests,\n' +
    'log and stats, and a selector tester, crawling the demo shop that the page itself serves (or any\n' +
    'CORS-enabled site). The crawl runs in your browser; stop the server with Ctrl-C.',
  options: [
    { long: 'port', type: 'string', metavar: 'PORT', help: `port to listen on (default: ${PLAYGROUND_DEFAULT_PORT}; 0 picks a free one)` },
  ],
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError('playground takes no arguments (see "skitter playground --help")');
    const port = portOption(stringOption(values, 'port'));
    if (!existsSync(`${PLAYGROUND_DIR}index.html`)) {
      throw new Error(`[skitter] playground: the playground is not built (${PLAYGROUND_DIR} has no index.html); in a clone of the repository, run \`npm run build:playground\`.`);
    }
    // Loaded when run: the other commands never need a static file server.
    const { default: sirv } = await import('sirv');
    const serve = sirv(PLAYGROUND_DIR, {
      etag: true,
      // The Service Worker must be checked for updates on every load, never served from a cache.
      setHeaders: (response, pathname) => {
        if (pathname === '/sw.js' || pathname.endsWith('.html')) response.setHeader('cache-control', 'no-cache');
      },
    });
    const server = createServer((request, response) => serve(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
        ? new UsageError(`port ${port} is in use; choose another with --port (0 picks a free one)`)
        : error));
      server.listen(port, '127.0.0.1', resolve);
    });
    const { port: bound } = server.address() as AddressInfo;
    io.stdout.write(`skitter playground: http://127.0.0.1:${bound}/\n`);
    io.terminal.writeLine('Open the URL in a browser; press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return 0;
  },
};
