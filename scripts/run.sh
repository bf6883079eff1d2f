#!/usr/bin/env bash
# Runs the web app on http://127.0.0.1:5244; on first start it indexes the sample papers.
# Production unless asked otherwise: ASPNETCORE_ENVIRONMENT=Development ./scripts/run.sh shows the developer exception page.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# Without the launch profile, which would set Development; the address comes from appsettings.json (or Urls).
exec dotnet run --project src/RagAssistant.Web --no-launch-profile "$@"
