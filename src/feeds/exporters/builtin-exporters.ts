import { CsvExporter } from './csv-exporter.ts';
import type { FeedExporterClass } from './exporter.ts';
import { JsonExporter } from './json-exporter.ts';
import { JsonLinesExporter } from './jsonlines-exporter.ts';
import { XmlExporter } from './xml-exporter.ts';

/**
 * The built-in exporters by format name; FEED_EXPORTERS is merged over this map (a `null` value
 * there removes a format).
 * @see Scrapy's FEED_EXPORTERS_BASE
 */
export const BUILTIN_FEED_EXPORTERS: Readonly<Record<string, FeedExporterClass>> = Object.freeze({
  json: JsonExporter,
  jsonlines: JsonLinesExporter,
  jsonl: JsonLinesExporter,
  jl: JsonLinesExporter,
  csv: CsvExporter,
  xml: XmlExporter,
});
