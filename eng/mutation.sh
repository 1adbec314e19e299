#!/usr/bin/env bash
# Mutation testing of the rule files with dotnet-stryker (a local .NET tool, pinned in .config/dotnet-tools.json).
# Not part of .ci/run: a full run takes tens of minutes. The latest result is written down in docs/mutation.md.
#
#   eng/mutation.sh                      # every rule file below, one Stryker run, a score per file
#   eng/mutation.sh Offers/ConditionOfferRule.cs Windows/WindowOverride.cs   # only these (paths under src/ExpansionScoring)
#   CONCURRENCY=2 eng/mutation.sh        # test runners in parallel (default 1: the machine is usually shared)
#   TEST_FILTER='FullyQualifiedName~ExpansionScoring.Tests.Scoring' eng/mutation.sh Scoring/ScoringModel.cs
#                                        # only these tests per mutant (faster; the score is then a lower bound)
#
# Prints Stryker's per-file table, then one line per mutated file: "<file> <score> % (<killed> killed, <survived> survived, …)"
# followed by its surviving and uncovered mutants (line, mutator, replacement). Exits 2 when a file scores under 80 %.
# Reports (html, json) go to artifacts/mutation/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(
    Offers/ConditionOfferRule.cs
    Reporting/ReportCardTally.cs
    Windows/WindowOverride.cs
    Offers/OfferRuleOptions.cs
    Portfolio/PortfolioAccumulator.cs
    Scoring/ScoringModel.cs
    Scoring/ScoringModel.Score.cs
    Scoring/ScoringModel.Explain.cs
    Offers/DefaultOfferRules.cs
  )
fi

out="${OUT:-$root/artifacts/mutation}"
mkdir -p "$out"
dotnet tool restore >/dev/null

mutate=()
for f in "${files[@]}"; do
  mutate+=(--mutate "**/$f")
done
if [ -n "${TEST_FILTER:-}" ]; then
  mutate+=(--test-case-filter "$TEST_FILTER")
fi

(
  cd tests/ExpansionScoring.Tests
  dotnet tool run dotnet-stryker \
    --project ExpansionScoring.csproj \
    --test-project ExpansionScoring.Tests.csproj \
    --target-framework net10.0 \
    --concurrency "${CONCURRENCY:-1}" \
    --reporter progress --reporter cleartext --reporter json --reporter html \
    --output "$out" \
    --skip-version-check \
    "${mutate[@]}"
)

report="$out/reports/mutation-report.json"
[ -f "$report" ] || { echo "no report at $report" >&2; exit 1; }

# Score per file as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage), for the files
# mutated (the report also lists every other file of the project, with no mutant). A file under 80 % is marked and
# makes the script exit 2.
python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
below = 0
for path, f in sorted(report["files"].items()):
    counts = {}
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
    detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
    valid = detected + counts.get("Survived", 0) + counts.get("NoCoverage", 0)
    if valid == 0:
        continue
    score = 100.0 * detected / valid
    name = path.split("src/ExpansionScoring/")[-1]
    mark = "" if score >= 80 else "  BELOW 80 %"
    below += score < 80
    print(f"{name} {score:.1f} % ({counts.get('Killed', 0)} killed, {counts.get('Timeout', 0)} timeout, "
          f"{counts.get('Survived', 0)} survived, {counts.get('NoCoverage', 0)} no coverage, "
          f"{counts.get('CompileError', 0)} compile errors, {counts.get('Ignored', 0)} ignored){mark}")
    for m in f["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            line = m["location"]["start"]["line"]
            print(f"  {m['status']} line {line}: {m['mutatorName']}: {m.get('replacement', '')[:100]}")
sys.exit(2 if below else 0)
PY
