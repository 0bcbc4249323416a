/**
 * The distributed-crawl tests' site and spider: `pages` pages on 127.0.0.1, page i linking to pages
 * 3i+1..3i+3 and back to page 0 (a duplicate every worker sees), and a spider file that yields one
 * item per page. The server records every path it served, and can hold the responses to one
 * worker (by User-Agent) to stop it at a known point.
 * @module
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The spider, as a user writes it (it imports 'skitter'); its name comes from `-a name=...`. */
export const SITE_SPIDER = `
import { Request, Spider, type TextResponse } from 'skitter';

export default class SiteSpider extends Spider {
  name = 'site';
  site = '';

  async *start() {
    yield new Request(\`\${this.site}/p/0\`);
  }

  *parse(response: TextResponse) {
    yield { page: Number(response.url.split('/p/')[1]) };
    yield* response.followAll({ css: 'a' });
  }
}
`;

/** A request the site saw. */
export interface Hit { path: string; agent: string; atMs: number }

export interface TestSite {
  url: string;
  hits: Hit[];
  /** Responses to requests whose User-Agent contains this text wait until `release()`. */
  hold(agentPart: string): void;
  release(): void;
  /** Requests currently held. */
  readonly held: number;
  close(): Promise<void>;
}

/** Starts the site. `delayMs` slows every response (keeps a crawl running long enough to interrupt). */
export async function startTestSite(pages: number, delayMs = 0): Promise<TestSite> {
  const hits: Hit[] = [];
  const t0 = performance.now();
  let holdAgent: string | undefined;
  let waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const agent = String(req.headers['user-agent'] ?? '');
    hits.push({ path, agent, atMs: performance.now() - t0 });
    const respond = (): void => page(res, path, pages);
    if (holdAgent !== undefined && agent.includes(holdAgent)) {
      waiting.push(respond);
      return;
    }
    if (delayMs > 0) setTimeout(respond, delayMs);
    else respond();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    hold(agentPart) {
      holdAgent = agentPart;
    },
    release() {
      holdAgent = undefined;
      const w = waiting;
      waiting = [];
      for (const respond of w) respond();
    },
    get held() {
      return waiting.length;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function page(res: ServerResponse, path: string, pages: number): void {
  const m = /^\/p\/(\d+)$/.exec(path);
  const i = m ? Number(m[1]) : -1;
  if (i < 0 || i >= pages) {
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>not found</body></html>');
    return;
  }
  const links = [3 * i + 1, 3 * i + 2, 3 * i + 3].filter((j) => j < pages).map((j) => `<a href="/p/${j}">${j}</a>`);
  links.push('<a href="/p/0">home</a>');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<html><body><h1>Page ${i}</h1>${links.join(' ')}</body></html>`);
}
