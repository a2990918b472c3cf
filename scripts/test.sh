#!/usr/bin/env bash
# Run the whole test suite against PostgreSQL: the one DATABASE_URL names, else the local
# server on 127.0.0.1:5432, else a throwaway server started from the installed binaries.
# Installs Debian's chromium and postgresql when running as root and they are missing.
# With CI=true a missing PostgreSQL or Chromium is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

fail() { echo "make test: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  is_root && command -v apt-get >/dev/null || return 1
  echo "Installing $* …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Chromium for the browser tests
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  apt_install chromium || true
fi
if [ ! -x "$CHROMIUM" ]; then
  [ "${CI:-}" = true ] && fail "Chromium is missing at $CHROMIUM (Debian: apt-get install chromium)."
  echo "make test: Chromium is missing; the browser tests will be skipped." >&2
fi

# --- PostgreSQL
# Succeeds when the server answers and its user may create databases; creates the named
# database when missing, so that the pre-test checks have one to talk to.
prepare_database() {
  "$BIN/python" - "$1" <<'PY'
import sys

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

params = conninfo_to_dict(sys.argv[1].replace("postgres://", "postgresql://", 1))
name = params.pop("dbname", None) or "mentoring"
try:
    with psycopg.connect(**params, dbname="postgres", connect_timeout=3, autocommit=True) as conn:
        may = conn.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        if not (may and may[0]):
            sys.exit(1)
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
except psycopg.Error:
    sys.exit(1)
PY
}

stop_throwaway_postgres() {
  "${PG_AS[@]}" "$PG_CTL" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}

start_throwaway_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bindir" ]; then
    apt_install postgresql || fail "PostgreSQL is not installed (Debian: apt-get install postgresql)."
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PGTMP=$(mktemp -d /tmp/mentoring-pg.XXXXXX)
  local port
  port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # initdb refuses to run as root: the server runs as the postgres user then.
  PG_AS=()
  if is_root; then
    chown postgres "$PGTMP"
    PG_AS=(runuser -u postgres --)
  fi
  PG_CTL="$bindir/pg_ctl"
  trap stop_throwaway_postgres EXIT
  echo "Starting a throwaway PostgreSQL ($bindir) on 127.0.0.1:$port …"
  "${PG_AS[@]}" "$bindir/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_AS[@]}" "$PG_CTL" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  DATABASE_URL="postgres://postgres@127.0.0.1:$port/mentoring"
}

if [ -z "${DATABASE_URL:-}" ]; then
  local_url="postgres://postgres@127.0.0.1:5432/mentoring"
  if prepare_database "$local_url"; then
    DATABASE_URL=$local_url
  else
    start_throwaway_postgres
  fi
fi
case "$DATABASE_URL" in postgres*) ;; *) fail "DATABASE_URL must name a PostgreSQL database." ;; esac
prepare_database "$DATABASE_URL" || fail "cannot reach PostgreSQL at $DATABASE_URL as a user who may create databases."
export DATABASE_URL
echo "PostgreSQL: ${DATABASE_URL}"

# The database restart test starts its own throwaway server from the server binaries.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql || true

# --- Checks, then the suite
export DJANGO_SETTINGS_MODULE=tests.settings
"$BIN/ruff" check --quiet .
"$BIN/ruff" format --check --quiet .
"$BIN/python" manage.py check --fail-level WARNING
"$BIN/python" manage.py makemigrations --check --dry-run >/dev/null || fail "a model change has no migration."
"$BIN/pytest" -n auto --dist loadfile "$@"
