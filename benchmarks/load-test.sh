#!/usr/bin/env bash
# Sustained load against `tma serve` on loopback, 60 s per store, with p50/p99 latency and error count.
# Results: benchmarks/results/load-test-sqlite.md and (when PostgreSQL is available) load-test-postgres.md.
# Usage: bash benchmarks/load-test.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
concurrency="${2:-8}"
work="$(mktemp -d)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p benchmarks/results

dotnet build -c Release src/Tma.Cli -v quiet -nologo >/dev/null
dotnet build -c Release benchmarks/Tma.LoadTest -v quiet -nologo >/dev/null
tma="$PWD/src/Tma.Cli/bin/Release/net10.0/tma.dll"
load="$PWD/benchmarks/Tma.LoadTest/bin/Release/net10.0/Tma.LoadTest.dll"

run() { # label, extra serve args...
  local label="$1"; shift
  local port=$((5090 + RANDOM % 800))
  # Development mode: local store keys and a token key, created next to the SQLite store (or, with PostgreSQL, in
  # the working folder, here $work/$label).
  mkdir -p "$work/$label"
  (cd "$work/$label" && exec dotnet "$tma" serve --urls "http://127.0.0.1:$port" --store "$work/$label.db" --models "$OLDPWD/models" \
    --allow-unsigned --development --rate-limit 100000000 "$@") >"$work/$label.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.5; done
  local token="$work/$label.db.token.pem"
  [[ -f "$token" ]] || token="$work/$label/tma-development.token.pem"
  dotnet "$load" --url "http://127.0.0.1:$port" --token-key "$token" --seconds "$seconds" \
    --concurrency "$concurrency" --label "$label" --out "benchmarks/results/load-test-$label.md"
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
}

run sqlite
if [[ -n "${TMA_TEST_POSTGRES:-}" ]] || { [[ "$(id -u)" == 0 ]] && pg_env="$(bash .ci/postgres.sh)" && eval "$pg_env"; }; then
  schema="load_$RANDOM"
  psql "$(echo "$TMA_TEST_POSTGRES" | sed -E 's/Host=([^;]+);Port=([^;]+);Database=([^;]+);Username=([^;]+);Password=([^;]+).*/postgresql:\/\/\4:\5@\1:\2\/\3/')" -qc "CREATE SCHEMA $schema" 
  run postgres --postgres "$TMA_TEST_POSTGRES;Search Path=$schema"
fi
