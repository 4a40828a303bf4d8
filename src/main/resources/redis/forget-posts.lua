-- Removes the hashes of posts that were never clicked (the rollup's clean-up of unclicked posts), keeping any that
-- holds a count: such a post was clicked after all, and PostgreSQL must keep its row.
-- KEYS: post hashes of one site (one hash tag, so one Redis Cluster slot).
-- Returns, per key, 1 when the post is gone from Redis (removed, or absent already) and 0 when it was kept.
local out = {}
for i, key in ipairs(KEYS) do
  local gone = 1
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 2) == 'c:' then
      gone = 0
      break
    end
  end
  if gone == 1 then
    redis.call('UNLINK', key)
  end
  out[i] = gone
end
return out
