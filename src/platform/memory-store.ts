/**
 * An in-memory {@link KeyValueStore}: the virtual adapter's storage, and a stand-in wherever
 * nothing needs to outlive the process.
 * @module
 */
import type { KeyValueStore } from './loop-adapter.ts';

/**
 * A {@link KeyValueStore} kept in a `Map`. Values are copied with `structuredClone` on the way in
 * and out, so callers see the same isolation as with IndexedDB (mutating a value after `set` does
 * not change what is stored). `keys()` returns keys in ascending order, as IndexedDB does.
 * @see unstorage's memory driver (the same role)
 */
export class MemoryStore implements KeyValueStore {
  #entries = new Map<string, unknown>();

  /** The stored copy for `key`, or `undefined`. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    if (!this.#entries.has(key)) return undefined;
    return structuredClone(this.#entries.get(key)) as T;
  }

  /** Stores a structured clone of `value` under `key`. */
  async set(key: string, value: unknown): Promise<void> {
    this.#entries.set(key, structuredClone(value));
  }

  /** Removes `key` (no error if absent). */
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  /** All keys, ascending. */
  async keys(): Promise<string[]> {
    return [...this.#entries.keys()].sort();
  }

  /** Removes every key. */
  async clear(): Promise<void> {
    this.#entries.clear();
  }
}
