#!/usr/bin/env bash
# PostgreSQL 15 on 127.0.0.1:5432 with role and database vbtest/vbtest (password vbtest), for the persistence
# and job-queue tests. Test data is disposable, so flushes are off. Runs without systemd (pg_ctlcluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"
ver=15

up() {
  apt_install postgresql-$ver postgresql-client-$ver
  if ! pg_lsclusters -h | grep -q "^$ver main"; then
    pg_createcluster $ver main --port 5432 >/dev/null
  fi
  local conf=/etc/postgresql/$ver/main/conf.d/90-volumebackup.conf
  local want
  want=$(printf "listen_addresses = '127.0.0.1'\nport = 5432\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n")
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    mkdir -p "$(dirname "$conf")"
    echo "$want" >"$conf"
    pg_ctlcluster $ver main stop -m fast >/dev/null 2>&1 || true
  fi
  pg_ctlcluster $ver main status >/dev/null 2>&1 || pg_ctlcluster $ver main start
  until pg_isready -q -h 127.0.0.1 -p 5432; do sleep 0.2; done
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -v u=vbtest -v p=vbtest -v d=vbtest >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SQL
  echo "postgres ready on 127.0.0.1:5432 (vbtest/vbtest)"
}

case "${1:-up}" in
  up) up ;;
  stop) pg_ctlcluster $ver main stop -m fast || true ;;
  *) echo "usage: $0 up|stop" >&2; exit 2 ;;
esac
