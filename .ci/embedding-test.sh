#!/usr/bin/env bash
# Embedding test: the experience of a host application, proven end to end from packed packages.
#  1. `dotnet pack` Tma.Models, Tma.Scoring and the tma tool into a temporary folder feed (own artifacts folder and
#     package cache: nothing in the work tree or the user's NuGet cache is touched);
#  2. installs the tma tool from that feed and releases a shipped model with it: keygen, pack, sign, verify;
#  3. builds a throwaway console app that references Tma.Scoring from the feed (its dependencies from the normal
#     package source) and scores a case twice: compiled straight from the package folder, and through
#     services.AddTmaScoring(...) from the signed archive; checks the output.
# Prints "embedding test: passed" and exits 0, or says what failed and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages"
fail() { echo "embedding test: FAILED: $*" >&2; exit 1; }

model=warning-behaviours-triage
# The shipped version of the model, read from its model.yaml (it moves with every release of the model).
model_version="$(awk '/^version:/ {print $2; exit}' "$root/models/$model/model.yaml")"
case_file="$root/models/$model/examples/proximal-leakage.yaml"
expected_level=manage

version="$(dotnet msbuild src/Tma.Scoring/Tma.Scoring.csproj -getProperty:Version)"
echo "embedding test: packing version $version into $work/feed"
for project in Tma.Models Tma.Scoring Tma.Cli; do
  dotnet pack "src/$project/$project.csproj" -c Release -o "$work/feed" --artifacts-path "$work/artifacts" -nologo -v:q \
    > "$work/pack-$project.log" 2>&1 || { cat "$work/pack-$project.log" >&2; fail "dotnet pack $project"; }
done

# What every library package must carry.
for package in Tma.Models Tma.Scoring; do
  nupkg="$work/feed/$package.$version.nupkg"
  [[ -f "$nupkg" ]] || fail "$nupkg was not produced"
  [[ -f "$work/feed/$package.$version.snupkg" ]] || fail "no symbol package for $package"
  listing="$(python3 -m zipfile -l "$nupkg")"
  for entry in PACKAGE.md "lib/net10.0/$package.dll" "lib/net10.0/$package.xml"; do
    grep -qF "$entry" <<<"$listing" || fail "$package.nupkg has no $entry"
  done
  nuspec="$(python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read(sys.argv[2] + ".nuspec").decode("utf-8-sig"))' "$nupkg" "$package")"
  for needle in '<license type="expression">MIT</license>' '<readme>PACKAGE.md</readme>' '<repository type="git"'; do
    grep -qF "$needle" <<<"$nuspec" || fail "$package.nuspec lacks $needle"
  done
done
[[ -f "$work/feed/Tma.Cli.$version.nupkg" ]] || fail "the tma tool package was not produced"

# The tool, installed from the feed, releases a shipped model.
dotnet tool install Tma.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" > "$work/tool.log" 2>&1 \
  || { cat "$work/tool.log" >&2; fail "dotnet tool install Tma.Cli"; }
tma="$work/tools/tma"
mkdir -p "$work/keys" "$work/registry"
"$tma" keygen --out "$work/keys/release" > /dev/null
pack_output="$("$tma" pack "models/$model" --out "$work/registry")"
content_hash="$(grep -oE 'sha256:[0-9a-f]{64}' <<<"$pack_output" | head -1)"
[[ -n "$content_hash" ]] || fail "tma pack printed no content hash: $pack_output"
archive="$work/registry/$model-$model_version.tmapkg"
"$tma" sign "$archive" --key "$work/keys/release.private.pem" > /dev/null
"$tma" verify "$archive" --key "$work/keys/release.public.pem" > /dev/null || fail "tma verify refused a freshly signed archive"

# A host application that knows nothing of this repository but the packages.
mkdir -p "$work/app"
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tma-local-feed" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat > "$work/app/HostApp.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Tma.Scoring" Version="$version" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
  </ItemGroup>
</Project>
XML
cat > "$work/app/Program.cs" <<'CS'
using Microsoft.Extensions.DependencyInjection;
using Tma.Models.Cases;
using Tma.Scoring;
using Tma.Scoring.Registry;

var (folder, registryFolder, publicKey, casePath) = (args[0], args[1], args[2], args[3]);
var facts = CaseReader.ReadFile(casePath).GetValueOrThrow();

// The smallest embedding: compile a package folder once, assess cases.
var model = RiskModelCompiler.Load(folder);
var direct = model.Assess(facts);
Console.WriteLine($"direct {direct.Model.Id} {direct.Model.Version} {direct.Level} {direct.Model.ContentHash}");

// A host with dependency injection: signed archives, verified against the release key, resolved by range.
var services = new ServiceCollection();
services.AddTmaScoring(options =>
{
    options.PackageDirectory = registryFolder;
    options.TrustedPublicKeyFiles.Add(publicKey);
    options.WatchForChanges = false;
});
await using var provider = services.BuildServiceProvider();
var registry = provider.GetRequiredService<ModelRegistry>();
await registry.StartAsync();
var hosted = await registry.AssessAsync("warning-behaviours-triage@^2.0", facts);
Console.WriteLine($"registry {hosted.Model.Id} {hosted.Model.Version} {hosted.Level} {hosted.Model.ContentHash} {registry.Models[0].SignedBy}");
Console.WriteLine($"engine {EngineInfo.Version}");
CS

dotnet build "$work/app" -c Release -nologo -v:q > "$work/app-build.log" 2>&1 || { cat "$work/app-build.log" >&2; fail "the host app does not build against the packages"; }
output="$(dotnet "$work/app/bin/Release/net10.0/HostApp.dll" "$root/models/$model" "$work/registry" "$work/keys/release.public.pem" "$case_file")" \
  || fail "the host app failed: $output"
echo "$output" | sed 's/^/  /'
grep -qx "direct $model $model_version $expected_level $content_hash" <<<"$output" || fail "unexpected direct assessment"
grep -qE "^registry $model $model_version $expected_level $content_hash sha256:[0-9a-f]{64}$" <<<"$output" || fail "unexpected registry assessment"
grep -qx "engine ${version%%+*}" <<<"$(sed 's/+.*//' <<<"$output")" || fail "the engine version is not the package version"
echo "embedding test: passed"
