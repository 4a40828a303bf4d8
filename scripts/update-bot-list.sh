#!/usr/bin/env bash
# Refreshes the crawler list the redirect uses to keep bots out of the counts.
# Source: the npm package crawler-user-agents (MIT, Martin Monperrus and contributors), fetched with `npm pack`
# from whatever registry npm is configured for. We keep only the patterns (the package's examples are 0.5 MB),
# plus the package version and its licence next to them.
#   usage: scripts/update-bot-list.sh [version]      (default: latest)
set -euo pipefail
version="${1:-latest}"
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/bots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "crawler-user-agents@$version" >/dev/null && tar xzf crawler-user-agents-*.tgz)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync(process.argv[1] + "/package/package.json"));
  const list = JSON.parse(fs.readFileSync(process.argv[1] + "/package/crawler-user-agents.json"));
  const doc = { source: "crawler-user-agents " + pkg.version + " (MIT)", patterns: list.map(e => e.pattern) };
  fs.writeFileSync(process.argv[2] + "/crawler-user-agents.json", JSON.stringify(doc, null, 0).replace(/","/g, "\",\n\"") + "\n");
' "$work" "$out"
cp "$work/package/LICENSE" "$out/crawler-user-agents.LICENSE"
echo "wrote $(grep -c . "$out/crawler-user-agents.json") lines to $out/crawler-user-agents.json"
