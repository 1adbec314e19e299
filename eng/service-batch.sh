#!/usr/bin/env bash
# Measures one big batch against the ASP.NET sample on 127.0.0.1: time and the server's peak memory for N accounts
# sent as a JSON array and as NDJSON to POST /score and POST /portfolio. Each measurement starts a fresh server, so
# its peak resident memory (VmHWM) belongs to that one request. Not part of .ci/run.
#
# Usage: eng/service-batch.sh [N=100000] [SAMPLE_DIR=samples/AspNetCore] [REPEATS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}; sample=${2:-samples/AspNetCore}; repeats=${3:-2}
port=5089; url="http://127.0.0.1:$port"; work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system CPU of the server, in clock ticks (1/100 s)
dotnet build "$sample/AspNetCore.csproj" -c Release -v q -o "$work/bin" >/dev/null
python3 eng/service-book.py "$n" "$work"
echo "book: $n accounts, $(($(stat -c %s "$work/book.json") / 1000000)) MB as JSON"
printf '%-40s %7s %9s %12s %12s %15s\n' request status seconds "server CPU s" "response MB" "server peak MB"
for r in $(seq "$repeats"); do
  for case in "score application/json book.json" "score application/x-ndjson book.ndjson" "portfolio application/json book.json" "portfolio application/x-ndjson book.ndjson"; do
    set -- $case
    (cd "$sample" && ScoringService__MaxRequestBodyBytes=268435456 ScoringService__MaxAccountsPerBatch=1000000 \
      ASPNETCORE_URLS=$url exec dotnet "$work/bin/AspNetCore.dll" >"$work/server.log" 2>&1) & pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "$url/presets" && break; sleep 0.1; done
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"id":"warm","arr":1}' "$url/$1?asOf=2026-11-23"
    cpu0=$(cpu "$pid")
    out=$(curl -s -o "$work/out" -w '%{http_code} %{time_total}' -H "Content-Type: $2" --data-binary "@$work/$3" "$url/$1?asOf=2026-11-23")
    peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")
    cpu1=$(cpu "$pid")
    printf '%-40s %7s %9s %12s %12s %15s\n' "POST /$1 ($2)" "${out% *}" "${out#* }" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.2f", (b - a) / 100}')" "$(($(stat -c %s "$work/out") / 1000000))" "$peak"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
done
