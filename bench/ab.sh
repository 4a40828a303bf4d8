#!/usr/bin/env bash
# Before/after of the counted redirect across commits: builds each commit in a temporary worktree, then measures
# fresh readers on /s/{post}/reddit for each build in turn, ROUNDS times over (A B C A B C ...), so a busy machine
# weighs on every build alike, and prints the medians as one markdown table. Same settings as bench/run.sh.
#
#   bench/ab.sh d7fd41b HEAD              # ROUNDS=3 DURATION=10s WARMUP=15s by default
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--one" ]; then  # one measurement of the build in $JAR
  QUICK=1
  source bench/lib.sh
  load "http://127.0.0.1:$PORT" "/s/$POST/reddit" fresh "$WARMUP" >/dev/null
  load "http://127.0.0.1:$PORT" "/s/$POST/reddit" fresh "$DURATION"
  exit 0
fi

ROUNDS=${ROUNDS:-3}
export DURATION=${DURATION:-10s} WARMUP=${WARMUP:-15s}
WORK=$(mktemp -d)
cleanup_worktrees() {
  for tree in "$WORK"/*/; do [ -d "$tree" ] && git worktree remove --force "$tree"; done
  rm -rf "$WORK"
}
trap cleanup_worktrees EXIT

commits=()
for ref in "$@"; do
  sha=$(git rev-parse --short "$ref")
  commits+=("$sha")
  git worktree add -q --detach "$WORK/$sha" "$sha"
  echo "ab: building $sha"
  (cd "$WORK/$sha" && ./mvnw -q -B package -DskipTests >/dev/null)
done

declare -A lines
for round in $(seq "$ROUNDS"); do
  for sha in "${commits[@]}"; do
    line=$(JAR="$WORK/$sha/target/quarkus-app/quarkus-run.jar" bash bench/ab.sh --one | grep '^BENCH')
    echo "ab: round $round $sha: $line"
    lines[$sha]+="$line"$'\n'
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
of() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" | median; }
echo
echo "Fresh readers on the counted redirect, median of $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo
echo "| commit | change | req/s | p99 ms | server CPU µs/req | Redis µs/req |"
echo "|---|---|---|---|---|---|"
for sha in "${commits[@]}"; do
  l=${lines[$sha]}
  echo "| $sha | $(git log -1 --format=%s "$sha" | cut -c1-70) | $(of rps <<<"$l") | $(of p99 <<<"$l") | $(of cpu_us <<<"$l") | $(of redis_us <<<"$l") |"
done
