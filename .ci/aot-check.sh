#!/usr/bin/env bash
# Publishes the command-line tool as Native AOT (the fast build the README and the peer benchmark use) and runs it
# beside the JIT build over the test fixtures and real-export samples: every output file, standard output and exit
# code must be the same, byte for byte, so a code path that works only under the JIT (reflection, dynamic code)
# cannot ship in the native build. Standard error is compared without its timing and memory figures.
# Needs a C toolchain for the native link (installed from the Debian packages when absent and possible); where
# there is none the check says so and stops without failing, since the JIT build is what the tests cover.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq clang zlib1g-dev >/dev/null) || true
  fi
fi
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "aot-check: warning: no C toolchain (clang or gcc) to link a native build; the Native AOT check did not run" >&2
  exit 0
fi

rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "aot-check: FAILED: $*" >&2; exit 1; }

echo "aot-check: publishing the tool Native AOT for $rid"
dotnet publish src/ExpansionScoring.Cli -c Release -r "$rid" -p:PublishAot=true -o "$work/native" -nologo -v q \
  || fail "the Native AOT publish failed"
dotnet build src/ExpansionScoring.Cli -c Release -nologo -v q >/dev/null || fail "the JIT build failed"
native="$work/native/ExpansionScoring.Cli"
jit="dotnet src/ExpansionScoring.Cli/bin/Release/net10.0/ExpansionScoring.Cli.dll"
[ -x "$native" ] || fail "no native executable was written"

fixtures=tests/ExpansionScoring.Cli.Tests/Fixtures
# A Parquet book for the native build's Parquet reader: the JIT build's Parquet output read back as a book.
$jit score "$fixtures/book.csv" --format parquet --out "$work/book.parquet" --as-of 2026-11-23 2>/dev/null || fail "could not write a Parquet book"
samples=samples/mappings
asof="--as-of 2026-11-23"
checks=(
  ""
  "presets"
  "score $fixtures/book.csv $asof"
  "score $fixtures/book.csv --compact $asof"
  "score $fixtures/book.json --format json $asof"
  "score $fixtures/book.csv --format jsonl $asof"
  "score $fixtures/book.csv --format table $asof"
  "score $fixtures/rejects.csv $asof"
  "score $fixtures/hostile.csv $asof"
  "score $fixtures/book.csv --pitch $asof --format json"
  "score $fixtures/book.csv --overrides $fixtures/overrides.csv $asof"
  "score $fixtures/book.csv --format parquet --out {OUT}/scores.parquet $asof"
  "score $work/book.parquet $asof"
  "score $fixtures/book.csv --out {OUT}/scores.csv --excel $asof"
  "score $samples/salesforce-report.csv --mapping $samples/salesforce-report.mapping.json $asof"
  "score $samples/hubspot-companies.csv --mapping $samples/hubspot-companies.mapping.json $asof"
  "score $samples/excel-accounts.xlsx --mapping $samples/excel-accounts.mapping.json $asof"
  "score $samples/excel-de-windows1252.csv --mapping $samples/excel-de-windows1252.mapping.json $asof"
  "portfolio $fixtures/book.csv --format json $asof"
  "portfolio $fixtures/book.csv --format html --out {OUT}/portfolio.html $asof"
  "portfolio $fixtures/book.csv $asof"
  "compare $fixtures/week1.csv $fixtures/week2.csv --format json"
  "compare $fixtures/week1.csv $fixtures/week2.csv --format html --out {OUT}/compare.html"
  "calibrate $fixtures/history.csv --format json"
  "inspect $fixtures/book.csv"
)

# Timing and memory figures differ from run to run; everything else on standard error must match.
scrub() { sed -E 's/ in [0-9.,]+ (s|ms)( \([0-9,]+ rows\/s\))?//; s/peak memory [0-9]+ MB/peak memory N MB/' "$1"; }

n=0
for args in "${checks[@]}"; do
  n=$((n + 1))
  for build in jit native; do
    out="$work/$build-$n"
    mkdir -p "$out"
    line=${args//\{OUT\}/$out}
    if [ "$build" = jit ]; then program=$jit; else program=$native; fi
    set +e
    # shellcheck disable=SC2086 # the arguments are split as written
    $program $line >"$out/stdout" 2>"$out/stderr.raw" </dev/null
    echo $? >"$out/exit"
    set -e
    scrub "$out/stderr.raw" >"$out/stderr"
    rm "$out/stderr.raw"
  done
  # The two runs wrote into folders of their own: compare every file by name, with the paths in them made the same.
  (cd "$work/jit-$n" && find . -type f | sort) >"$work/files-$n"
  (cd "$work/native-$n" && find . -type f | sort) | cmp -s - "$work/files-$n" || fail "'$args': the native build wrote other files"
  while read -r f; do
    if ! cmp -s <(sed "s#$work/jit-$n#OUT#g" "$work/jit-$n/$f") <(sed "s#$work/native-$n#OUT#g" "$work/native-$n/$f"); then
      diff <(sed "s#$work/jit-$n#OUT#g" "$work/jit-$n/$f") <(sed "s#$work/native-$n#OUT#g" "$work/native-$n/$f") | head -n 20 >&2 || true
      fail "'$args': $f differs between the JIT and the native build"
    fi
  done <"$work/files-$n"
  echo "aot-check: same output: expansion-score $args (exit $(cat "$work/jit-$n/exit"))"
done
echo "aot-check: passed ($n commands)"
