-- Puts a post Redis lost back: url, title, media and its all-time counts from the durable history, unless the
-- post hash exists already (another instance restored it first, and clicks may have counted since).
-- KEYS: 1 post hash. ARGV: url, title, media ('' = none), then network, count pairs.
-- Returns 1 when restored, 0 when the post was there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'u', ARGV[1], 't', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'm', ARGV[3])
end
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[i], ARGV[i + 1])
end
return 1
