#!/usr/bin/env bash
# Where the counted redirect spends its CPU: runs the packaged service with Java Flight Recorder, drives fresh
# readers at /s/{post}/reddit (warm-up, then a recorded load), and prints the hottest frames, top of stack and
# inclusive, from the execution samples. The recording stays in bench/results/click.jfr for JDK Mission Control.
#
#   bench/profile.sh                      # 20 s warm-up, 20 s recorded
#   PROFILE_PATH=share bench/profile.sh   # the share API instead (lean: its page-view answer)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
JFR=bench/results/click.jfr
JAVA_OPTS="${JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=512"
source bench/lib.sh   # starts the service with $JAVA_OPTS
load "http://127.0.0.1:$PORT" "/s/$POST/reddit" fresh "$WARMUP" >/dev/null
rm -f "$JFR"
# The JDK's "profile" settings, sampling every millisecond instead of every 10: enough samples in a short load.
JFC=bench/results/sampling.jfc
sed 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
jcmd "$APP_PID" JFR.start name=bench settings="$(pwd)/$JFC" filename="$(pwd)/$JFR" >/dev/null
case "${PROFILE_PATH:-redirect}" in
  share) load "http://127.0.0.1:$PORT" "$SHARE_PATH" fresh "$DURATION" ;;
  lean) load "http://127.0.0.1:$PORT" "$SHARE_PATH&view=counts" fresh "$DURATION" ;;
  *) load "http://127.0.0.1:$PORT" "/s/$POST/reddit" fresh "$DURATION" ;;
esac
jcmd "$APP_PID" JFR.stop name=bench >/dev/null
jfr print --stack-depth 256 --events jdk.ExecutionSample "$JFR" | python3 bench/jfr_top.py
