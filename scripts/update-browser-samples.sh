#!/usr/bin/env bash
# Refreshes the real browser User-Agents the bot check must never take for crawlers (BotDetectorTest), and the
# varied readers of the benchmark's "a different User-Agent on every request" load (bench/wrk/visitors.lua).
# Sources: the npm packages top-user-agents (MIT, Kiko Beats) and user-agents (BSD-2-Clause, Intoli, LLC), fetched
# with `npm pack` from whatever registry npm is configured for; their licences are kept next to the sample.
#   usage: scripts/update-browser-samples.sh [top-user-agents version] [user-agents version]   (default: latest)
set -euo pipefail
top="${1:-latest}"
ua="${2:-latest}"
out="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/bots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "top-user-agents@$top" "user-agents@$ua" >/dev/null \
  && mkdir top ua && tar xzf top-user-agents-*.tgz -C top && tar xzf user-agents-*.tgz -C ua)
node -e '
  const fs = require("fs");
  const w = process.argv[1];
  const topPkg = JSON.parse(fs.readFileSync(w + "/top/package/package.json"));
  const uaPkg = JSON.parse(fs.readFileSync(w + "/ua/package/package.json"));
  const all = new Set();
  for (const f of ["index", "desktop", "mobile"]) {
    for (const u of JSON.parse(fs.readFileSync(w + "/top/package/src/" + f + ".json"))) all.add(u);
  }
  for (const e of JSON.parse(fs.readFileSync(w + "/ua/package/dist/user-agents.json"))) all.add(e.userAgent);
  const lines = ["# Real browser User-Agents: top-user-agents " + topPkg.version + " (MIT) and user-agents " + uaPkg.version +
    " (BSD-2-Clause), licences beside this file;", "# one a line, sorted, written by scripts/update-browser-samples.sh."];
  for (const u of [...all].filter(u => u.trim() === u && u.length > 0).sort()) lines.push(u);
  fs.writeFileSync(process.argv[2] + "/browser-user-agents.txt", lines.join("\n") + "\n");
' "$work" "$out"
cp "$work/top/package/LICENSE.md" "$out/top-user-agents.LICENSE"
cp "$work/ua/package/LICENSE" "$out/user-agents.LICENSE"
echo "wrote $(grep -vc '^#' "$out/browser-user-agents.txt") User-Agents to $out/browser-user-agents.txt"
