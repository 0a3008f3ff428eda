#!/usr/bin/env bash
# Installs (if needed) and starts a loopback-only PostgreSQL cluster for the case-store tests, creates a
# test role and database, and prints ONE line on stdout:
#   export TMA_TEST_POSTGRES='Host=127.0.0.1;Port=…;Database=…;Username=…;Password=…' TMA_TEST_POSTGRES_ROWS_ROLE='…'
# Everything else goes to stderr, so `.ci/run` can do:  eval "$(bash .ci/postgres.sh)"
#
# Idempotent: safe to run again (also concurrently from several shells); it re-uses the cluster, role, database
# and password (kept in /etc/postgresql/<version>/<cluster>/<user>.password, readable by root only).
# Debian 12, run as root. Settings (environment, all optional):
#   TMA_PG_CLUSTER (default tma)   TMA_PG_PORT (default 55432)
#   TMA_PG_DB (default tma_test)   TMA_PG_USER (default tma_test)
set -euo pipefail

cluster="${TMA_PG_CLUSTER:-tma}"
port="${TMA_PG_PORT:-55432}"
db="${TMA_PG_DB:-tma_test}"
user="${TMA_PG_USER:-tma_test}"

log() { echo "postgres.sh: $*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  log "must run as root (installs packages and manages a cluster)"; exit 1
fi
for name in "$cluster" "$db" "$user"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { log "invalid identifier: $name"; exit 1; }
done
[[ "$port" =~ ^[0-9]+$ ]] || { log "invalid port: $port"; exit 1; }

# 1. Install the server from Debian's packages if it is not there yet.
if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || ! command -v pg_createcluster >/dev/null; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
log "PostgreSQL $version"

# 2. A dedicated cluster (not Debian's 'main'), listening on 127.0.0.1 only.
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
  log "creating cluster $version/$cluster on port $port"
  pg_createcluster "$version" "$cluster" --port "$port" --start-conf manual \
    -- --auth-local=peer --auth-host=scram-sha-256 >&2
fi
confdir="/etc/postgresql/$version/$cluster"
# Our settings live in conf.d (included last by Debian's postgresql.conf), rewritten on every run.
pg_conftool "$version" "$cluster" remove listen_addresses >&2 || true
install -d -o postgres -g postgres "$confdir/conf.d"
cat > "$confdir/conf.d/50-tma-tests.conf" <<CONF
# Written by .ci/postgres.sh: loopback only, for the case-store tests.
listen_addresses = '127.0.0.1'
port = $port
password_encryption = 'scram-sha-256'
CONF
chown postgres:postgres "$confdir/conf.d/50-tma-tests.conf"

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}')"
if [[ "$status" != online* ]]; then
  log "starting cluster $version/$cluster"
  # Tolerate a concurrent run that started it first.
  pg_ctlcluster "$version" "$cluster" start >&2 || \
    pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q '^online' || \
    { log "could not start cluster $version/$cluster (see /var/log/postgresql/postgresql-$version-$cluster.log)"; exit 1; }
else
  # Already running: make sure a changed listen address or port takes effect.
  running_listen="$(runuser -u postgres -- psql -p "$port" -XAtqc 'show listen_addresses' 2>/dev/null || true)"
  if [[ "$running_listen" != "127.0.0.1" ]]; then
    log "restarting cluster $version/$cluster to bind 127.0.0.1 only"
    pg_ctlcluster "$version" "$cluster" restart >&2
  fi
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "server did not become ready on 127.0.0.1:$port"; exit 1; }

# 3. Role and database for the tests. The password is generated once and kept in a root-only file, so that
#    concurrent or repeated runs (several engineers, CI) keep working with the same connection string.
password_file="$confdir/$user.password"
if [[ ! -s "$password_file" ]]; then
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$password_file")
fi
password="$(cat "$password_file")"
psql_admin() { runuser -u postgres -- psql -p "$port" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_admin -d postgres -v user="$user" -v password="$password" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'user', :'password') \gexec
SQL
# A second role that owns nothing and may only be granted row access, as a production host role whose schema a DBA
# migrates: the tests grant it SELECT/INSERT/UPDATE/DELETE on a migrated schema and start a store with it.
psql_admin -d postgres -v user="${user}_rows" -v password="$password" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'user', :'password') \gexec
SQL
psql_admin -d postgres -v user="$user" -v db="$db" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

log "ready: 127.0.0.1:$port database $db role $user"
echo "export TMA_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$password' TMA_TEST_POSTGRES_ROWS_ROLE='${user}_rows'"
