// The browser build of csv-stringify: its Node build reads the `Buffer` global at import time.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ExporterOptions, FeedExporter } from './exporter.ts';
import { asItem, fieldSelection, jsonReplacer, type FieldSelection } from './item-fields.ts';

/** Options of {@link CsvExporter}. */
export interface CsvExporterOptions extends ExporterOptions {
  /** Whether to write the header row. @default true */
  includeHeadersLine?: boolean;
  /** Joins arrays of scalar values into one cell. @default ',' */
  joinMultivalued?: string;
  /** Field separator. @default ',' */
  delimiter?: string;
}

/**
 * CSV, one row per item, quoted by csv-stringify (RFC 4180: fields holding the delimiter, a quote
 * or a line break are quoted) with `\r\n` line ends, as Python's csv module writes them.
 *
 * Columns: `fields` when given, else the first item's fields in order; later items' extra fields
 * are ignored and missing ones are empty, as in Scrapy. The header is written with the first item.
 * Cells: null/undefined -> empty, Date -> ISO 8601, an array of scalars -> joined with
 * `joinMultivalued` (Scrapy's behaviour), other objects and nested arrays -> JSON text.
 * @see Scrapy's `CsvItemExporter`
 * @example
 * const e = new CsvExporter({ fields: ['name', 'price'] });
 * e.exportItem({ name: 'a, b', price: 2 }); // 'name,price\r\n"a, b",2\r\n'
 */
export class CsvExporter implements FeedExporter {
  #fields: FieldSelection | null;
  #header: boolean;
  #join: string;
  #options: { delimiter: string; record_delimiter: string; quote_record_delimiter: boolean };

  constructor(options: CsvExporterOptions = {}) {
    this.#fields = fieldSelection(options.fields);
    this.#header = options.includeHeadersLine ?? true;
    this.#join = options.joinMultivalued ?? ',';
    this.#options = { delimiter: options.delimiter ?? ',', record_delimiter: '\r\n', quote_record_delimiter: true };
  }

  start(): string {
    return '';
  }

  exportItem(item: unknown): string {
    const record = asItem('CsvExporter', item);
    let head = '';
    if (this.#fields === null) {
      const keys = Object.keys(record);
      this.#fields = { keys, names: keys };
      if (this.#header) head = this.#row(keys);
    } else if (this.#header) {
      head = this.#row(this.#fields.names);
    }
    this.#header = false;
    const keys = this.#fields.keys;
    const cells = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) cells[i] = this.#cell(record[keys[i]!]);
    return head + this.#row(cells);
  }

  finish(): string {
    return '';
  }

  #row(cells: string[]): string {
    return stringify([cells], this.#options);
  }

  #cell(value: unknown): string {
    if (value == null) return '';
    if (typeof value === 'string') return value;
    if (typeof value !== 'object') return String(value);
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
      return value.map((v) => (v == null ? '' : String(v))).join(this.#join);
    }
    return JSON.stringify(value, jsonReplacer);
  }
}
