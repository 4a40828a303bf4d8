#!/usr/bin/env bash
# Redis memory per (post, network, day) counter: <posts> posts x 10 networks clicked once each through the real
# click script (EVALSHA of src/main/resources/redis/click.lua), then MEMORY USAGE of every per-post-per-day hash.
# Also checks that every fine bucket carries a TTL. Cleans up its keys. Last line: the figure.
#   bench/memory.sh [prefix] [posts]
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:-spmem$(date +%s)}
POSTS=${2:-100000}
DAY=$(date -u +%Y%m%d)
DAY_EXPIRY=$(( $(date -u -d "tomorrow 00:00" +%s) + 400 * 86400 ))
HOUR_EXPIRY=$(( $(date -u +%s) + 8 * 86400 ))
trap 'redis-cli --scan --pattern "$PREFIX:*" | xargs -r -n 1000 redis-cli unlink >/dev/null' EXIT

SHA=$(redis-cli -x script load < src/main/resources/redis/click.lua)
before=$(redis-cli info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p')
# Through a file: Node writes a file synchronously, while a pipe to redis-cli failed with ENOBUFS at 100k posts.
SEED=$(mktemp)
node bench/memory.js seed "$PREFIX" "$POSTS" "$SHA" "$DAY" "$DAY_EXPIRY" "$HOUR_EXPIRY" > "$SEED"
redis-cli --pipe < "$SEED" >/dev/null
rm -f "$SEED"
after=$(redis-cli info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p')
pd_bytes=$(node bench/memory.js usage "$PREFIX" "$POSTS" "$DAY" | redis-cli | awk '{s+=$1} END {print s}')
counters=$(( POSTS * 10 ))
for key in "$PREFIX:{mem}:pd:0000000000000:$DAY" "$PREFIX:{mem}:d:$DAY" "$PREFIX:{mem}:top:$DAY" \
           "$PREFIX:{mem}:u:$DAY" "$PREFIX:{mem}:h:${DAY}12"; do
  ttl=$(redis-cli ttl "$key")
  [ "$ttl" -gt 0 ] || { echo "bench: $key has no TTL ($ttl)" >&2; exit 1; }
done
echo "posts=$POSTS counters=$counters pd_bytes=$pd_bytes used_memory_delta=$((after - before))"
awk -v b="$pd_bytes" -v c="$counters" -v u="$((after - before))" -v p="$POSTS" \
  'BEGIN { printf "%.1f B per counter (per-post-day hashes); %.0f B per post all told (post hash, buckets, top, uniques); every bucket has a TTL\n", b / c, u / p }'
