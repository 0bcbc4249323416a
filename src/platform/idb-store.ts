/**
 * An IndexedDB-backed {@link KeyValueStore} (via idb-keyval) for pages, dedicated Web Workers and
 * MV3 extension service workers.
 * @module
 */
import { clear, createStore, del, get, keys, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { KeyValueStore } from './loop-adapter.ts';

/**
 * A {@link KeyValueStore} in its own IndexedDB database, `<dbPrefix>:<namespace>`, object store
 * `keyval`. One database per namespace because idb-keyval creates its object store only when the
 * database is first created, so two stores cannot share one database.
 *
 * Values are stored by structured clone (anything `structuredClone` accepts). The database is
 * opened lazily on first use. `keys()` returns keys in ascending order (IndexedDB key order).
 */
export class IdbStore implements KeyValueStore {
  #store: UseStore;

  /**
   * @param namespace the store's name, e.g. `httpcache` or a spider's name.
   * @param dbPrefix prefix of the database name. @default 'skitter'
   */
  constructor(namespace: string, dbPrefix = 'skitter') {
    this.#store = createStore(`${dbPrefix}:${namespace}`, 'keyval');
  }

  /** The stored value for `key`, or `undefined`. */
  get<T = unknown>(key: string): Promise<T | undefined> {
    return get<T>(key, this.#store);
  }

  /** Stores `value` (structured clone) under `key`. */
  set(key: string, value: unknown): Promise<void> {
    return set(key, value, this.#store);
  }

  /** Removes `key` (no error if absent). */
  delete(key: string): Promise<void> {
    return del(key, this.#store);
  }

  /** All keys, ascending. */
  async keys(): Promise<string[]> {
    return (await keys(this.#store)).map(String);
  }

  /** Removes every key. */
  clear(): Promise<void> {
    return clear(this.#store);
  }
}
