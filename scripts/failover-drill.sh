#!/usr/bin/env bash
# Redis Cluster failover drill (docs/OPERATIONS.md): a 3-master, 3-replica cluster on loopback, the packaged
# service in front of it, clicks from wrk, and one master stopped mid-load. Prints a timeline and what was lost.
#
#   ./mvnw package -DskipTests && scripts/failover-drill.sh [kill|hang]
#     kill  the master crashes (SIGKILL): connections are refused at once
#     hang  the master freezes (SIGSTOP, like a network partition): connections stay open, nothing answers
#
# Needs redis-server, redis-cli, wrk (Debian package wrk), curl, psql and the local PostgreSQL. Everything it
# starts (six redis-servers, the service, a metrics poller, a database) it stops or drops again, by PID/name.
# Settings: DRILL_REDIS_PORT (first of six, default 7170), DRILL_HTTP_PORT (38081), DURATION (60 s),
# STOP_AT (20 s into the load), CONNECTIONS (32), NODE_TIMEOUT (5000 ms), POSTS_COUNT (60), APP (target/quarkus-app).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-kill}
base=${DRILL_REDIS_PORT:-7170}
http=${DRILL_HTTP_PORT:-38081}
duration=${DURATION:-60}
stop_at=${STOP_AT:-20}
connections=${CONNECTIONS:-32}
node_timeout=${NODE_TIMEOUT:-5000}
posts_count=${POSTS_COUNT:-60}
app=${APP:-target/quarkus-app}
scratch=drill
. scripts/drill/scratch-service.sh
stopped=""

now_ms() { date +%s%3N; }
cleanup() {
  if [ -n "$stopped" ]; then kill -CONT "$stopped" 2>/dev/null || true; fi
  stop_scratch
}
trap cleanup EXIT

[ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: run ./mvnw package -DskipTests first" >&2; exit 1; }

echo "== cluster on 127.0.0.1:$base-$((base + 5)), node timeout $node_timeout ms"
ports=()
for i in 0 1 2 3 4 5; do
  port=$((base + i))
  ports+=("$port")
  redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$work/nodes-$port.conf" \
    --cluster-node-timeout "$node_timeout" --dir "$work" --appendonly yes --appendfilename "aof-$port" \
    --appendfsync everysec --save "" --logfile "$work/redis-$port.log" &
  pids+=("$!")
done
for port in "${ports[@]}"; do
  until redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${ports[@]}") --cluster-replicas 1 --cluster-yes >"$work/create.log"
for port in "${ports[@]}"; do
  until redis-cli -p "$port" cluster info | grep -q '^cluster_state:ok'; do sleep 0.1; done
done

echo "== service on :$http (database $db)"
start_service "redis://127.0.0.1:${ports[0]},redis://127.0.0.1:${ports[1]}" QUARKUS_REDIS_CLIENT_TYPE=cluster

# Posts spread over several sites, so their slots spread over the three masters.
posts=""
for s in $(seq 1 6); do
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"id\":\"drill-$s\",\"name\":\"Drill $s\",\"domains\":[\"drill.example\"],\"networks\":[\"reddit\"]}" \
    "http://127.0.0.1:$http/admin/v1/sites" >/dev/null
  for p in $(seq 1 $((posts_count / 6))); do
    post=$(curl -sf "http://127.0.0.1:$http/api/v1/sites/drill-$s/share?url=https://drill.example/$p" \
      | grep -o '"post":"[^"]*"' | cut -d'"' -f4)
    posts="$posts $post"
  done
done

# The master to stop: the one holding the slot of the first site.
slot=$(redis-cli -p "${ports[0]}" cluster keyslot "sp:{drill-1}:post")
victim=""
for port in "${ports[@]}"; do
  if redis-cli -p "$port" role | head -1 | grep -q master && \
     [ "$(redis-cli -p "$port" cluster countkeysinslot "$slot")" != "0" ]; then victim=$port; fi
done
replica=""
for port in "${ports[@]}"; do
  if redis-cli -p "$port" role | sed -n 3p | grep -qx "$victim"; then replica=$port; fi
done
victim_pid=$(redis-cli -p "$victim" info server | tr -d '\r' | awk -F: '/^process_id/ { print $2 }')
affected=0
for post in $posts; do
  site=${post%.*}
  s=$(redis-cli -p "${ports[0]}" cluster keyslot "sp:{$site}:post")
  if [ "$(redis-cli -p "$victim" cluster countkeysinslot "$s")" != "0" ]; then affected=$((affected + 1)); fi
done
echo "== $(echo $posts | wc -w) posts on 6 sites; $affected of them on master :$victim (pid $victim_pid, replica :$replica)"

metrics() {
  curl -s "http://127.0.0.1:$((http + 1))/q/metrics" | awk -v t="$(now_ms)" '
    /^sharepulse_clicks_total/ && /outcome="counted"/ { c += $2 }
    /^sharepulse_clicks_total/ && /outcome="(unconfirmed|lost)"/ { d += $2 }
    /^sharepulse_clicks_late_total/ && /outcome="counted"/ { l += $2 }
    END { printf "%s %d %d %d\n", t, c, d, l }'
}
( while true; do metrics; sleep 0.25; done ) >"$work/metrics.log" &
pids+=("$!")

echo "== load: wrk, $connections connections, ${duration}s; stopping :$victim ($mode) after ${stop_at}s"
start=$(now_ms)
POSTS="$posts" wrk -t2 -c"$connections" -d"${duration}s" --timeout 15s -s scripts/drill/click-load.lua \
  "http://127.0.0.1:$http" >"$work/wrk.log" 2>&1 &
wrk_pid=$!
sleep "$stop_at"
stop_ms=$(now_ms)
if [ "$mode" = hang ]; then kill -STOP "$victim_pid"; stopped=$victim_pid; else kill -KILL "$victim_pid"; fi
# Failover is over when the victim's replica has been promoted.
until redis-cli -p "$replica" role 2>/dev/null | head -1 | grep -q master; do sleep 0.05; done
promoted_ms=$(now_ms)
wait "$wrk_pid" || true
# A frozen master resumes (and rejoins as a replica); requests stuck on it finish now.
if [ -n "$stopped" ]; then kill -CONT "$stopped"; stopped=""; fi
sleep 2
end_metrics=$(metrics)

stored=0
for post in $posts; do
  n=$(curl -s "http://127.0.0.1:$http/api/v1/posts/$post/counts" | grep -o '"total":[0-9]*' | cut -d: -f2)
  stored=$((stored + ${n:-0}))
done
read -r _ counted dropped late <<<"$end_metrics"
drops=$(awk -v s="$stop_ms" 'NR > 1 && $3 > prev { if (!first) first = $1; last = $1 } { prev = $3 }
  END { if (first) printf "%d %d", first - s, last - s; else print "none none" }' "$work/metrics.log")

echo "== results"
grep -E '^second' "$work/wrk.log" | awk -v s="$start" -v k="$stop_ms" '
  { printf "  second starting %+5.1fs from the stop: %5d answers, %d not 302\n", ($2 * 1000 - k) / 1000, $4, $6 }' || true
grep -E '^total' "$work/wrk.log" | sed 's/^/  wrk /' || true
grep -hE 'Failover election won|Cluster state changed: fail|FAIL message received' "$work/redis-$replica.log" | sed 's/^/  replica: /' || true
echo "  master stopped at +$(( (stop_ms - start) / 1000 ))s ($(date -d "@$((stop_ms / 1000))" +%T).$((stop_ms % 1000))); replica promoted $(( promoted_ms - stop_ms )) ms later"
echo "  clicks not confirmed in time (reader redirected; unconfirmed or lost): $dropped, $late of them stored late; first/last drop at +$(echo "$drops" | cut -d' ' -f1)/+$(echo "$drops" | cut -d' ' -f2) ms after the stop"
awk -v s="$stop_ms" '$1 <= s { d = $3 } END { printf "  of them before the stop (slow answers under load, not the failover): %d\n", d }' \
  "$work/metrics.log"
awk -v s="$stop_ms" 'NR > 1 && $1 > s { b = int(($1 - s) / 5000); n[b] += $3 - prev; if (b > max) max = b } { prev = $3 }
  END { printf "  dropped per 5 s after the stop:"; for (i = 0; i <= max; i++) printf " %d", n[i]; print "" }' \
  "$work/metrics.log"
echo "  clicks counted by the service: $counted, confirmed late: $late; clicks stored in Redis afterwards: $stored; lost after being counted: $((counted + late - stored))"
grep -cE 'not recorded|Clicks are not being confirmed' "$work/app.log" | sed 's/^/  warnings logged for dropped clicks: /' || true
grep -E 'not recorded|Clicks are not being confirmed' "$work/app.log" \
  | sed -E 's/.*not recorded: //; s/.*by Redis \((.*)\); readers.*/\1/' | cut -c1-140 | sort | uniq -c | sort -rn \
  | head -3 | sed 's/^/  why: /' || true
