#!/usr/bin/env bash
# Start-up to the first answered request (GET /api/v1/networks answered 200), per JVM and start-up archive:
#   jdk17              JDK 17, the fast-jar, nothing else (what the README's commands give)
#   jdk17-appcds       JDK 17, the fast-jar with Quarkus' AppCDS archive (-XX:SharedArchiveFile)
#   jdk25              JDK 25, the fast-jar
#   jdk25-aot-fastjar  JDK 25, the fast-jar with an AOT cache trained by src/main/docker/train-aot.sh
#   jdk25-aotjar       JDK 25, the aot-jar packaging (every class on the JDK's class path), no cache
#   jdk25-aot          JDK 25, the aot-jar with a cache trained by train-aot.sh: what the container image runs
# N starts per variant (default 5), interleaved (A B C … A B C …) so the machine's other load weighs on all alike;
# median, min and max, and the load average over the run. The service runs with the image's JVM options and the
# pod's memory limit, against the local PostgreSQL and Redis, in a database and Redis key prefix of its own.
#
#   JDK17=<JDK 17 home> JDK25=<JDK 25 home> bench/startup.sh       VARIANTS="jdk17 jdk25-aot" N=9 bench/startup.sh
#
# It packages the two layouts into target/startup/ when they are missing (REBUILD=1 to package again) and trains
# the caches (KEEP_CACHES=1 keeps caches trained by an earlier run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${N:-5}
VARIANTS=${VARIANTS:-jdk17 jdk17-appcds jdk25 jdk25-aot-fastjar jdk25-aotjar jdk25-aot}
first_home() { for h in "$@"; do [ -x "$h/bin/java" ] && { echo "$h"; return; }; done; echo ""; }
# shellcheck disable=SC2046
JDK17=${JDK17:-$(first_home $(ls -d /usr/lib/jvm/*17* 2>/dev/null))}
# shellcheck disable=SC2046
JDK25=${JDK25:-$(first_home $(ls -d /usr/lib/jvm/*25* 2>/dev/null))}
[ -x "$JDK17/bin/java" ] || { echo "startup: set JDK17 to a JDK 17 home" >&2; exit 1; }
[ -x "$JDK25/bin/java" ] || { echo "startup: set JDK25 to a JDK 25 home" >&2; exit 1; }
PORT=${PORT:-18280}
# The image's options (src/main/docker/Dockerfile.jvm) with the pod's 512 MiB limit, which MaxRAM stands in for.
JAVA_OPTS=${JAVA_OPTS:--XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager}
RUN="spstart$(date +%s)"
DB="sharepulse_startup"
TOKEN="startup-$(head -c 33 /dev/urandom | base64 | tr -d '/+=')"
OUTDIR=target/startup
RESULTS=bench/results
mkdir -p "$OUTDIR" "$RESULTS"
LOG="$RESULTS/startup-app.log"
APP_PID=""

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  redis-cli --scan --pattern "$RUN*" | xargs -r -n 1000 redis-cli unlink >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- the two layouts, each built once by the JDK 17 build (the source level stays 17)
if [ -n "${REBUILD:-}" ] || [ ! -f "$OUTDIR/fast-jar/app-cds.jsa" ]; then
  echo "startup: packaging the fast-jar (with the JDK 17 AppCDS archive)"
  JAVA_HOME=$JDK17 ./mvnw -q -B package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
  rm -rf "$OUTDIR/fast-jar" && cp -a target/quarkus-app "$OUTDIR/fast-jar"
fi
if [ -n "${REBUILD:-}" ] || [ ! -f "$OUTDIR/aot-jar/quarkus-run.jar" ]; then
  echo "startup: packaging the aot-jar"
  JAVA_HOME=$JDK17 ./mvnw -q -B package -DskipTests -Dquarkus.package.jar.type=aot-jar
  rm -rf "$OUTDIR/aot-jar" && cp -a target/quarkus-app "$OUTDIR/aot-jar"
fi

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null

# The service's environment: our database and key prefix; logs of our own code at WARN.
export QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1)) \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  SHAREPULSE_REDIS_KEY_PREFIX="$RUN" SHAREPULSE_ADMIN_TOKEN="$TOKEN" \
  SHAREPULSE_CLIENT_IP_TRUSTED_PROXIES=127.0.0.1 QUARKUS_LOG_CATEGORY__IO_SHAREPULSE__LEVEL=WARN

# variant -> "java-home dir extra-options…"
spec() {
  case $1 in
    jdk17) echo "$JDK17 fast-jar" ;;
    jdk17-appcds) echo "$JDK17 fast-jar -XX:SharedArchiveFile=app-cds.jsa -Xshare:on" ;;
    jdk25) echo "$JDK25 fast-jar" ;;
    jdk25-aot-fastjar) echo "$JDK25 fast-jar -XX:AOTCache=app.aot -XX:AOTMode=on" ;;
    jdk25-aotjar) echo "$JDK25 aot-jar" ;;
    jdk25-aot) echo "$JDK25 aot-jar -XX:AOTCache=app.aot -XX:AOTMode=on" ;;
    *) echo "startup: unknown variant $1" >&2; exit 1 ;;
  esac
}

# Starts a variant and waits for its first answer; STARTED_MS. -XX:AOTMode=on and -Xshare:on: an archive the JVM refuses stops the
# start instead of quietly measuring a start without it.
start_variant() {
  local home dir opts start_ns
  read -r home dir opts <<<"$(spec "$1")"
  start_ns=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$OUTDIR/$dir" && exec "$home/bin/java" $JAVA_OPTS $opts -jar quarkus-run.jar) >"$LOG" 2>&1 &
  APP_PID=$!
  until curl -sf -o /dev/null "localhost:$PORT/api/v1/networks"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "startup: $1 did not start; see $LOG" >&2; exit 1; }
    sleep 0.02
  done
  STARTED_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  # CPU the JVM spent to get there (user + system, all threads): unlike the wall time, hardly moved by other load.
  CPU_MS=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$APP_PID/stat")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}

echo "startup: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# A first start migrates the new database; starts after it are a pod's restart.
start_variant jdk17

# --- the caches, trained with the JVM and class path that use them
train() { # dir cache
  local t0=$(date +%s%N)
  (cd "$OUTDIR/$1" && JAVA=$JDK25/bin/java JAVA_OPTS="$JAVA_OPTS" TRAIN_LOG=train-aot.log \
    "$ROOT/src/main/docker/train-aot.sh" quarkus-run.jar "$2")
  echo "startup: trained $1/$2 in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
for v in $VARIANTS; do
  case $v in
    jdk25-aot-fastjar) [ -n "${KEEP_CACHES:-}" ] && [ -f "$OUTDIR/fast-jar/app.aot" ] || train fast-jar app.aot ;;
    jdk25-aot) [ -n "${KEEP_CACHES:-}" ] && [ -f "$OUTDIR/aot-jar/app.aot" ] || train aot-jar app.aot ;;
  esac
done

declare -A times cpus
loads=()
for round in $(seq 1 "$N"); do
  for v in $VARIANTS; do
    start_variant "$v"
    times[$v]="${times[$v]:-} $STARTED_MS"
    cpus[$v]="${cpus[$v]:-} $CPU_MS"
  done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  echo "startup: round $round done, load average ${loads[-1]}"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

OUT="$RESULTS/startup-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Start-up to the first answered request, $N starts per variant, interleaved; $(nproc) cores; load average"
  echo "$LOAD_BEFORE before, $LOAD_AFTER after, 1-minute load after each round: ${loads[*]}."
  echo "JDK 17: $("$JDK17/bin/java" -version 2>&1 | sed -n 2p); JDK 25: $("$JDK25/bin/java" -version 2>&1 | sed -n 2p)."
  echo
  echo "| variant | median | min | max | all (ms) | CPU to first answer, median |"
  echo "|---|---|---|---|---|---|"
  for v in $VARIANTS; do
    # shellcheck disable=SC2086
    sorted=$(printf '%s\n' ${times[$v]} | sort -n)
    n=$(wc -l <<<"$sorted")
    # shellcheck disable=SC2086
    cpu=$(printf '%s\n' ${cpus[$v]} | sort -n | sed -n "$(( (n + 1) / 2 ))p")
    echo "| $v | $(sed -n "$(( (n + 1) / 2 ))p" <<<"$sorted") ms | $(head -1 <<<"$sorted") ms | $(tail -1 <<<"$sorted") ms |${times[$v]} | $cpu ms |"
  done
} | tee "$OUT"
