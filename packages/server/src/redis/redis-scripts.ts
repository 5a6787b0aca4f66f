import type { ChainableCommander, Redis } from 'ioredis';

/**
 * The Lua scripts of the Redis store and the channel leases, registered on a client with ioredis' `defineCommand`
 * (sent with `EVALSHA`; ioredis sends the script itself once per connection and again after a `NOSCRIPT`).
 *
 * Each script touches the keys of one hash tag only (one Cluster slot). A script runs atomically in Redis; the
 * writing ones check everything that can refuse them (the fence) before the first write it guards, so a refused
 * apply writes nothing. Records arrive as JSON strings made in JavaScript and are stored as they are: the scripts never
 * decode and re-encode JSON (Redis' cjson would round numbers to 14 digits).
 */

/**
 * One channel's `apply()` calls of one event-loop turn, each fenced on its own: one script, so Redis runs it in one
 * go and (with `appendfsync always`) fsyncs once for all of them.
 * KEYS: lease, interactions, interaction-order, participations, idempotency, idempotency-at, rooms, docs, doc-order.
 * ARGV: the number of applies, then per apply: the writer's token, the number of its write arguments, and its
 * writes, each an op letter and its arguments:
 * `i id json` · `p field json` · `k field json at` · `f before` · `r room version` · `d field json`.
 * Answers one number per apply: 1 written, 0 fenced (nothing of it written; the others are not affected).
 */
const APPLY = `
local lease = redis.call('GET', KEYS[1])
local results = {}
local i = 2
for a = 1, tonumber(ARGV[1]) do
  local token = ARGV[i]
  local stop = i + 2 + tonumber(ARGV[i + 1])
  i = i + 2
  if lease ~= token then
    results[a] = 0
    i = stop
  else
    while i < stop do
      local op = ARGV[i]
      if op == 'i' then
        if redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2]) == 1 then redis.call('RPUSH', KEYS[3], ARGV[i + 1]) end
        i = i + 3
      elseif op == 'p' then
        redis.call('HSET', KEYS[4], ARGV[i + 1], ARGV[i + 2])
        i = i + 3
      elseif op == 'k' then
        redis.call('HSET', KEYS[5], ARGV[i + 1], ARGV[i + 2])
        redis.call('ZADD', KEYS[6], ARGV[i + 3], ARGV[i + 1])
        i = i + 4
      elseif op == 'f' then
        while true do
          local old = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', '(' .. ARGV[i + 1], 'LIMIT', 0, 500)
          if #old == 0 then break end
          redis.call('HDEL', KEYS[5], unpack(old))
          redis.call('ZREM', KEYS[6], unpack(old))
        end
        i = i + 2
      elseif op == 'r' then
        local current = redis.call('HGET', KEYS[7], ARGV[i + 1])
        if not current or tonumber(ARGV[i + 2]) > tonumber(current) then redis.call('HSET', KEYS[7], ARGV[i + 1], ARGV[i + 2]) end
        i = i + 3
      else
        if redis.call('HSET', KEYS[8], ARGV[i + 1], ARGV[i + 2]) == 1 then redis.call('RPUSH', KEYS[9], ARGV[i + 1]) end
        i = i + 3
      end
    end
    results[a] = 1
  end
end
return results
`;

/** KEYS: meta hash. ARGV: key, value. Stores the value unless one is stored, answers the stored one. */
const CLAIM_META = `
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HGET', KEYS[1], ARGV[1])
`;

/**
 * KEYS: seq, events, events-by-time, then the room-events key of each event. ARGV: receivedAt, then `id json` per event.
 * Answers the (1-based) positions of the events that were new.
 */
const APPEND_TELEMETRY = `
local added = {}
for i = 1, (#ARGV - 1) / 2 do
  local id = ARGV[2 * i]
  if redis.call('HSETNX', KEYS[2], id, ARGV[2 * i + 1]) == 1 then
    local roomKey = KEYS[3 + i]
    redis.call('ZADD', roomKey, redis.call('INCR', KEYS[1]), id)
    redis.call('ZADD', KEYS[3], ARGV[1], roomKey .. '\\n' .. id)
    added[#added + 1] = i
  end
end
return added
`;

/** KEYS: events, room-events. Answers the room's event records (JSON) in arrival order. */
const READ_TELEMETRY = `
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local record = redis.call('HGET', KEYS[1], id)
  if record then out[#out + 1] = record end
end
return out
`;

/** KEYS: seq, alerts, alerts-by-time, then the room-alerts key of each alert. ARGV: `id at json` per alert. Answers positions of the new ones. */
const APPEND_ALERTS = `
local added = {}
for i = 1, #ARGV / 3 do
  local id = ARGV[3 * i - 2]
  if redis.call('HSETNX', KEYS[2], id, ARGV[3 * i]) == 1 then
    local roomKey = KEYS[3 + i]
    local member = string.format('%016d', redis.call('INCR', KEYS[1])) .. ':' .. id
    redis.call('ZADD', roomKey, ARGV[3 * i - 1], member)
    redis.call('ZADD', KEYS[3], ARGV[3 * i - 1], roomKey .. '\\n' .. member)
    added[#added + 1] = i
  end
end
return added
`;

/** KEYS: alerts, room-alerts. ARGV: limit. Answers the room's `limit` latest alerts (JSON), oldest first. */
const READ_ALERTS = `
local members = redis.call('ZREVRANGEBYSCORE', KEYS[2], '+inf', '-inf', 'LIMIT', 0, ARGV[1])
local out = {}
for i = #members, 1, -1 do
  local alert = redis.call('HGET', KEYS[1], string.sub(members[i], 18))
  if alert then out[#out + 1] = alert end
end
return out
`;

/**
 * KEYS: events, events-by-time, alerts, alerts-by-time. ARGV: before.
 * Deletes the events received before `before` and the alerts raised before it; answers how many events.
 */
const FORGET_TELEMETRY = `
local bound = '(' .. ARGV[1]
-- Each member of a by-time index is "<per-room index key>\\n<member there>": drops the members older than bound
-- from both indexes, 500 at a time, calling forget with each per-room member; answers the sum of what it returned.
local function forgetOlder(byTime, forget)
  local forgotten = 0
  while true do
    local members = redis.call('ZRANGEBYSCORE', byTime, '-inf', bound, 'LIMIT', 0, 500)
    if #members == 0 then break end
    for _, member in ipairs(members) do
      local at = string.find(member, '\\n', 1, true)
      local roomMember = string.sub(member, at + 1)
      redis.call('ZREM', string.sub(member, 1, at - 1), roomMember)
      forgotten = forgotten + forget(roomMember)
    end
    redis.call('ZREM', byTime, unpack(members))
  end
  return forgotten
end
local events = forgetOlder(KEYS[2], function(id) return redis.call('HDEL', KEYS[1], id) end)
forgetOlder(KEYS[4], function(roomMember)
  redis.call('HDEL', KEYS[3], string.sub(roomMember, 18))
  return 0
end)
return events
`;

/**
 * KEYS: lease, epoch. ARGV: processId, ttlMs.
 * Takes the lease when nobody holds it (new epoch); answers the token held now by this process, or false.
 */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  if string.match(current, '^(.*)/%d+$') == ARGV[1] then return current end
  return false
end
local token = ARGV[1] .. '/' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
`;

/**
 * KEYS: lease, epoch. ARGV: token, ttlMs, epoch.
 * Extends the lease if it is ours; takes it back if it is absent and nobody took another epoch since; answers 1
 * when it is ours (still), 0 when it is lost.
 */
const RENEW = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not current and redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS: lease. ARGV: token. Deletes the lease if it is still this token's; answers 1 if deleted. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const SCRIPTS = {
  oncueApply: { lua: APPLY, numberOfKeys: 9 },
  oncueClaimMeta: { lua: CLAIM_META, numberOfKeys: 1 },
  oncueAppendTelemetry: { lua: APPEND_TELEMETRY },
  oncueReadTelemetry: { lua: READ_TELEMETRY, numberOfKeys: 2, readOnly: true },
  oncueAppendAlerts: { lua: APPEND_ALERTS },
  oncueReadAlerts: { lua: READ_ALERTS, numberOfKeys: 2, readOnly: true },
  oncueForgetTelemetry: { lua: FORGET_TELEMETRY, numberOfKeys: 4 },
  oncueAcquireLease: { lua: ACQUIRE, numberOfKeys: 2 },
  oncueRenewLease: { lua: RENEW, numberOfKeys: 2 },
  oncueReleaseLease: { lua: RELEASE, numberOfKeys: 1 },
} as const;

type Arg = string | number;

/** The commands {@link defineOnCueScripts} adds, on a client or a pipeline. Scripts without a fixed key count take it first. */
export interface OnCueScripts<R> {
  oncueApply(...keysThenArgs: Arg[]): R; // answers number[]
  oncueClaimMeta(meta: string, key: string, value: string): R;
  oncueAppendTelemetry(numberOfKeys: number, ...keysThenArgs: Arg[]): R;
  oncueReadTelemetry(events: string, roomEvents: string): R;
  oncueAppendAlerts(numberOfKeys: number, ...keysThenArgs: Arg[]): R;
  oncueReadAlerts(alerts: string, roomAlerts: string, limit: number): R;
  oncueForgetTelemetry(events: string, eventsByTime: string, alerts: string, alertsByTime: string, before: number): R;
  oncueAcquireLease(lease: string, epoch: string, processId: string, ttlMs: number): R;
  oncueRenewLease(lease: string, epoch: string, token: string, ttlMs: number, epochValue: string): R;
  oncueReleaseLease(lease: string, token: string): R;
}

/** A client with OnCue's scripts. */
export type ScriptedRedis = Redis & OnCueScripts<Promise<unknown>>;
/** A pipeline of a {@link ScriptedRedis}. */
export type ScriptedPipeline = ChainableCommander & OnCueScripts<ScriptedPipeline>;

/** Registers OnCue's scripts on `redis` (idempotent) and answers it, typed with them. */
export function defineOnCueScripts(redis: Redis): ScriptedRedis {
  const scripted = redis as ScriptedRedis;
  if (typeof (scripted as Partial<ScriptedRedis>).oncueApply === 'function') return scripted;
  for (const [name, definition] of Object.entries(SCRIPTS)) redis.defineCommand(name, definition);
  return scripted;
}
