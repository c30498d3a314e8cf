/**
 * One Lua script per algorithm: a whole check is one atomic step in Redis (no INCR-then-EXPIRE
 * race), the clock is Redis `TIME` (never an app server's), and every key gets a TTL. Each
 * script touches one key, so it is safe on Redis Cluster. The arithmetic matches
 * `algorithms.ts` step for step. ARGV: limit, window ms, burst, clock override (tests only; `""`
 * in production), a unique member id (sliding log). Reply: allowed, limit, remaining, reset ms,
 * retry-after ms — integers.
 */
const PRELUDE = `
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local now
if ARGV[4] ~= '' then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function num(value, default)
  local n = tonumber(value)
  if n == nil then return default end
  return n
end
local function keep(ms)
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(ms)))
end
`;

export const SCRIPTS = {
  "fixed-window": `${PRELUDE}
local window = math.floor(now / window_ms)
local state = redis.call('HMGET', KEYS[1], 'w', 'c')
local count = 0
if num(state[1], -1) == window then count = num(state[2], 0) end
local window_end = (window + 1) * window_ms
local allowed = count < limit
if allowed then count = count + 1 end
redis.call('HSET', KEYS[1], 'w', string.format('%.17g', window), 'c', count)
keep(window_end - now)
local retry = 0
if not allowed then retry = window_end - now end
return {allowed and 1 or 0, limit, limit - count, window_end - now, retry}
`,
  "sliding-window-log": `${PRELUDE}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.17g', now - window_ms))
local count = redis.call('ZCARD', KEYS[1])
local allowed = count < limit
if allowed then
  redis.call('ZADD', KEYS[1], string.format('%.17g', now), ARGV[5])
  count = count + 1
end
local oldest = num(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2], now)
local newest = num(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2], now)
keep(newest + window_ms - now)
local retry = 0
if not allowed then retry = oldest + window_ms - now end
return {allowed and 1 or 0, limit, limit - count, newest + window_ms - now, retry}
`,
  "sliding-window": `${PRELUDE}
local window = math.floor(now / window_ms)
local state = redis.call('HMGET', KEYS[1], 'w', 'cur', 'prev')
local current, previous = 0, 0
local stored = num(state[1], -2)
if stored == window then
  current = num(state[2], 0)
  previous = num(state[3], 0)
elseif stored == window - 1 then
  previous = num(state[2], 0)
end
local elapsed = now - window * window_ms
local used = math.floor(previous * (window_ms - elapsed) / window_ms) + current
local allowed = used < limit
if allowed then current = current + 1 end
local window_end = (window + 1) * window_ms
redis.call('HSET', KEYS[1], 'w', string.format('%.17g', window), 'cur', current, 'prev', previous)
keep(window_end + window_ms - now)
local remaining = limit - used
if allowed then remaining = remaining - 1 end
local retry = 0
if not allowed then
  if current >= limit or previous == 0 then
    retry = window_end - now
  else
    local needed = window_ms - ((limit - current) * window_ms) / previous
    local at = window * window_ms + math.max(0, math.floor(needed) + 1)
    retry = math.min(window_end, at) - now
  end
end
return {allowed and 1 or 0, limit, math.max(0, remaining), window_end - now, retry}
`,
  "token-bucket": `${PRELUDE}
local capacity = burst
local rate = limit / window_ms
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = num(state[1], capacity)
local at = num(state[2], now)
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = tokens >= 1 - 1e-9
if allowed then tokens = math.max(0, tokens - 1) end
local reset = math.ceil((capacity - tokens) / rate - 1e-9)
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
keep(reset)
local retry = 0
if not allowed then retry = math.ceil((1 - tokens) / rate - 1e-9) end
return {allowed and 1 or 0, capacity, math.floor(tokens), reset, retry}
`,
  gcra: `${PRELUDE}
local interval = window_ms / limit
local tolerance = interval * (burst - 1)
local tat = math.max(num(redis.call('GET', KEYS[1]), now), now)
local allow_at = tat - tolerance
local allowed = now >= allow_at
local next_tat = tat
if allowed then next_tat = tat + interval end
local remaining = math.max(0, math.floor((now + tolerance + interval - next_tat) / interval))
redis.call('SET', KEYS[1], string.format('%.17g', next_tat), 'PX', math.max(1, math.ceil(next_tat - now)))
local retry = 0
if not allowed then retry = math.ceil(allow_at - now) end
return {allowed and 1 or 0, burst, remaining, math.ceil(next_tat - now), retry}
`,
} as const;
