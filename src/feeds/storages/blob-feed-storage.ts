import type { FeedStorage, FeedStorageOptions, FeedWriter } from './storage.ts';

/** What the `blob:` storage hands over when a feed closes. */
export interface BlobFeedResult {
  /** The feed URI (e.g. `blob:items.json`). */
  uri: string;
  /** The whole feed. */
  blob: Blob;
  /** An object URL for the blob when `objectUrl` was true; revoke it with `URL.revokeObjectURL`. */
  url?: string;
}

/** Options of the `blob:` storage, given as the `blob` key of a FEEDS entry. */
export interface BlobFeedOptions {
  /** Receives the finished feed. Without it the Blob is only available as the storage's `blob`. */
  onBlob?: (result: BlobFeedResult) => void;
  /** MIME type. @default from the format: json, jsonlines, csv, xml; else 'text/plain' */
  type?: string;
  /** Also create an object URL (e.g. for a download link). @default false */
  objectUrl?: boolean;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  jsonlines: 'application/jsonl',
  jsonl: 'application/jsonl',
  jl: 'application/jsonl',
  csv: 'text/csv',
  xml: 'application/xml',
};

/**
 * Collects a feed into a Blob (scheme `blob:`, for pages): each flushed chunk becomes a Blob part
 * (the browser may keep large blobs out of the JS heap), joined into one Blob on close and handed
 * to `onBlob`. A feed always starts empty (`overwrite` does not apply).
 * @example
 * FEEDS: {
 *   'blob:items.csv': { format: 'csv', blob: { objectUrl: true, onBlob: ({ url }) => {
 *     const a = document.createElement('a'); a.href = url!; a.download = 'items.csv'; a.click();
 *   } } },
 * }
 */
export class BlobFeedStorage implements FeedStorage {
  #uri: string;
  #options: BlobFeedOptions;
  #type: string;
  #blob: Blob | undefined;

  constructor(uri: string, options: FeedStorageOptions) {
    this.#uri = uri;
    this.#options = options.feedOptions.blob ?? {};
    this.#type = this.#options.type ?? MIME_TYPES[options.feedOptions.format] ?? 'text/plain';
  }

  /** The finished feed, once closed. */
  get blob(): Blob | undefined {
    return this.#blob;
  }

  async open(): Promise<FeedWriter> {
    const parts: Blob[] = [];
    return {
      write: (chunk) => {
        parts.push(new Blob([chunk]));
      },
      writeBytes: (chunk) => {
        parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
      },
      close: async () => {
        const blob = new Blob(parts, { type: this.#type });
        this.#blob = blob;
        const result: BlobFeedResult = { uri: this.#uri, blob };
        if (this.#options.objectUrl) result.url = URL.createObjectURL(blob);
        this.#options.onBlob?.(result);
      },
    };
  }
}
