#!/usr/bin/env bash
# Dashboard benchmark (PRODUCT §6): the queries one request for the dashboard page runs, over 10,000,000 daily
# metric rows on SQLite, for a month, a quarter, a year and the last 90 days, across all channels and one, grouped
# by channel, campaign, module and post. Every scenario is first run 20 times to warm up (as a server that has run a
# while); then each page's set of queries is timed whole with a stopwatch, 200 runs per scenario. The 95th
# percentile of every scenario must stay under 50 ms. Exits 1 when one does not.
#
#   bench/dashboard.sh
#   bench/dashboard.sh --rows 1000000 --iterations 50
#   bench/dashboard.sh --postgres         (the same on PostgreSQL instead)
#
# The SQLite database is built once (a few minutes) in ${TMPDIR:-/tmp}/formation-bench-dashboard and kept for the
# next run; a different --rows rebuilds it. Other options: --warmup N, --target-ms N, --data DIR. PostgreSQL is
# scripts/postgres-test.sh's throwaway server: used if it runs (the database formation_bench_dashboard is kept on
# it for the next run), else started for this run and stopped again, which removes it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
tmp_parent="${TMPDIR:-/tmp}"

args=()
postgres=0
for arg in "$@"; do
  if [[ "$arg" == --postgres ]]; then postgres=1; else args+=("$arg"); fi
done

dotnet build -c Release bench/Dashboard --nologo -v quiet >&2
run=(dotnet bench/Dashboard/bin/Release/net10.0/formation-bench-dashboard.dll)
if ((postgres == 0)); then
  exec "${run[@]}" --data "${tmp_parent%/}/formation-bench-dashboard" "${args[@]}"
fi

pg_started=""
cleanup() {
  if [[ -n "$pg_started" ]]; then
    scripts/postgres-test.sh stop || echo "warning: could not stop the test PostgreSQL server" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! connection=$(scripts/postgres-test.sh status 2>/dev/null); then
  pg_started=1
  connection=$(scripts/postgres-test.sh start)
fi
host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$connection")
port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$connection")
"${run[@]}" --postgres "Host=$host;Port=$port;Username=postgres;Database=formation_bench_dashboard" "${args[@]}"
