/**
 * The Redis client of a crawl (ioredis): one clear error when Redis cannot be reached at start;
 * once connected, a worker whose Redis goes away pauses (commands wait in the client's queue),
 * says so once, reconnects with exponential backoff and says when it resumes.
 * @module
 */
import { Redis } from 'ioredis';
import type { Logger } from '../core/log.ts';
import { RedisConnectionError } from './redis-connection-error.ts';

/** ms before a connection attempt at start counts as failed. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Reconnection backoff: first wait, and the cap, in ms. */
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/** REDIS_URL as it may be logged: the password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return '<unparseable REDIS_URL>';
  }
}

/**
 * Connects to `url` and resolves when Redis answers.
 * @throws {RedisConnectionError} `[skitter] <component>: cannot reach Redis at redis://:***@host:port/ (<cause>); ...`
 *   when the first connection fails (refused, timeout, bad password, bad URL).
 */
export async function connectRedis(url: string, logger: Logger, component: string): Promise<Redis> {
  const shown = redactRedisUrl(url);
  let connected = false;
  let paused = false;
  let client: Redis;
  try {
    client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // null: a command waits while Redis is away instead of failing the crawl.
      maxRetriesPerRequest: null,
      retryStrategy: (times) => (connected ? Math.min(BACKOFF_FIRST_MS * 2 ** Math.min(times, 10), BACKOFF_MAX_MS) : null),
    });
  } catch (error) {
    throw new RedisConnectionError(`[skitter] ${component}: REDIS_URL ${shown} is not a Redis URL (${(error as Error).message}); use redis://[:password@]host:port[/db].`);
  }
  let firstError: Error | undefined;
  client.on('error', (error: Error) => {
    if (!connected) {
      firstError ??= error;
      return;
    }
    if (paused) return;
    paused = true;
    logger.warning(`${component}: Redis at ${shown} went away (${error.message}); this worker pauses and reconnects with backoff`);
  });
  client.on('ready', () => {
    if (!paused) return;
    paused = false;
    logger.info(`${component}: Redis at ${shown} is back; resuming`);
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    // The client's own rejection says "Connection is closed"; the socket error says why.
    const cause = firstError?.message ?? ((error as Error).message || String(error));
    throw new RedisConnectionError(`[skitter] ${component}: cannot reach Redis at ${shown} (${cause}); start redis-server there or set REDIS_URL to a reachable server.`);
  }
  connected = true;
  return client;
}
