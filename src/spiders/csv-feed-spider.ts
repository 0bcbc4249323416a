// The browser build of csv-parse: it runs in every runtime (pages, workers, MV3) as well as Node.
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import type { Response } from '../http/response.ts';
import { collectNodeOutput, missingMethod } from './feed-results.ts';
import { Spider } from './spider.ts';

/**
 * A spider for CSV feeds, Scrapy's `CSVFeedSpider`: `parse` reads the response as CSV (parsed by
 * csv-parse) and calls `parseRow(response, row)` for each row, with `row` an object from the
 * header names to the cell values. Output goes through `processResults` before it is yielded.
 *
 * The header is `headers` when given, else the first row. A row with a different number of cells
 * than the header is skipped with a warning naming its line (as Scrapy's `csviter`), and counted
 * in the `csvfeed/skipped_rows` stat.
 * @example
 * class PriceListSpider extends CSVFeedSpider {
 *   name = 'prices';
 *   startUrls = ['http://127.0.0.1:8080/feeds/products.csv'];
 *   parseRow(response: Response, row: Record<string, string>) {
 *     return { sku: row.sku, price: Number(row.price) };
 *   }
 * }
 * @see https://docs.scrapy.org/en/latest/topics/spiders.html#csvfeedspider
 */
export class CSVFeedSpider extends Spider {
  /** The cell separator (one character). @default ',' */
  delimiter = ',';
  /** The quote character (one character). @default '"' */
  quotechar = '"';
  /** The column names; `null` takes them from the first row. @default null */
  headers: string[] | null = null;

  /**
   * Called for each row: return items and requests as a callback does. Must be overridden.
   * @throws {NotConfigured} when the spider does not define it.
   */
  parseRow(_response: Response, _row: Record<string, string>): unknown {
    throw missingMethod(this, 'a CSVFeedSpider', 'parseRow(response, row)');
  }

  /** Changes the response before it is read (e.g. drops a preamble). @default the response unchanged */
  adaptResponse(response: Response): Response {
    return response;
  }

  /** Changes the output of one row's `parseRow` before it is yielded. @default the results unchanged */
  processResults(_response: Response, results: unknown[]): unknown[] | Iterable<unknown> {
    return results;
  }

  /** Reads the rows and yields what `parseRow` and `processResults` give for each, row by row. */
  override async *parse(response: Response): AsyncGenerator<unknown> {
    if (this.parseRow === CSVFeedSpider.prototype.parseRow) throw missingMethod(this, 'a CSVFeedSpider', 'parseRow(response, row)');
    const adapted = this.adaptResponse(response);
    const rows = this.#rows(adapted);
    let headers = this.headers;
    let line = 0;
    for (const cells of rows) {
      line++;
      if (headers === null) {
        headers = cells;
        continue;
      }
      if (cells.length !== headers.length) {
        this.logger.warning(`ignoring row ${line} (length: ${cells.length}, should be: ${headers.length}) of ${adapted.url}`);
        this.crawler.stats.incValue('csvfeed/skipped_rows');
        continue;
      }
      const row: Record<string, string> = {};
      headers.forEach((name, i) => {
        row[name] = cells[i]!;
      });
      yield* await collectNodeOutput(this.parseRow(adapted, row), adapted, (r, results) => this.processResults(r, results));
    }
  }

  #rows(response: Response): string[][] {
    for (const [name, value] of [['delimiter', this.delimiter], ['quotechar', this.quotechar]] as const) {
      if (typeof value !== 'string' || value.length !== 1) {
        throw new TypeError(`[skitter] ${this.constructor.name}: ${name} must be one character, got ${JSON.stringify(value)}.`);
      }
    }
    return parseCsv(response.text, {
      delimiter: this.delimiter,
      quote: this.quotechar,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  }
}
