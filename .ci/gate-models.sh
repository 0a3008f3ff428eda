#!/usr/bin/env bash
# Release gate for the shipped model packages (docs/releasing-models.md#release-gate).
# For every models/<id>/gate.yaml: the baseline is the newest version under models/<id>/releases/<version>/ (SemVer
# order); the benchmark data is the fixed, committed dataset benchmarks/data/<id>/benchmark.csv, generated once from the
# family's item list and never from a model version (benchmarks/data/README.md); `tma gate` refuses data synthesised
# from the candidate or the baseline, prints its table with the data's fingerprint and writes JUnit XML and Markdown to
# $GATE_OUT (default: a temporary folder).
# Expects the CLI built by `.ci/run` (`dotnet build Tma.slnx`, Debug). Exit 1 when any gate fails, 2 on bad input.
#   bash .ci/gate-models.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${GATE_OUT:-$work/reports}"
mkdir -p "$out"
tma() { dotnet run --project src/Tma.Cli --no-build -c Debug -- "$@"; }

status=0
gated=0
shopt -s nullglob
for policy in models/*/gate.yaml; do
  package="$(dirname "$policy")"
  id="$(basename "$package")"
  versions=()
  for release in "$package"/releases/*/; do
    [[ -f "$release/model.yaml" ]] && versions+=("$(basename "$release")")
  done
  if [[ ${#versions[@]} -eq 0 ]]; then
    echo "gate-models: $id has gate.yaml but no baseline under $package/releases/<version>/; nothing to gate against" >&2
    status=2
    continue
  fi
  # Newest by SemVer precedence of the numeric core (pre-release versions are not kept as baselines).
  baseline="$(printf '%s\n' "${versions[@]}" | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)"
  data="benchmarks/data/$id/benchmark.csv"
  if [[ ! -f "$data" ]]; then
    echo "gate-models: $id has gate.yaml but no fixed benchmark $data (benchmarks/data/README.md)" >&2
    status=2
    continue
  fi
  echo "== gate $id: $package vs releases/$baseline (benchmark: $data)"
  set +e
  tma gate --candidate "$package" --baseline "$package/releases/$baseline" --data "$data" --policy "$policy" \
    --junit "$out/gate-$id.xml" --markdown "$out/gate-$id.md"
  code=$?
  set -e
  gated=$((gated + 1))
  if [[ $code -ne 0 ]]; then
    echo "gate-models: the gate of $id failed (exit $code)" >&2
    (( code > status )) && status=$code
  fi
done

echo "gate-models: $gated package(s) gated; reports in $out"
exit "$status"
