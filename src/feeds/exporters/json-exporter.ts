import type { ExporterOptions, FeedExporter } from './exporter.ts';
import { asItem, fieldSelection, itemJson, wantsAscii, type FieldSelection } from './item-fields.ts';

/**
 * A JSON array, streamed: `[`, then the items separated by `,` and a line break, then `]`.
 * With `indent` > 0 each item is pretty-printed; with `indent: null` (Scrapy's None) there are no
 * line breaks between items. An empty feed is `[\n\n]` (indent 0), as Scrapy writes it.
 * @see Scrapy's `JsonItemExporter`
 * @example
 * const e = new JsonExporter({});
 * e.start() + e.exportItem({ a: 1 }) + e.exportItem({ a: 2 }) + e.finish(); // '[\n{"a":1},\n{"a":2}\n]'
 */
export class JsonExporter implements FeedExporter {
  #fields: FieldSelection | null;
  #ascii: boolean;
  #indent: number | null;
  #newline: string;
  #first = true;

  constructor(options: ExporterOptions = {}) {
    this.#fields = fieldSelection(options.fields);
    this.#ascii = wantsAscii(options.encoding === undefined ? 'utf-8' : options.encoding);
    this.#indent = options.indent === undefined ? 0 : options.indent;
    this.#newline = this.#indent === null ? '' : '\n';
  }

  start(): string {
    return '[' + this.#newline;
  }

  exportItem(item: unknown): string {
    const json = itemJson(asItem('JsonExporter', item), this.#fields, this.#indent, this.#ascii);
    if (this.#first) {
      this.#first = false;
      return json;
    }
    return ',' + this.#newline + json;
  }

  finish(): string {
    return this.#newline + ']';
  }
}
