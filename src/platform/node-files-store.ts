import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { md5 } from 'js-md5';
import type { FileStat, FilesStore } from '../pipelines/media/files-store.ts';

let tempCounter = 0;

/**
 * Media files on disk (Scrapy's `FSFilesStore`): FILES_STORE (or IMAGES_STORE) is a folder (or a
 * `file://` URI); files go to `<folder>/<path>`, written to a temporary name and renamed so a
 * killed crawl never leaves half a file under the final name.
 */
export class FsFilesStore implements FilesStore {
  readonly basedir: string;

  constructor(uri: string) {
    this.basedir = uri.startsWith('file://') ? fileURLToPath(uri) : resolve(uri);
  }

  async persistFile(path: string, data: Uint8Array): Promise<void> {
    const file = join(this.basedir, path);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.tmp-${process.pid}-${++tempCounter}`;
    await writeFile(temp, data);
    await rename(temp, file);
  }

  async statFile(path: string): Promise<FileStat | undefined> {
    const file = join(this.basedir, path);
    try {
      const info = await stat(file);
      return { lastModifiedMs: info.mtimeMs, checksum: md5.hex(await readFile(file)) };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
