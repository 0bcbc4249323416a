import { constants, createGzip, type Gzip } from 'node:zlib';
import { SettingsError } from '../errors/settings-error.ts';
import type { FeedOptions } from './feed-options.ts';
import type { FeedByteSink, FeedPostProcessingPlugin } from './postprocessing.ts';

/**
 * Gzip compression through Node's zlib (Node only), for Scrapy's `gzip_compresslevel` feed option
 * (0 to 9, @default 9 as Scrapy's GzipPlugin), which the runtime-neutral {@link GzipPlugin}
 * cannot honour. `gzip_mtime` and `gzip_filename` are refused (zlib writes no such header fields).
 * @throws {SettingsError} for a level outside 0..9 or a refused option.
 * @example
 * FEEDS: { 'items.jsonl.gz': { format: 'jsonlines', postprocessing: [NodeGzipPlugin], gzip_compresslevel: 5 } }
 */
export class NodeGzipPlugin implements FeedPostProcessingPlugin {
  #gzip: Gzip;
  #pending: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(sink: FeedByteSink, feedOptions: FeedOptions) {
    const level = feedOptions.gzip_compresslevel ?? 9;
    if (!Number.isInteger(level) || level < 0 || level > 9) {
      throw new SettingsError(`[skitter] NodeGzipPlugin: gzip_compresslevel must be a whole number from 0 to 9, not ${JSON.stringify(level)}.`);
    }
    for (const key of ['gzip_mtime', 'gzip_filename'] as const) {
      if (feedOptions[key] !== undefined) throw new SettingsError(`[skitter] NodeGzipPlugin: the ${key} feed option is not supported; remove it.`);
    }
    this.#gzip = createGzip({ level, flush: constants.Z_NO_FLUSH });
    // Compressed chunks go to the storage in order; the storage's backpressure pauses zlib.
    this.#gzip.on('data', (chunk: Buffer) => {
      const r = sink.write(chunk);
      if (r && typeof (r as Promise<void>).then === 'function') {
        this.#gzip.pause();
        this.#pending = (r as Promise<void>).then(() => {
          this.#gzip.resume();
        }, (error: unknown) => {
          this.#failure ??= error;
          this.#gzip.destroy(error as Error);
        });
      }
    });
    this.#gzip.on('error', (error) => {
      this.#failure ??= error;
    });
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (!this.#gzip.write(chunk)) await new Promise<void>((resolve) => this.#gzip.once('drain', resolve).once('close', resolve));
    if (this.#failure !== undefined) throw this.#failure;
  }

  async close(): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    await new Promise<void>((resolve, reject) => {
      this.#gzip.once('end', resolve);
      this.#gzip.once('error', reject);
      this.#gzip.end();
    });
    await this.#pending;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
