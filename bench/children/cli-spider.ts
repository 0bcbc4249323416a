/**
 * The benchmark spider as a user writes it for `skitter runspider` (the CLI rows of the
 * benchmark): follows every same-host link from BENCH_ORIGIN and yields `{ url, title, name,
 * price }` per product page, as skitter-crawl.ts does in-process.
 * @module
 */
import { Spider, type Response } from 'skitter';
import { parseCatalogue } from './catalogue-parse.ts';

const origin = process.env.BENCH_ORIGIN ?? '';
const prefix = `${origin}/`;

export default class CatalogueCliSpider extends Spider {
  override name = 'bench-catalogue-cli';
  override startUrls = [prefix];

  override *parse(response: Response): Generator<unknown> {
    yield* parseCatalogue(response, prefix);
  }
}
