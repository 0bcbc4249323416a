import { createStore, del, get, keys, clear, set, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from '../../platform/loop-adapter.ts';
import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';

/** Options of {@link IndexedDbFeedStorage} beyond the storage ones. */
export interface IndexedDbFeedStorageOptions extends FeedStorageOptions {
  /** The store to write to. @default an idb-keyval store for the URI's database and store */
  store?: KeyValueStore;
}

/** The record kept under the feed's key; the text is in chunk records `<key>#<n>`, n from 0. */
interface FeedMeta {
  chunks: number;
}

/** The parts of an `idb:` URI. */
export interface IdbFeedLocation {
  database: string;
  store: string;
  key: string;
}

/**
 * Parses `idb://<database>/<key>` (store 'feeds') or `idb://<database>/<store>/<key>`.
 * @throws {Error} naming the URI when a part is missing.
 */
export function parseIdbFeedUri(uri: string): IdbFeedLocation {
  const url = new URL(uri);
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const database = decodeURIComponent(url.host);
  if (!database || parts.length < 1 || parts.length > 2) {
    throw new Error(`[skitter] IndexedDbFeedStorage: expected idb://<database>/<key> or idb://<database>/<store>/<key>, got ${JSON.stringify(uri)}.`);
  }
  return parts.length === 1 ? { database, store: 'feeds', key: parts[0]! } : { database, store: parts[0]!, key: parts[1]! };
}

/**
 * Writes a feed to IndexedDB through idb-keyval (scheme `idb:`; pages, Web Workers and MV3 service
 * workers). Each flushed chunk (about 64 KB) is its own record, `<key>#0`, `<key>#1`, ..., and the
 * record `<key>` holds `{ chunks }`, so a large feed is never held whole. `overwrite: false`
 * appends chunks to an existing feed. Read a feed back with {@link readIndexedDbFeed}.
 * @see Scrapy's feed storages (no IndexedDB equivalent)
 * @example
 * FEEDS: { 'idb://skitter-feeds/items': { format: 'jsonlines', overwrite: true } }
 * const text = await readIndexedDbFeed('idb://skitter-feeds/items');
 */
export class IndexedDbFeedStorage implements FeedStorage {
  #location: IdbFeedLocation;
  #overwrite: boolean;
  #store: KeyValueStore | undefined;

  constructor(uri: string, options: IndexedDbFeedStorageOptions) {
    this.#location = parseIdbFeedUri(uri);
    this.#overwrite = options.overwrite;
    this.#store = options.store;
  }

  async open(): Promise<FeedWriter> {
    const store = this.#store ?? idbKeyValueStore(this.#location.database, this.#location.store);
    const key = this.#location.key;
    const meta = await store.get<FeedMeta>(key);
    let next = 0;
    if (meta && this.#overwrite) {
      for (let i = 0; i < meta.chunks; i++) await store.delete(`${key}#${i}`);
    } else if (meta) {
      next = meta.chunks;
    }
    await store.set(key, { chunks: next } satisfies FeedMeta);
    return {
      write: async (chunk) => {
        await store.set(`${key}#${next}`, chunk);
        next += 1;
        await store.set(key, { chunks: next } satisfies FeedMeta);
      },
      close: async () => {},
    };
  }
}

/**
 * Reads a feed written by {@link IndexedDbFeedStorage}, whole. Resolves to undefined when there is
 * no such feed.
 */
export async function readIndexedDbFeed(uri: string, options: { store?: KeyValueStore } = {}): Promise<string | undefined> {
  const location = parseIdbFeedUri(uri);
  const store = options.store ?? idbKeyValueStore(location.database, location.store);
  const meta = await store.get<FeedMeta>(location.key);
  if (!meta) return undefined;
  const chunks: string[] = [];
  for (let i = 0; i < meta.chunks; i++) chunks.push((await store.get<string>(`${location.key}#${i}`)) ?? '');
  return chunks.join('');
}

function idbKeyValueStore(database: string, storeName: string): KeyValueStore {
  const store: UseStore = createStore(database, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    delete: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
    clear: () => clear(store),
  };
}
