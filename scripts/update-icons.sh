#!/usr/bin/env bash
# Regenerates the brand icons of the share bar from the npm package simple-icons (CC0-1.0), fetched with
# `npm pack` from whatever registry npm is configured for. We keep, per catalog network, only the SVG path
# (viewBox 0 0 24 24), the brand colour and the package's title and slug, plus the package's licence and
# trademark disclaimer next to them. Networks the package lacks (LinkedIn and Microsoft brands were removed
# from it, Raindrop.io is not in it, plain email/SMS, print and QR have no brand) and every retired network
# get a neutral glyph from icons/glyphs.json instead (see io.sharepulse.network.NetworkIcons). The generic
# Fediverse button uses the ActivityPub mark, the protocol its servers share.
#   usage: scripts/update-icons.sh [version]      (default: the version the committed file was made from)
set -euo pipefail
version="${1:-16.37.0}"
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/icons"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "simple-icons@$version" >/dev/null && tar xzf simple-icons-*.tgz)
node -e '
  const fs = require("fs");
  const [dir, out] = process.argv.slice(1);
  // catalog network id -> Simple Icons slug
  const slugs = {
    facebook: "facebook", x: "x", reddit: "reddit", pinterest: "pinterest", whatsapp: "whatsapp",
    telegram: "telegram", bluesky: "bluesky", threads: "threads", mastodon: "mastodon",
    misskey: "misskey", lemmy: "lemmy", fediverse: "activitypub",
    hackernews: "ycombinator", tumblr: "tumblr", flipboard: "flipboard", vk: "vk", line: "line",
    buffer: "buffer", weibo: "sinaweibo", viber: "viber", pinboard: "pinboard", lobsters: "lobsters",
    diaspora: "diaspora", odnoklassniki: "odnoklassniki", evernote: "evernote", farcaster: "farcaster",
    livejournal: "livejournal", instapaper: "instapaper", gmail: "gmail"
  };
  const pkg = JSON.parse(fs.readFileSync(dir + "/package/package.json"));
  const data = JSON.parse(fs.readFileSync(dir + "/package/data/simple-icons.json"));
  const bySlug = new Map(data.map(i => [i.slug, i]));
  const icons = {};
  for (const [network, slug] of Object.entries(slugs)) {
    const entry = bySlug.get(slug);
    const svg = entry && fs.existsSync(dir + "/package/icons/" + slug + ".svg")
      ? fs.readFileSync(dir + "/package/icons/" + slug + ".svg", "utf8") : null;
    const path = svg && /<path d="([^"]+)"/.exec(svg);
    if (!entry || !path || !/viewBox="0 0 24 24"/.test(svg)) {
      console.error("simple-icons " + pkg.version + " has no usable icon " + slug + " (for " + network + ")");
      process.exit(1);
    }
    icons[network] = { slug, title: entry.title, hex: "#" + entry.hex.toUpperCase(), path: path[1] };
  }
  const doc = { source: "simple-icons " + pkg.version + " (" + pkg.license + ")", icons };
  // One icon a line, so a refresh reads as a diff per network.
  const lines = Object.entries(icons).map(([k, v]) => "  " + JSON.stringify(k) + ": " + JSON.stringify(v));
  fs.writeFileSync(out + "/simple-icons.json", "{\"source\": " + JSON.stringify(doc.source) + ",\n\"icons\": {\n"
      + lines.join(",\n") + "\n}}\n");
' "$work" "$out"
cp "$work/package/LICENSE.md" "$out/simple-icons.LICENSE.md"
cp "$work/package/DISCLAIMER.md" "$out/simple-icons.DISCLAIMER.md"
echo "wrote $(grep -c '"slug"' "$out/simple-icons.json") icons to $out/simple-icons.json"
