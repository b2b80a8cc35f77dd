#!/usr/bin/env bash
# Runs every test from a clean clone: installs what the tests need (Debian packages, a throwaway
# PostgreSQL server), builds the whole solution with warnings as errors (benchmarks included, so they
# keep compiling) and runs every test project.
# Usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter "FullyQualifiedName~ErlangC"]
# FORMATION_TEST_POSTGRES=<Npgsql connection string> uses that server instead of starting one.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
  exit 1
fi

# --- System packages: the PostgreSQL server, Chromium and CJK fonts for browser tests and
# screenshots, sqlite3, poppler-utils (pdftotext, pdftoppm) and tzdata (the organisations' time zones).
# Only missing ones are installed.
packages=(postgresql chromium fonts-noto-cjk fonts-wqy-microhei sqlite3 poppler-utils tzdata)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    pkg_status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$pkg_status" == *" ok installed" ]] || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    if ((EUID == 0)); then
      as_root() { "$@"; }
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root() { sudo -n "$@"; }
    else
      echo "The tests need these Debian packages, which are not installed: ${missing[*]}" >&2
      echo "Install them (as root) and run this script again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
    echo "Installing the Debian packages the tests need: ${missing[*]}" >&2
    if ! as_root apt-get -q update ||
      ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 \
        install -y --no-install-recommends "${missing[@]}"; then
      echo "Could not install ${missing[*]} with apt-get (see above)." >&2
      exit 1
    fi
  fi
else
  echo "note: dpkg-query not found (not Debian); make sure these are installed: ${packages[*]}" >&2
fi

# --- Node.js and npm: the web front-end's build runs `npm ci` itself.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [[ -f src/Formation.Web/package.json ]]; then
    echo "Node.js and npm are required to build the web front-end (src/Formation.Web/package.json); install Node.js 20 or later with npm." >&2
    exit 1
  fi
  echo "note: Node.js and npm were not found on PATH; the web front-end will need them." >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=""
pg_started=""
stop_postgres() {
  if [[ -n "$pg_started" ]]; then
    pg_started=""
    scripts/postgres-test.sh stop || echo "warning: could not stop the test PostgreSQL server" >&2
  fi
}
cleanup() {
  stop_postgres
  if [[ -n "$log" ]]; then rm -f "$log"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dotnet restore Formation.slnx
dotnet build Formation.slnx -c Release --no-restore

# --- A real PostgreSQL server for the database tests, this run's own (so that runs side by side do
# not share one), stopped and removed on exit. They never skip: if it cannot start, the run fails here.
if [[ -z "${FORMATION_TEST_POSTGRES:-}" ]]; then
  pg_parent="${TMPDIR:-/tmp}"
  pg_parent="${pg_parent%/}"
  # Servers left by runs that were killed before they could clean up.
  for stale in "$pg_parent/formation-pg-$UID-run"*; do
    stale_pid=${stale##*-run}
    if [[ -d "$stale" && "$stale_pid" =~ ^[0-9]+$ ]] && ! kill -0 "$stale_pid" 2>/dev/null; then
      FORMATION_PG_DIR=$stale scripts/postgres-test.sh stop || true
    fi
  done
  export FORMATION_PG_DIR="$pg_parent/formation-pg-$UID-run$$"
  pg_started=1
  if ! FORMATION_TEST_POSTGRES=$(scripts/postgres-test.sh start); then
    echo "error: could not start PostgreSQL for the database tests (see above)." >&2
    exit 1
  fi
fi
export FORMATION_TEST_POSTGRES
echo "PostgreSQL for the database tests: $FORMATION_TEST_POSTGRES" >&2

log=$(mktemp)
set +e
dotnet test Formation.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
stop_postgres # before the closing line, so that it stays the last one

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
