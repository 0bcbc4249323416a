/**
 * Stable item ids for idempotent pipelines in a JOBDIR job: `<request fingerprint>:<n>` for the
 * n-th item (0-based) a callback yielded for a request, the same on every run that processes
 * that request again.
 * @module
 */
const ids = new WeakMap<object, string>();

/** Records an item's id (the job's spider middleware does it). */
export function setItemId(item: object, id: string): void {
  ids.set(item, id);
}

/**
 * The stable id of an item in a JOBDIR crawl, for pipelines that write elsewhere and must not
 * write an item twice when a response is processed again after a crash (their side effects are
 * at-least-once). `undefined` for items the job did not see: no JOBDIR, items from errbacks, or
 * a new object a previous pipeline returned (ids follow the object a callback yielded).
 * @example
 * async processItem(item) { await db.upsert(jobItemId(item), item); return item; }
 */
export function jobItemId(item: unknown): string | undefined {
  return item !== null && typeof item === 'object' ? ids.get(item) : undefined;
}
