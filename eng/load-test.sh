#!/usr/bin/env bash
# Load test of the ASP.NET sample on 127.0.0.1 only: single-account POST /score at increasing concurrency, then a
# 60-second run at one concurrency with the server's memory sampled every 10 s. Bounded in time (every wrk run has a
# fixed duration, the whole script a timeout) and stops by itself; never part of .ci/run.
#
# Needs wrk (Debian: apt-get install -y wrk). Usage:
#   eng/load-test.sh [STEP_SECONDS=10] [LONG_RUN_SECONDS=60] [LONG_RUN_CONNECTIONS=16] [CONNECTIONS="1 4 16 64"]
set -euo pipefail
cd "$(dirname "$0")/.."
step=${1:-10}; long=${2:-60}; long_c=${3:-16}; levels=${4:-"1 4 16 64"}
port=5091; url="http://127.0.0.1:$port"; work=$(mktemp -d); pid=
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

dotnet build samples/AspNetCore/AspNetCore.csproj -c Release -v q -o "$work/bin" >/dev/null
(cd samples/AspNetCore && ASPNETCORE_URLS=$url Logging__LogLevel__Default=Warning exec dotnet "$work/bin/AspNetCore.dll" >"$work/server.log" 2>&1) & pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "$url/presets" && break; sleep 0.1; done

cat >"$work/score.lua" <<'LUA'
wrk.method = "POST"
wrk.path = "/score?asOf=2026-11-23"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"acme","name":"Acme Corp","plan":"Pro","arr":180000,"seatsPurchased":100,"seatsActive":92,"daysToRenewal":150,"healthScore":88,"openP1P2Tickets":0,"signals":{"PlanFit":92,"Velocity":90,"Engagement":78,"Champion":85,"Triggers":65}}'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %.2f %.2f %.2f %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
LUA

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
run() { timeout $(($2 + 30)) wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$2"s --timeout 5s -s "$work/score.lua" "$url" | awk '/^RESULT/ {print $2, $3, $4, $5, $6, $7}'; }

run 4 5 >/dev/null  # warm-up: JIT, tiered compilation, connection pools
echo "server memory after warm-up: $(rss) MB (resident)"
printf '%-12s %10s %10s %10s %10s %10s %8s\n' connections requests "req/s" "p50 ms" "p99 ms" "max ms" errors
for c in $levels; do
  read -r n rps p50 p99 max errors < <(run "$c" "$step")
  printf '%-12s %10s %10s %10s %10s %10s %8s\n' "$c" "$n" "$rps" "$p50" "$p99" "$max" "$errors"
done

echo "$long-second run at $long_c connections, memory every 10 s:"
start=$(rss)
(for _ in $(seq $((long / 10))); do sleep 10; printf '%s ' "$(rss)"; done; echo) > "$work/rss" &
sampler=$!
read -r n rps p50 p99 max errors < <(run "$long_c" "$long")
wait "$sampler"
printf '%-12s %10s %10s %10s %10s %10s %8s\n' "$long_c" "$n" "$rps" "$p50" "$p99" "$max" "$errors"
echo "resident MB at start $start, every 10 s: $(cat "$work/rss")"
echo "server log lines at error level: $(grep -c -E '^(fail|crit)' "$work/server.log" || true)"
