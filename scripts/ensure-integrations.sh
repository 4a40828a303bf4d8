#!/usr/bin/env bash
# Makes sure the blog-platform integration tests (integrations/*, run by ./mvnw verify) have their platforms:
# Debian's wordpress (with the classic and the block default theme of 6.1, which its test renders pages in),
# php-cli, php-mysql, hugo and jekyll, the MariaDB server WordPress needs, each JavaScript integration's npm
# packages (npm ci in every integrations/*/ that has a package-lock.json), and whatever an integration installs
# with a script of its own (integrations/*/ensure-*.sh: the Ghost test's Ghost).
# Run by the Maven build before the tests, so the README's test command needs no other step; idempotent and quiet
# when everything is there. Where it cannot install (not root, no apt-get), it says so and carries on: each
# integration test then skips itself with the reason instead of failing.
set -u
cd "$(dirname "$0")/.."
# Two builds on one machine (two clones, say) install once, not side by side: hold a machine-wide lock, then
# look again at what is installed.
lockdir=${XDG_CACHE_HOME:-$HOME/.cache}/sharepulse
mkdir -p "$lockdir" && exec 9>"$lockdir/ensure.lock" && flock 9

packages=(wordpress wordpress-theme-twentytwentyone wordpress-theme-twentytwentythree php-cli php-mysql hugo jekyll)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-integrations: installing ${missing[*]} (once)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
      apt-get update -qq >/dev/null 2>&1
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || echo "ensure-integrations: could not install ${missing[*]}; their tests will be skipped" >&2
    fi
  else
    echo "ensure-integrations: ${missing[*]} missing and not installable here; their tests will be skipped" >&2
  fi
fi

# WordPress needs MySQL/MariaDB; start the machine's server if it is installed but not answering.
if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
  if ! mariadb-admin -uroot -h127.0.0.1 --connect-timeout=2 ping >/dev/null 2>&1; then
    echo "ensure-integrations: starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      mariadb-admin -uroot -h127.0.0.1 --connect-timeout=2 ping >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
fi

# npm packages of the JavaScript integrations, from their lock files; reinstalled only when the lock changed.
if command -v npm >/dev/null 2>&1; then
  for lock in integrations/*/package-lock.json; do
    [ -f "$lock" ] || continue
    dir=$(dirname "$lock")
    stamp="$dir/node_modules/.sharepulse-lock"
    if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
      echo "ensure-integrations: npm ci in $dir"
      if (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
        cp "$lock" "$stamp"
      else
        echo "ensure-integrations: npm ci failed in $dir; its tests will be skipped" >&2
      fi
    fi
  done
fi
# What npm ci cannot install (Ghost itself), each integration installs with its own script, idempotently.
for script in integrations/*/ensure-*.sh; do
  [ -f "$script" ] || continue
  bash "$script" || echo "ensure-integrations: $script failed; the tests that need it will be skipped" >&2
done
exit 0
