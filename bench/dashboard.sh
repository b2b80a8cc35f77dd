#!/usr/bin/env bash
# Dashboard benchmark (PRODUCT §6): the queries one request for the dashboard page runs, over 10,000,000 daily
# metric rows on SQLite, for a month, a quarter, a year and the last 90 days, across all channels and one, grouped
# by channel, campaign, module and post. Each page's set of queries is timed whole with a stopwatch, 200 runs after
# 20 warm-ups; the 95th percentile of every scenario must stay under 50 ms. Exits 1 when one does not.
#
#   bench/dashboard.sh
#   bench/dashboard.sh --rows 1000000 --iterations 50
#
# The database is built once (a few minutes) in ${TMPDIR:-/tmp}/formation-bench-dashboard and kept for the next
# run; a different --rows rebuilds it. Other options: --warmup N, --target-ms N, --data DIR.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
tmp_parent="${TMPDIR:-/tmp}"

dotnet build -c Release bench/Dashboard --nologo -v quiet >&2
exec dotnet bench/Dashboard/bin/Release/net10.0/formation-bench-dashboard.dll \
  --data "${tmp_parent%/}/formation-bench-dashboard" "$@"
