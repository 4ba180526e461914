#!/usr/bin/env bash
# Services the browser and history tests need, on a possibly brand-new Debian machine:
#   - Debian's chromium (test/browser drives it through playwright-core; no browser download),
#   - a throwaway PostgreSQL cluster on a local port (test/unit/history runs the store suite on it).
# Idempotent: installs only what is missing, starts the cluster only when it is not running.
# Writes the connection URL to .ci/services.env (DPRK_TEST_POSTGRES_URL=…), which the tests read;
# when sourced, it exports it too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${DPRK_PG_PORT:-55432}"
DATA="${DPRK_PG_DIR:-${TMPDIR:-/tmp}/dprk-check-pg}"
DB=dprk_test
PGUSER_NAME=dprk

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -n "$(pg_bin)" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "services: installing ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
BIN="$(pg_bin)"

# PostgreSQL refuses to run as root: use the postgres account the package created.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
    # trust on 127.0.0.1 only: a test cluster that holds nothing and lives in a temp directory.
    as_pg "$BIN/initdb" -D "$DATA" -A trust -U "$PGUSER_NAME" --no-sync >/dev/null
  fi
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" "$DB"

DPRK_TEST_POSTGRES_URL="postgres://$PGUSER_NAME@127.0.0.1:$PORT/$DB"
echo "DPRK_TEST_POSTGRES_URL=$DPRK_TEST_POSTGRES_URL" > "$ROOT/.ci/services.env"
export DPRK_TEST_POSTGRES_URL
echo "services: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') at $DPRK_TEST_POSTGRES_URL"
