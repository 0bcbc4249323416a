/**
 * The exporter side of feed exports: turns items into text, chunk by chunk, so a feed is written
 * while the crawl runs and never held whole.
 * @see https://docs.scrapy.org/en/latest/topics/exporters.html
 * @module
 */
import type { FeedFields } from '../feed-options.ts';

/** Options every exporter accepts. */
export interface ExporterOptions {
  /** Fields to export, in order (a map renames them). @default null: every field, insertion order */
  fields?: FeedFields | null;
  /**
   * Pretty-printing width, in spaces (JSON, XML). 0 puts each item on its own line; null is
   * Scrapy's `None`: no line breaks at all.
   * @default 0
   */
  indent?: number | null;
  /** The feed's encoding (named in the XML declaration; null/'ascii' makes JSON ASCII-only). @default 'utf-8' */
  encoding?: string | null;
}

/**
 * An item exporter. Each method returns the text to append to the feed (possibly '').
 * The feed calls `start()` once before the first item, `exportItem()` per item, `finish()` once.
 * @see Scrapy's `BaseItemExporter` (start_exporting / export_item / finish_exporting)
 */
export interface FeedExporter {
  start(): string;
  /** @throws {TypeError} when `item` is not an object. */
  exportItem(item: unknown): string;
  finish(): string;
}

/** An exporter class, as given in FEED_EXPORTERS (`{ myformat: MyExporter }`). */
export type FeedExporterClass = new (options: ExporterOptions) => FeedExporter;
