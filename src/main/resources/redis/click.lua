-- Records one click in one round trip and returns where to send the reader.
-- Every key carries the site's hash tag, so this runs in one Redis Cluster slot.
-- KEYS: 1 post hash, 2 dedupe marker, 3 post-day hash, 4 site-day hash, 5 site-hour hash,
--       6 top-posts zset, 7 uniques HyperLogLog, 8 bots hash, 9 refusals hash (reason -> count),
--       10 the client's click counter on this post and network (the cap), 11 context hash (device class,
--       browser family)
-- ARGV: 1 network, 2 mode ('c' count, 'b' bot or prefetch, 'p' peek: write nothing, 'r' refused: tally the reason
--       only), 3 visitor hash ('' = none: DNT/GPC), 4 dedupe seconds ('0' = off), 5 day buckets expire at (unix s),
--       6 hour bucket expires at (unix s), 7 post hash (top-posts member), 8 refusal reason (mode 'r'),
--       9 clicks a client may have counted per post and network ('0' = no cap), 10 the cap's window (s),
--       11 device class, 12 browser family ('' = none kept: DNT/GPC)
-- Returns nil for an unknown post (nothing is written), else {outcome, url, title, media}
-- with outcome 0 counted, 1 duplicate, 2 bot, 3 peeked, 4 refused (then a 5th item: the reason).
local post = redis.call('HMGET', KEYS[1], 'u', 't', 'm')
if not post[1] then
  return nil
end
local net = ARGV[1]
if ARGV[2] == 'p' then
  return {3, post[1], post[2], post[3]}
end
if ARGV[2] == 'b' then
  if redis.call('HINCRBY', KEYS[8], net, 1) == 1 then
    redis.call('EXPIREAT', KEYS[8], ARGV[5])
  end
  return {2, post[1], post[2], post[3]}
end
local function refuse(reason)
  if redis.call('HINCRBY', KEYS[9], reason, 1) == 1 then
    redis.call('EXPIREAT', KEYS[9], ARGV[5])
  end
  return {4, post[1], post[2], post[3], reason}
end
if ARGV[2] == 'r' then
  return refuse(ARGV[8])
end
local visitor = ARGV[3]
if visitor ~= '' and ARGV[4] ~= '0' then
  if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[4]) then
    return {1, post[1], post[2], post[3]}
  end
end
-- The cap holds whatever the User-Agent, and for readers without a visitor hash (DNT/GPC) too.
if ARGV[9] ~= '0' then
  local n = redis.call('INCR', KEYS[10])
  if n == 1 then
    redis.call('EXPIRE', KEYS[10], ARGV[10])
  end
  if n > tonumber(ARGV[9]) then
    return refuse('client-cap')
  end
end
-- A post is registered with an expiry (put-post.lua): its first counted click on a network makes it permanent.
if redis.call('HINCRBY', KEYS[1], 'c:' .. net, 1) == 1 then
  redis.call('PERSIST', KEYS[1])
end
-- A field's first increment is the moment to (re)set the bucket's fixed expiry; later ones need not.
if redis.call('HINCRBY', KEYS[3], net, 1) == 1 then
  redis.call('EXPIREAT', KEYS[3], ARGV[5])
end
if redis.call('HINCRBY', KEYS[4], net, 1) == 1 then
  redis.call('EXPIREAT', KEYS[4], ARGV[5])
end
if redis.call('HINCRBY', KEYS[5], net, 1) == 1 then
  redis.call('EXPIREAT', KEYS[5], ARGV[6])
end
if tonumber(redis.call('ZINCRBY', KEYS[6], 1, ARGV[7])) == 1 then
  redis.call('EXPIREAT', KEYS[6], ARGV[5])
end
if visitor ~= '' and redis.call('PFADD', KEYS[7], visitor) == 1 then
  redis.call('EXPIREAT', KEYS[7], ARGV[5])
end
-- Counters only: which device class and browser family clicked, never tied to the click or the reader.
if ARGV[11] and ARGV[11] ~= '' then
  if redis.call('HINCRBY', KEYS[11], 'd:' .. ARGV[11], 1) == 1 then
    redis.call('EXPIREAT', KEYS[11], ARGV[5])
  end
  redis.call('HINCRBY', KEYS[11], 'b:' .. ARGV[12], 1)
end
return {0, post[1], post[2], post[3]}
