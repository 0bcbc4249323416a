import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_TEXT } from '../../demo/site/catalogue.ts';
import { type DemoSite, startDemoSite } from '../../demo/site/server.ts';
import { walkLinks } from '../fixtures/link-walk.ts';

describe('demo site server', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('listens on 127.0.0.1 and exposes every category and product through links from /', async () => {
    expect(site.url).toBe(`http://127.0.0.1:${site.port}`);
    const walk = await walkLinks(`${site.url}/`, { skip: (url) => url.pathname.startsWith('/private/') });
    expect([...walk.pages].sort()).toEqual(site.catalogue.expectedReachablePageUrls(site.url).sort());
    expect(walk.pages).toHaveLength(1059);
    expect(walk.skipped).toEqual([`${site.url}/private/secret`]);
    expect(walk.offsite).toEqual(['http://localhost:9/partner-shop']);
    expect(walk.statuses.get(`${site.url}/missing`)).toBe(404);
    expect(walk.statuses.get(`${site.url}/old-home`)).toBe(301);
    expect(walk.statuses.get(`${site.url}/flaky`)).toBe(200);
    expect(site.requestsFor('/flaky')).toBe(2);
    expect(site.requestsFor('/')).toBe(1);
    expect(site.requestsFor('/category/kitchen')).toBe(7);
    expect(site.requestsFor('/category/kitchen?page=7')).toBe(1);
    expect(site.requestsFor('/private/secret')).toBe(0);
    // Pages, plus the /flaky retry, /missing (404) and /old-home (301).
    expect(walk.requests).toBe(1059 + 1 + 1 + 1);
    expect(site.requestCount).toBe(walk.requests);
  });

  it('redirects, 404s and recovers /flaky per server instance', async () => {
    const redirect = await fetch(`${site.url}/old-home`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/');
    const followed = await fetch(`${site.url}/old-home`);
    expect(followed.url).toBe(`${site.url}/`);
    expect(await followed.text()).toContain('<h1>Skitter Demo Store</h1>');
    const missing = await fetch(`${site.url}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Page not found</h1>');
    const fresh = await startDemoSite({ products: 5, categories: 1 });
    try {
      const preflight = await fetch(`${fresh.url}/flaky`, { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);
      expect(fresh.requestsFor('/flaky')).toBe(0);
      expect(fresh.requestCount).toBe(1);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${fresh.url}/flaky`)).status);
      expect(statuses).toEqual([500, 200, 200]);
      expect(fresh.requestsFor('/flaky')).toBe(3);
    } finally {
      await fresh.close();
    }
  });

  it('sends /legacy as windows-1252 bytes with a bare text/html type', async () => {
    const response = await fetch(`${site.url}/legacy`);
    expect(response.headers.get('content-type')).toBe('text/html');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder('windows-1252').decode(bytes)).toContain(LEGACY_TEXT);
    expect(bytes.length).toBe(Number(response.headers.get('content-length')));
  });

  it('serves robots.txt and sitemaps with its own origin', async () => {
    expect(await (await fetch(`${site.url}/robots.txt`)).text()).toBe(`User-agent: *\nDisallow: /private/\n\nSitemap: ${site.url}/sitemap.xml\n`);
    const index = await fetch(`${site.url}/sitemap.xml`);
    expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await index.text()).toContain(`<loc>${site.url}/sitemap-products.xml</loc>`);
    const products = await (await fetch(`${site.url}/sitemap-products.xml`)).text();
    const locs = [...products.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(site.catalogue.expectedReachableProductUrls(site.url));
  });

  it('sends CORS headers everywhere and answers preflights', async () => {
    for (const path of ['/', '/missing', '/old-home', '/robots.txt', '/legacy']) {
      const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(response.headers.get('access-control-expose-headers'), path).toBe('*');
      await response.arrayBuffer();
    }
    const preflight = await fetch(`${site.url}/category/kitchen`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('*');
    expect(await preflight.text()).toBe('');
  });

  it('answers HEAD with headers only and keeps connections alive', async () => {
    const get = await fetch(`${site.url}/about`);
    const body = await get.text();
    const head = await fetch(`${site.url}/about`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(await head.text()).toBe('');
    expect(get.headers.get('connection')).toBe('keep-alive');
  });

  it('builds absolute links from the Host the client used', async () => {
    const slug = site.catalogue.categories[0]?.slug;
    const html = await (await fetch(`${site.url}/category/${slug}`)).text();
    expect(html).toContain(`<a class="view" href="${site.url}/product/`);
  });
});

describe('demo site serve.ts', () => {
  it('prints READY with its URL, serves, and exits 0 on SIGTERM', async () => {
    const script = fileURLToPath(new URL('../../demo/site/serve.ts', import.meta.url));
    const child = spawn(process.execPath, [script, '--port', '0', '--products', '30', '--page-bytes', '30000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^READY (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', () => reject(new Error(`serve.ts exited early: ${out}`)));
    });
    const sitemap = await (await fetch(`${url}/sitemap-products.xml`)).text();
    expect(sitemap.match(/<url>/g)).toHaveLength(30);
    const product = await (await fetch(/<loc>([^<]+)<\/loc>/.exec(sitemap)?.[1] as string)).arrayBuffer();
    expect(product.byteLength).toBeGreaterThanOrEqual(30_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 1 with a message on a bad option', async () => {
    const script = fileURLToPath(new URL('../../demo/site/serve.ts', import.meta.url));
    const child = spawn(process.execPath, [script, '--products', 'many'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toBe('[skitter] demo serve: --products must be a number, got many\n');
  });
});
