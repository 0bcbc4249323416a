/**
 * The demo site's pages for browser-side crawls: product lists that only JavaScript fills in
 * (`/js/products` at once after load, `/js/delayed` a while after), the JSON they read, and a
 * cookie login (`/login`, `/logout`) guarding `/account`, whose saved products only a logged-in
 * browser sees.
 * @module
 */
import type { CatalogueData, Product } from './catalogue-data.ts';
import { escapeHtml, layout } from './html.ts';
import { formatPrice, productPath } from './render-listing-pages.ts';
import { htmlResponse, siteResponse, type SiteResponse } from './site-response.ts';

/** Products 1..N (by id) that `/js/products` renders client-side. */
export const CLIENT_RENDERED_IDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];
/** Products `/js/delayed` inserts {@link DELAYED_RENDER_MS} after load. */
export const DELAYED_RENDER_IDS: readonly number[] = [9, 10, 11, 12];
/** How long after `load` `/js/delayed` inserts its products, in ms. */
export const DELAYED_RENDER_MS = 1500;
/** The products `/account` lists for a logged-in user. */
export const ACCOUNT_PRODUCT_IDS: readonly number[] = [13, 14, 15, 16, 17];
/** The login the form accepts. */
export const DEMO_LOGIN = Object.freeze({ username: 'demo', password: 'demo' });
/** The session cookie's name; its value is {@link SESSION_TOKEN}. */
export const SESSION_COOKIE = 'skitter_session';
const SESSION_TOKEN = 'demo-session-1';

function pick(data: CatalogueData, ids: readonly number[]): Product[] {
  return ids.filter((id) => id <= data.products.length).map((id) => data.products[id - 1] as Product);
}

/** `/api/products.json?ids=1,2,3`: the products the client-rendered pages show. */
export function renderProductsJson(data: CatalogueData, params: URLSearchParams): SiteResponse {
  const ids = (params.get('ids') ?? '').split(',').map(Number).filter((id) => Number.isInteger(id) && id >= 1);
  const products = pick(data, ids).map((product) => ({ id: product.id, title: product.title, price: product.price, path: productPath(product) }));
  return siteResponse(200, 'application/json; charset=utf-8', JSON.stringify({ products }));
}

/**
 * The script of the client-rendered pages: fetches the products' JSON, then (after `delayMs`)
 * appends one `.product-card` per product to `#app`. The served HTML holds no product at all.
 */
function appScript(ids: readonly number[], delayMs: number): string {
  return `<script>
addEventListener('DOMContentLoaded', async () => {
  const response = await fetch('/api/products.json?ids=${ids.join(',')}');
  const { products } = await response.json();
  await new Promise((resolve) => setTimeout(resolve, ${delayMs}));
  const list = document.getElementById('app');
  for (const product of products) {
    const card = document.createElement('li');
    card.className = 'product-card';
    card.dataset.productId = String(product.id);
    const title = document.createElement('h2');
    const link = document.createElement('a');
    link.href = product.path;
    link.textContent = product.title;
    title.append(link);
    const price = document.createElement('p');
    price.className = 'price';
    price.textContent = '£' + product.price.toFixed(2);
    card.append(title, price);
    list.append(card);
  }
});
</script>\n`;
}

/** `/js/products`: an empty list the page's script fills in right after load; links to `/js/delayed`. */
export function renderClientRenderedPage(): string {
  return layout('Our picks', '<h1>Our picks</h1>\n<ol class="product-list" id="app"></ol>\n'
    + '<nav class="pagination"><ul class="pager"><li class="next"><a rel="next" href="/js/delayed">more picks</a></li></ul></nav>\n'
    + appScript(CLIENT_RENDERED_IDS, 0));
}

/** `/js/delayed`: the same, filled in {@link DELAYED_RENDER_MS} after load. */
export function renderDelayedPage(): string {
  return layout('More picks', '<h1>More picks</h1>\n<p class="loading">Loading the picks...</p>\n<ol class="product-list" id="app"></ol>\n'
    + appScript(DELAYED_RENDER_IDS, DELAYED_RENDER_MS));
}

/** True when the request's Cookie header holds the demo session. */
export function hasSession(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '').split(';').some((part) => part.trim() === `${SESSION_COOKIE}=${SESSION_TOKEN}`);
}

function loginForm(message: string): string {
  return layout('Sign in', `<h1>Sign in</h1>\n${message}`
    + '<form class="login" method="post" action="/login">\n'
    + '<label>User name <input name="username" autocomplete="username"></label>\n'
    + '<label>Password <input name="password" type="password" autocomplete="current-password"></label>\n'
    + '<button type="submit">Sign in</button>\n</form>\n'
    + `<p class="hint">Demo login: ${DEMO_LOGIN.username} / ${DEMO_LOGIN.password}</p>\n`);
}

/**
 * `/login`: GET shows the form; POST with the demo login sets the session cookie and redirects
 * (303) to `/account`; a wrong login gets the form again with status 401.
 */
export function renderLogin(method: string, body: string | undefined): SiteResponse {
  if (method !== 'POST') return htmlResponse(200, loginForm(''));
  const form = new URLSearchParams(body ?? '');
  if (form.get('username') !== DEMO_LOGIN.username || form.get('password') !== DEMO_LOGIN.password) {
    return htmlResponse(401, loginForm('<p class="error">Wrong user name or password.</p>\n'));
  }
  return siteResponse(303, 'text/html; charset=utf-8', '', {
    location: '/account',
    'set-cookie': `${SESSION_COOKIE}=${SESSION_TOKEN}; Path=/; HttpOnly; SameSite=Lax`,
  });
}

/** `/logout`: clears the session cookie and redirects (303) to `/`. */
export function renderLogout(): SiteResponse {
  return siteResponse(303, 'text/html; charset=utf-8', '', {
    location: '/',
    'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
  });
}

/** `/account`: the saved products with the session cookie; a redirect (302) to `/login` without. */
export function renderAccount(data: CatalogueData, cookieHeader: string | undefined): SiteResponse {
  if (!hasSession(cookieHeader)) return siteResponse(302, 'text/html; charset=utf-8', '', { location: '/login' });
  let cards = '';
  for (const product of pick(data, ACCOUNT_PRODUCT_IDS)) {
    cards += `<li class="product-card" data-product-id="${product.id}">\n`
      + `<h2><a href="${productPath(product)}">${escapeHtml(product.title)}</a></h2>\n`
      + `<p class="price">${formatPrice(product.price)}</p>\n</li>\n`;
  }
  return htmlResponse(200, layout('Your account', `<h1>Your saved products</h1>\n<ol class="product-list">\n${cards}</ol>\n`
    + '<p><a href="/logout">Sign out</a></p>\n'));
}
