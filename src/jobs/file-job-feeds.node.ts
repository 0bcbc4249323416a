/**
 * Exactly-once file feeds for JOBDIR crawls in Node: each feed file is written at the offset the
 * job last committed, and the new offset is committed in the same transaction as the requests
 * whose items were written. On resume a file is truncated back to its committed offset, dropping
 * whatever a killed process wrote after its last commit. After each write the feed's closing text
 * (a JSON array's `]`, XML's `</items>`) follows the items, outside the committed offset, so the
 * file parses at any moment and the next write replaces it.
 * @module
 */
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Crawler } from '../core/crawler.ts';
import { SettingsError } from '../errors/settings-error.ts';
import { BUILTIN_FEED_EXPORTERS } from '../feeds/exporters/builtin-exporters.ts';
import type { FeedExporter, FeedExporterClass } from '../feeds/exporters/exporter.ts';
import type { FeedFields, FeedOptions } from '../feeds/feed-options.ts';
import { expandFeedUri, feedUriScheme } from '../feeds/feed-uri.ts';
import { itemFilterOf } from '../feeds/item-filter.ts';
import type { JobFeedSink } from './job-feed-sink.ts';
import { JobStateError } from './job-state-error.ts';

/** What the job commits per feed. */
interface FeedState {
  /** The FEEDS key. */
  uri: string;
  /** The absolute file path (URI placeholders expanded once, at the job's first run). */
  path: string;
  /** Bytes of the file that are committed. */
  offset: number;
  /** Items written. */
  count: number;
  /** The first item written, replayed into a new exporter on resume to restore its state. */
  first?: unknown;
}

interface Feed {
  state: FeedState;
  options: FeedOptions;
  exporter: FeedExporter;
  encoding: BufferEncoding;
  fd: number;
}

/**
 * The Node {@link JobFeedSink}: FEEDS entries with plain paths or `file:` URIs, any format. An
 * exporter's state after its first item must be its state after any number of items (true of the
 * built-in ones), and its `finish()` must not change it.
 * @throws {SettingsError} (at construction) for a feed that is not a local file (stdout, a custom
 * `storage`): it could not be rewound after a crash.
 */
export class FileJobFeeds implements JobFeedSink {
  #crawler: Crawler;
  #feeds: Feed[] = [];
  #entries: Array<[string, FeedOptions]>;
  #exporters: Record<string, FeedExporterClass>;

  constructor(crawler: Crawler) {
    this.#crawler = crawler;
    const s = crawler.settings;
    this.#entries = Object.entries(s.getDict<FeedOptions>('FEEDS'));
    this.#exporters = { ...BUILTIN_FEED_EXPORTERS, ...(s.getDict<FeedExporterClass>('FEED_EXPORTERS')) };
    for (const [uri, options] of this.#entries) {
      const scheme = feedUriScheme(uri);
      if (options.storage || (scheme !== '' && scheme !== 'file')) {
        throw new SettingsError(`[skitter] JOBDIR: the feed ${JSON.stringify(uri)} is not a local file; a job writes feeds exactly once only to files (plain paths or file: URIs) that it can rewind after a crash.`);
      }
      if (!this.#exporters[options.format]) throw new SettingsError(`[skitter] JOBDIR: unknown feed format ${JSON.stringify(options.format)} for FEEDS[${JSON.stringify(uri)}].`);
    }
  }

  open(committed: unknown, finished: boolean): unknown {
    if (finished) return committed;
    const saved = new Map((Array.isArray(committed) ? (committed as FeedState[]) : []).map((f) => [f.uri, f]));
    const spider = this.#crawler.spider;
    const now = this.#crawler.adapter.wallClock();
    for (const [uri, options] of this.#entries) {
      let state = saved.get(uri);
      const isNew = state === undefined;
      if (!state) {
        const target = expandFeedUri(uri, spider, now);
        state = { uri, path: target.startsWith('file:') ? fileURLToPath(target) : resolve(target), offset: 0, count: 0 };
      }
      mkdirSync(dirname(state.path), { recursive: true });
      const fd = openSync(state.path, isNew && options.overwrite ? 'w+' : 'a+');
      closeSync(fd);
      const feed: Feed = { state, options, exporter: this.#exporter(options), encoding: this.#encoding(uri, options), fd: openSync(state.path, 'r+') };
      const size = fstatSync(feed.fd).size;
      if (isNew) {
        state.offset = size;
      } else if (size < state.offset) {
        throw new JobStateError(`[skitter] JOBDIR: the feed ${state.path} is shorter (${size} bytes) than the job committed (${state.offset}); it was changed outside the job. Restore it, or delete the JOBDIR and the feed to start fresh.`);
      }
      ftruncateSync(feed.fd, state.offset);
      if (state.count > 0) {
        feed.exporter.start();
        feed.exporter.exportItem(state.first);
      }
      this.#feeds.push(feed);
    }
    return this.#snapshot();
  }

  append(items: readonly unknown[]): unknown {
    for (const feed of this.#feeds) {
      let text = '';
      for (const item of items) {
        if (!accepts(feed.options, item)) continue;
        if (feed.state.count === 0) {
          text += feed.exporter.start();
          feed.state.first = item;
        }
        text += feed.exporter.exportItem(item);
        feed.state.count++;
      }
      if (text !== '') feed.state.offset += this.#write(feed, text, feed.exporter.finish());
    }
    return this.#snapshot();
  }

  finish(): unknown {
    for (const feed of this.#feeds) {
      const storeEmpty = feed.options.store_empty ?? this.#crawler.settings.getBool('FEED_STORE_EMPTY');
      if (feed.state.count === 0 && !storeEmpty) continue;
      const head = feed.state.count === 0 ? feed.exporter.start() : '';
      feed.state.offset += this.#write(feed, head + feed.exporter.finish(), '');
      this.#crawler.logger.info(`Stored ${feed.options.format} feed (${feed.state.count} items) in: ${feed.state.uri}`);
    }
    return this.#snapshot();
  }

  close(): void {
    for (const feed of this.#feeds) closeSync(feed.fd);
    this.#feeds = [];
  }

  /** Writes `text` then `closing` at the committed offset; returns the bytes of `text`. */
  #write(feed: Feed, text: string, closing: string): number {
    const body = Buffer.from(text, feed.encoding);
    const buffer = closing === '' ? body : Buffer.concat([body, Buffer.from(closing, feed.encoding)]);
    let done = 0;
    // The file ends with the committed text plus the closing text; every write starts at the
    // committed offset and is at least as long as that closing text, so nothing stale remains.
    while (done < buffer.length) done += writeSync(feed.fd, buffer, done, buffer.length - done, feed.state.offset + done);
    return body.length;
  }

  #snapshot(): FeedState[] {
    return this.#feeds.map((f) => ({ ...f.state }));
  }

  #exporter(options: FeedOptions): FeedExporter {
    const s = this.#crawler.settings;
    const Exporter = this.#exporters[options.format]!;
    return new Exporter({
      fields: options.fields !== undefined ? options.fields : normalizeFields(s.get('FEED_EXPORT_FIELDS')),
      indent: options.indent !== undefined ? options.indent : s.getInt('FEED_EXPORT_INDENT'),
      encoding: options.encoding !== undefined ? options.encoding : s.get<string | null>('FEED_EXPORT_ENCODING', null),
    });
  }

  #encoding(uri: string, options: FeedOptions): BufferEncoding {
    const encoding = (options.encoding || 'utf-8') as BufferEncoding;
    if (!Buffer.isEncoding(encoding)) throw new SettingsError(`[skitter] JOBDIR: encoding ${JSON.stringify(encoding)} of FEEDS[${JSON.stringify(uri)}] is not supported by Node; use utf-8, latin1, ascii or utf16le.`);
    return encoding;
  }
}

/** Each feed's item filter (item_classes and item_filter, as the feed exporter reads them), built once. */
const filters = new WeakMap<FeedOptions, ((item: unknown) => boolean) | undefined>();

function accepts(options: FeedOptions, item: unknown): boolean {
  if (!filters.has(options)) filters.set(options, itemFilterOf(options));
  const filter = filters.get(options);
  return filter ? filter(item) : true;
}

function normalizeFields(value: unknown): FeedFields | null {
  if (value == null || value === '') return null;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return value as FeedFields;
}
