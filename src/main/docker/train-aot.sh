#!/usr/bin/env bash
# Trains the JDK's ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked, method profiles) for the
# packaged service: starts it with -XX:AOTCacheOutput, serves a short realistic workload (a site, its share
# document, counted and crawler redirects, the counts API, the no-JS fragment, widget.js), then stops it with
# SIGTERM; the JVM writes the cache as it exits. The image build (Dockerfile.jvm) and bench/startup.sh both run it.
#
#   train-aot.sh JAR CACHE      e.g. train-aot.sh /deployments/quarkus-run.jar /deployments/app.aot
#
# Run it with the JVM and the options that will run the service (JAVA, default java; JAVA_OPTS, word-split;
# JAVA_TOOL_OPTIONS is honoured as usual), and give the JAR the same way the service will be started: the cache
# is only used with the same JVM build and the same class path. The service needs PostgreSQL and Redis it can
# reach (the usual QUARKUS_DATASOURCE_* and QUARKUS_REDIS_HOSTS) and an operator token (SHAREPULSE_ADMIN_TOKEN)
# to create the training site; a throwaway database, since the training writes a site, posts and clicks.
set -euo pipefail
JAR=$1
CACHE=$2
JAVA=${JAVA:-java}
PORT=${QUARKUS_HTTP_PORT:-8080}
LOG=${TRAIN_LOG:-$(dirname "$CACHE")/train-aot.log}
: "${SHAREPULSE_ADMIN_TOKEN:?the training creates a site: set SHAREPULSE_ADMIN_TOKEN}"
BASE="http://127.0.0.1:$PORT"
UA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

rm -f "$CACHE"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
"$JAVA" -XX:AOTCacheOutput="$CACHE" ${JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$BASE/api/v1/networks"; do
  kill -0 "$pid" 2>/dev/null || { echo "train-aot: the service did not start; see $LOG" >&2; exit 1; }
  sleep 0.1
done

curl -sf -o /dev/null -H "Authorization: Bearer $SHAREPULSE_ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"id":"aot-training","name":"Training","domains":["training.example"],"networks":["reddit","x","bluesky","mastodon"]}' \
  "$BASE/admin/v1/sites" || true  # 409 when it exists already: fine
for i in $(seq 1 20); do
  url="https%3A%2F%2Ftraining.example%2Fpost-$i"
  post=$(curl -sf -A "$UA" "$BASE/api/v1/sites/aot-training/share?url=$url&title=Post%20$i" \
    | grep -o '"post":"[^"]*"' | cut -d'"' -f4)
  [ -n "$post" ] || { echo "train-aot: no share document; see $LOG" >&2; exit 1; }
  # One connection for the rest of the round, as a browser would.
  curl -s -A "$UA" -H "X-Forwarded-For: 192.0.2.$i" \
    "$BASE/s/$post/reddit" "$BASE/s/$post/x" "$BASE/s/$post/bluesky" \
    "$BASE/api/v1/posts/$post/counts" \
    "$BASE/api/v1/sites/aot-training/share?url=$url&title=Post%20$i" \
    "$BASE/embed/aot-training?url=$url&title=Post%20$i" \
    -H 'Accept-Encoding: gzip' "$BASE/widget.js" >/dev/null
  curl -s -o /dev/null -A "Googlebot/2.1 (+http://www.google.com/bot.html)" "$BASE/s/$post/reddit"
done

kill -TERM "$pid"
wait "$pid" || true  # 143 after SIGTERM
trap - EXIT
[ -s "$CACHE" ] || { echo "train-aot: the JVM wrote no cache at $CACHE; see $LOG" >&2; exit 1; }
echo "train-aot: $(du -h "$CACHE" | cut -f1) cache at $CACHE"
