/**
 * The Node job store: one SQLite database (`JOBDIR/job.sqlite`) through the built-in `node:sqlite`
 * (Node >= 22.13 or >= 23.4 without flags; Node 24 recommended). WAL journal with
 * `synchronous=NORMAL`: a commit survives the process being killed (`kill -9`); an OS crash or
 * power loss may lose the last commits, never the database's consistency.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { DatabaseSync as DatabaseSyncType, StatementSync } from 'node:sqlite';

type DatabaseSync = DatabaseSyncType;
// node:sqlite is loaded only when a job opens: on Node 22 merely importing it prints an
// ExperimentalWarning, which every crawl without JOBDIR would show.
let DatabaseSyncClass: typeof DatabaseSyncType | undefined;
function databaseSync(): typeof DatabaseSyncType {
  return (DatabaseSyncClass ??= (createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite')).DatabaseSync);
}
import { JobStateError } from './job-state-error.ts';
import type { JobCommit, JobMeta, JobSnapshot, JobStore, StoredRequest } from './job-store.ts';

/** The database file inside JOBDIR. */
export const JOB_DB_FILE = 'job.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY, priority INTEGER NOT NULL, is_start INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprints (fp TEXT PRIMARY KEY) WITHOUT ROWID;
`;

/** A {@link JobStore} in SQLite. Commits are synchronous, which suits the engine's scheduler. */
export class SqliteJobStore implements JobStore {
  readonly location: string;
  readonly keepsJournal = false;
  #db: DatabaseSync;
  #path: string;
  #deleteRequest: StatementSync;
  #insertRequest: StatementSync;
  #insertFingerprint: StatementSync;
  #putMeta: StatementSync;

  /**
   * Opens (creating) `dir/job.sqlite`.
   * @throws {JobStateError} when the file is not a readable SQLite database.
   */
  constructor(dir: string) {
    this.location = resolve(dir);
    this.#path = join(this.location, JOB_DB_FILE);
    mkdirSync(this.location, { recursive: true });
    try {
      this.#db = new (databaseSync())(this.#path);
      // Exclusive locking: the first write takes the lock and keeps it until close, so a second
      // crawl on the same JOBDIR fails at open instead of interleaving commits.
      this.#db.exec('PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
      this.#db.exec(SCHEMA);
      this.#db.exec('BEGIN IMMEDIATE; COMMIT;');
      this.#deleteRequest = this.#db.prepare('DELETE FROM requests WHERE id = ?');
      this.#insertRequest = this.#db.prepare('INSERT OR REPLACE INTO requests (id, priority, is_start, data) VALUES (?, ?, ?, ?)');
      this.#insertFingerprint = this.#db.prepare('INSERT OR IGNORE INTO fingerprints (fp) VALUES (?)');
      this.#putMeta = this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    } catch (error) {
      if (error instanceof Error && /locked|busy/i.test(error.message)) {
        throw new JobStateError(`[skitter] JOBDIR: the job in ${this.location} is in use by another crawl (${this.#path} is locked). Wait for it to end, or use another JOBDIR.`, { cause: error });
      }
      throw corrupt(this.#path, error);
    }
  }

  async load(): Promise<JobSnapshot> {
    try {
      const meta: Record<string, unknown> = {};
      for (const row of this.#db.prepare('SELECT key, value FROM meta').all()) meta[row.key as string] = JSON.parse(row.value as string);
      const requests: StoredRequest[] = [];
      for (const row of this.#db.prepare('SELECT id, priority, is_start, data FROM requests ORDER BY id').all()) {
        requests.push({ id: row.id as number, priority: row.priority as number, isStart: row.is_start === 1, data: row.data as string });
      }
      const fingerprints: string[] = [];
      for (const row of this.#db.prepare('SELECT fp FROM fingerprints').all()) fingerprints.push(row.fp as string);
      return { meta: meta as JobMeta, requests, fingerprints };
    } catch (error) {
      throw corrupt(this.#path, error);
    }
  }

  commit(change: JobCommit): void {
    const db = this.#db;
    db.exec('BEGIN');
    try {
      // Inserts first: a request may be stored and acknowledged in the same commit.
      for (const r of change.requests) this.#insertRequest.run(r.id, r.priority, r.isStart ? 1 : 0, r.data);
      for (const id of change.deleteIds) this.#deleteRequest.run(id);
      for (const fp of change.fingerprints) this.#insertFingerprint.run(fp);
      for (const [key, value] of Object.entries(change.meta)) {
        if (value !== undefined) this.#putMeta.run(key, JSON.stringify(value));
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

function corrupt(path: string, error: unknown): JobStateError {
  const reason = error instanceof Error ? error.message : String(error);
  return new JobStateError(
    `[skitter] JOBDIR: the job state in ${path} cannot be read (${reason}); it is corrupt or truncated. ` +
      `Delete the directory ${JSON.stringify(resolve(path, '..'))} (or use another JOBDIR) to start the crawl fresh.`,
    { cause: error },
  );
}
