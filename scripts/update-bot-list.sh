#!/usr/bin/env bash
# Refreshes the crawler list the redirect uses to keep bots out of the counts.
# Source: the npm package crawler-user-agents (MIT, Martin Monperrus and contributors), fetched with `npm pack`
# from whatever registry npm is configured for. We keep only the patterns (the package's examples are 0.5 MB),
# plus the package version and its licence next to them; the examples (`instances`, one per line) go to the
# tests, which check that the bot check catches them (BotDetectorTest).
#   usage: scripts/update-bot-list.sh [version]      (default: latest)
set -euo pipefail
version="${1:-latest}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/main/resources/bots"
samples="$root/src/test/resources/bots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "crawler-user-agents@$version" >/dev/null && tar xzf crawler-user-agents-*.tgz)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync(process.argv[1] + "/package/package.json"));
  const list = JSON.parse(fs.readFileSync(process.argv[1] + "/package/crawler-user-agents.json"));
  const doc = { source: "crawler-user-agents " + pkg.version + " (MIT)", patterns: list.map(e => e.pattern) };
  fs.writeFileSync(process.argv[2] + "/crawler-user-agents.json", JSON.stringify(doc, null, 0).replace(/","/g, "\",\n\"") + "\n");
  const lines = ["# The instances of crawler-user-agents " + pkg.version + " (MIT, see the licence in src/main/resources/bots/),",
    "# one User-Agent a line, written by scripts/update-bot-list.sh."];
  for (const e of list) for (const i of e.instances || []) lines.push(i);
  fs.writeFileSync(process.argv[3] + "/crawler-instances.txt", lines.join("\n") + "\n");
' "$work" "$out" "$samples"
cp "$work/package/LICENSE" "$out/crawler-user-agents.LICENSE"
echo "wrote $(grep -c . "$out/crawler-user-agents.json") lines to $out/crawler-user-agents.json"
