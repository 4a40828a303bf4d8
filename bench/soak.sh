#!/usr/bin/env bash
# Bounded soak: the counted redirect under steady load for SOAK (default 60 s) on loopback, then checks that
# every answer was a 3xx, that the stored count equals the clicks the service counted, and that memory stayed
# flat (RSS sampled every 10 s). Prints one markdown table; exits non-zero when a check fails.
#   bench/soak.sh                  SOAK=300s CONNECTIONS=16 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK=${SOAK:-60s}
CONNECTIONS=${CONNECTIONS:-16}
source bench/lib.sh

stored_total() { # the post's all-time count, once it stops moving
  local now=-1 before=-2
  while [ "$now" != "$before" ]; do
    before=$now; sleep 0.2
    now=$(curl -sf "localhost:$PORT/api/v1/posts/$EXACT/counts" | grep -o '"total":[0-9]*' | cut -d: -f2)
  done
  echo "$now"
}
load "http://127.0.0.1:$PORT" "/s/$EXACT/reddit" fresh "${WARMUP}" >/dev/null
# The warm-up clicked the same post: compare what the soak added on both sides, not the all-time total.
stored_before=$(stored_total)
counted_before=$(metric 'sharepulse_clicks_total{network="reddit",outcome="counted"}')
late_before=$(metric 'sharepulse_clicks_late_total{network="reddit",outcome="counted"}')
lost_before=$(metric 'sharepulse_clicks_lost_total')
samples=()
( while sleep 10; do rss_mb; done ) > "$RESULTS/soak-rss.txt" &
SAMPLER=$!
R=$(load "http://127.0.0.1:$PORT" "/s/$EXACT/reddit" fresh "$SOAK")
kill "$SAMPLER" 2>/dev/null || true
stored=$(( $(stored_total) - stored_before ))
counted=$(( $(metric 'sharepulse_clicks_total{network="reddit",outcome="counted"}') - counted_before ))
late=$(( $(metric 'sharepulse_clicks_late_total{network="reddit",outcome="counted"}') - late_before ))
lost=$(( $(metric 'sharepulse_clicks_lost_total') - lost_before ))
mapfile -t samples < "$RESULTS/soak-rss.txt"
first=${samples[0]:-0}; last=${samples[-1]:-0}
failed=$(field failed "$R")
ok=yes
[ "$failed" = "0" ] || ok=no
# Exact: what Redis stored is what the service counted plus what Redis confirmed after the redirect; none lost.
[ "$stored" = $(( counted + late )) ] && [ "$lost" = 0 ] || ok=no
growth=$(( last - first ))
[ "$growth" -le $(( first / 10 + 16 )) ] || ok=no

cat <<TABLE
## Soak, $(date -u +%Y-%m-%d): $SOAK at $CONNECTIONS connections, $(nproc) cores, load before $LOAD_BEFORE

| figure | value |
|---|---|
| requests served | $(field requests "$R") at $(field rps "$R") req/s |
| p50 / p99 / p99.9 | $(field p50 "$R") / $(field p99 "$R") / $(field p999 "$R") ms |
| non-3xx answers and socket errors | $failed |
| clicks counted by the service / stored in Redis during the soak | $counted (+ $late confirmed late) / $stored (lost: $lost) |
| RSS every 10 s (MB) | ${samples[*]} |
| passed | $ok |
TABLE
[ "$ok" = yes ]
