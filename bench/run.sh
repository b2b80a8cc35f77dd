#!/usr/bin/env bash
# Builds the benchmarks in Release, runs them, and checks them against PRODUCT §6:
# blueprint under 1 ms, Erlang C for 1,000 erlangs under 20 µs (means), board and "my work" pages
# of a 5,000-task plan under 100 ms (95th percentile). Exits non-zero on a miss.
#
#   bench/run.sh                          # the whole suite
#   bench/run.sh --filter '*ErlangC*'     # one class; any BenchmarkDotNet option may be passed
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

project=bench/Formation.Benchmarks
artifacts="$repo_root/bench/BenchmarkDotNet.Artifacts"
results="$artifacts/results"

# Run everything unless the caller chose a filter (BenchmarkDotNet rejects a repeated --filter).
filter=(--filter '*')
for arg in "$@"; do
    case "$arg" in
        --filter|--filter=*|-f) filter=() ;;
    esac
done

# Stale reports from an earlier run must not be mistaken for this run's figures.
rm -rf "$results"

dotnet build -c Release "$project" --nologo -v quiet
dotnet run -c Release --no-build --project "$project" -- --artifacts "$artifacts" "${filter[@]}" "$@"

python3 bench/check-targets.py "$results"
