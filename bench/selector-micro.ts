/**
 * Micro benchmark of the selector layer on a ~30 KB product page with ~225 links.
 * Run: `node bench/selector-micro.ts` (Node 24, type stripping). Prints ms per page for each step.
 * @module
 */
import { parseHTML } from 'linkedom';
import { Selector } from '../src/selector/index.ts';

function buildPage(): string {
  const nav = Array.from({ length: 25 }, (_, i) => `<li><a href="/category/${i}" class="nav-link">Category ${i}</a></li>`).join('');
  const products = Array.from(
    { length: 32 },
    (_, i) => `<div class="product" data-id="${i}">
  <h2 class="title"><a href="/product/${i}">Product ${i} &amp; more</a></h2>
  <img src="/img/${i}.jpg" alt="Product ${i}"><p class="price">$${(i * 3.5).toFixed(2)}</p>
  <p class="desc">A fine product, number ${i}. It is <b>very</b> good &mdash; really. Made of solid materials,
  shipped in recyclable packaging, covered by a two-year warranty and loved by thousands of customers.
  Dimensions: ${10 + i} x ${20 + i} x ${5 + i} cm. Weight: ${(0.5 + i / 10).toFixed(1)} kg. In stock.</p>
  <table class="specs"><tr><th>Colour</th><td>Blue</td></tr><tr><th>Size</th><td>M</td></tr></table>
  <ul class="links"><li><a href="/product/${i}/reviews">Reviews</a></li><li><a href="/product/${i}/specs">Specs</a></li>
  <li><a href="/product/${i}/buy?ref=list&amp;pos=${i}">Buy</a></li><li><a href="https://example.com/share?p=${i}">Share</a></li></ul>
</div>`,
  ).join('\n');
  const footer = Array.from({ length: 40 }, (_, i) => `<a href="/page/${i}">Page ${i}</a>`).join(' | ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Products</title>
<link rel="stylesheet" href="/style.css"><script>window.dataLayer = [];</script></head><body>
<header><h1>All products</h1><nav><ul>${nav}</ul></nav></header><main>${products}</main>
<footer>${footer}<p>&copy; 2024 Shop</p></footer></body></html>`;
}

const page = buildPage();
const linkCount = (page.match(/<a /g) ?? []).length;
console.log(`page: ${(page.length / 1024).toFixed(1)} KB, ${linkCount} links`);

/**
 * Runs `body` in rounds and prints the best and the median round, in ms per call. The best round is
 * the figure to compare: the median shows how much other load on the machine disturbed the run.
 */
function time(label: string, iterations: number, body: () => unknown): void {
  for (let i = 0; i < Math.min(200, iterations); i++) body();
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) body();
    rounds.push((performance.now() - start) / iterations);
  }
  rounds.sort((a, b) => a - b);
  console.log(`${label.padEnd(60)} best ${rounds[0]!.toFixed(3)}  median ${rounds[3]!.toFixed(3)} ms/page`);
}

const N = 300;
time('construct Selector (lazy, no parse)', N * 10, () => new Selector({ text: page }));
time('parse (first access to root)', N, () => new Selector({ text: page }).root);
const parsed = new Selector({ text: page });
parsed.root;
time("css('a::attr(href)').getall() on a parsed page", N, () => parsed.css('a::attr(href)').getall());
time("css('h1::text').get() on a parsed page", N, () => parsed.css('h1::text').get());
time("css('div.product').css('h2 a::text').getall()", N, () => parsed.css('div.product').css('h2 a::text').getall());
time("first xpath on a page: parse + view + '//a/@href'", N, () => new Selector({ text: page }).xpath('//a/@href').getall());
time('parse + XPath view build', N, () => new Selector({ text: page }).xpath('/html'));
parsed.xpath('/html');
time("xpath('//a/@href').getall() (view built)", N, () => parsed.xpath('//a/@href').getall());
time("xpath('//div[@class=\"product\"]/h2/a/text()')", N, () => parsed.xpath('//div[@class="product"]/h2/a/text()').getall());
time("xpath('count(//a)').get()", N, () => parsed.xpath('count(//a)').get());
time("per page: parse + css links + h1 + css products (no xpath)", N, () => {
  const sel = new Selector({ text: page });
  sel.css('a::attr(href)').getall();
  sel.css('h1::text').get();
  sel.css('div.product').css('h2 a::text').getall();
});
time('per page: parse + css links + h1 + one xpath', N, () => {
  const sel = new Selector({ text: page });
  sel.css('a::attr(href)').getall();
  sel.css('h1::text').get();
  sel.xpath('//div[@class="product"]/h2/a/text()').getall();
});
time('reference: linkedom parseHTML', 50, () => parseHTML(page));
