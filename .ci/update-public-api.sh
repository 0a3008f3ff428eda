#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every project that tracks its public API (has PublicAPI.Shipped.txt):
# builds it against an empty unshipped list in a temporary folder and records every RS0016 ("not part of the
# declared public API") symbol. Review the diff: every added or removed line is a change to the public API.
#   bash .ci/update-public-api.sh                 # all tracked projects
#   bash .ci/update-public-api.sh src/Tma.Models  # one project
# At release, move the lines of PublicAPI.Unshipped.txt to PublicAPI.Shipped.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

projects=("$@")
if [[ ${#projects[@]} -eq 0 ]]; then
  # Dependency order: a project's build sees the already regenerated lists of the projects it references.
  order=(Tma.Models Tma.Scoring Tma.Scoring.Classifiers Tma.Scoring.Hosting Tma.Research Tma.CaseStore)
  mapfile -t tracked < <(dirname $(ls src/*/PublicAPI.Shipped.txt))
  projects=()
  for name in "${order[@]}"; do [[ -f "src/$name/PublicAPI.Shipped.txt" ]] && projects+=("src/$name"); done
  for project in "${tracked[@]}"; do [[ " ${projects[*]} " == *" $project "* ]] || projects+=("$project"); done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  mkdir -p "$work/$name"
  printf '#nullable enable\n' > "$work/$name/PublicAPI.Unshipped.txt"
  # Own artifacts folder: never disturbs bin/ and obj/ of builds running in the work tree.
  dotnet build "$project" -p:PublicApiUnshippedOverride="$work/$name/PublicAPI.Unshipped.txt" -p:PublicApiUnshippedOverrideProject="$name" \
    --artifacts-path "$work/artifacts" -nologo -clp:NoSummary > "$work/$name/build.log" 2>&1 || true
  if grep -E "error (CS[0-9]+|RS00(16|17))" "$work/$name/build.log" | grep -v "$name.csproj\]" | grep -q . \
     || grep -E "error CS[0-9]+" "$work/$name/build.log" | grep -q .; then
    echo "update-public-api: $project (or a project it references) does not build; fix that first:" >&2
    grep -E "error (CS[0-9]+|RS00(16|17))" "$work/$name/build.log" | grep -v "$name.csproj\].*RS0016" | sort -u | head -5 >&2
    exit 2
  fi
  {
    printf '#nullable enable\n'
    grep -F "$name.csproj]" "$work/$name/build.log" | grep -oP "error RS0016: Symbol '\K.*(?=' is not part of the declared public API)" | LC_ALL=C sort -u
  } > "$project/PublicAPI.Unshipped.txt"
  echo "$project/PublicAPI.Unshipped.txt: $(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) symbols"
done
