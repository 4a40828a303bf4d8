-- A site admin changed a post's title or image: the next click's redirect uses them. A post Redis does not hold is
-- left alone (it is put back from PostgreSQL, which has the change, when next asked for).
-- KEYS: 1 post hash. ARGV: 1 title, 2 media ('' = none), 3 '1' when locked (the hash then never expires unclicked).
-- Returns 1 when the hash was changed, 0 when Redis does not hold the post.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 't', ARGV[1])
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'm')
else
  redis.call('HSET', KEYS[1], 'm', ARGV[2])
end
if ARGV[3] == '1' then
  redis.call('PERSIST', KEYS[1])
end
return 1
