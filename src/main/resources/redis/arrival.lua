-- Records one arrival (a reader back on the blog through a tagged share link) in one round trip: the public
-- rate limit (the window of rate-limit.lua, on the same kind of key), the dedupe marker and the counters.
-- Every key carries the site's hash tag, so this runs in one Redis Cluster slot.
-- KEYS: 1 post hash, 2 rate-limit window counter, 3 dedupe marker, 4 post-day arrivals hash,
--       5 site-day arrivals hash, 6 arrivals top-posts zset
-- ARGV: 1 network, 2 visitor hash ('' = none: DNT/GPC), 3 dedupe seconds ('0' = off), 4 day buckets expire at
--       (unix s), 5 limit per window ('0' = none), 6 window ms, 7 post hash (zset member)
-- Returns {outcome, ms until the window ends}: 0 counted, 1 duplicate, 4 unknown post, 5 over the limit.
if ARGV[5] ~= '0' then
  local n = redis.call('INCR', KEYS[2])
  if n == 1 or redis.call('PTTL', KEYS[2]) < 0 then
    redis.call('PEXPIRE', KEYS[2], ARGV[6])
  end
  if n > tonumber(ARGV[5]) then
    return {5, redis.call('PTTL', KEYS[2])}
  end
end
-- Only a post that was shared can be arrived at: nothing is written for any other id.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {4, 0}
end
local visitor = ARGV[2]
if visitor ~= '' and ARGV[3] ~= '0' then
  if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[3]) then
    return {1, 0}
  end
end
local net = ARGV[1]
if redis.call('HINCRBY', KEYS[4], net, 1) == 1 then
  redis.call('EXPIREAT', KEYS[4], ARGV[4])
end
if redis.call('HINCRBY', KEYS[5], net, 1) == 1 then
  redis.call('EXPIREAT', KEYS[5], ARGV[4])
end
if tonumber(redis.call('ZINCRBY', KEYS[6], 1, ARGV[7])) == 1 then
  redis.call('EXPIREAT', KEYS[6], ARGV[4])
end
return {0, 0}
