#!/usr/bin/env bash
# Makes sure the browser tests have Chromium and its driver (Debian packages chromium, chromium-driver).
# Run by the Maven build before the tests, so the README's test command needs no other step; idempotent.
# Where it cannot install (not root, no apt-get), it says so and the browser tests are skipped, not failed.
set -u
# Two builds on one machine (two clones, say) install once, not side by side: hold a machine-wide lock, then
# look again at what is installed.
lockdir=${XDG_CACHE_HOME:-$HOME/.cache}/sharepulse
mkdir -p "$lockdir" && exec 9>"$lockdir/ensure.lock" && flock 9
if [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: installing chromium and chromium-driver (once)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
     || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; }; then
    exit 0
  fi
  echo "ensure-browser: could not install Chromium; browser tests will be skipped" >&2
else
  echo "ensure-browser: Chromium missing and not installable here; browser tests will be skipped" >&2
fi
exit 0
