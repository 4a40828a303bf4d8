-- One request against a key's fixed one-minute window, in one round trip.
-- KEYS: 1 the window counter (site-tagged). ARGV: 1 window length in ms.
-- Returns {requests in this window so far, ms until the window ends}.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- A counter left without expiry (should not happen) must not block the key forever.
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
