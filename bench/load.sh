#!/usr/bin/env bash
# Load benchmark of the web app (PRODUCT §6: "a dashboard page served at no less than 40 % of the
# same app's trivial endpoint rate"). Builds Release, starts the real server on 127.0.0.1 with an
# empty SQLite data folder, signs up, uploads examples/retailer.yaml, then runs wrk against the
# trivial endpoint (/health) and a page in the same run and prints both rates, their p99 latencies
# and the ratio. Exits 1 when the ratio is under the target.
#   PAGE=blueprint   the department blueprint (default)
#   PAGE=dashboard   the marketing dashboard by campaign over January to November 2025, after
#                    `formation import` of bench/import's generated 1,000,000-row CSV (1,000 campaigns)
#
#   bench/load.sh                 10 s per endpoint, 2 threads, 32 connections
#   PAGE=dashboard bench/load.sh
#   DURATION=30s CONNECTIONS=64 bench/load.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${DURATION:-10s}"; connections="${CONNECTIONS:-32}"; threads="${THREADS:-2}"; target="${TARGET_RATIO:-0.4}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

which_page="${PAGE:-blueprint}"
[[ "$which_page" == blueprint || "$which_page" == dashboard ]] || { echo "PAGE must be blueprint or dashboard" >&2; exit 2; }
dotnet build -c Release src/Formation.Web --nologo -v quiet >&2
if [[ "$which_page" == dashboard ]]; then
  dotnet build -c Release src/Formation.Cli --nologo -v quiet >&2
  csv=$(python3 bench/import/generate.py --rows "${ROWS:-1000000}")
fi
data="$(mktemp -d)"; jar="$data/cookies.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ASPNETCORE_CONTENTROOT="$root/src/Formation.Web" Formation__DataDirectory="$data" Formation__SignInAttemptsPerMinute=1000 \
  dotnet src/Formation.Web/bin/Release/net10.0/Formation.Web.dll --urls "$base" > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

token() { curl -fs -b "$jar" -c "$jar" "$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1; }
t=$(token "$base/setup")
org=$(curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{redirect_url}' "$base/setup" \
  --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "Input.OrganizationName=Load Test Co" \
  --data-urlencode "Input.Currency=CNY" --data-urlencode "Input.DisplayName=Owner" \
  --data-urlencode "Input.Email=owner@example.com" --data-urlencode "Input.Password=correct horse battery")
t=$(token "$org/profile")
curl -fs -b "$jar" -c "$jar" -o /dev/null "$org/profile?handler=Upload" -F "__RequestVerificationToken=$t" -F "file=@examples/retailer.yaml"
curl -fs -b "$jar" -c "$jar" -o /dev/null "$org/blueprint"   # as a browser: the session and antiforgery cookies
cookie=$(awk 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
if [[ "$which_page" == dashboard ]]; then
  dotnet src/Formation.Cli/bin/Release/net10.0/formation.dll import "$csv" --mapping formation-standard \
    --org "${org##*/}" --data "$data" > "$data/import.log" 2>&1 || { echo "The import failed:" >&2; tail -20 "$data/import.log" >&2; exit 1; }
  page="${org#$base}/data/dashboard?from=2025-01-01&to=2025-11-30&by=campaign"
  marker='data-testid="kpis"'
else
  page="${org#$base}/blueprint"
  marker='data-testid="headcount"'
fi
curl -fs -H "Cookie: $cookie" "$base$page" > "$data/page.html"
grep -q "$marker" "$data/page.html" || { echo "The $which_page page did not render:" >&2; tail -20 "$data/server.log" >&2; head -c 600 "$data/page.html" >&2; exit 1; }

run() { # url [cookie] -> "rate p99_ms"
  local out; out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency ${2:+-H "Cookie: $2"} "$1")
  local rate; rate=$(awk '/Requests\/sec/ { print $2 }' <<< "$out")
  local p99; p99=$(awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 } print v }' <<< "$out")
  local errors; errors=$(awk '/Non-2xx/ { print $NF }' <<< "$out")
  [ -z "$errors" ] || { echo "Non-2xx responses from $1: $errors" >&2; exit 1; }
  echo "$rate $p99"
}
curl -fs -H "Cookie: $cookie" "$base$page" > /dev/null   # warm-up
wrk -t1 -c4 -d2s -H "Cookie: $cookie" "$base$page" > /dev/null
wrk -t1 -c4 -d2s "$base/health" > /dev/null
# Interleaved rounds, so drift on a shared machine affects both endpoints alike; the median round counts.
rounds="${ROUNDS:-3}"; results=()
for _ in $(seq 1 "$rounds"); do
  read -r trivial trivial_p99 <<< "$(run "$base/health")"
  read -r blueprint blueprint_p99 <<< "$(run "$base$page" "$cookie")"
  results+=("$trivial $trivial_p99 $blueprint $blueprint_p99")
done
for p in ${PROBE:-}; do read -r probe probe_p99 <<< "$(run "$base${p/\{org\}/${org#$base}}" "$cookie")"; echo "probe $p: $probe req/s p99 $probe_p99 ms" >&2; done
printf '%s\n' "${results[@]}" > "$data/rounds.txt"
python3 - "$target" "$duration" "$connections" "$(wc -c < "$data/page.html")" "$data/rounds.txt" "$page" <<'PY'
import statistics, sys
target, duration, connections, size, page = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[6]
name = page.split("/", 3)[-1] if page.startswith("/o/") else page
rows = [list(map(float, line.split())) for line in open(sys.argv[5]) if line.strip()]
print(f"load: {len(rows)} interleaved rounds of {duration} per endpoint, {connections} connections, 127.0.0.1")
for i, (t, tp, p, pp) in enumerate(rows, 1):
    print(f"  round {i}: /health {t:8.0f} req/s (p99 {tp:6.2f} ms)   page {p:8.0f} req/s (p99 {pp:6.2f} ms)   ratio {p / t:.3f}")
ratio = statistics.median(p / t for t, _, p, _ in rows)
print(f"  /health              median {statistics.median(r[0] for r in rows):10.0f} req/s   p99 {statistics.median(r[1] for r in rows):8.2f} ms")
print(f"  /o/{{org}}/{name}")
print(f"                       median {statistics.median(r[2] for r in rows):10.0f} req/s   p99 {statistics.median(r[3] for r in rows):8.2f} ms   ({size} bytes a page)")
print(f"  ratio (median of rounds) {ratio:.3f} (target >= {target}) — {'OK' if ratio >= target else 'MISSED'}")
sys.exit(0 if ratio >= target else 1)
PY
