import type { ExporterOptions, FeedExporter } from './exporter.ts';
import { asItem, fieldSelection, itemJson, wantsAscii, type FieldSelection } from './item-fields.ts';

/**
 * JSON Lines: one JSON object per line (`{"a":1}\n`). Format names 'jsonlines', 'jsonl' and 'jl'.
 * `indent` is ignored: a line must hold a whole item.
 * @see Scrapy's `JsonLinesItemExporter`
 * @example
 * const e = new JsonLinesExporter({});
 * e.start() + e.exportItem({ a: 1 }) + e.finish(); // '{"a":1}\n'
 */
export class JsonLinesExporter implements FeedExporter {
  #fields: FieldSelection | null;
  #ascii: boolean;

  constructor(options: ExporterOptions = {}) {
    this.#fields = fieldSelection(options.fields);
    this.#ascii = wantsAscii(options.encoding === undefined ? 'utf-8' : options.encoding);
  }

  start(): string {
    return '';
  }

  exportItem(item: unknown): string {
    return itemJson(asItem('JsonLinesExporter', item), this.#fields, null, this.#ascii) + '\n';
  }

  finish(): string {
    return '';
  }
}
