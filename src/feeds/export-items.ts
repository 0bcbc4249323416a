/**
 * Turns items already in hand (read back from a feed, gathered by a UI) into a feed's text or a
 * Blob, with the same exporters FEEDS uses: a popup's "download as CSV" button in one call.
 * @module
 */
import { BUILTIN_FEED_EXPORTERS } from './exporters/builtin-exporters.ts';
import type { ExporterOptions, FeedExporterClass } from './exporters/exporter.ts';

/** Options of {@link exportItems} and {@link exportItemsBlob}: the exporter's, plus custom formats. */
export interface ExportItemsOptions extends ExporterOptions {
  /** Extra formats by name, as FEED_EXPORTERS. @default the built-in ones only */
  exporters?: Readonly<Record<string, FeedExporterClass>>;
}

/** MIME types of the built-in formats. */
export const FEED_MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  json: 'application/json',
  jsonlines: 'application/jsonl',
  jsonl: 'application/jsonl',
  jl: 'application/jsonl',
  csv: 'text/csv',
  xml: 'application/xml',
});

/**
 * The text a feed of `format` would hold for `items`.
 * @param format 'jsonlines' (alias 'jsonl', 'jl'), 'json', 'csv', 'xml' or a key of `options.exporters`.
 * @throws {Error} naming the format and the known ones when the format is unknown.
 * @throws {TypeError} from the exporter when an item is not an object.
 * @example
 * exportItems([{ name: 'a', price: 2 }], 'csv'); // 'name,price\r\na,2\r\n'
 */
export function exportItems(items: Iterable<unknown>, format: string, options: ExportItemsOptions = {}): string {
  const { exporters, ...exporterOptions } = options;
  const known = { ...BUILTIN_FEED_EXPORTERS, ...exporters };
  const Exporter = known[format];
  if (!Exporter) throw new Error(`[skitter] exportItems: unknown format ${JSON.stringify(format)}; use one of ${Object.keys(known).join(', ')}.`);
  const exporter = new Exporter(exporterOptions);
  const parts = [exporter.start()];
  for (const item of items) parts.push(exporter.exportItem(item));
  parts.push(exporter.finish());
  return parts.join('');
}

/**
 * {@link exportItems} as a Blob typed by the format (`text/csv`, `application/jsonl`, ...), ready
 * for `URL.createObjectURL` and a download link.
 */
export function exportItemsBlob(items: Iterable<unknown>, format: string, options: ExportItemsOptions = {}): Blob {
  const text = exportItems(items, format, options);
  return new Blob([text], { type: `${FEED_MIME_TYPES[format] ?? 'text/plain'};charset=utf-8` });
}
