import type { Crawler } from '../../core/crawler.ts';
import { buildComponent, type ComponentSpec } from '../../core/component.ts';
import type { MaybePromise } from '../../utils/maybe-async.ts';

/** What `statFile` knows of a stored file. */
export interface FileStat {
  /** When it was stored, ms since the epoch. */
  lastModifiedMs: number;
  /** The MD5 of its bytes, hex. */
  checksum: string;
}

/**
 * Where media pipelines keep files (Scrapy's `FilesStoreProtocol`), by relative path such as
 * `full/<sha1>.jpg`. Built-in: the file system (Node, FILES_STORE a folder) and IndexedDB
 * (`idb://<database>`, pages, workers, MV3). Give your own as a `FILES_STORAGES` scheme or as
 * FILES_STORE itself (an object or class with these methods).
 */
export interface FilesStore {
  /** Stores `data` at `path`, replacing what was there. */
  persistFile(path: string, data: Uint8Array, meta: { contentType?: string }): MaybePromise<void>;
  /** What is stored at `path`, or `undefined` when nothing is. */
  statFile(path: string): MaybePromise<FileStat | undefined>;
}

/** A store class (built with the URI and the crawler) or factory, per URI scheme. */
export type FilesStoreSpec = (new (uri: string, crawler: Crawler) => FilesStore) | { fromUri(uri: string, crawler: Crawler): MaybePromise<FilesStore> };

/**
 * The store for a FILES_STORE / IMAGES_STORE value: a URI whose scheme (none or `file` for a
 * path) picks a class from FILES_STORAGES over FILES_STORAGES_BASE (set by the platform), or a
 * store given directly (an object with `persistFile` / `statFile`, or a component spec).
 * @throws {TypeError} naming the setting and the known schemes for a URI nobody handles.
 */
export async function resolveFilesStore(setting: string, value: unknown, crawler: Crawler): Promise<FilesStore> {
  if (value && typeof value === 'object' && typeof (value as FilesStore).persistFile === 'function') return value as FilesStore;
  if (typeof value === 'function' || (value && typeof value === 'object')) {
    const built = await buildComponent(value as ComponentSpec<FilesStore>, crawler);
    if (built) return built;
  }
  if (typeof value !== 'string' || value === '') throw new TypeError(`[skitter] ${setting} must be a folder, a URI or a store object, got ${JSON.stringify(value)}.`);
  const schemes = {
    ...crawler.settings.getDict<FilesStoreSpec | null>('FILES_STORAGES_BASE'),
    ...crawler.settings.getDict<FilesStoreSpec | null>('FILES_STORAGES'),
  };
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  // Windows drive letters ("C:\files") are paths, not schemes.
  const scheme = match ? match[1]!.toLowerCase() : '';
  const spec = schemes[scheme];
  if (!spec) {
    const known = Object.entries(schemes).filter(([, v]) => v).map(([k]) => (k === '' ? 'a folder' : `${k}://`));
    throw new TypeError(`[skitter] ${setting}: no files store for ${JSON.stringify(value)} on the ${crawler.adapter.name} platform; it knows ${known.join(', ') || 'none'}. Add one with FILES_STORAGES.`);
  }
  return typeof spec === 'function' ? new spec(value, crawler) : await spec.fromUri(value, crawler);
}
