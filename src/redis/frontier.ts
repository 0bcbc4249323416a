/**
 * The Redis side of the shared frontier: each method is one round trip running one atomic script
 * (see scripts.ts). It knows keys and tokens, nothing about the engine.
 * @module
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.ts';
import { crawlStateKeys } from './keys.ts';
import { COMMIT_SCRIPT, PERMIT_SCRIPT, POP_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT, SETTLE_SCRIPT, START_URLS_SCRIPT } from './scripts.ts';

/** A request ready to be written: its fingerprint ('' when dontFilter), priority and JSON text. */
export interface QueuedEntry {
  fingerprint: string;
  priority: number;
  json: string;
}

/** A slot permit held for a leased request: the slot's in-flight key and this permit's member. */
export interface Permit {
  key: string;
  member: string;
}

/** A lease held by this worker, with the permit taken for it (if any). */
export interface HeldLease {
  member: string;
  permit?: Permit | undefined;
}

/** What a pop returned. */
export interface PopResult {
  /** Leased request JSON texts, best first. */
  members: string[];
  /** Expired leases returned to the queue by this call. */
  reclaimed: number;
  /** Requests queued after the pop. */
  queued: number;
  /** Leases outstanding after the pop (all workers, these included). */
  leases: number;
}

/** The outcome of a commit or a start-list transfer. */
export interface CommitResult {
  /** False when the parent's lease was not this worker's any more (children dropped), or the start list changed. */
  committed: boolean;
  added: number;
  filtered: number;
}

/** One slot's permit request: how many requests wait and the slot's cluster-wide limits. */
export interface PermitAsk {
  slot: string;
  concurrency: number;
  delayMs: number;
  members: string[];
}

type Scripted = Redis & {
  skitterCommit(...args: Array<string | number>): Promise<number[]>;
  skitterSettle(...args: Array<string | number>): Promise<number[]>;
  skitterPop(...args: Array<string | number>): Promise<Array<string | number>>;
  skitterRenew(...args: Array<string | number>): Promise<number>;
  skitterRelease(...args: Array<string | number>): Promise<number>;
  skitterPermit(...args: Array<string | number>): Promise<number[]>;
  skitterStartUrls(...args: Array<string | number>): Promise<number[]>;
};

/**
 * One worker's handle on the shared frontier. `token` identifies this worker's leases; it is
 * unique per process start, so a restarted worker never mistakes an old lease for its own.
 * `ackedKey` is the worker's acked set (see COMMIT_SCRIPT): per worker identity (JOBDIR), kept
 * across restarts.
 */
export class RedisFrontier {
  readonly keys: RedisKeys;
  readonly token: string;
  #client: Scripted;

  readonly ackedKey: string;

  constructor(client: Redis, keys: RedisKeys, token: string, workerId = token) {
    this.keys = keys;
    this.token = token;
    this.ackedKey = `${keys.ackedPrefix}${workerId}`;
    // defineCommand runs EVALSHA and falls back to EVAL, so a restarted Redis (empty script cache) is fine.
    client.defineCommand('skitterCommit', { numberOfKeys: 6, lua: COMMIT_SCRIPT });
    client.defineCommand('skitterSettle', { numberOfKeys: 4, lua: SETTLE_SCRIPT });
    client.defineCommand('skitterPop', { numberOfKeys: 3, lua: POP_SCRIPT });
    client.defineCommand('skitterRenew', { numberOfKeys: 2, lua: RENEW_SCRIPT });
    client.defineCommand('skitterRelease', { numberOfKeys: 3, lua: RELEASE_SCRIPT });
    client.defineCommand('skitterPermit', { numberOfKeys: 0, lua: PERMIT_SCRIPT });
    client.defineCommand('skitterStartUrls', { numberOfKeys: 6, lua: START_URLS_SCRIPT });
    this.#client = client as Scripted;
  }

  get client(): Redis {
    return this.#client;
  }

  #queueKeys(): string[] {
    const k = this.keys;
    return [k.requests, k.leases, k.leaseInfo, k.dupefilter, k.seq];
  }

  /**
   * Enqueues `entries` and, with a parent, acknowledges the parent in the same atomic step,
   * recording `journalId` (if any) in this worker's acked set and removing `written` from it.
   */
  async commit(entries: readonly QueuedEntry[], parent?: HeldLease, journalId = '', written: readonly string[] = []): Promise<CommitResult> {
    const args: Array<string | number> = [...this.#queueKeys(), this.ackedKey, this.token, parent?.member ?? '', parent?.permit?.key ?? '', parent?.permit?.member ?? '', journalId, written.length, ...written];
    for (const e of entries) args.push(e.fingerprint, e.priority, e.json);
    const [committed, added, filtered] = await this.#client.skitterCommit(...args);
    return { committed: committed === 1, added: added ?? 0, filtered: filtered ?? 0 };
  }

  /**
   * Settles a restarted worker's journal: returns the leases of its last run (`lastToken`) to the
   * queue and says, per pending journal id, whether its acknowledgement was recorded.
   */
  async settle(lastToken: string, ids: readonly string[]): Promise<{ returned: number; acked: boolean[] }> {
    const k = this.keys;
    const out = await this.#client.skitterSettle(k.requests, k.leases, k.leaseInfo, this.ackedKey, lastToken, ...ids);
    return { returned: Number(out[0]), acked: out.slice(1).map((n) => Number(n) === 1) };
  }

  /**
   * Drops the download-slot permits a dead run of this worker (`lastToken`) still holds, so its
   * slots' cluster-wide concurrency is free at once rather than when the permits expire. Resolves
   * to how many were dropped.
   */
  async dropPermitsOf(lastToken: string): Promise<number> {
    if (!lastToken) return 0;
    let dropped = 0;
    let cursor = '0';
    do {
      // No TYPE filter (Redis 6+): the `:next` strings are skipped by name.
      const [next, keys] = await this.#client.scan(cursor, 'MATCH', `${this.keys.slotPrefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        if (key.endsWith(':next')) continue;
        let inner = '0';
        do {
          const [n, flat] = await this.#client.zscan(key, inner, 'MATCH', `${lastToken}:*`, 'COUNT', 500);
          inner = n;
          const members = flat.filter((_, i) => i % 2 === 0);
          if (members.length > 0) dropped += await this.#client.zrem(key, ...members);
        } while (inner !== '0');
      }
    } while (cursor !== '0');
    return dropped;
  }

  /** Removes journal ids this worker has written to its feeds from its acked set. */
  async forget(written: readonly string[]): Promise<void> {
    if (written.length > 0) await this.#client.srem(this.ackedKey, ...written);
  }

  /** Empties this worker's acked set (after settling: nothing of this run is in it yet). */
  async forgetAll(): Promise<void> {
    await this.#client.del(this.ackedKey);
  }

  /** Leases up to `n` requests for `leaseMs`, after returning expired leases to the queue. */
  async pop(n: number, leaseMs: number): Promise<PopResult> {
    const k = this.keys;
    const out = await this.#client.skitterPop(k.requests, k.leases, k.leaseInfo, n, Math.round(leaseMs), this.token);
    return { reclaimed: Number(out[0]), queued: Number(out[1]), leases: Number(out[2]), members: out.slice(3) as string[] };
  }

  /** Extends these leases and their permits; resolves to how many leases were lost meanwhile. */
  async renew(held: readonly HeldLease[], leaseMs: number): Promise<number> {
    if (held.length === 0) return 0;
    const k = this.keys;
    return this.#client.skitterRenew(k.leases, k.leaseInfo, Math.round(leaseMs), this.token, ...tripleArgs(held));
  }

  /** Returns these leases to the queue now and drops their permits. */
  async release(held: readonly HeldLease[]): Promise<number> {
    if (held.length === 0) return 0;
    const k = this.keys;
    return this.#client.skitterRelease(k.requests, k.leases, k.leaseInfo, this.token, ...tripleArgs(held));
  }

  /** Takes slot permits; resolves to (granted, wait ms) per ask, in order. */
  async permits(asks: readonly PermitAsk[], permitMs: number): Promise<Array<{ granted: number; waitMs: number }>> {
    const args: Array<string | number> = [Math.round(permitMs)];
    for (const a of asks) {
      const key = this.slotKey(a.slot);
      args.push(key, `${key}:next`, a.concurrency, Math.round(a.delayMs), a.members.length, ...a.members);
    }
    const out = await this.#client.skitterPermit(...args);
    return asks.map((_, i) => ({ granted: Number(out[2 * i]), waitMs: Number(out[2 * i + 1]) }));
  }

  /** The in-flight key of a download slot. */
  slotKey(slot: string): string {
    return `${this.keys.slotPrefix}${slot}`;
  }

  /** Reads up to `n` entries from the head of the start list (not removing them). */
  async peekStartUrls(n: number): Promise<string[]> {
    return this.#client.lrange(this.keys.startUrls, 0, n - 1);
  }

  /** Removes `taken` from the head of the start list and enqueues `entries`, if the head is still `taken`. */
  async takeStartUrls(taken: readonly string[], entries: readonly QueuedEntry[]): Promise<CommitResult> {
    const args: Array<string | number> = [...this.#queueKeys(), this.keys.startUrls, taken.length, ...taken];
    for (const e of entries) args.push(e.fingerprint, e.priority, e.json);
    const [committed, added, filtered] = await this.#client.skitterStartUrls(...args);
    return { committed: committed === 1, added: added ?? 0, filtered: filtered ?? 0 };
  }

  /** Becomes the seeding worker if nobody seeds or seeded: resolves to true for this worker. */
  async claimSeeding(ttlMs: number): Promise<'mine' | 'seeding' | 'done'> {
    const set = await this.#client.set(this.keys.seeded, `seeding:${this.token}`, 'PX', Math.round(ttlMs), 'NX');
    if (set === 'OK') return 'mine';
    const value = await this.#client.get(this.keys.seeded);
    if (value === null) return this.claimSeeding(ttlMs);
    return value === 'done' ? 'done' : 'seeding';
  }

  /** Extends this worker's seeding claim while its `start()` runs. */
  async renewSeeding(ttlMs: number): Promise<void> {
    const value = await this.#client.get(this.keys.seeded);
    if (value === `seeding:${this.token}`) await this.#client.pexpire(this.keys.seeded, Math.round(ttlMs));
  }

  /** Marks seeding done (no expiry). */
  async markSeeded(): Promise<void> {
    await this.#client.set(this.keys.seeded, 'done');
  }

  /**
   * True when the crawl's state is gone from Redis: nothing queued or leased and no seeding
   * record, as a finished crawl leaves it.
   */
  async crawlGone(): Promise<boolean> {
    const [seeded, { queued, leases }] = await Promise.all([this.#client.get(this.keys.seeded), this.counts()]);
    return seeded === null && queued === 0 && leases === 0;
  }

  /** Queued requests and outstanding leases, all workers together. */
  async counts(): Promise<{ queued: number; leases: number }> {
    const [queued, leases] = await Promise.all([this.#client.zcard(this.keys.requests), this.#client.zcard(this.keys.leases)]);
    return { queued, leases };
  }

  /** After a finished crawl: forgets who seeded (the next run seeds again) and, unless `persist`, the crawl's state. */
  async finish(persist: boolean): Promise<void> {
    const keys = persist ? [this.keys.seeded] : [this.keys.seeded, ...crawlStateKeys(this.keys)];
    await this.#client.del(...keys);
  }
}

function tripleArgs(held: readonly HeldLease[]): string[] {
  const out: string[] = [];
  for (const h of held) out.push(h.member, h.permit?.key ?? '', h.permit?.member ?? '');
  return out;
}
