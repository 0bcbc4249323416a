import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PRODUCT_IDS, CLIENT_RENDERED_IDS, DELAYED_RENDER_IDS, DEMO_LOGIN, SESSION_COOKIE,
} from '../../demo/site/catalogue.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ products: 40 });
});
afterAll(() => site.close());

describe('the demo site pages for browser-side crawls', () => {
  it('serves the client-rendered pages without a product in their HTML, and the JSON their script reads', async () => {
    for (const path of ['/js/products', '/js/delayed']) {
      const html = await (await fetch(`${site.url}${path}`)).text();
      expect(html).toContain('<ol class="product-list" id="app"></ol>');
      expect(html).not.toContain('product-card"');
    }
    const ids = [...CLIENT_RENDERED_IDS, ...DELAYED_RENDER_IDS];
    const json = await (await fetch(`${site.url}/api/products.json?ids=${ids.join(',')}`)).json() as { products: { id: number; title: string }[] };
    expect(json.products.map((p) => p.id)).toEqual(ids);
    expect(json.products[0]!.title).toBe(site.catalogue.products[0]!.title);
  });

  it('logs in with a form that sets the session cookie; /account lists products only with it', async () => {
    const anonymous = await fetch(`${site.url}/account`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');
    const wrong = await fetch(`${site.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'demo', password: 'nope' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const login = await fetch(`${site.url}/login`, { method: 'POST', body: new URLSearchParams(DEMO_LOGIN), redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/account');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const account = await (await fetch(`${site.url}/account`, { headers: { cookie } })).text();
    const ids = [...account.matchAll(/data-product-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(ACCOUNT_PRODUCT_IDS);
    const logout = await fetch(`${site.url}/logout`, { headers: { cookie }, redirect: 'manual' });
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
  });
});
