/**
 * The Lua scripts of the Redis frontier. Each one is a single atomic step on the server, which is
 * what makes the frontier safe with many workers: no two workers lease the same request, a child
 * request is enqueued together with its parent's acknowledgement or not at all, and a download
 * slot's delay and in-flight count are checked and taken in one step.
 *
 * Times come from the Redis server's clock (`TIME`), so workers on machines whose clocks disagree
 * still agree on lease expiry and slot delays. Scores of the request queue are
 * `-priority * 2^32 + sequence`: the lowest score pops first, so higher priorities go first and
 * equal priorities go in the order they were enqueued (breadth-first, as scrapy-redis).
 * @module
 */

/** Redis server time in ms, as a Lua local `now`. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * The Lua tail both enqueueing scripts share: from ARGV index `first` on, triples of (fingerprint,
 * priority, request JSON); a request whose fingerprint is new (or empty: `dontFilter`) is added to
 * the queue `KEYS[1]` ordered by priority then arrival (`KEYS[5]` counts), its fingerprint to the
 * dupefilter `KEYS[4]`. Returns `{1, added, filtered}`.
 */
function enqueueTail(first: string): string {
  return `local added, filtered = 0, 0
for i = ${first}, #ARGV, 3 do
  local fp = ARGV[i]
  if fp == '' or redis.call('SADD', KEYS[4], fp) == 1 then
    local seq = redis.call('INCR', KEYS[5])
    redis.call('ZADD', KEYS[1], -tonumber(ARGV[i + 1]) * 4294967296 + seq, ARGV[i + 2])
    added = added + 1
  else
    filtered = filtered + 1
  end
end
return {1, added, filtered}
`;
}

/**
 * Enqueues children (after the dupefilter check) and, when a parent is given, acknowledges its
 * lease in the same step. If the parent's lease is no longer this worker's (it expired and went
 * back to the queue, or an earlier attempt of this same call already committed), the children are
 * dropped: whoever holds the request now produces them.
 *
 * A worker with a journal (JOBDIR) passes the journal id of the parent's items: it is added to
 * the worker's acked set in the same step as the acknowledgement, which is how a restarted worker
 * learns which of its pending items to write. An id already in the set means an earlier attempt
 * of this call committed (its reply was lost): committed again, without enqueueing twice. Ids the
 * worker has written to its feeds since its last call are removed from the set.
 *
 * KEYS: requests, leases, lease-info, dupefilter, seq, this worker's acked set.
 * ARGV: token, parent member ('' for none), permit key ('' for none), permit member, journal id
 *       ('' for none), number f of written ids, the f ids, then triples of (fingerprint or ''
 *       when dontFilter, priority, request JSON).
 * Returns {committed (1/0), added, filtered}.
 */
export const COMMIT_SCRIPT = `
if ARGV[3] ~= '' then redis.call('ZREM', ARGV[3], ARGV[4]) end
local ack = ARGV[5]
local nf = tonumber(ARGV[6])
for i = 7, 6 + nf do redis.call('SREM', KEYS[6], ARGV[i]) end
local parent = ARGV[2]
if parent ~= '' then
  local info = redis.call('HGET', KEYS[3], parent)
  if (not info) or string.sub(info, 1, #ARGV[1] + 1) ~= ARGV[1] .. '|' then
    if ack ~= '' and redis.call('SISMEMBER', KEYS[6], ack) == 1 then return {1, 0, 0} end
    return {0, 0, 0}
  end
  redis.call('ZREM', KEYS[2], parent)
  redis.call('HDEL', KEYS[3], parent)
  if ack ~= '' then redis.call('SADD', KEYS[6], ack) end
end
${enqueueTail('7 + nf')}`;

/**
 * Settles a restarted worker's journal: returns the leases its last run still holds to the queue
 * (that run is dead; nobody else would return them before they expire), which also makes any of
 * its acknowledgements still on the way fail, then says for each pending journal entry whether
 * its acknowledgement was recorded.
 *
 * KEYS: requests, leases, lease-info, the worker's acked set.
 * ARGV: the last run's token ('' for none), then the pending journal ids.
 * Returns {returned leases, then 1/0 per id}.
 */
export const SETTLE_SCRIPT = `
local returned = 0
local old = ARGV[1]
if old ~= '' then
  local all = redis.call('HGETALL', KEYS[3])
  for i = 1, #all, 2 do
    local info = all[i + 1]
    if string.sub(info, 1, #old + 1) == old .. '|' then
      redis.call('ZADD', KEYS[1], string.sub(info, #old + 2), all[i])
      redis.call('ZREM', KEYS[2], all[i])
      redis.call('HDEL', KEYS[3], all[i])
      returned = returned + 1
    end
  end
end
local out = {returned}
for i = 2, #ARGV do out[#out + 1] = redis.call('SISMEMBER', KEYS[4], ARGV[i]) end
return out
`;

/**
 * Returns expired leases to the queue (with their original score), then leases up to n requests
 * to this worker.
 *
 * KEYS: requests, leases, lease-info. ARGV: n, lease ms, token.
 * Returns {reclaimed, queued after the pop, leases outstanding after the pop, member...}.
 */
export const POP_SCRIPT = `
${NOW}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
for _, m in ipairs(expired) do
  local info = redis.call('HGET', KEYS[3], m)
  local score = 0
  if info then score = string.sub(info, string.find(info, '|', 1, true) + 1) end
  redis.call('ZADD', KEYS[1], score, m)
  redis.call('ZREM', KEYS[2], m)
  redis.call('HDEL', KEYS[3], m)
end
local popped = {}
if tonumber(ARGV[1]) > 0 then popped = redis.call('ZPOPMIN', KEYS[1], ARGV[1]) end
local out = {#expired, 0, 0}
local ttl = tonumber(ARGV[2])
for i = 1, #popped, 2 do
  redis.call('ZADD', KEYS[2], now + ttl, popped[i])
  redis.call('HSET', KEYS[3], popped[i], ARGV[3] .. '|' .. popped[i + 1])
  out[#out + 1] = popped[i]
end
out[2] = redis.call('ZCARD', KEYS[1])
out[3] = redis.call('ZCARD', KEYS[2])
return out
`;

/**
 * Extends this worker's leases and slot permits (a live worker never loses work to expiry).
 *
 * KEYS: leases, lease-info. ARGV: lease ms, token, then triples of (lease member, permit key or '',
 * permit member). Returns the number of leases that were no longer this worker's.
 */
export const RENEW_SCRIPT = `
${NOW}
local until_ = now + tonumber(ARGV[1])
local lost = 0
for i = 3, #ARGV, 3 do
  local info = redis.call('HGET', KEYS[2], ARGV[i])
  if info and string.sub(info, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then
    redis.call('ZADD', KEYS[1], 'XX', until_, ARGV[i])
  else
    lost = lost + 1
  end
  if ARGV[i + 1] ~= '' then redis.call('ZADD', ARGV[i + 1], 'XX', until_, ARGV[i + 2]) end
end
return lost
`;

/**
 * Gives this worker's leases back to the queue at once (a graceful stop), with their original
 * score, and drops their slot permits.
 *
 * KEYS: requests, leases, lease-info. ARGV: token, then triples of (lease member, permit key or '',
 * permit member). Returns the number returned.
 */
export const RELEASE_SCRIPT = `
local n = 0
for i = 2, #ARGV, 3 do
  local m = ARGV[i]
  local info = redis.call('HGET', KEYS[3], m)
  if info and string.sub(info, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
    redis.call('ZADD', KEYS[1], string.sub(info, #ARGV[1] + 2), m)
    redis.call('ZREM', KEYS[2], m)
    redis.call('HDEL', KEYS[3], m)
    n = n + 1
  end
  if ARGV[i + 1] ~= '' then redis.call('ZREM', ARGV[i + 1], ARGV[i + 2]) end
end
return n
`;

/**
 * Takes download-slot permits for the whole cluster: a slot's permits are its requests in flight
 * (a sorted set scored by expiry, so a dead worker's permits lapse) and its next allowed start
 * time. With a delay, at most one permit per call and slot; the next one waits for the delay.
 *
 * KEYS: none (the slot keys are in ARGV: this frontier targets one Redis server, not a Cluster).
 * ARGV: permit ms, then groups of (in-flight key, next-time key, concurrency, delay ms, k,
 *       k permit members). Returns {granted, wait ms} per group.
 */
export const PERMIT_SCRIPT = `
${NOW}
local ttl = tonumber(ARGV[1])
local out = {}
local i = 2
while i <= #ARGV do
  local key, nextKey = ARGV[i], ARGV[i + 1]
  local limit, delay, k = tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local free = limit - redis.call('ZCARD', key)
  local nextAt = tonumber(redis.call('GET', nextKey) or '0')
  local granted, wait = 0, 0
  if now < nextAt then
    wait = nextAt - now
  elseif free > 0 then
    granted = math.min(k, free)
    if delay > 0 then granted = 1 end
    for j = 1, granted do redis.call('ZADD', key, now + ttl, ARGV[i + 4 + j]) end
    if delay > 0 then redis.call('SET', nextKey, now + delay, 'PX', delay + 60000) end
  end
  out[#out + 1] = granted
  out[#out + 1] = wait
  i = i + 5 + k
end
return out
`;

/**
 * Moves start URLs from the spider's Redis list into the frontier, if the list still begins with
 * what this worker read (another worker may have taken them meanwhile).
 *
 * KEYS: requests, leases, lease-info, dupefilter, seq, start list.
 * ARGV: n, the n list entries read, then triples as {@link COMMIT_SCRIPT}'s.
 * Returns {taken (1/0), added, filtered}.
 */
export const START_URLS_SCRIPT = `
local n = tonumber(ARGV[1])
local head = redis.call('LRANGE', KEYS[6], 0, n - 1)
if #head ~= n then return {0, 0, 0} end
for i = 1, n do
  if head[i] ~= ARGV[1 + i] then return {0, 0, 0} end
end
redis.call('LTRIM', KEYS[6], n, -1)
${enqueueTail('2 + n')}`;
