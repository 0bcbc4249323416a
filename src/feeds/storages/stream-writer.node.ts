import type { WriteStream } from 'node:fs';
import type { FeedWriter } from './storage.ts';

/** The minimal writable stream shape the Node feed storages write to. */
export interface WritableLike {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain' | 'error' | 'close' | 'finish', listener: (...args: unknown[]) => void): unknown;
  removeListener(event: 'drain' | 'error', listener: (...args: unknown[]) => void): unknown;
  end?(callback?: () => void): unknown;
  writableNeedDrain?: boolean;
}

/**
 * A {@link FeedWriter} over a Node writable stream: a write waits for 'drain' when the stream is
 * full; a stream error rejects the pending and later writes. `owned` streams (the file storage's
 * `fs.WriteStream`) are ended on close, and each write waits until the chunk reached the file
 * system: a full disk fails the write that hit it, not a later one, and a `kill -9` cannot lose
 * a chunk the feed believes written.
 */
export function streamWriter(stream: WritableLike | WriteStream, owned: boolean): FeedWriter {
  const s = stream as WritableLike;
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure = error;
  };
  s.once('error', onError);
  // Settles when the last chunk handed to the stream reached the OS (its write callback ran).
  let lastWritten: Promise<void> = Promise.resolve();
  const write = (chunk: string | Uint8Array): void | Promise<void> => {
    if (failure !== undefined) throw failure;
    if (owned) {
      // The file storage's writes wait until the chunk reached the file system (see above).
      const reached = new Promise<void>((resolvePromise, reject) => {
        (s as WriteStream).write(chunk, (error) => (error ? reject(error) : resolvePromise()));
      });
      lastWritten = reached.catch(() => {});
      return reached;
    }
    let accepted = false;
    lastWritten = new Promise<void>((resolveWritten) => {
      accepted = s.write(chunk, () => resolveWritten());
    });
    if (accepted) return;
    return new Promise<void>((resolvePromise, reject) => {
      const onDrain = (): void => {
        s.removeListener('error', onFail);
        resolvePromise();
      };
      const onFail = (error: unknown): void => {
        s.removeListener('drain', onDrain);
        reject(error);
      };
      s.once('drain', onDrain);
      s.once('error', onFail);
    });
  };
  return {
    write,
    writeBytes: write,
    written: async () => {
      await lastWritten;
      if (failure !== undefined) throw failure;
    },
    close: async () => {
      if (failure !== undefined) throw failure;
      if (!owned || !s.end) return;
      await new Promise<void>((resolvePromise, reject) => {
        s.once('error', reject);
        s.end!(() => resolvePromise());
      });
    },
  };
}
