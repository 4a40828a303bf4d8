-- Today's visitor-hash salt in one round trip: the first pod's stays, every other pod learns it.
-- (SET NX GET does the same on Redis 7; this also runs on 6.2, the version dev mode's embedded Redis has.)
-- KEYS: 1 the day's salt key. ARGV: 1 a fresh salt, 2 its lifetime in seconds. Returns the salt in force.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return ARGV[1]
end
return redis.call('GET', KEYS[1])
