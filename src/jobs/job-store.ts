/**
 * The storage side of crash-safe jobs: what a job keeps and the one transaction it commits per
 * processed response. A store is a plain object from a factory (JOBDIR_STORE); Node uses SQLite,
 * browsers IndexedDB.
 * @module
 */
import type { Crawler } from '../core/crawler.ts';
import type { MaybePromise } from '../utils/maybe-async.ts';
import type { JobFeedSink } from './job-feed-sink.ts';

/** A persisted request: its id (ascending in enqueue order), priority, kind and encoded form. */
export interface StoredRequest {
  id: number;
  priority: number;
  /** True for requests from `start()` (FIFO at equal priority, as in memory). */
  isStart: boolean;
  /** The encoded request (see `encodeRequest`). */
  data: string;
}

/** Job-wide values, each stored as JSON under its key. */
export interface JobMeta {
  /** Layout version of the store (see JOB_FORMAT_VERSION). */
  format?: number;
  /** The spider that owns the job. */
  spider?: string;
  /** 'running' until the spider closes with reason `finished`, then 'finished'. */
  status?: 'running' | 'finished';
  /** How many values `start()` produced whose effects are committed. */
  startCount?: number;
  /** `spider.state`, as JSON. */
  state?: Record<string, unknown>;
  /** Numeric stats so far. */
  stats?: Record<string, number>;
  /** What the feed sink needs to resume its feeds (offsets, expanded URIs). */
  feeds?: unknown;
}

/** Everything a job had committed, read once when it opens. */
export interface JobSnapshot {
  meta: JobMeta;
  /** Pending requests, in-flight ones included (they were never acknowledged). */
  requests: StoredRequest[];
  /** The 16-hex-digit fingerprint prefixes seen. */
  fingerprints: string[];
}

/** An item committed with its stable id (`<request fingerprint>:<index>` or `start:<index>`). */
export interface JournaledItem {
  id: string;
  item: unknown;
}

/** One atomic change: all of it is durable, or none of it. */
export interface JobCommit {
  /** Acknowledged requests to forget (after `requests` are added: one may be in both). */
  deleteIds: number[];
  /** New pending requests. */
  requests: StoredRequest[];
  /** New fingerprints. */
  fingerprints: string[];
  /** Items to journal (stores that keep a journal; Node writes them to the feed files instead). */
  items: JournaledItem[];
  /** Meta keys to replace. */
  meta: JobMeta;
}

/**
 * A job's storage. `commit` must be atomic (all or nothing, durable against the process being
 * killed once it returned or resolved) and applied in call order.
 */
export interface JobStore {
  /** Where the job lives, for messages (a directory in Node, an IndexedDB name in browsers). */
  readonly location: string;
  /** True when committed items are kept in the store (then readable with `readItems`). */
  readonly keepsJournal: boolean;
  /**
   * Reads the committed state.
   * @throws {JobStateError} for a state that is corrupt or cannot be read.
   */
  load(): Promise<JobSnapshot>;
  commit(change: JobCommit): MaybePromise<void>;
  /** Committed items in commit order (stores with a journal). */
  readItems?(): Promise<JournaledItem[]>;
  close(): MaybePromise<void>;
}

/** Creates the store for a JOBDIR value (the JOBDIR_STORE setting, set by each platform). */
export interface JobStoreFactory {
  open(jobdir: string): MaybePromise<JobStore>;
  /**
   * The platform's exactly-once feeds for the crawl's FEEDS (Node: files written at committed
   * offsets). Without one, items are kept in the store's journal.
   * @throws {SettingsError} for a FEEDS entry the sink cannot make exactly-once.
   */
  feedSink?(crawler: Crawler, store: JobStore): JobFeedSink | undefined;
}

/** The layout version written by this skitter; a store of another version is refused. */
export const JOB_FORMAT_VERSION = 1;
