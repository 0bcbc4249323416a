/**
 * The local half of a Redis worker's exactly-once feeds (JOBDIR with the Redis scheduler): one
 * SQLite database, `JOBDIR/redis-worker.sqlite`, and the feed files written at committed offsets
 * (the JOBDIR machinery's {@link FileJobFeeds}).
 *
 * A request's items are first recorded as *pending* under a journal id, before its
 * acknowledgement goes to Redis; the acknowledgement script records that id in the worker's
 * `acked` set in the same atomic step that removes the lease. Only then do the items become feed
 * lines (written at the committed offset, the new offset and the pending row's removal committed
 * together). A worker killed anywhere in between is settled when it starts again with the same
 * JOBDIR: pending entries whose id Redis recorded are written, the others dropped (their request
 * is, or will be, redone by whoever holds it).
 * @module
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Crawler } from '../core/crawler.ts';
import { JobStateError } from '../jobs/job-state-error.ts';
import { FileJobFeeds } from '../jobs/file-job-feeds.node.ts';

/** The database file inside JOBDIR. */
export const WORKER_DB_FILE = 'redis-worker.sqlite';
/** Layout version; a journal of another version is refused. */
const FORMAT = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL, member TEXT NOT NULL, items TEXT NOT NULL);
`;

/** A pending entry left by an earlier run of this worker: its lease and its items (as JSON). */
export interface PendingEntry {
  id: number;
  /** The worker token of the run that held the lease. */
  token: string;
  /** The leased request's member in Redis. */
  member: string;
  items: unknown[];
}

/** An entry to write to the feeds now: its journal id and items. */
export interface CommitEntry {
  id: number;
  items: readonly unknown[];
}

/** This worker's journal. Every method is synchronous: each is one SQLite transaction. */
export class WorkerJournal {
  /** Where it lives (the JOBDIR directory). */
  readonly location: string;
  /** This worker's identity in Redis, kept across restarts (made on the first run). */
  readonly workerId: string;
  /** Entries an earlier run left pending (to settle before crawling). */
  readonly leftover: PendingEntry[];
  /** The worker token of the last run ('' on the first): its leases are returned when settling. */
  readonly lastToken: string;
  /** True when this worker already closed with `finished`: nothing is crawled. */
  readonly finished: boolean;
  #db: DatabaseSync;
  #feeds: FileJobFeeds | undefined;
  #insert: StatementSync;
  #delete: StatementSync;
  #putMeta: StatementSync;

  /**
   * Opens (creating) `jobdir/redis-worker.sqlite`, restores the feed files to their committed
   * offsets and reads the entries left pending.
   * @throws {JobStateError} for a journal in use by another worker, corrupt, of another spider or
   * another version.
   * @throws {SettingsError} for a FEEDS entry that is not a local file.
   */
  constructor(crawler: Crawler, jobdir: string) {
    this.location = resolve(jobdir);
    const path = join(this.location, WORKER_DB_FILE);
    mkdirSync(this.location, { recursive: true });
    const sqlite = createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
    try {
      this.#db = new sqlite.DatabaseSync(path);
      // Exclusive: two workers with one JOBDIR would settle each other's entries.
      this.#db.exec('PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
      this.#db.exec(SCHEMA);
      this.#db.exec('BEGIN IMMEDIATE; COMMIT;');
    } catch (error) {
      if (error instanceof Error && /locked|busy/i.test(error.message)) {
        throw new JobStateError(`[skitter] JOBDIR: ${this.location} is in use by another worker (${path} is locked). Give each Redis worker its own JOBDIR.`, { cause: error });
      }
      throw new JobStateError(`[skitter] JOBDIR: the worker journal ${path} cannot be read (${(error as Error).message}); delete ${this.location} to start this worker fresh (items it had not yet written are then lost).`, { cause: error });
    }
    this.#insert = this.#db.prepare('INSERT INTO pending (token, member, items) VALUES (?, ?, ?)');
    this.#delete = this.#db.prepare('DELETE FROM pending WHERE id = ?');
    this.#putMeta = this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const meta: Record<string, unknown> = {};
    for (const row of this.#db.prepare('SELECT key, value FROM meta').all()) meta[row.key as string] = JSON.parse(row.value as string);
    const spider = crawler.spider.name;
    if (meta.format !== undefined && meta.format !== FORMAT) throw new JobStateError(`[skitter] JOBDIR: the worker journal in ${this.location} was written by an incompatible skitter (format ${String(meta.format)}); delete it to start this worker fresh.`);
    if (meta.spider !== undefined && meta.spider !== spider) throw new JobStateError(`[skitter] JOBDIR: the worker journal in ${this.location} belongs to spider ${JSON.stringify(meta.spider)}, not ${JSON.stringify(spider)}. Give each spider its own JOBDIR.`);
    this.workerId = typeof meta.workerId === 'string' ? meta.workerId : crypto.randomUUID();
    this.lastToken = typeof meta.token === 'string' ? meta.token : '';
    this.finished = meta.status === 'finished';
    this.leftover = this.#db.prepare('SELECT id, token, member, items FROM pending ORDER BY id').all().map((row) => ({
      id: row.id as number,
      token: row.token as string,
      member: row.member as string,
      items: JSON.parse(row.items as string) as unknown[],
    }));
    const hasFeeds = Object.keys(crawler.settings.getDict('FEEDS')).length > 0;
    this.#feeds = hasFeeds ? new FileJobFeeds(crawler) : undefined;
    const feeds = this.#feeds?.open(meta.feeds, this.finished);
    this.#transaction(() => {
      this.#putMeta.run('format', JSON.stringify(FORMAT));
      this.#putMeta.run('spider', JSON.stringify(spider));
      this.#putMeta.run('workerId', JSON.stringify(this.workerId));
      if (feeds !== undefined) this.#putMeta.run('feeds', JSON.stringify(feeds));
    });
  }

  /** True when the crawl has FEEDS (without any, there is nothing to journal). */
  get hasFeeds(): boolean {
    return this.#feeds !== undefined;
  }

  /** Records the token of this run (before it leases anything). */
  setToken(token: string): void {
    this.#transaction(() => this.#putMeta.run('token', JSON.stringify(token)));
  }

  /**
   * Records a request's items as pending, before its acknowledgement; returns the entry's id (never
   * reused). Items JSON cannot carry (a cycle, a bigint) are left out of the record: they are
   * still written by this run, but could not be written by a restarted one.
   */
  pend(token: string, member: string, items: readonly unknown[]): number {
    const result = this.#insert.run(token, member, itemsJson(items));
    return Number(result.lastInsertRowid);
  }

  /** Writes these entries' items to the feeds and forgets the entries, in one commit. */
  commit(entries: readonly CommitEntry[]): void {
    if (entries.length === 0) return;
    const items: unknown[] = [];
    for (const e of entries) for (const item of e.items) items.push(item);
    // The files are written first, after the committed offsets; the new offsets are committed
    // with the entries' removal, so a kill in between rewrites the same lines on restart.
    const feeds = items.length > 0 ? this.#feeds?.append(items) : undefined;
    this.#transaction(() => {
      for (const e of entries) this.#delete.run(e.id);
      if (feeds !== undefined) this.#putMeta.run('feeds', JSON.stringify(feeds));
    });
  }

  /** Forgets entries whose request this worker did not acknowledge (another worker redoes it). */
  drop(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.#transaction(() => {
      for (const id of ids) this.#delete.run(id);
    });
  }

  /** Items not tied to a lease (from `start()`): written at once. */
  writeLoose(items: readonly unknown[]): void {
    this.commit([{ id: -1, items }]);
  }

  /** The crawl finished: completes the feeds (a JSON array's `]`) and logs them. */
  finish(): void {
    const feeds = this.#feeds?.finish();
    this.#transaction(() => {
      if (feeds !== undefined) this.#putMeta.run('feeds', JSON.stringify(feeds));
      this.#putMeta.run('status', JSON.stringify('finished'));
    });
  }

  close(): void {
    this.#feeds?.close();
    if (this.#db.isOpen) this.#db.close();
  }

  #transaction(fn: () => void): void {
    this.#db.exec('BEGIN');
    try {
      fn();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

function itemsJson(items: readonly unknown[]): string {
  try {
    return JSON.stringify(items);
  } catch {
    const kept: string[] = [];
    for (const item of items) {
      try {
        kept.push(JSON.stringify(item));
      } catch {
        // Left out: see pend().
      }
    }
    return `[${kept.join(',')}]`;
  }
}
