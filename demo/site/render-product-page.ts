/**
 * A product page: the scraped fields (`h1`, `.price`, `.availability`, `.rating`,
 * `.description`), a specifications table, 3-5 related products, and filler (detail
 * paragraphs, reviews, "customers also viewed" links) up to the catalogue's `pageBytes`.
 * @module
 */
import type { CatalogueData, Category, Product } from './catalogue-data.ts';
import { isoDay, longDay } from './dates.ts';
import { escapeHtml, layout } from './html.ts';
import { createRandom, mixSeed, type Random } from './random.ts';
import { categoryPath, formatPrice, productPath } from './render-listing-pages.ts';
import { CLOSERS, COLOURS, FEATURES, FIRST_NAMES, MATERIALS, OPENERS, PURPOSES, REVIEW_LINES } from './words.ts';

const encoder = new TextEncoder();

function stars(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}

/** Up to `count` distinct products other than `product`, drawn from the whole catalogue. */
function pickOthers(random: Random, data: CatalogueData, product: Product, count: number, taken: Set<number>): Product[] {
  const total = data.products.length;
  const picked: Product[] = [];
  for (let attempt = 0; picked.length < count && attempt < count * 4; attempt++) {
    const id = random.int(1, total);
    if (id === product.id || taken.has(id)) continue;
    taken.add(id);
    picked.push(data.products[id - 1] as Product);
  }
  return picked;
}

function specsTable(random: Random, product: Product): string {
  const rows: [string, string][] = [
    ['SKU', `SKT-${String(product.id).padStart(6, '0')}`],
    ['Material', random.pick(MATERIALS)],
    ['Colour', random.pick(COLOURS)],
    ['Weight', `${random.int(2, 250) / 10} kg`],
    ['Dimensions', `${random.int(10, 120)} x ${random.int(10, 120)} x ${random.int(2, 80)} cm`],
    ['Warranty', `${random.int(1, 5)} years`],
  ];
  let html = '<table class="specs">\n';
  for (const [name, value] of rows) html += `<tr><th>${name}</th><td>${value}</td></tr>\n`;
  return `${html}</table>\n`;
}

function detailParagraph(random: Random, name: string): string {
  const sentences = [random.pick(OPENERS)];
  for (let i = random.int(1, 3); i > 0; i--) {
    sentences.push(`The ${name} has ${random.pick(FEATURES)}, ${random.pick(PURPOSES)}.`);
  }
  sentences.push(random.pick(CLOSERS));
  return `<p>${sentences.join(' ')}</p>\n`;
}

function review(random: Random): string {
  const rating = random.int(1, 5);
  const day = random.int(0, 365);
  const text = [random.pick(REVIEW_LINES), random.pick(REVIEW_LINES)].join(' ');
  return `<li class="review"><p class="review-meta"><span class="reviewer">${random.pick(FIRST_NAMES)}</span> rated it `
    + `<span class="review-rating" data-rating="${rating}">${rating}/5</span> on <time datetime="${isoDay(day)}">${longDay(day)}</time></p>`
    + `<p>${text}</p></li>\n`;
}

function productLink(product: Product): string {
  return `<li><a href="${productPath(product)}">${escapeHtml(product.title)}</a> <span class="price">${formatPrice(product.price)}</span></li>\n`;
}

/** The page of `product`; its size is at least `pageBytes` minus a few hundred bytes. */
export function renderProductPage(data: CatalogueData, product: Product, category: Category): string {
  const random = createRandom(mixSeed(data.options.seed, product.id, 2));
  const taken = new Set<number>();
  const related = pickOthers(random, data, product, random.int(3, 5), taken);
  let relatedHtml = '';
  // Alternate root-relative and relative spellings, as real templates mix them.
  related.forEach((other, i) => {
    const href = i % 2 === 0 ? productPath(other) : `..${productPath(other)}`;
    relatedHtml += `<li><a href="${href}">${escapeHtml(other.title)}</a></li>\n`;
  });
  const title = escapeHtml(product.title);
  const categoryName = escapeHtml(category.name);
  const head = `<nav class="breadcrumb"><a href="/">Home</a> › <a href="${categoryPath(category)}">${categoryName}</a> › <span>${title}</span></nav>\n`
    + `<article class="product" data-product-id="${product.id}">\n<h1>${title}</h1>\n`
    + `<p class="price">${formatPrice(product.price)}</p>\n`
    + `<p class="availability">${product.availability}</p>\n`
    + `<p class="rating" data-rating="${product.rating}">${stars(product.rating)} <span>${product.rating} out of 5</span></p>\n`
    + `<p class="description">${escapeHtml(product.description)}</p>\n`
    + `<h2>Specifications</h2>\n${specsTable(random, product)}`
    + `<section class="related"><h2>Related products</h2>\n<ul>\n${relatedHtml}</ul></section>\n`
    + `<p><a class="back" href="${categoryPath(category)}">Back to ${categoryName}</a></p>\n`;
  const sections = ['<section class="details"><h2>Product details</h2>\n', '</section>\n<section class="reviews" id="reviews"><h2>Reviews</h2>\n<ul>\n',
    '</ul></section>\n<section class="also-viewed"><h2>Customers also viewed</h2>\n<ul>\n', '</ul></section>\n</article>\n'];
  // Filler is ASCII, so its UTF-8 size is its length; only the skeleton needs encoding.
  let size = encoder.encode(layout(product.title, head + sections.join(''))).length;
  const details: string[] = [];
  const reviews: string[] = [];
  const alsoViewed: string[] = [];
  const target = data.options.pageBytes;
  const lowerTitle = product.title.toLowerCase();
  while (size < target) {
    const roll = random.next();
    let piece: string;
    if (roll < 0.12 && alsoViewed.length < 12) {
      const [other] = pickOthers(random, data, product, 1, taken);
      if (other === undefined) continue;
      piece = productLink(other);
      alsoViewed.push(piece);
      size += encoder.encode(piece).length;
      continue;
    }
    if (roll < 0.55) details.push((piece = detailParagraph(random, lowerTitle)));
    else reviews.push((piece = review(random)));
    size += piece.length;
  }
  const body = head + sections[0] + details.join('') + sections[1] + reviews.join('') + sections[2] + alsoViewed.join('') + sections[3];
  return layout(product.title, body);
}
