import { createStore, get, set, type UseStore } from 'idb-keyval';
import { md5 } from 'js-md5';
import type { Crawler } from '../../core/crawler.ts';
import type { FileStat, FilesStore } from './files-store.ts';

interface StoredFile {
  data: Uint8Array;
  contentType: string | undefined;
  checksum: string;
  lastModifiedMs: number;
}

/**
 * Media files in IndexedDB, for pages, Web Workers and MV3 service workers: FILES_STORE (or
 * IMAGES_STORE) `idb://<database>`, object store `files`, one record per path holding the bytes,
 * content type, MD5 and time stored. Read them back with {@link readIndexedDbFile}.
 */
export class IndexedDbFilesStore implements FilesStore {
  #store: UseStore;
  #now: () => number;

  constructor(uri: string, crawler: Crawler) {
    const name = uri.replace(/^idb:\/\//i, '');
    if (!name) throw new TypeError(`[skitter] IndexedDbFilesStore: ${JSON.stringify(uri)} names no database; use idb://<database name>.`);
    this.#store = createStore(name, 'files');
    this.#now = () => crawler.adapter.wallClock();
  }

  async persistFile(path: string, data: Uint8Array, meta: { contentType?: string }): Promise<void> {
    const record: StoredFile = { data, contentType: meta.contentType, checksum: md5.hex(data), lastModifiedMs: this.#now() };
    await set(path, record, this.#store);
  }

  async statFile(path: string): Promise<FileStat | undefined> {
    const record = await get<StoredFile>(path, this.#store);
    return record ? { lastModifiedMs: record.lastModifiedMs, checksum: record.checksum } : undefined;
  }
}

/** A file a media pipeline stored in IndexedDB (`idb://<database>`), or `undefined`. */
export async function readIndexedDbFile(database: string, path: string): Promise<{ data: Uint8Array; contentType: string | undefined } | undefined> {
  const record = await get<StoredFile>(path, createStore(database.replace(/^idb:\/\//i, ''), 'files'));
  return record ? { data: record.data, contentType: record.contentType } : undefined;
}
