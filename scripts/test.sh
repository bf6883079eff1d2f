#!/usr/bin/env bash
# The one test command: installs the assets, builds, and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

log=$(mktemp)
status=0
# One test project at a time (-m:1): several suites start real servers, app nodes and Chromium, and run side by side on
# two cores the browser tests time out; in turn the whole suite still takes about ten minutes.
dotnet test RagAssistant.sln --nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: / {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
