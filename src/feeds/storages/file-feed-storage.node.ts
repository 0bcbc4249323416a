import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotSupportedError } from '../../errors/not-supported-error.ts';
import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';
import { streamWriter } from './stream-writer.node.ts';

/** Options of {@link FileFeedStorage} beyond the storage ones. */
export interface FileFeedStorageOptions extends FeedStorageOptions {
  /** Bytes the write stream buffers before a write waits for 'drain'. @default 262144 */
  highWaterMarkBytes?: number;
}

/**
 * The local file system (Node): scheme `file:` (`file:///tmp/items.json`) and plain paths
 * (`items.json`, relative to the working directory). Parent folders are created. `overwrite: false`
 * appends (Scrapy's `-o`), `true` truncates (`-O`). Writes go through a `fs.WriteStream` and wait for
 * 'drain' when it is full, so a slow disk slows the crawl instead of filling memory.
 * @see Scrapy's `FileFeedStorage`
 * @throws {NotSupportedError} (from `open`) for an encoding Node cannot write.
 */
export class FileFeedStorage implements FeedStorage {
  #path: string;
  #overwrite: boolean;
  #encoding: BufferEncoding;
  #highWaterMark: number;

  constructor(uri: string, options: FileFeedStorageOptions) {
    this.#path = uri.startsWith('file:') ? fileURLToPath(uri) : resolve(uri);
    this.#overwrite = options.overwrite;
    this.#encoding = (options.feedOptions.encoding || 'utf-8') as BufferEncoding;
    this.#highWaterMark = options.highWaterMarkBytes ?? 256 * 1024;
  }

  /** The absolute path written. */
  get path(): string {
    return this.#path;
  }

  /**
   * Checks at crawl start that the feed can be written: creates the parent folders and opens the
   * file for appending (an existing file is left as it is; a new one is created and removed again,
   * so an empty feed still leaves no file behind).
   * @throws the file system's error (ENOENT, EACCES, EISDIR, EROFS...) when it cannot be written.
   */
  async prepare(): Promise<void> {
    await makeDirs(dirname(this.#path));
    let exists = true;
    try {
      await stat(this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      exists = false;
    }
    const handle = await open(this.#path, exists ? 'a' : 'wx');
    await handle.close();
    if (!exists) await unlink(this.#path);
  }

  async open(): Promise<FeedWriter> {
    if (!Buffer.isEncoding(this.#encoding)) {
      throw new NotSupportedError(`[skitter] FileFeedStorage: encoding ${JSON.stringify(this.#encoding)} is not supported by Node; use utf-8, latin1, ascii or utf16le.`);
    }
    await makeDirs(dirname(this.#path));
    const stream = createWriteStream(this.#path, {
      flags: this.#overwrite ? 'w' : 'a',
      encoding: this.#encoding,
      highWaterMark: this.#highWaterMark,
    });
    await once(stream, 'open');
    return streamWriter(stream, true);
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest existing ancestor. Node's own
 * `mkdir(dir, { recursive: true })` spins forever, blocking the event loop (timers, signals), on
 * paths under /proc where mkdir fails with ENOENT under an existing parent.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      await stat(d);
      break; // exists (a file there makes the next mkdir or the open fail with ENOTDIR)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
