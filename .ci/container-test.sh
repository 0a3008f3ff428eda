#!/usr/bin/env bash
# Container recipe test, without a container runtime (CI has none, and no registry for base images): it does what
# the Dockerfile says, as far as a plain Linux machine can, so that the recipe cannot drift from a working host.
#  1. Build stage: copies exactly the Dockerfile's build-stage COPY sources into a clean context (no .git, no
#     bin/obj, as .dockerignore keeps them out) and runs the Dockerfile's own `dotnet publish` line there.
#  2. Runtime stage: starts the published host with the final stage's ENV, as the non-root user id of the base
#     image, in a private mount namespace whose root file system is READ-ONLY, with a tmpfs at /tmp and a tmpfs for
#     the /data volume, and the models mounted read-only (paths mapped under a temporary folder). PostgreSQL when
#     TMA_TEST_POSTGRES is set (as in CI), SQLite in /data otherwise.
#  3. Drives it: /ready answers 200, and a case manager opens a case, records an observation and assesses it.
# What it cannot check: the base images themselves (their OS packages, the `app` user). Needs root (unshare, mount).
# Prints "container test: passed", or says what failed and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fail() { echo "container test: FAILED: $*" >&2; exit 1; }

if [[ "$(id -u)" != 0 ]] || ! command -v unshare >/dev/null || ! command -v setpriv >/dev/null; then
  [[ "${CI:-}" == "true" ]] && fail "needs root with unshare and setpriv (util-linux) in CI"
  echo "container test: skipped (needs root, unshare and setpriv)"
  exit 0
fi

# Not under /tmp: the namespace mounts its own, empty /tmp as the container does.
work="$(mktemp -d /var/tmp/tma-container.XXXXXX)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
# The non-root user of the .NET base images (`app`, $APP_UID).
app_uid=1654

# Logical lines of the Dockerfile (continuations joined), and the two stages.
lines="$(awk '{ if (sub(/\\$/, "")) { printf "%s ", $0 } else { print } }' Dockerfile)"
build_stage="$(awk '/^FROM .* AS build/ {on=1; next} /^FROM / {on=0} on' <<<"$lines")"
runtime_stage="$(awk '/^FROM .* AS runtime/ {on=1; next} /^FROM / {on=0} on' <<<"$lines")"
[[ -n "$build_stage" && -n "$runtime_stage" ]] || fail "the Dockerfile must have a build stage and a runtime stage (FROM … AS build / AS runtime)"

# 1. Build stage.
context="$work/context"
mkdir -p "$context"
while read -r _ args; do
  read -ra parts <<<"$args"
  sources=("${parts[@]:0:${#parts[@]}-1}")
  for source in "${sources[@]}"; do
    [[ -e "$source" ]] || fail "Dockerfile COPY $source: not in the repository"
    cp -r "$source" "$context/$(dirname "$source")/"
  done
done < <(grep -E '^COPY ' <<<"$build_stage" | grep -v -- '--from')
find "$context" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
publish="$(grep -E '^RUN .*dotnet publish' <<<"$build_stage" | sed -E 's/^RUN +//; s/--mount=[^ ]+ +//g')"
[[ -n "$publish" ]] || fail "no RUN … dotnet publish line in the build stage"
published="$work/app"
echo "container test: build stage: $publish"
(cd "$context" && eval "${publish// \/app/ $published}") >"$work/publish.log" 2>&1 || { tail -30 "$work/publish.log" >&2; fail "the build stage's publish failed"; }
[[ -f "$published/tma.dll" ]] || fail "the publish produced no tma.dll"
chmod -R a+rX "$published"

# 2. Runtime stage: its ENV, with /app, /data and /models mapped under the work folder.
grep -qE '^USER +\$APP_UID' <<<"$runtime_stage" || fail "the runtime stage must run as USER \$APP_UID (non-root)"
grep -qE '^ENTRYPOINT \["dotnet", "/app/tma.dll", "serve"\]' <<<"$runtime_stage" || fail "unexpected ENTRYPOINT"
mkdir -p "$work/data" "$work/models"
for package in models/*/; do
  mkdir -p "$work/models/$(basename "$package")"
  tar -C "$package" --exclude=./releases -cf - . | tar -C "$work/models/$(basename "$package")" -xf -
done
chmod -R a+rX "$work/models"
port=$((6100 + RANDOM % 800))
environment=(HOME=/nonexistent PATH="$PATH" DOTNET_ROOT="${DOTNET_ROOT:-}")
while read -r assignment; do
  key="${assignment%%=*}"; value="${assignment#*=}"
  value="${value//\/data/$work/data}"; value="${value//\/models/$work/models}"
  [[ "$key" == ASPNETCORE_URLS ]] && value="http://127.0.0.1:$port"
  environment+=("$key=$value")
done < <(grep -E '^ENV ' <<<"$runtime_stage" | sed -E 's/^ENV +//' | tr ' ' '\n' | grep '=')
environment+=(Tma__Development=true Tma__AllowUnsignedModels=true Logging__Console__FormatterName=json)
if [[ -n "${TMA_TEST_POSTGRES:-}" ]]; then
  schema="container_$RANDOM$RANDOM"
  psql_url="$(sed -E 's/Host=([^;]+);Port=([^;]+);Database=([^;]+);Username=([^;]+);Password=([^;]+).*/postgresql:\/\/\4:\5@\1:\2\/\3/' <<<"$TMA_TEST_POSTGRES")"
  psql "$psql_url" -qc "CREATE SCHEMA $schema"
  trap 'psql "$psql_url" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; rm -rf "$work"' EXIT
  environment+=("Tma__Postgres=$TMA_TEST_POSTGRES;Search Path=$schema")
  token_key="$work/data/tma-development.token.pem"
else
  token_key="$work/data/tma.db.token.pem"
fi

# Inside the namespace: read-only root, tmpfs /tmp, tmpfs volume for /data owned by the app user; then the host as
# that user, and the checks as that user too (the key files live on the private tmpfs).
cat >"$work/inside.sh" <<EOF
set -euo pipefail
mount --make-rprivate /
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o uid=$app_uid,mode=700 tmpfs "$work/data"
mount --bind -o ro "$work/models" "$work/models"
mount -o remount,bind,ro /
if touch /container-test-probe 2>/dev/null; then echo "the root file system is writable" >&2; exit 1; fi
run() { setpriv --reuid=$app_uid --regid=$app_uid --clear-groups env -i ${environment[*]@Q} "\$@"; }
cd "$work/data"
run dotnet "$published/tma.dll" serve >/tmp/serve.log 2>&1 &
server=\$!
trap 'kill \$server 2>/dev/null || true' EXIT
for _ in \$(seq 1 120); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.5; done
if ! curl -sf "http://127.0.0.1:$port/ready" >/dev/null; then tail -20 /tmp/serve.log >&2; echo "the host never became ready" >&2; exit 1; fi
issue() { run dotnet "$published/tma.dll" token --key "$token_key" --tenant acme --user "\$1" --role "\$2"; }
admin="\$(issue admin-1 administrator)"; manager="\$(issue cm-1 case_manager)"
api() { curl -sf -X "\$1" "http://127.0.0.1:$port\$2" -H "Authorization: Bearer \$3" -H "Content-Type: application/json" \${4:+-d "\$4"}; }
api POST /v1/tenant "\$admin" >/dev/null
case_id="\$(api POST /v1/cases "\$manager" '{"subjectReference":"container-test","category":"violence","retainUntil":"2031-01-01T00:00:00Z"}' | grep -oE '"id":"[0-9a-f-]{36}"' | head -1 | cut -d'"' -f4)"
[[ -n "\$case_id" ]] || { echo "no case was created" >&2; exit 1; }
api POST "/v1/cases/\$case_id/observations" "\$manager" '{"inputId":"leakage","value":"present","observedAt":"2030-01-02T00:00:00Z","source":"container test"}' >/dev/null
assessment="\$(curl -s -X POST "http://127.0.0.1:$port/v1/cases/\$case_id/assessments" -H "Authorization: Bearer \$manager" -H "Content-Type: application/json" -d '{"model":"warning-behaviours-triage"}')"
grep -q '"conclusion"' <<<"\$assessment" || { echo "the answer has no assessment conclusion: \${assessment:0:400}" >&2; exit 1; }
if grep -q '"LogLevel":"Error"\|Unhandled' /tmp/serve.log; then grep -m3 'Error\|Unhandled' /tmp/serve.log >&2; echo "the host logged errors" >&2; exit 1; fi
EOF
unshare --mount --fork bash "$work/inside.sh" || fail "the host did not run as the runtime stage describes (output above)"
echo "container test: passed (publish as in the build stage; host as uid $app_uid on a read-only root; ready, case, observation, assessment)"
