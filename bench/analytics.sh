#!/usr/bin/env bash
# Analytics query latency for a site with POSTS posts and DAYS days of clicks (default 100,000 × 90).
#
# Starts its own Redis (port REDIS_PORT) and the packaged service (port HTTP_PORT) on a fresh PostgreSQL
# database, bulk-loads the keys and rows the click path writes (bench/load_clicks.py), runs the real rollup
# once (all closed days into PostgreSQL, timed), then times each analytics query with curl after WARMUP
# untimed calls and prints p50, p95 and the slowest (nearest-rank percentiles). Everything it started is
# stopped by PID at the end.
#
# Clicks (bench/load_clicks.py has the details): CLICKS_PER_DAY a day, a long tail. 80 % follow Zipf(1.1)
# over the posts by a fixed random popularity rank, 20 % go to the posts published in the last 7 days
# (20 a day), so most posts get no click on a given day (about 6,200 distinct posts a day at the defaults)
# and about 85 % of them get at least one in 90 days. Today is partial (the hours so far) and stays in
# Redis; the 89 closed days go through the real rollup into PostgreSQL.
#
# The target pair (issue 5: p95 <= 50 ms at 100,000 posts × 90 days) runs RUNS times: the 90-day daily
# series and the 90-day top 10 posts. Every other query runs OTHER_RUNS times (the export 3 times).
#
#   bench/analytics.sh                 # 100k posts, 90 days, 30k clicks a day; a few minutes
#   POSTS=10000 DAYS=30 RUNS=20 bench/analytics.sh
#   KEEP_DB=1 bench/analytics.sh       # leave database sharepulse_bench_analytics for a look with psql
#
# Needs: Java 17, python3, redis-server, redis-cli, psql, curl; PostgreSQL on 127.0.0.1:5432 (trust).
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS=${POSTS:-100000}
DAYS=${DAYS:-90}
CLICKS_PER_DAY=${CLICKS_PER_DAY:-30000}
RUNS=${RUNS:-40}
OTHER_RUNS=${OTHER_RUNS:-10}
WARMUP=${WARMUP:-5}
HTTP_PORT=${HTTP_PORT:-28080}
REDIS_PORT=${REDIS_PORT:-28090}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432}
# Not sharepulse_bench: bench/lib.sh (run.sh, soak.sh) drops and recreates that one, and both may run at once.
DB=sharepulse_bench_analytics
SITE=bench
TOKEN="bench-$(head -c 33 /dev/urandom | base64 | tr -d '/+=')" # production refuses fewer than 32 characters
WORK=$(mktemp -d)
BASE=http://127.0.0.1:$HTTP_PORT
MANAGEMENT=http://127.0.0.1:$((HTTP_PORT + 1))
REDIS_PID=""
APP_PID=""

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  if [ -z "${KEEP_DB:-}" ]; then
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB with (force)" postgres >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -B package -DskipTests
fi

echo "== Redis on :$REDIS_PORT, database $DB"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
sleep 0.5
REDIS_PID=$(cat "$WORK/redis.pid")
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB with (force)" postgres
psql -h 127.0.0.1 -U postgres -qc "create database $DB" postgres

echo "== service on :$HTTP_PORT"
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
QUARKUS_DATASOURCE_JDBC_URL="$PG_URL/$DB" \
QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
SHAREPULSE_ADMIN_TOKEN=$TOKEN \
SHAREPULSE_ANALYTICS_ROLLUP_EVERY=off \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$MANAGEMENT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$MANAGEMENT/q/health/ready" >/dev/null

admin() { curl -sf -H "Authorization: Bearer $TOKEN" "$@"; }
admin -H 'Content-Type: application/json' -d "{\"id\":\"$SITE\",\"name\":\"Bench\",\"domains\":[\"bench.example\"],
  \"networks\":[\"reddit\",\"bluesky\",\"x\",\"mastodon\",\"linkedin\",\"email\",\"copy\",\"whatsapp\"]}" \
  "$BASE/admin/v1/sites" >/dev/null
# The site was created today; the loader writes 90 days back, so its creation date moves back with them.
psql -h 127.0.0.1 -U postgres -qc "update sharepulse.site set created_at = now() - interval '$DAYS days' where id = '$SITE'" "$DB"

echo "== bulk load: $POSTS posts × $DAYS days × $CLICKS_PER_DAY clicks a day"
start=$(date +%s.%N)
python3 bench/load_clicks.py "$SITE" "$POSTS" "$DAYS" "$CLICKS_PER_DAY" sp "$WORK/posts.csv" "$WORK/redis.txt"
psql -h 127.0.0.1 -U postgres -qc "\\copy sharepulse.post (id, site_id, url, title, created_at) from '$WORK/posts.csv' csv" "$DB"
redis-cli -p "$REDIS_PORT" --pipe <"$WORK/redis.txt" | tail -1
printf 'load: %.1f s; Redis memory %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" \
  "$(redis-cli -p "$REDIS_PORT" info memory | grep '^used_memory_human' | cut -d: -f2 | tr -d '\r')"
# The loader derives post ids as the service does: the share API must name post 0 the same.
expected=$(head -1 "$WORK/posts.csv" | cut -d, -f1)
actual=$(curl -sf "$BASE/api/v1/sites/$SITE/share?url=https://bench.example/2000/post-00000" | grep -o '"post":"[^"]*"' | cut -d'"' -f4)
[ "$expected" = "$actual" ] || { echo "post id mismatch: $expected vs $actual"; exit 1; }

echo "== rollup of $((DAYS - 1)) closed days"
admin -X POST "$BASE/admin/v1/rollup"; echo
# Rows and size (with indexes) of each history table; the V5 tables exist from the ranking by blocks on.
for t in click_day click_block post_gap post_last site_day site_hour site_uniques post; do
  psql -h 127.0.0.1 -U postgres -tAc "select '$t: ' || count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('sharepulse.$t')) from sharepulse.$t" "$DB" 2>/dev/null || true
done

KEY=$(admin -H 'Content-Type: application/json' -d '{"name":"bench","role":"read"}' "$BASE/admin/v1/sites/$SITE/keys" | grep -o '"secret":"[^"]*"' | cut -d'"' -f4)
TO=$(date -u +%F)
FROM=$(date -u -d "$TO - $((DAYS - 1)) days" +%F)
TOP=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/admin/v1/sites/$SITE/posts?from=$FROM&to=$TO&limit=1" | grep -o '"post":"[^"]*"' | head -1 | cut -d'"' -f4)

# timeit NAME PATH [RUNS]: WARMUP untimed calls, then RUNS timed ones; nearest-rank p50 and p95, and the max.
timeit() {
  local name=$1 path=$2 runs=${3:-$OTHER_RUNS} times=() size=0 code
  for _ in $(seq 1 "$WARMUP"); do
    curl -s -o /dev/null -H "Authorization: Bearer $KEY" "$BASE$path"
  done
  for _ in $(seq 1 "$runs"); do
    read -r t s code < <(curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}\n' \
      -H "Authorization: Bearer $KEY" "$BASE$path")
    [ "$code" = 200 ] || { echo "$name: HTTP $code"; exit 1; }
    times+=("$t"); size=$s
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  rank() { echo "$sorted" | sed -n "$(( ($1 * runs + 99) / 100 ))p" | awk '{printf "%.0f", $1 * 1000}'; }
  printf '%-34s p50 %6s ms   p95 %6s ms   max %6s ms   %4d runs %9s bytes\n' "$name" "$(rank 50)" "$(rank 95)" \
    "$(rank 100)" "$runs" "$size"
}

echo "== load average before the queries: $(cut -d' ' -f1-3 /proc/loadavg)"
S=/admin/v1/sites/$SITE
echo "== target pair ($RUNS runs each after $WARMUP warm-up calls, range $FROM..$TO)"
timeit "stats day (90 d)"            "$S/stats?from=$FROM&to=$TO&interval=day" "$RUNS"
timeit "posts top 10 (90 d)"         "$S/posts?from=$FROM&to=$TO&limit=10" "$RUNS"
echo "== other queries ($OTHER_RUNS runs each)"
timeit "stats day tz=Europe/Berlin"  "$S/stats?from=$FROM&to=$TO&tz=Europe/Berlin"
timeit "stats month"                 "$S/stats?from=$FROM&to=$TO&interval=month"
timeit "stats hour (last 7 d)"       "$S/stats?from=$(date -u -d "$TO - 6 days" +%F)&to=$TO&interval=hour"
timeit "stats network=reddit"        "$S/stats?from=$FROM&to=$TO&network=reddit"
timeit "stats post=<top post>"       "$S/stats?from=$FROM&to=$TO&post=$TOP"
timeit "networks (90 d)"             "$S/networks?from=$FROM&to=$TO"
timeit "posts top 20 (90 d)"         "$S/posts?from=$FROM&to=$TO&limit=20"
timeit "posts page 50 (offset 1000)" "$S/posts?from=$FROM&to=$TO&limit=50&offset=1000"
timeit "posts asc 20 (90 d)"         "$S/posts?from=$FROM&to=$TO&limit=20&order=asc"
timeit "posts top 20 (7 d)"          "$S/posts?from=$(date -u -d "$TO - 6 days" +%F)&to=$TO&limit=20"
timeit "posts/<top post> (90 d)"     "$S/posts/$TOP?from=$FROM&to=$TO"
WARMUP=0 timeit "export.csv (90 d)"  "$S/export.csv?from=$FROM&to=$TO" 3
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
