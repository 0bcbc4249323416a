/**
 * A file-backed {@link KeyValueStore} for Node: one JSON file per key in a directory per namespace.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyValueStore } from './loop-adapter.ts';

/** Longest encoded key used as a file name; longer keys are stored under a hash. */
const MAX_NAME_LENGTH = 200;
const HASHED_PREFIX = '~';
const SUFFIX = '.json';

let tempCounter = 0;

/**
 * Encodes `key` as a portable file name: percent-encoding, plus `.`, `*`, `~` and upper-case
 * letters, so names never start with a dot, are valid on Windows and do not collide on
 * case-insensitive file systems.
 */
export function encodeFileName(key: string): string {
  return encodeURIComponent(key).replace(
    /%[0-9A-F]{2}|[.*~A-Z]/g,
    (match) => (match.length === 3 ? match : `%${match.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}

/**
 * A {@link KeyValueStore} in `directory`: each key is a file `<encoded key>.json` holding
 * `{ "key": ..., "value": ... }`; keys whose encoded name would exceed 200 characters are stored as
 * `~<sha256>.json`. Writes are atomic (a temp file renamed over the target), so a crash never leaves
 * a half-written value. The directory is created on first write.
 *
 * Values go through JSON (unlike IndexedDB's structured clone): `Date`s come back as strings,
 * `Map`s / `Set`s as `{}`, and `set(key, undefined)` reads back as `undefined`.
 * `keys()` returns keys in ascending order.
 * @see Scrapy's JOBDIR files (the persistence this backs)
 */
export class FileStore implements KeyValueStore {
  #directory: string;

  /** @param directory where this store's files live (one directory per store). */
  constructor(directory: string) {
    this.#directory = directory;
  }

  /** The store's directory. */
  get directory(): string {
    return this.#directory;
  }

  /** The stored value for `key`, or `undefined`. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.#pathOf(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return (JSON.parse(text) as { value?: T }).value;
  }

  /** Stores `value` (as JSON) under `key`, atomically. */
  async set(key: string, value: unknown): Promise<void> {
    const target = this.#pathOf(key);
    const temp = join(this.#directory, `.${process.pid}-${++tempCounter}.tmp`);
    await mkdir(this.#directory, { recursive: true });
    try {
      await writeFile(temp, JSON.stringify({ key, value }), 'utf8');
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Removes `key` (no error if absent). */
  async delete(key: string): Promise<void> {
    await rm(this.#pathOf(key), { force: true });
  }

  /** All keys, ascending. */
  async keys(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#directory);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const name of names) {
      if (!name.endsWith(SUFFIX)) continue;
      if (name.startsWith(HASHED_PREFIX)) {
        const text = await readFile(join(this.#directory, name), 'utf8').catch(() => undefined);
        if (text !== undefined) keys.push((JSON.parse(text) as { key: string }).key);
      } else {
        keys.push(decodeURIComponent(name.slice(0, -SUFFIX.length)));
      }
    }
    return keys.sort();
  }

  /** Removes every key (and the directory). */
  async clear(): Promise<void> {
    await rm(this.#directory, { recursive: true, force: true });
  }

  #pathOf(key: string): string {
    let name = encodeFileName(key);
    if (name.length > MAX_NAME_LENGTH) name = HASHED_PREFIX + createHash('sha256').update(key).digest('hex');
    return join(this.#directory, name + SUFFIX);
  }
}
