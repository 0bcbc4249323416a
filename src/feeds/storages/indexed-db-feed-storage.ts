import { createStore, del, get, keys, clear, set, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from '../../platform/loop-adapter.ts';
import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';

/** Options of {@link IndexedDbFeedStorage} beyond the storage ones. */
export interface IndexedDbFeedStorageOptions extends FeedStorageOptions {
  /** The store to write to. @default an idb-keyval store for the URI's database and store */
  store?: KeyValueStore;
  /**
   * How much text the feed gathers before each write (see `FeedWriter.bufferChars`); 0 stores each
   * item as it is scraped, so a crawl cut short (an extension's service worker stopped by Chrome)
   * keeps every item it counted.
   * @default DEFAULT_FEED_BUFFER_CHARS (about 64 KB)
   */
  bufferChars?: number;
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
 * appends chunks to an existing feed. Read a feed back with {@link readIndexedDbFeed} (text) or
 * {@link readIndexedDbFeedItems} (items), delete it with {@link deleteIndexedDbFeed}.
 * @see Scrapy's feed storages (no IndexedDB equivalent)
 * @example
 * FEEDS: { 'idb://skitter-feeds/items': { format: 'jsonlines', overwrite: true } }
 * const text = await readIndexedDbFeed('idb://skitter-feeds/items');
 */
export class IndexedDbFeedStorage implements FeedStorage {
  #location: IdbFeedLocation;
  #overwrite: boolean;
  #store: KeyValueStore | undefined;
  #bufferChars: number | undefined;

  constructor(uri: string, options: IndexedDbFeedStorageOptions) {
    this.#location = parseIdbFeedUri(uri);
    this.#overwrite = options.overwrite;
    this.#store = options.store;
    this.#bufferChars = options.bufferChars;
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
      ...(this.#bufferChars === undefined ? {} : { bufferChars: this.#bufferChars }),
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

/**
 * Reads a JSON Lines feed written by {@link IndexedDbFeedStorage} back as items, in feed order.
 * Resolves to undefined when there is no such feed.
 * @throws {SyntaxError} naming the URI and line when a line is not JSON (the feed was not JSON Lines).
 * @example
 * const items = await readIndexedDbFeedItems('idb://skitter-runs/run-1') ?? [];
 */
export async function readIndexedDbFeedItems(uri: string, options: { store?: KeyValueStore } = {}): Promise<unknown[] | undefined> {
  const text = await readIndexedDbFeed(uri, options);
  if (text === undefined) return undefined;
  const items: unknown[] = [];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row.trim() === '') continue;
    try {
      items.push(JSON.parse(row));
    } catch (error) {
      throw new SyntaxError(`[skitter] readIndexedDbFeedItems: line ${line} of ${uri} is not JSON (${(error as Error).message}); the feed must be written with format 'jsonlines'.`);
    }
  }
  return items;
}

/** Deletes a feed written by {@link IndexedDbFeedStorage} (its meta record and every chunk). No error if absent. */
export async function deleteIndexedDbFeed(uri: string, options: { store?: KeyValueStore } = {}): Promise<void> {
  const location = parseIdbFeedUri(uri);
  const store = options.store ?? idbKeyValueStore(location.database, location.store);
  const meta = await store.get<FeedMeta>(location.key);
  if (!meta) return;
  for (let i = 0; i < meta.chunks; i++) await store.delete(`${location.key}#${i}`);
  await store.delete(location.key);
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
