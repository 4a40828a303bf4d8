#!/usr/bin/env bash
# The bot check's cost for a User-Agent it has never seen, before (every pattern in turn) and after (the
# prefilter): medians and 99th percentiles of single calls, from io.sharepulse.share.BotCheckBench (test scope).
# About 20 s; a busy machine raises every figure, so compare the rows of one run.
#   bench/botcheck.sh [calls]          default 200000
set -euo pipefail
cd "$(dirname "$0")/.."
cp=target/botcheck.classpath
if [ ! -f "$cp" ] || [ pom.xml -nt "$cp" ] || [ -n "$(find src -newer "$cp" -name '*.java' | head -1)" ]; then
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat "$cp")" io.sharepulse.share.BotCheckBench "$@"
