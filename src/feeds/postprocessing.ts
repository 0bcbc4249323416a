/**
 * Feed post-processing (Scrapy's `postprocessing` feed option): plugins that transform a feed's
 * bytes on their way to the storage, such as gzip compression.
 * @see https://docs.scrapy.org/en/latest/topics/feed-exports.html#feed-post-processing
 * @module
 */
import { SettingsError } from '../errors/settings-error.ts';
import type { MaybePromise } from '../utils/maybe-async.ts';
import type { FeedOptions } from './feed-options.ts';
import type { FeedWriter } from './storages/storage.ts';

/** Where a plugin sends its output: the next plugin or the storage. */
export interface FeedByteSink {
  write(chunk: Uint8Array): MaybePromise<void>;
}

/**
 * A post-processing plugin: gets the feed's bytes in order with `write`, sends its output to the
 * sink it was built with, and sends the rest at `close` (which must not close the sink: the feed
 * closes the storage afterwards).
 * @see Scrapy's plugin interface (`__init__(file, feed_options)`, `write`, `close`)
 */
export interface FeedPostProcessingPlugin {
  write(chunk: Uint8Array): MaybePromise<void>;
  close(): Promise<void>;
}

/** A plugin class, as listed in a feed's `postprocessing`. */
export type FeedPostProcessingPluginClass = new (sink: FeedByteSink, feedOptions: FeedOptions) => FeedPostProcessingPlugin;

/**
 * Gzip compression (Scrapy's `scrapy.extensions.postprocessing.GzipPlugin`), through the web
 * standard `CompressionStream('gzip')`, so it works in Node, browsers, workers and MV3 service
 * workers alike. `CompressionStream` has no level setting: `gzip_compresslevel` is refused (Node's
 * {@link NodeGzipPlugin} takes it).
 * @throws {SettingsError} when `gzip_compresslevel` (or Scrapy's other gzip keys) is set, or the
 * runtime has no CompressionStream.
 * @example
 * FEEDS: { 'items.jsonl.gz': { format: 'jsonlines', postprocessing: ['gzip'] } }
 */
export class GzipPlugin implements FeedPostProcessingPlugin {
  #writer: WritableStreamDefaultWriter<BufferSource>;
  #pump: Promise<void>;
  #failure: unknown;

  /**
   * Checks a feed's options for this plugin (the feed exporter calls it at start).
   * @throws {SettingsError} as the constructor.
   */
  static checkOptions(feedOptions: FeedOptions): void {
    for (const key of ['gzip_compresslevel', 'gzip_mtime', 'gzip_filename'] as const) {
      if (feedOptions[key] !== undefined) {
        throw new SettingsError(`[skitter] GzipPlugin: the ${key} feed option is not supported (CompressionStream always uses the default level and header); remove it, or in Node use postprocessing: [NodeGzipPlugin], which takes gzip_compresslevel.`);
      }
    }
    if (typeof CompressionStream !== 'function') {
      throw new SettingsError('[skitter] GzipPlugin: this runtime has no CompressionStream; use Node >= 18 or a current browser.');
    }
  }

  constructor(sink: FeedByteSink, feedOptions: FeedOptions) {
    GzipPlugin.checkOptions(feedOptions);
    const stream = new CompressionStream('gzip');
    const writer = stream.writable.getWriter();
    this.#writer = writer;
    const reader = stream.readable.getReader();
    this.#pump = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          await sink.write(value);
        }
      } catch (error) {
        // The storage failed: fail the pending and later writes instead of letting them wait forever.
        this.#failure = error;
        void writer.abort(error).catch(() => {});
        void reader.cancel(error).catch(() => {});
        throw error;
      }
    })();
    this.#pump.catch(() => {}); // reported by write/close
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    await this.#writer.write(chunk as Uint8Array<ArrayBuffer>);
    if (this.#failure !== undefined) throw this.#failure;
  }

  async close(): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    await this.#writer.close();
    await this.#pump;
  }
}

/** The plugins a `postprocessing` list may name by string. */
export const BUILTIN_POSTPROCESSING_PLUGINS: Readonly<Record<string, FeedPostProcessingPluginClass>> = { gzip: GzipPlugin };

/**
 * The plugin classes of a feed's `postprocessing` list (names or classes).
 * @throws {SettingsError} for an unknown name or a value that is not a class.
 */
export function resolvePostProcessing(uri: string, list: FeedOptions['postprocessing']): FeedPostProcessingPluginClass[] {
  if (list == null) return [];
  if (!Array.isArray(list)) throw new SettingsError(`[skitter] FeedExporter: FEEDS[${JSON.stringify(uri)}].postprocessing must be a list, e.g. ['gzip'] or [GzipPlugin].`);
  return list.map((entry: unknown) => {
    if (typeof entry === 'string') {
      const plugin = BUILTIN_POSTPROCESSING_PLUGINS[entry];
      if (plugin) return plugin;
    } else if (typeof entry === 'function') {
      return entry as FeedPostProcessingPluginClass;
    }
    throw new SettingsError(
      `[skitter] FeedExporter: unknown post-processing plugin ${typeof entry === 'string' ? JSON.stringify(entry) : String(entry)} in FEEDS[${JSON.stringify(uri)}]; ` +
        `use ${Object.keys(BUILTIN_POSTPROCESSING_PLUGINS).map((n) => `'${n}'`).join(', ')} or a plugin class.`,
    );
  });
}

/** Encodings whose text TextEncoder (UTF-8) writes exactly. */
const UTF8_COMPATIBLE = new Set(['utf-8', 'utf8', 'ascii', 'us-ascii']);

/**
 * Puts the plugins in front of a storage's writer: the feed's text is encoded as UTF-8 and goes
 * through the plugins in order, the last one writing to the storage.
 * @throws {SettingsError} when the storage cannot take bytes.
 */
export function postProcessedWriter(uri: string, writer: FeedWriter, plugins: readonly FeedPostProcessingPluginClass[], feedOptions: FeedOptions): FeedWriter {
  const writeBytes = writer.writeBytes?.bind(writer);
  if (!writeBytes) throw new SettingsError(`[skitter] FeedExporter: the storage of ${uri} cannot store bytes, so postprocessing cannot be used with it; use a file feed or drop postprocessing.`);
  let sink: FeedByteSink = { write: writeBytes };
  const chain: FeedPostProcessingPlugin[] = [];
  for (const Plugin of [...plugins].reverse()) {
    const plugin = new Plugin(sink, feedOptions);
    chain.unshift(plugin);
    sink = plugin;
  }
  const encoder = new TextEncoder();
  return {
    bufferChars: writer.bufferChars,
    write: (chunk) => sink.write(encoder.encode(chunk)),
    close: async () => {
      for (const plugin of chain) await plugin.close();
      await writer.close();
    },
  } as FeedWriter;
}

/** @throws {SettingsError} when `encoding` is not one TextEncoder writes (post-processed feeds are UTF-8). */
export function checkPostProcessingEncoding(uri: string, encoding: string | null | undefined): void {
  if (encoding != null && !UTF8_COMPATIBLE.has(encoding.toLowerCase())) {
    throw new SettingsError(`[skitter] FeedExporter: post-processed feeds are written as UTF-8, but ${uri} asks for encoding ${JSON.stringify(encoding)}; use utf-8.`);
  }
}
