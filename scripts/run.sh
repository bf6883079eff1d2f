#!/usr/bin/env bash
# Runs the web app on http://127.0.0.1:5244; on first start it indexes the sample papers.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec dotnet run --project src/RagAssistant.Web "$@"
