/**
 * The browser job store: one IndexedDB database per JOBDIR (pages, Web Workers, MV3 service
 * workers), through `idb`, because one commit must span four object stores in one transaction.
 * Items are kept in a journal store; the job writes FEEDS from it when it finishes.
 * @module
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { JobStateError } from './job-state-error.ts';
import type { JobCommit, JobMeta, JobSnapshot, JobStore, JobStoreFactory, JournaledItem, StoredRequest } from './job-store.ts';

const STORES = ['meta', 'requests', 'fingerprints', 'items'] as const;
const DB_VERSION = 1;

/** A {@link JobStore} in IndexedDB. */
export class IdbJobStore implements JobStore {
  readonly location: string;
  readonly keepsJournal = true;
  #db: IDBPDatabase;

  private constructor(name: string, db: IDBPDatabase) {
    this.location = `IndexedDB database ${JSON.stringify(name)}`;
    this.#db = db;
  }

  /**
   * Opens (creating) the database `name`.
   * @throws {JobStateError} when a database of that name exists with another layout.
   */
  static async open(name: string): Promise<IdbJobStore> {
    let db: IDBPDatabase;
    try {
      db = await openDB(name, DB_VERSION, {
        upgrade(database) {
          if (!database.objectStoreNames.contains('meta')) database.createObjectStore('meta');
          if (!database.objectStoreNames.contains('requests')) database.createObjectStore('requests', { keyPath: 'id' });
          if (!database.objectStoreNames.contains('fingerprints')) database.createObjectStore('fingerprints');
          if (!database.objectStoreNames.contains('items')) database.createObjectStore('items', { autoIncrement: true });
        },
      });
    } catch (error) {
      throw corrupt(name, error);
    }
    const missing = STORES.filter((s) => !db.objectStoreNames.contains(s));
    if (missing.length > 0) {
      db.close();
      throw corrupt(name, new Error(`object stores missing: ${missing.join(', ')}`));
    }
    return new IdbJobStore(name, db);
  }

  async load(): Promise<JobSnapshot> {
    const name = this.location;
    try {
      const tx = this.#db.transaction(['meta', 'requests', 'fingerprints'], 'readonly');
      const [metaKeys, metaValues, requests, fingerprints] = await Promise.all([
        tx.objectStore('meta').getAllKeys(),
        tx.objectStore('meta').getAll(),
        tx.objectStore('requests').getAll() as Promise<StoredRequest[]>,
        tx.objectStore('fingerprints').getAllKeys() as Promise<string[]>,
      ]);
      const meta: Record<string, unknown> = {};
      metaKeys.forEach((k, i) => {
        meta[String(k)] = metaValues[i];
      });
      checkShape(meta, requests, fingerprints);
      return { meta: meta as JobMeta, requests, fingerprints };
    } catch (error) {
      throw corrupt(name, error);
    }
  }

  async commit(change: JobCommit): Promise<void> {
    const tx = this.#db.transaction(STORES, 'readwrite');
    const requests = tx.objectStore('requests');
    for (const r of change.requests) void requests.put(r);
    for (const id of change.deleteIds) void requests.delete(id);
    const fps = tx.objectStore('fingerprints');
    for (const fp of change.fingerprints) void fps.put(1, fp);
    const items = tx.objectStore('items');
    for (const item of change.items) void items.add(item);
    const meta = tx.objectStore('meta');
    for (const [key, value] of Object.entries(change.meta)) if (value !== undefined) void meta.put(value, key);
    await tx.done;
  }

  /**
   * Committed items in commit order; with `last`, only the newest `last` of them (still oldest
   * first), read backwards with a cursor rather than the whole journal.
   */
  async readItems(last?: number): Promise<JournaledItem[]> {
    if (last === undefined) return (await this.#db.getAll('items')) as JournaledItem[];
    const newest: JournaledItem[] = [];
    let cursor = last > 0 ? await this.#db.transaction('items').store.openCursor(null, 'prev') : null;
    while (cursor && newest.length < last) {
      newest.push(cursor.value as JournaledItem);
      cursor = await cursor.continue();
    }
    return newest.reverse();
  }

  /** How many items are committed. */
  countItems(): Promise<number> {
    return this.#db.count('items');
  }

  close(): void {
    this.#db.close();
  }
}

/** The web JOBDIR_STORE: JOBDIR names an IndexedDB database. */
export const IDB_JOB_STORE: JobStoreFactory = {
  open: (jobdir) => IdbJobStore.open(jobdir),
};

/**
 * Reads the committed items of the job in IndexedDB database `jobdir`, in commit order: while the
 * job runs, is paused, or after its worker was stopped, these are exactly the items its feeds will
 * hold (FEEDS are written from this journal only when the job finishes). Items of responses not yet
 * committed are not included: they are scraped again on resume. With `last`, only the newest `last`
 * items (oldest first). Safe while the job runs in the same or another context of the origin.
 * @throws {JobStateError} when `jobdir` is not a job database.
 */
export async function readJobItems(jobdir: string, options: { last?: number } = {}): Promise<unknown[]> {
  const store = await IdbJobStore.open(jobdir);
  try {
    return (await store.readItems(options.last)).map((j) => j.item);
  } finally {
    store.close();
  }
}

/**
 * How many items the job in IndexedDB database `jobdir` has committed (see {@link readJobItems}).
 * @throws {JobStateError} when `jobdir` is not a job database.
 */
export async function countJobItems(jobdir: string): Promise<number> {
  const store = await IdbJobStore.open(jobdir);
  try {
    return await store.countItems();
  } finally {
    store.close();
  }
}

/**
 * Deletes the job in IndexedDB database `jobdir` (its pending requests, fingerprints, state and
 * item journal), e.g. to crawl again from scratch. Resolves once the database is gone, which waits
 * for every open connection to it to close: do not call it while the job runs.
 */
export async function deleteJob(jobdir: string): Promise<void> {
  await deleteDB(jobdir);
}

function checkShape(meta: Record<string, unknown>, requests: StoredRequest[], fingerprints: string[]): void {
  if (meta.format !== undefined && typeof meta.format !== 'number') throw new Error(`meta "format" is ${JSON.stringify(meta.format)}`);
  if (meta.startCount !== undefined && typeof meta.startCount !== 'number') throw new Error(`meta "startCount" is ${JSON.stringify(meta.startCount)}`);
  for (const r of requests) {
    if (typeof r !== 'object' || r === null || typeof r.id !== 'number' || typeof r.data !== 'string' || typeof r.priority !== 'number') {
      throw new Error(`a stored request is not a request record: ${JSON.stringify(r).slice(0, 80)}`);
    }
  }
  for (const fp of fingerprints) if (typeof fp !== 'string' || !/^[0-9a-f]{16}$/.test(fp)) throw new Error(`a stored fingerprint is ${JSON.stringify(fp)}`);
}

function corrupt(name: string, error: unknown): JobStateError {
  const reason = error instanceof Error ? error.message : String(error);
  return new JobStateError(
    `[skitter] JOBDIR: the job state in ${name.startsWith('IndexedDB') ? name : `IndexedDB database ${JSON.stringify(name)}`} cannot be read (${reason}); it is corrupt or was written by something else. ` +
      `Delete that database (indexedDB.deleteDatabase) or use another JOBDIR to start the crawl fresh.`,
    { cause: error },
  );
}
