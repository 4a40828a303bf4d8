#!/usr/bin/env bash
# Sizing figures for docs/OPERATIONS.md: clicks per second one instance serves, its memory, and the Redis memory
# the real click script leaves per post, measured with MEMORY USAGE and INFO memory.
#
#   ./mvnw package -DskipTests && scripts/measure-sizing.sh
#
# Starts its own redis-server (SIZING_REDIS_PORT, default 7199), the packaged service (SIZING_HTTP_PORT, 38082)
# and a scratch database, and stops/drops them at the end. Needs redis-server, redis-cli, wrk, curl, psql.
# JAVA_OPTS (default: the heap of a 512 MiB pod). POSTS_COUNT (default 5000) posts are registered, then clicked for DURATION seconds (30) over CONNECTIONS (64).
set -euo pipefail
cd "$(dirname "$0")/.."

rport=${SIZING_REDIS_PORT:-7199}
http=${SIZING_HTTP_PORT:-38082}
posts_count=${POSTS_COUNT:-5000}
duration=${DURATION:-30}
connections=${CONNECTIONS:-64}
app=${APP:-target/quarkus-app}
# The heap the image gives a pod with a 512 MiB limit (Dockerfile.jvm: MaxRAMPercentage=75).
java_opts=${JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError}
scratch=sizing
. scripts/drill/scratch-service.sh
trap stop_scratch EXIT
r() { redis-cli -p "$rport" "$@"; }
used() { r info memory | tr -d '\r' | awk -F: '/^used_memory:/ { print $2 }'; }

redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --logfile "$work/redis.log" &
redis_pid=$!
pids+=("$redis_pid")
until r ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
start_service "redis://127.0.0.1:$rport"
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"id":"sizing","name":"Sizing","domains":["blog.example.org"],"networks":["reddit","x","bluesky","email"]}' \
  "http://127.0.0.1:$http/admin/v1/sites" >/dev/null

# Posts as a blog has them: a dated slug URL (about 70 characters) and a title of about 50.
before=$(used)
posts=""
for i in $(seq 1 "$posts_count"); do
  post=$(curl -sf "http://127.0.0.1:$http/api/v1/sites/sizing/share" -G \
    --data-urlencode "url=https://blog.example.org/2026/11/why-share-counts-matter-again-part-$i" \
    --data-urlencode "title=Why share counts matter again, part $i of a long series" \
    | grep -o '"post":"[^"]*"' | cut -d'"' -f4)
  posts="$posts $post"
done
registered=$(used)
echo "== $posts_count posts registered: used_memory +$(( (registered - before) / posts_count )) bytes per post"

echo "== load: wrk, $connections connections, ${duration}s, every click a new reader on a random post"
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
cpu_before=$(cpu "$app_pid")
redis_before=$(cpu "$redis_pid")
POSTS="$posts" wrk -t2 -c"$connections" -d"${duration}s" -s scripts/drill/click-load.lua "http://127.0.0.1:$http" \
  >"$work/wrk.log" 2>&1
cpu_after=$(cpu "$app_pid")
redis_after=$(cpu "$redis_pid")
grep -E '^(Requests/sec|total)' "$work/wrk.log" | sed 's/^/  /'
awk -v t="$(getconf CLK_TCK)" -v a="$cpu_before" -v b="$cpu_after" -v d="$duration" \
  'BEGIN { printf "  service CPU: %.2f cores busy on average\n", (b - a) / t / d }'
awk -v t="$(getconf CLK_TCK)" -v a="$redis_before" -v b="$redis_after" -v d="$duration" \
  'BEGIN { printf "  Redis CPU: %.2f cores busy on average\n", (b - a) / t / d }'
awk '/VmRSS|VmHWM/ { printf "  service %s %d MiB\n", $1, $2 / 1024 }' "/proc/$app_pid/status"
clicked=$(used)

echo "== Redis memory after the load (MEMORY USAGE, bytes)"
hash=$(echo "$posts" | awk '{ print $1 }' | cut -d. -f2)
day=$(date -u +%Y%m%d)
hour=$(date -u +%Y%m%d%H)
for key in "sp:{sizing}:post:$hash" "sp:{sizing}:pd:$hash:$day" "sp:{sizing}:d:$day" "sp:{sizing}:h:$hour" \
           "sp:{sizing}:top:$day" "sp:{sizing}:u:$day"; do
  echo "  $key: $(r memory usage "$key" samples 0)"
done
dd=$(r --scan --pattern 'sp:{sizing}:dd:*' | awk 'NR == 1')
echo "  one dedupe marker ($dd): $(r memory usage "$dd")"
echo "  keys: $(r dbsize), of them dedupe markers: $(r --scan --pattern 'sp:{sizing}:dd:*' | wc -l)"
# Per post: the post hash and one post-day hash, averaged over every post.
total_post=0; total_pd=0; n=0
for post in $posts; do
  h=${post#*.}
  total_post=$(( total_post + $(r memory usage "sp:{sizing}:post:$h") ))
  pd=$(r memory usage "sp:{sizing}:pd:$h:$day")
  total_pd=$(( total_pd + ${pd:-0} ))
  n=$((n + 1))
done
echo "  average post hash $(( total_post / n )), average post-day hash $(( total_pd / n )) (posts: $n)"
echo "  used_memory: before posts $before, after posts $registered, after clicks $clicked"
