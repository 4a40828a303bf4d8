-- Puts a post into Redis unless its hash exists already (another instance put it first, and clicks may have
-- counted since): url, title, media and, for a post Redis lost, its all-time counts from the durable history.
-- A post that was never clicked gets an expiry, so pages nobody shares leave Redis on their own; the click script
-- makes the hash permanent at its first counted click.
-- KEYS: 1 post hash. ARGV: 1 seconds a post without clicks lives, 2 url, 3 title, 4 media ('' = none), then
-- network, count pairs. Returns 1 when written, 0 when the post was there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'u', ARGV[2], 't', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'm', ARGV[4])
end
for i = 5, #ARGV, 2 do
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[i], ARGV[i + 1])
end
if #ARGV < 5 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return 1
