#!/usr/bin/env bash
# Installs the real Ghost the integration test runs (Ghost 5 on SQLite), once per machine and outside the repository:
# into $SHAREPULSE_GHOST_HOME, by default ~/.cache/sharepulse/ghost-<version>. Idempotent; quiet when installed.
#
# `npm install ghost` does not work (the package depends on a tarball inside itself), so this does what Ghost's own
# installer does: unpack the published package and install its production dependencies with npm ci from the lock
# file next to this script (ghost/package-lock.json, which also names the Ghost version; made from the package
# without its devDependencies, one of which is a git dependency). The native modules (sqlite3, re2) have no prebuilt
# binaries reachable here and are compiled against the machine's Node headers (npm's nodedir): minutes, once.
set -euo pipefail
cd "$(dirname "$0")"
lock=$PWD/ghost/package-lock.json
version=$(node -p 'require(process.argv[1]).version' "$lock")
home=${SHAREPULSE_GHOST_HOME:-$HOME/.cache/sharepulse/ghost-$version}
[ -f "$home/.sharepulse-installed" ] && cmp -s "$lock" "$home/.sharepulse-installed" && exit 0

echo "ensure-ghost: installing Ghost $version into $home (once; compiling its native modules takes minutes)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "ghost@$version" --silent >/dev/null && tar xzf "ghost-$version.tgz")
node -e 'const fs = require("fs"), f = process.argv[1], p = JSON.parse(fs.readFileSync(f));
  delete p.devDependencies; fs.writeFileSync(f, JSON.stringify(p, null, 2));' "$work/package/package.json"
cp "$lock" "$work/package/package-lock.json"
# --legacy-peer-deps: Ghost's tree has peer ranges that only yarn, Ghost's own tool, overlooks.
(cd "$work/package" && npm ci --omit=dev --legacy-peer-deps --no-audit --no-fund --loglevel=error \
  >"$work/npm.log" 2>&1) \
  || { tail -40 "$work/npm.log" >&2; exit 1; }
rm -rf "$home"
mkdir -p "$(dirname "$home")"
mv "$work/package" "$home"
cp "$lock" "$home/.sharepulse-installed"
echo "ensure-ghost: Ghost $version installed"
