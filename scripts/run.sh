#!/usr/bin/env bash
# Runs the Formation web app on http://127.0.0.1:5080 with its embedded SQLite database in ./data
# (created and migrated on start). The first visit asks for the first account; there are no default passwords.
#   FORMATION_PORT=8080 scripts/run.sh      another port
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! command -v npm >/dev/null 2>&1; then
  echo "Node.js and npm are needed to fetch the web front-end packages (https://nodejs.org)." >&2
  exit 1
fi
port="${FORMATION_PORT:-5080}"
export Formation__DataDirectory="${Formation__DataDirectory:-$root/data}"
echo "Formation: http://127.0.0.1:$port  (data in $Formation__DataDirectory)"
exec dotnet run --project "$root/src/Formation.Web" -c Release -- --urls "http://127.0.0.1:$port"
