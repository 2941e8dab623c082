#!/usr/bin/env bash
# Installs and starts a local PostgreSQL cluster, then runs the tests marked `database` on it.
# Uses pg_ctlcluster because CI machines run no init system.
set -euo pipefail
BIN=${1:-.venv/bin}
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
fi
read -r VERSION CLUSTER _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${VERSION:-}" ]; then
  VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  CLUSTER=main
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" >/dev/null
fi
PORT=$(pg_conftool "$VERSION" "$CLUSTER" show port | awk -F' = ' '{print $2}' | tr -d "'")
$SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
PASSWORD=newsdesk-ci
as_postgres psql -q -p "$PORT" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsdesk') THEN
    CREATE ROLE newsdesk LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
export DATABASE_URL="postgres://newsdesk:$PASSWORD@127.0.0.1:$PORT/newsdesk"
echo "Running the database tests on PostgreSQL $VERSION (port $PORT)"
"$BIN/pytest" -q -m database
