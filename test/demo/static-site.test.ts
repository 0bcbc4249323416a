import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHrefs, walkLinks } from '../fixtures/link-walk.ts';
import { startStaticServer, type StaticServer } from '../fixtures/static-server.ts';
import { type StaticSite, writeStaticSite } from '../fixtures/static-site.ts';

/** Only resolves relative links; nothing is fetched from it. */
const BASE = 'http://127.0.0.1';

async function htmlFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await htmlFiles(dir, rel)));
    else if (entry.name.endsWith('.html')) found.push(rel);
  }
  return found;
}

/** Breadth-first over the written files, mapping URL paths to files as a web server would. */
async function bfsOverFiles(dir: string): Promise<{ pages: string[]; missing: string[] }> {
  const seen = new Set(['/']);
  const queue = ['/'];
  const pages: string[] = [];
  const missing: string[] = [];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    const html = await readFile(file, 'utf8').catch(() => undefined);
    if (html === undefined) {
      missing.push(path);
      continue;
    }
    pages.push(path);
    for (const href of extractHrefs(html)) {
      const url = new URL(href, BASE + path);
      if (url.origin !== BASE || seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      queue.push(url.pathname);
    }
  }
  return { pages: pages.sort(), missing: missing.sort() };
}

describe('static site fixture', () => {
  let dir: string;
  let site: StaticSite;
  let server: StaticServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skitter-static-'));
    site = await writeStaticSite(dir);
    server = await startStaticServer(dir);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes 400 pages, all reachable from /index.html by a BFS over the files', async () => {
    expect(site.pageCount).toBe(400);
    expect(await htmlFiles(dir)).toHaveLength(400);
    const bfs = await bfsOverFiles(dir);
    expect(bfs.pages).toEqual(site.reachablePaths);
    expect(bfs.missing).toEqual(site.brokenPaths);
    expect(site.reachablePaths.slice(0, 4)).toEqual(['/', '/about.html', '/blog/', '/blog/2019/01/annotations-notes-160/']);
    expect(site.brokenPaths).toHaveLength(9);
    expect(site.brokenPaths.slice(0, 2)).toEqual(['/blog/2019/06/follow-up/', '/blog/2020/04/follow-up/']);
    expect(site.brokenPaths.slice(-3)).toEqual(['/docs/guides/legacy-options.html', '/docs/v1/', '/team.html']);
    expect(site.reachablePaths.filter((p) => /^\/blog\/\d/.test(p))).toHaveLength(176);
    expect(site.reachablePaths.filter((p) => p.startsWith('/blog/page/'))).toHaveLength(17);
    expect(site.reachablePaths.filter((p) => p.startsWith('/docs/'))).toHaveLength(195);
    expect(site.reachablePaths.filter((p) => p.startsWith('/blog/tags/')).length).toBe(9);
  });

  it('uses relative, directory and fragment links, as real sites do', async () => {
    const doc = site.reachablePaths.find((p) => p.startsWith('/docs/guides/') && p.endsWith('.html')) as string;
    const html = await readFile(join(dir, doc), 'utf8');
    expect(extractHrefs(html)).toEqual(expect.arrayContaining(['/', '/docs/', '../../', '../', './', '#usage', '#top', 'mailto:team@example.invalid']));
    expect(html).toContain('<img src="../../assets/diagram.svg"');
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.css">');
  });

  it('is crawlable over HTTP with exactly the reachable pages and 404s for broken links', async () => {
    const walk = await walkLinks(`${server.url}/`);
    expect([...walk.pages].sort()).toEqual(site.reachablePaths.map((p) => server.url + p).sort());
    for (const path of site.brokenPaths) expect(walk.statuses.get(server.url + path), path).toBe(404);
    expect(walk.requests).toBe(site.pageCount + site.brokenPaths.length);
  });

  it('serves files with their content type, directory indexes and redirects', async () => {
    const css = await fetch(`${server.url}/assets/site.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(await readFile(join(dir, 'assets/site.css'), 'utf8'));
    const png = await fetch(`${server.url}/assets/logo.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer()).slice(0, 4)).toEqual(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]));
    const index = await fetch(`${server.url}/docs/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe(await readFile(join(dir, 'docs/index.html'), 'utf8'));
    const bare = await fetch(`${server.url}/docs`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/docs/');
    expect((await fetch(`${server.url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await stat(join(dir, 'assets/diagram.svg'))).isFile()).toBe(true);
  });

  it('writes exactly the requested number of pages and is deterministic', async () => {
    for (const pages of [12, 13, 37, 111]) {
      const other = await mkdtemp(join(tmpdir(), 'skitter-static-'));
      try {
        const written = await writeStaticSite(other, { pages });
        expect(written.pageCount).toBe(pages);
        expect((await bfsOverFiles(other)).pages).toEqual(written.reachablePaths);
      } finally {
        await rm(other, { recursive: true, force: true });
      }
    }
    const again = await mkdtemp(join(tmpdir(), 'skitter-static-'));
    try {
      expect(await writeStaticSite(again)).toEqual(site);
      expect(await readFile(join(again, 'index.html'), 'utf8')).toBe(await readFile(join(dir, 'index.html'), 'utf8'));
    } finally {
      await rm(again, { recursive: true, force: true });
    }
    await expect(writeStaticSite(dir, { pages: 11 })).rejects.toThrow('[skitter] writeStaticSite: pages must be an integer >= 12, got 11');
  });
});
