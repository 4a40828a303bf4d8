# Shared by bench/run.sh and bench/soak.sh: settings, the packaged service in its own database and Redis key
# prefix, fixtures (sites "bench" and "exact", their posts), wrk and metric helpers, and clean-up on exit.
# Source it from the repository root.
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
ROW_WARMUP=${ROW_WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18180}
BASELINE_PORT=${BASELINE_PORT:-18190}
MEMORY_POSTS=${MEMORY_POSTS:-100000}
# JVM options of the service under test (word-split on purpose). Default: the container image's options
# (src/main/docker/Dockerfile.jvm) with the Kubernetes pod's 512 MiB memory limit, which MaxRAM stands in for.
JAVA_OPTS=${JAVA_OPTS--XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
RUN="spbench$(date +%s)"
# A database of this run's own: two runs on one machine must not drop each other's.
DB="sharepulse_bench_$RUN"
# 32 characters at least: production refuses a shorter operator token.
TOKEN="bench-$(head -c 33 /dev/urandom | base64 | tr -d '/+=')"
RESULTS=bench/results
OUT="$RESULTS/$(date -u +%Y%m%dT%H%M%SZ).md"
APP_PID=""
NODE_PID=""
mkdir -p "$RESULTS"

if curl -s -o /dev/null --max-time 1 "localhost:$PORT/"; then
  echo "bench: port $PORT already answers (another run?); choose another with PORT=" >&2
  exit 1
fi

for tool in wrk redis-benchmark redis-cli node java psql curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (wrk: apt-get install wrk)" >&2; exit 1; }
done

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null || true
  redis-cli --scan --pattern "$RUN*" | xargs -r -n 1000 redis-cli unlink >/dev/null 2>&1 || true
  redis-cli --scan --pattern "baseline:$RUN*" | xargs -r -n 1000 redis-cli unlink >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

rows=()
row() { rows+=("$*"); }
bench_line() { grep '^BENCH ' | tail -1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# CPU time (user + system, clock ticks) a process has used so far
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
REDIS_PID=$(redis-cli info server | tr -d '\r' | awk -F: '$1 == "process_id" {print $2}')
HZ=$(getconf CLK_TCK)
per_request_us() { # ticks-before ticks-after requests
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$HZ" 'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1e6 / hz / n; else printf "-" }'
}

# wrk against one path; prints the BENCH line (requests rps p50 p99 p999 failed), plus the CPU the server under
# test (default: the service) and Redis spent per request. CPU per request holds on a busy machine where req/s
# does not: it is the figure to compare when the load average is high.
load() { # url path mode duration [server pid]
  local pid=${5:-$APP_PID} app0 app1 redis0 redis1 line
  app0=$(cpu_ticks "$pid"); redis0=$(cpu_ticks "$REDIS_PID")
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --timeout 5s -s bench/wrk/visitors.lua "$1" -- "$2" "$3" | bench_line)
  app1=$(cpu_ticks "$pid"); redis1=$(cpu_ticks "$REDIS_PID")
  local n; n=$(field requests "$line")
  echo "$line cpu_us=$(per_request_us "$app0" "$app1" "$n") redis_us=$(per_request_us "$redis0" "$redis1" "$n")"
}
rss_mb() { echo $(( $(ps -o rss= -p "$APP_PID") / 1024 )); }
metric() { # sum of a Prometheus series matching a prefix
  # awk, not grep: a series that does not exist yet (no click dropped) is 0, not a failed pipeline
  curl -s "localhost:$((PORT + 1))/q/metrics" | awk -v p="$1" 'index($0, p) == 1 {s+=$NF} END {printf "%.0f", s}'
}

echo "bench: machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- build (only when the sources changed since the last package), with a class-data-sharing archive (AppCDS)
# JAR=<another build's quarkus-run.jar> measures that build instead (A/B against an older commit); it is not rebuilt.
if [ -n "${JAR:-}" ]; then
  :
elif JAR=target/quarkus-app/quarkus-run.jar && { [ ! -f "$JAR" ] || [ ! -f target/quarkus-app/app-cds.jsa ] \
    || [ -n "$(find src pom.xml -newer "$JAR" -type f | head -1)" ]; }; then
  echo "bench: packaging the service"
  ./mvnw -q -B package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
fi

# --- a database of our own
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null

# Starts the service in the background (APP_PID); STARTED_MS: milliseconds to its first answered request.
# Run from the jar's directory: the AppCDS archive records the class path as the build saw it.
start_app() { # extra JVM options
  local start_ns
  start_ns=$(date +%s%N)
  # Health and metrics listen on the management port: the next one up.
  (cd "$(dirname "$JAR")" && QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1)) \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    SHAREPULSE_REDIS_KEY_PREFIX="$RUN" \
    SHAREPULSE_ADMIN_TOKEN="$TOKEN" \
    SHAREPULSE_CLIENT_IP_TRUSTED_PROXIES=127.0.0.1 \
    QUARKUS_LOG_CATEGORY__IO_SHAREPULSE__LEVEL=WARN \
    exec java $JAVA_OPTS "$@" -jar "$(basename "$JAR")") >"$RESULTS/app.log" 2>&1 &
  APP_PID=$!
  until curl -sf "localhost:$PORT/api/v1/networks" >/dev/null 2>&1; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "bench: the service did not start; see $RESULTS/app.log" >&2; exit 1; }
    sleep 0.02
  done
  STARTED_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

# --- start-up to first answered request: once to migrate the new database, then as a pod restarts, without and
# with the AppCDS archive; the last start is the service under test.
if [ -n "${QUICK:-}" ]; then  # bench/ab.sh: one start, no start-up figures
  start_app; STARTUP_PLAIN_MS=$STARTED_MS; STARTUP_MS="-"
  CDS_ARCHIVE=""
else
  start_app; stop_app
  start_app; stop_app; STARTUP_PLAIN_MS=$STARTED_MS
  CDS_ARCHIVE="$(dirname "$JAR")/app-cds.jsa"
fi
if [ -z "$CDS_ARCHIVE" ]; then
  :
elif [ -f "$CDS_ARCHIVE" ]; then
  start_app -XX:SharedArchiveFile=app-cds.jsa; STARTUP_MS=$STARTED_MS
  grep -q "Unable to use shared archive" "$RESULTS/app.log" && STARTUP_MS="$STARTUP_MS (archive refused)"
else
  STARTUP_MS="n/a (no archive)"
  start_app
fi
echo "bench: first answer after $STARTUP_PLAIN_MS ms, $STARTUP_MS ms with AppCDS"

# --- fixtures: a site that dedupes (30 min) and one that counts every click
admin() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
admin -d '{"id":"bench","name":"Bench","domains":["bench.example"],"networks":["reddit","x","bluesky"]}' \
  "localhost:$PORT/admin/v1/sites" >/dev/null
admin -d '{"id":"exact","name":"Exact","domains":["bench.example"],"networks":["reddit"],"dedupeMinutes":0}' \
  "localhost:$PORT/admin/v1/sites" >/dev/null
post_of() { curl -sf "localhost:$PORT/api/v1/sites/$1/share?url=$2&title=Bench" | grep -o '"post":"[^"]*"' | cut -d'"' -f4; }
POST=$(post_of bench "https://bench.example/post-1")
EXACT=$(post_of exact "https://bench.example/exact")
SHARE_PATH="/api/v1/sites/bench/share?url=https%3A%2F%2Fbench.example%2Fpost-1&title=Bench"
COUNTS_PATH="/api/v1/posts/$POST/counts"

