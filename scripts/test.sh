#!/usr/bin/env bash
# Runs every test from a clean clone: installs what the tests need, builds the whole solution with
# warnings as errors (benchmarks included, so they keep compiling) and runs every test project.
# Usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter "FullyQualifiedName~ErlangC"]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore Formation.slnx
dotnet build Formation.slnx -c Release --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Formation.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain "N passed, N failed" form, summed over the test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i+1))
         if ($i == "Failed:") f += $(i+1)
         if ($i == "Passed:") p += $(i+1)
         if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
