#!/usr/bin/env bash
# API load at fixed request rates through one API node on PostgreSQL with 100,000 backups of one tenant:
#   bash bench/api-load.sh [rates=200,500,1000] [seconds per rate=25]
# Creates a fresh database on the test PostgreSQL (127.0.0.1:5432, vbtest/vbtest; VB_PG_* to change), starts one
# server (both roles) on it, which migrates it, then seeds 100,000 available backups over 10,000 volumes of tenant
# "load" with plain SQL (bench/api-load-seed.sql: generate_series; VB_LOAD_BACKUPS / VB_LOAD_VOLUMES to change) and
# drives four kinds of GET round-robin with bench/VolumeBackup.LoadTool, an open-loop load generator: at each rate
# every request is due at a fixed time whether or not earlier ones have answered, and its latency counts from that due
# time, so a stall shows up as latency (no coordinated omission; wrk is closed-loop, wrk2 and vegeta are not packaged).
#   list   GET /v1.1/load/hp-volume-backups                         first page
#   deep   GET /v1.1/load/hp-volume-backups?marker=<98,500th id>    a page near the end
#   detail GET /v1.1/load/hp-volume-backups/detail                  first page, detailed
#   show   GET /v1.1/load/hp-volume-backups/<id>                    one backup
# Pages have the server's default size (Backups:MaxPageSize, 1000) unless VB_LOAD_LIMIT=<n> adds ?limit=<n>.
# Warm-up: 5 s at the first rate (not reported). Prints one table row per rate and kind: p50, p99, max (ms), errors.
# The load tool runs on the same machine as the server and PostgreSQL, and its CPU counts against theirs.
# Exit 1 if any request failed. The database and the data directory are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

rates=${1:-200,500,1000}
seconds=${2:-25}
backups=${VB_LOAD_BACKUPS:-100000}
volumes=${VB_LOAD_VOLUMES:-10000}
limit=${VB_LOAD_LIMIT:-}
export PGHOST=${VB_PG_HOST:-127.0.0.1} PGPORT=${VB_PG_PORT:-5432} PGUSER=${VB_PG_USER:-vbtest} PGPASSWORD=${VB_PG_PASSWORD:-vbtest}
database="vb_load_$$"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/vb-api-load.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  psql -q -d vbtest -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/VolumeBackup.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/VolumeBackup.LoadTool -c Release -nologo -clp:ErrorsOnly >/dev/null

psql -q -d vbtest -c "CREATE DATABASE \"$database\"" >/dev/null
token=$(cat /proc/sys/kernel/random/uuid | tr -d -)
admin=$(cat /proc/sys/kernel/random/uuid | tr -d -)
mkdir -p "$work/data"
cat >"$work/data/tokens.json" <<JSON
{"$admin": {"tenant_id": "admin", "user": "admin", "roles": ["admin"]},
 "$token": {"tenant_id": "load", "user": "load", "roles": ["member"]}}
JSON
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
dotnet artifacts/bin/VolumeBackup.Server/release/VolumeBackup.Server.dll --urls "$url" \
  --VolumeBackup:DataDirectory="$work/data" --VolumeBackup:NodeHost=load-node \
  --VolumeBackup:Database:Provider=Postgres \
  --VolumeBackup:Database:ConnectionString="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$database" \
  --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -fsS "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "the server exited" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$url/healthz" >/dev/null

start=$(date +%s.%N)
psql -q -d "$database" -v tenant=load -v host=load-node -v backups="$backups" -v volumes="$volumes" -f bench/api-load-seed.sql
echo "seeded $backups backups over $volumes volumes in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
first=$(psql -tA -d "$database" -c "SELECT min(\"Id\") FROM \"Backups\" WHERE \"TenantId\" = 'load'")
deep=$(( first + backups * 985 / 1000 - 1 ))
show=$(( first + backups / 2 ))
query=${limit:+?limit=$limit}
deep_query="?marker=$deep${limit:+&limit=$limit}"
base=/v1.1/load/hp-volume-backups
for path in "$base$query" "$base$deep_query" "$base/detail$query" "$base/$show"; do
  curl -fsS -o /dev/null -w "GET $path: %{http_code}, %{size_download} bytes, %{time_total} s\n" -H "X-Auth-Token: $token" "$url$path"
done
# The cost of one request of each kind alone (no concurrency, one kept-alive connection, 50 in a row): the server's
# time per request, which at a given rate says how many cores the load needs.
for kind in "list=$base$query" "deep=$base$deep_query" "detail=$base/detail$query" "show=$base/$show"; do
  args=()
  for _ in $(seq 1 50); do args+=(-o /dev/null "$url${kind#*=}"); done
  curl -fsS -H "X-Auth-Token: $token" -w "%{time_total}\n" "${args[@]}" \
    | sort -n | awk -v k="${kind%%=*}" '{ t[NR] = $1 * 1000 } END { printf "alone: %-6s median %.1f ms, min %.1f ms over %d requests\n", k, t[int((NR + 1) / 2)], t[1], NR }'
done
# Where the database's part is: the first page's query as the server sends it (index on TenantId, Id).
psql -tA -d "$database" -c "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM \"Backups\" WHERE \"TenantId\" = 'load' AND \"Id\" > $deep ORDER BY \"Id\" LIMIT ${limit:-1000}" \
  | grep -E "Index|Execution" | sed 's/^/database: /'
echo "page size: ${limit:-server default (1000)}; server: one node, both roles, PostgreSQL $(psql -tA -d vbtest -c 'SHOW server_version'); $(nproc) cores"

status=0
log_lines=$(wc -l <"$work/server.log") # the load's own server errors only, not a fresh database's first migration
dotnet artifacts/bin/VolumeBackup.LoadTool/release/VolumeBackup.LoadTool.dll --url "$url" --token "$token" \
  --rates "$rates" --duration "$seconds" --warmup 5 \
  --request "list=$base$query" --request "deep=$base$deep_query" --request "detail=$base/detail$query" \
  --request "show=$base/$show" || status=$?
tail -n +"$((log_lines + 1))" "$work/server.log" | grep -E -i -A3 "fail|error|exception" | head -20 || true
exit $status
