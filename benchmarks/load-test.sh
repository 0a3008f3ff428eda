#!/usr/bin/env bash
# Sustained load against `tma serve` on loopback: per store, a warm-up and then [seconds] of assessments from
# [concurrency] clients, with latency percentiles, errors and the server's RSS over the run.
# Results: benchmarks/results/load-test-sqlite.md and (when PostgreSQL is available) load-test-postgres.md, and one
# summary line per store on stdout.
# Usage: bash benchmarks/load-test.sh [seconds] [concurrency]
# Environment (optional): TMA_LOAD_STORES (default "sqlite postgres"), TMA_LOAD_OUT (results folder, default
# benchmarks/results), TMA_LOAD_WARMUP (seconds, default 5), TMA_LOAD_NO_BUILD=1 (use the existing Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-60}"
concurrency="${2:-8}"
stores="${TMA_LOAD_STORES:-sqlite postgres}"
out="${TMA_LOAD_OUT:-benchmarks/results}"
warmup="${TMA_LOAD_WARMUP:-5}"
work="$(mktemp -d)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$out"

if [[ "${TMA_LOAD_NO_BUILD:-}" != 1 ]]; then
  dotnet build -c Release src/Tma.Cli -v quiet -nologo >/dev/null
  dotnet build -c Release benchmarks/Tma.LoadTest -v quiet -nologo >/dev/null
fi
tma="$root/src/Tma.Cli/bin/Release/net10.0/tma.dll"
load="$root/benchmarks/Tma.LoadTest/bin/Release/net10.0/Tma.LoadTest.dll"
summaries=()
status=0

run() { # label, extra serve args...
  local label="$1"; shift
  local port=$((5090 + RANDOM % 800))
  mkdir -p "$work/$label"
  # Development mode creates the store key file and the token key (<store>.keys, <store>.token.pem; with
  # PostgreSQL tma-development.* in the working folder), so the server runs in its own scratch folder.
  (cd "$work/$label" && exec dotnet "$tma" serve --development --urls "http://127.0.0.1:$port" --store "$work/$label/tma.db" \
    --models "$root/models" --allow-unsigned --rate-limit 100000000 "$@" >"$work/$label.log" 2>&1) &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.5; done
  local token
  token="$(ls "$work/$label"/*.token.pem 2>/dev/null | head -n 1)"
  if [[ -z "$token" ]] || ! curl -sf "http://127.0.0.1:$port/ready" >/dev/null; then
    echo "load-test: $label server did not start:" >&2; cat "$work/$label.log" >&2; status=1
  else
    local result
    result="$(dotnet "$load" --url "http://127.0.0.1:$port" --token-key "$token" --seconds "$seconds" --warmup "$warmup" \
      --concurrency "$concurrency" --label "$label" --out "$out/load-test-$label.md" --server-pid "$server")" || status=1
    echo "$result" | grep -v '^SUMMARY ' >&2
    summaries+=("$(echo "$result" | sed -n 's/^SUMMARY //p')")
  fi
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  server=""
}

for store in $stores; do
  case "$store" in
    sqlite) run sqlite ;;
    postgres)
      if [[ -n "${TMA_TEST_POSTGRES:-}" ]] || { [[ "$(id -u)" == 0 ]] && pg_env="$(bash .ci/postgres.sh)" && eval "$pg_env"; }; then
        # A fresh schema per run, dropped afterwards.
        schema="load_$RANDOM$RANDOM"
        pg_url="$(echo "$TMA_TEST_POSTGRES" | sed -E 's/Host=([^;]+);Port=([^;]+);Database=([^;]+);Username=([^;]+);Password=([^;]+).*/postgresql:\/\/\4:\5@\1:\2\/\3/')"
        psql "$pg_url" -qc "CREATE SCHEMA $schema"
        run postgres --postgres "$TMA_TEST_POSTGRES;Search Path=$schema"
        psql "$pg_url" -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
      else
        echo "load-test: no PostgreSQL (set TMA_TEST_POSTGRES or run as root for .ci/postgres.sh); skipped" >&2
      fi ;;
    *) echo "load-test: unknown store $store" >&2; status=1 ;;
  esac
done

printf '%s\n' "${summaries[@]}"
exit "$status"
