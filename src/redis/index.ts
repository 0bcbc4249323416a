/**
 * `skitter/redis`: distributed crawls on Redis (Node only). Many worker processes, on one machine
 * or many, share one frontier: a scheduler with leases, a dupefilter and politeness kept in Redis,
 * as scrapy-redis does, with no lost work when a worker dies. See docs/distributed.md.
 * @example
 * import { RedisScheduler, RedisDupeFilter } from 'skitter/redis';
 * export const settings = { SCHEDULER: RedisScheduler, DUPEFILTER_CLASS: RedisDupeFilter, REDIS_URL: 'redis://127.0.0.1:6379' };
 * @module
 */
export { RedisScheduler } from './redis-scheduler.ts';
export { RedisDupeFilter } from './redis-dupefilter.ts';
export { RedisSpider } from './redis-spider.ts';
export { redisKeys, type RedisKeys } from './keys.ts';
export { redactRedisUrl } from './connection.ts';
export { requestToJson, requestFromJson, type RequestJson } from './request-json.ts';
export { RequestSerializationError, isRequestSerializationError } from './request-serialization-error.ts';
export { RedisConnectionError, isRedisConnectionError } from './redis-connection-error.ts';
