import type { MaybePromise } from '../utils/maybe-async.ts';

/**
 * Where a job's items become feeds, exactly once. The job calls `append` while it builds a
 * commit and stores what it returns in that same commit; on resume `open` gets the last committed
 * value back and must drop anything written after it.
 */
export interface JobFeedSink {
  /**
   * Restores the feeds from the committed value (`undefined` for a new job): truncates whatever
   * was written after the last commit. Returns the value to commit now.
   * @throws {JobStateError} when a feed no longer matches the job (shorter than committed).
   */
  open(committed: unknown, finished: boolean): MaybePromise<unknown>;
  /**
   * Writes items (not yet committed) followed by the text that closes each feed (a JSON array's
   * `]`), so a feed parses at any moment, and returns the value to commit: the offsets after the
   * items, before the closing text.
   */
  append(items: readonly unknown[]): unknown;
  /** The job finished: completes the feeds and returns the value to commit. */
  finish(): unknown;
  close(): void;
}
