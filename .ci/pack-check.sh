#!/usr/bin/env bash
# Packs every project under src/ into artifacts/packages, checks each package's metadata, then builds and runs a
# fresh consumer project outside the solution that references ExpansionScoring.Extensions.DependencyInjection by
# version from that folder (not by project reference), registers the scorer through DI and scores an account.
# Exits non-zero when anything is wrong, so a broken package can't land.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

root=$(pwd)
feed="$root/artifacts/packages"
rm -rf "$feed"
mkdir -p "$feed"

# 1. Pack. Versions come from one place (Directory.Build.props).
version=$(dotnet msbuild src/ExpansionScoring/ExpansionScoring.csproj -getProperty:Version)
echo "pack-check: packing version $version"
for project in src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true
done

# 2. Every packable src project yields a package and a symbol package with a README, a license expression,
#    repository metadata and XML docs.
fail() { echo "pack-check: FAILED: $*" >&2; exit 1; }
for project in src/*/*.csproj; do
  [ "$(dotnet msbuild "$project" -getProperty:IsPackable)" = "true" ] || continue
  id=$(dotnet msbuild "$project" -getProperty:PackageId)
  nupkg="$feed/$id.$version.nupkg"
  [ -f "$nupkg" ] || fail "$nupkg is missing"
  [ -f "$feed/$id.$version.snupkg" ] || fail "the symbol package of $id is missing"
  python3 - "$nupkg" "$id" <<'PY' || fail "metadata of $id"
import sys, zipfile, re
path, pid = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
names = z.namelist()
nuspec = z.read(next(n for n in names if n.endswith('.nuspec'))).decode('utf-8')
problems = []
m = re.search(r'<readme>([^<]+)</readme>', nuspec)
if not m or m.group(1) not in names:
    problems.append('no package README')
if '<license type="expression">' not in nuspec:
    problems.append('no license expression')
if '<repository ' not in nuspec:
    problems.append('no repository metadata')
is_tool = any(n.startswith('tools/') for n in names)
if not is_tool and not any(n.startswith('lib/') and n.endswith(pid + '.xml') for n in names):
    problems.append('no XML documentation')
if problems:
    print(pid + ': ' + ', '.join(problems), file=sys.stderr)
    sys.exit(1)
PY
  echo "pack-check: $id $version ok"
done

# 3. A consumer outside the solution, restoring from the folder feed by version into its own package folder
#    (so a stale copy in the machine's global cache can't hide a broken package).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/consumer"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="expansion-scoring-local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <RestorePackagesPath>\$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ExpansionScoring.Extensions.DependencyInjection" Version="$version" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
  </ItemGroup>
</Project>
XML
cat > "$work/consumer/Program.cs" <<'CS'
using System.Text.Json;
using ExpansionScoring;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Offers;
using ExpansionScoring.Serialization;
using ExpansionScoring.Signals;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddExpansionScoring(o => o.Preset = "MidMarketBalanced");
using var provider = services.BuildServiceProvider();
var scorer = provider.GetRequiredService<IExpansionScorer>();

var account = new Account
{
    Id = "mm-1", Arr = 96_000,
    Signals = SignalValues.Of(74.444444444444, 74.444444444444, 74.444444444444, 74.444444444444, 74.444444444444),
};
var json = JsonSerializer.Serialize(account, ExpansionScoringJson.Options);
var back = JsonSerializer.Deserialize<Account>(json, ExpansionScoringJson.Options)!;
var score = scorer.Score(back, new DateOnly(2026, 11, 23));
Console.WriteLine($"consumer: p={score.Probability:0.00} band={score.Band.Name} offer={score.Offer} opportunity={score.Opportunity:0}");
return Math.Abs(score.Opportunity - 31_104) < 1 && score.Offer == OfferKind.Tier ? 0 : 1;
CS
dotnet run --project "$work/consumer/Consumer.csproj" || fail "the consumer project did not build or run"
echo "pack-check: passed"
