#!/usr/bin/env bash
# Import benchmark (PRODUCT §6): `formation import` of a generated metrics CSV against each database's
# own bulk loader, on the same file and the same machine, side by side.
#   SQLite      ours within 1.0× of `sqlite3 db ".import --csv --skip 1 FILE bare"`
#   PostgreSQL  ours within 1.2× of `psql -c "\copy bare FROM 'FILE' WITH (FORMAT csv, HEADER true)"`
#   both        peak memory (max RSS) of our import process under 150 MB
# The baselines load into a bare table (typed columns, no key, no index); ours checks every value,
# keys the rows to campaigns, keeps the channel rollups and commits in one transaction.
# Each run starts from a fresh database on both sides; the best (shortest) of the runs counts, since
# other processes may share the machine. Exits 1 when a target is missed or an import fails.
#
#   bench/import.sh                       1,000,000 rows, 3 runs, SQLite and PostgreSQL
#   bench/import.sh --rows 200000 --runs 1
#   bench/import.sh --sqlite-only         (or --postgres-only)
#
# The CSV is written by bench/import/generate.py to ${TMPDIR:-/tmp}/formation-bench-import and kept
# for the next run; the databases and directories made for the runs are removed on exit. PostgreSQL
# is scripts/postgres-test.sh's throwaway server: used if it runs, else started and stopped again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rows=1000000
runs=3
do_sqlite=1
do_postgres=1
usage() { sed -n '12,14p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2; exit 2; }
while (($# > 0)); do
  case "$1" in
    --rows) rows="${2:-}"; shift 2 || usage ;;
    --rows=*) rows="${1#*=}"; shift ;;
    --runs) runs="${2:-}"; shift 2 || usage ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --sqlite-only) do_postgres=0; shift ;;
    --postgres-only) do_sqlite=0; shift ;;
    -h|--help) usage ;;
    *) echo "import.sh: unknown argument $1" >&2; usage ;;
  esac
done
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "import.sh: --rows must be a positive whole number" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "import.sh: --runs must be a positive whole number" >&2; exit 2; }
((do_sqlite + do_postgres > 0)) || { echo "import.sh: --sqlite-only and --postgres-only exclude each other" >&2; exit 2; }

sqlite_target=1.0
postgres_target=1.2
rss_target_mb=150

# --- Tools: only missing Debian packages are installed (as scripts/test.sh does).
packages=()
command -v sqlite3 >/dev/null 2>&1 || packages+=(sqlite3) # the SQLite side's baseline, and the row counts
[[ -x /usr/bin/time ]] || packages+=(time)                 # GNU time, for the peak RSS
if ((do_postgres)) && ! command -v psql >/dev/null 2>&1; then packages+=(postgresql); fi
if ((${#packages[@]} > 0)); then
  if ((EUID == 0)); then
    as_root() { "$@"; }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root() { sudo -n "$@"; }
  else
    echo "The import benchmark needs these Debian packages: ${packages[*]}" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
    exit 1
  fi
  echo "Installing ${packages[*]}" >&2
  as_root apt-get -q update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 \
    install -y --no-install-recommends "${packages[@]}" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Clean-up: everything made below is registered here and removed on exit, however it ends.
tmp_parent="${TMPDIR:-/tmp}"
tmp_parent="${tmp_parent%/}"
scratch=""
pg_started=""
pg_databases=()
psql_base=()
cleanup() {
  local db
  for db in "${pg_databases[@]}"; do
    "${psql_base[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 ||
      echo "warning: could not drop the database $db" >&2
  done
  if [[ -n "$pg_started" ]]; then
    scripts/postgres-test.sh stop || echo "warning: could not stop the test PostgreSQL server" >&2
  fi
  if [[ -n "$scratch" ]]; then rm -rf -- "$scratch"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- The file, the build.
csv=$(python3 bench/import/generate.py --rows "$rows" --dir "$tmp_parent/formation-bench-import")
csv_mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1e6 }')

scratch=$(mktemp -d "$tmp_parent/formation-bench-import-run.XXXXXX")
chmod 755 "$scratch"

# The command-line tool as it is shipped: published ReadyToRun (precompiled), so a one-off command does not spend
# its first half second compiling the database drivers (docs/decisions/0018-cli-ready-to-run.md).
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "import.sh: no ReadyToRun runtime for $(uname -m)" >&2; exit 1 ;;
esac
echo "Publishing the command-line tool (ReadyToRun, $rid)" >&2
dotnet publish src/Formation.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$scratch/cli" --nologo -v quiet >&2
formation=(dotnet "$scratch/cli/formation.dll")

# Both sides read the file from the page cache, not from the disk.
cat "$csv" >/dev/null

# timed LOG -- COMMAND…: runs the command with stdout and stderr to LOG, under GNU time; sets
# `seconds` (wall clock, ms resolution) and `rss_kb` (max resident set size); returns its exit code.
timed() {
  local log=$1 start end status
  shift 2
  start=$(date +%s%N)
  set +e
  /usr/bin/time -f "%M" -o "$scratch/time.out" "$@" >"$log" 2>&1
  status=$?
  set -e
  end=$(date +%s%N)
  seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  rss_kb=$(tail -n 1 "$scratch/time.out")
  [[ "$rss_kb" =~ ^[0-9]+$ ]] || rss_kb=0
  return "$status"
}

# failed SIDE LOG: says what went wrong, with the end of the command's output.
failed() {
  echo "  $1 FAILED; the end of its output ($2):" >&2
  tail -n 25 "$2" | sed 's/^/    | /' >&2
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }
# mb KB: GNU time's kilobytes (1,024 bytes) as megabytes of 1,000,000 bytes, the unit of the target.
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }'; }

bare_columns="date TEXT, channel TEXT, campaign TEXT, segment TEXT, impressions INTEGER, clicks INTEGER"
sqlite_bare="CREATE TABLE bare ($bare_columns, cost REAL, conversions INTEGER, leads INTEGER, orders INTEGER, revenue REAL)"
postgres_bare="CREATE TABLE bare ($bare_columns, cost numeric(18,4), conversions INTEGER, leads INTEGER, orders INTEGER, revenue numeric(18,4))"

# Results per database: best baseline time, best time of ours, peak RSS of ours (KB), a failure note.
declare -A base_best ours_best ours_rss broken pairs

# --- SQLite
bench_sqlite() {
  local run base_db ours_dir org count
  echo "SQLite: $runs run(s) of $rows rows" >&2
  for ((run = 1; run <= runs; run++)); do
    base_db="$scratch/base-$run.db"
    sqlite3 "$base_db" "$sqlite_bare"
    if ! timed "$scratch/sqlite-base-$run.log" -- sqlite3 "$base_db" ".import --csv --skip 1 '$csv' bare"; then
      failed "sqlite3 .import" "$scratch/sqlite-base-$run.log"
      broken[sqlite]="the baseline failed"
      return
    fi
    count=$(sqlite3 "$base_db" "select count(*) from bare")
    rm -f -- "$base_db"
    if [[ "$count" != "$rows" ]]; then
      broken[sqlite]="the baseline table has $count rows, not $rows"
      return
    fi
    base_best[sqlite]=$(min "${base_best[sqlite]:-}" "$seconds")
    local base_seconds=$seconds

    ours_dir="$scratch/ours-$run"
    mkdir -p "$ours_dir"
    "${formation[@]}" db migrate --data "$ours_dir" >"$scratch/sqlite-setup-$run.log" 2>&1 ||
      { failed "formation db migrate" "$scratch/sqlite-setup-$run.log"; broken[sqlite]="db migrate failed"; return; }
    org=$("${formation[@]}" org create --name "Bench $run" --data "$ours_dir" 2>"$scratch/sqlite-setup-$run.log" | tail -n 1) ||
      { failed "formation org create" "$scratch/sqlite-setup-$run.log"; broken[sqlite]="org create failed"; return; }
    if ! timed "$scratch/sqlite-ours-$run.log" -- "${formation[@]}" import "$csv" --mapping formation-standard --org "$org" --data "$ours_dir"; then
      failed "formation import (SQLite, run $run, ${seconds} s, max RSS $((rss_kb * 1024 / 1000000)) MB)" "$scratch/sqlite-ours-$run.log"
      broken[sqlite]="our import failed (exit code shown above)"
      return
    fi
    count=$(sqlite3 "$ours_dir/formation.db" "select count(*) from metric_days")
    rm -rf -- "$ours_dir"
    if [[ "$count" != "$rows" ]]; then
      broken[sqlite]="our import committed $count rows, not $rows"
      return
    fi
    ours_best[sqlite]=$(min "${ours_best[sqlite]:-}" "$seconds")
    ours_rss[sqlite]=$(max "${ours_rss[sqlite]:-}" "$rss_kb")
    pairs[sqlite]+="$(awk -v o="$seconds" -v b="$base_seconds" 'BEGIN { printf "%.3f ", o / b }')"
    printf '  run %d: sqlite3 .import %8.3f s   formation import %8.3f s   max RSS %6.1f MB\n' \
      "$run" "$base_seconds" "$seconds" "$(mb "$rss_kb")" >&2
  done
}

# --- PostgreSQL
# settle DB: both sides start from a settled database and a fresh checkpoint. Our schema's migrations churn the
# system catalogues, and an autovacuum of them started by the server during our timed import cost up to a third
# of a second of the same two cores; a checkpoint due to earlier runs' WAL would likewise land on either side.
settle() {
  "${psql_base[@]}" -d "$1" -c "VACUUM" -c "CHECKPOINT"
}

bench_postgres() {
  local connection host port run base ours org count status_out
  if status_out=$(scripts/postgres-test.sh status 2>/dev/null); then
    connection=$status_out
    echo "PostgreSQL: using the test server that is already running" >&2
  else
    pg_started=1
    connection=$(scripts/postgres-test.sh start) || { broken[postgres]="the test server did not start"; return; }
  fi
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$connection")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$connection")
  psql_base=(psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres)
  local quoted_csv=${csv//\'/\'\'}

  echo "PostgreSQL: $runs run(s) of $rows rows" >&2
  for ((run = 1; run <= runs; run++)); do
    base=bench_base_$run
    ours=bench_ours_$run
    pg_databases+=("$base" "$ours")
    # Left over from a run that was killed before its clean-up (quietly: no NOTICE when there is none).
    PGOPTIONS="-c client_min_messages=warning" "${psql_base[@]}" -d postgres \
      -c "DROP DATABASE IF EXISTS $base" -c "DROP DATABASE IF EXISTS $ours" \
      -c "CREATE DATABASE $base" -c "CREATE DATABASE $ours" >/dev/null

    "${psql_base[@]}" -d "$base" -c "$postgres_bare"
    settle "$base"
    if ! timed "$scratch/pg-base-$run.log" -- "${psql_base[@]}" -d "$base" \
      -c "\\copy bare FROM '$quoted_csv' WITH (FORMAT csv, HEADER true)"; then
      failed "psql \\copy" "$scratch/pg-base-$run.log"
      broken[postgres]="the baseline failed"
      return
    fi
    count=$("${psql_base[@]}" -d "$base" -t -A -c "select count(*) from bare")
    if [[ "$count" != "$rows" ]]; then
      broken[postgres]="the baseline table has $count rows, not $rows"
      return
    fi
    base_best[postgres]=$(min "${base_best[postgres]:-}" "$seconds")
    local base_seconds=$seconds

    local db=(--database postgres --connection "Host=$host;Port=$port;Username=postgres;Database=$ours")
    "${formation[@]}" db migrate "${db[@]}" >"$scratch/pg-setup-$run.log" 2>&1 ||
      { failed "formation db migrate" "$scratch/pg-setup-$run.log"; broken[postgres]="db migrate failed"; return; }
    org=$("${formation[@]}" org create --name "Bench $run" "${db[@]}" 2>"$scratch/pg-setup-$run.log" | tail -n 1) ||
      { failed "formation org create" "$scratch/pg-setup-$run.log"; broken[postgres]="org create failed"; return; }
    settle "$ours"
    if ! timed "$scratch/pg-ours-$run.log" -- "${formation[@]}" import "$csv" --mapping formation-standard --org "$org" "${db[@]}"; then
      failed "formation import (PostgreSQL, run $run, ${seconds} s, max RSS $((rss_kb * 1024 / 1000000)) MB)" "$scratch/pg-ours-$run.log"
      broken[postgres]="our import failed (exit code shown above)"
      return
    fi
    count=$("${psql_base[@]}" -d "$ours" -t -A -c "select count(*) from metric_days")
    # Drop both now: the next run starts from an empty server, and the disk does not fill up.
    "${psql_base[@]}" -d postgres -c "DROP DATABASE $base" -c "DROP DATABASE $ours" >/dev/null
    if [[ "$count" != "$rows" ]]; then
      broken[postgres]="our import committed $count rows, not $rows"
      return
    fi
    ours_best[postgres]=$(min "${ours_best[postgres]:-}" "$seconds")
    ours_rss[postgres]=$(max "${ours_rss[postgres]:-}" "$rss_kb")
    pairs[postgres]+="$(awk -v o="$seconds" -v b="$base_seconds" 'BEGIN { printf "%.3f ", o / b }')"
    printf '  run %d: psql \\copy      %8.3f s   formation import %8.3f s   max RSS %6.1f MB\n' \
      "$run" "$base_seconds" "$seconds" "$(mb "$rss_kb")" >&2
  done
}

if ((do_sqlite)); then bench_sqlite; fi
if ((do_postgres)); then bench_postgres; fi

# --- The table.
missed=0
echo
echo "Import of $(printf "%'d" "$rows" 2>/dev/null || echo "$rows") rows ($csv_mb MB CSV), best of $runs run(s), $(nproc) cores, $(date +%Y-%m-%d)"
printf '%-11s %-16s %10s %10s %7s %8s %10s %9s  %s\n' database baseline "best" "ours best" ratio target "ours RSS" target result
for side in sqlite postgres; do
  if [[ "$side" == sqlite ]]; then
    ((do_sqlite)) || continue
    name=SQLite; tool="sqlite3 .import"; target=$sqlite_target
  else
    ((do_postgres)) || continue
    name=PostgreSQL; tool="psql \\copy"; target=$postgres_target
  fi
  if [[ -n "${broken[$side]:-}" ]]; then
    printf '%-11s %-16s %s\n' "$name" "$tool" "FAILED: ${broken[$side]}"
    missed=1
    continue
  fi
  line=$(awk -v b="${base_best[$side]}" -v o="${ours_best[$side]}" -v k="${ours_rss[$side]}" \
    -v t="$target" -v m="$rss_target_mb" -v name="$name" -v tool="$tool" 'BEGIN {
      ratio = o / b; mb = k * 1024 / 1e6
      time_ok = (ratio <= t); rss_ok = (mb < m)
      result = (time_ok && rss_ok) ? "PASS" : "MISS"
      if (!time_ok) result = result " (time)"
      if (!rss_ok) result = result " (memory)"
      printf "%-11s %-16s %8.3f s %8.3f s %7.3f %8s %7.1f MB %9s  %s\n", name, tool, b, o, ratio, "<= " t, mb, "< " m " MB", result
    }')
  echo "$line"
  [[ "$line" == *PASS ]] || missed=1
done

# For reading a noisy machine: each run times the baseline and ours back to back, so the two sides of one run share
# its load. Shown for information; the result above (best against best) is what counts.
for side in sqlite postgres; do
  [[ -n "${pairs[$side]:-}" ]] || continue
  name=$([[ "$side" == sqlite ]] && echo SQLite || echo PostgreSQL)
  echo "$name: ours / baseline within each run: ${pairs[$side]% }; median $(tr ' ' '\n' <<<"${pairs[$side]}" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
done
exit "$missed"
