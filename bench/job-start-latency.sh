#!/usr/bin/env bash
# Create -> job-start latency through the HTTP API on PostgreSQL, two nodes as deployed:
#   bash bench/job-start-latency.sh [count=200] [rate=20 (creates per second)] [mode=api-node]
# Starts the built server (dotnet build -c Release first) twice on a fresh PostgreSQL database (127.0.0.1:5432,
# vbtest/vbtest, or PG* variables): a worker node (host bench-worker, both roles) that keeps the volumes, and an
# api-only node (host bench-api). Both poll only every 30 s, so a fast start is the wake-up's doing, not the poll's.
# Creates `count` 1 GB volumes on the worker node, then POSTs one backup per volume at a steady `rate` (each request sent
# on its schedule, not after the previous answer) to the api-only node (mode=api-node: PostgreSQL NOTIFY wakes the
# worker) or to the worker node itself (mode=same-node: the in-process signal). Once every job was claimed, the database
# answers p50/p99/max of Jobs.ClaimedAt - Jobs.CreatedAt: from the job's commit to a worker's claim. Target: p99 < 50 ms.
# Workers per node: VB_BENCH_WORKERS (default 16), enough that jobs do not queue behind each other at this rate.
# First VB_BENCH_WARMUP (default 10) backups go one at a time and are left out of the figures: a fresh process compiles
# its claim and backup code on the first jobs (hundreds of ms), which a long-running node did long ago.
# VB_BENCH_DEBUG=1 prints each job's wait and run time (ms) at the end.
set -euo pipefail
trap 'echo "failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."

count=${1:-200}
rate=${2:-20}
mode=${3:-api-node}
workers=${VB_BENCH_WORKERS:-16}
warmup=${VB_BENCH_WARMUP:-10}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-vbtest} PGPASSWORD=${PGPASSWORD:-vbtest}
dll=artifacts/bin/VolumeBackup.Server/release/VolumeBackup.Server.dll
[ -f "$dll" ] || { echo "build the server first: dotnet build VolumeBackup.slnx -c Release" >&2; exit 2; }
case "$mode" in api-node|same-node) ;; *) echo "mode must be api-node or same-node" >&2; exit 2 ;; esac

db="vb_bench_latency_$(date +%s)_$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/vb-latency.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -d vbtest -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q -d vbtest -c "CREATE DATABASE \"$db\"" >/dev/null
connection="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_node <name> <host> <roles>: prints the node's base URL once /healthz answers.
start_node() {
  local name=$1 host=$2 roles=$3 port
  port=$(free_port)
  mkdir -p "$work/$name"
  dotnet "$dll" --urls "http://127.0.0.1:$port" --VolumeBackup:DataDirectory="$work/$name" \
    --VolumeBackup:NodeHost="$host" --VolumeBackup:Roles="$roles" \
    --VolumeBackup:Database:Provider=Postgres --VolumeBackup:Database:ConnectionString="$connection" \
    --VolumeBackup:ObjectStore:FilesystemRoot="$work/objects" \
    --VolumeBackup:Backups:PollInterval=00:00:30 --VolumeBackup:Backups:Workers="$workers" \
    --VolumeBackup:Quotas:Volumes=1000000 --VolumeBackup:Quotas:Gigabytes=100000000 \
    --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then echo "http://127.0.0.1:$port"; return; fi
    sleep 0.2
  done
  echo "node $name did not become healthy; its log:" >&2; cat "$work/$name.log" >&2; exit 1
}
token() { jq -r 'to_entries[] | select(.value.tenant_id == "admin") | .key' "$work/$1/tokens.json"; }

worker=$(start_node worker bench-worker api,worker) # first: it migrates the database
target=$worker
if [ "$mode" = api-node ]; then target=$(start_node api bench-api api); fi
worker_token=$(token worker)
target_token=$worker_token
if [ "$mode" = api-node ]; then target_token=$(token api); fi

tenant=bench
volumes=()
for _ in $(seq 1 $((count + warmup))); do
  volumes+=("$(curl -sf -H "X-Auth-Token: $worker_token" -H 'Content-Type: application/json' \
    -d '{"volume": {"size": 1}}' "$worker/v1.1/$tenant/os-volumes" | jq -r .volume.id)")
done

q() { psql -qtA -d "$db" -c "$1"; }
post_backup() {
  curl -sf -o /dev/null -H "X-Auth-Token: $target_token" -H 'Content-Type: application/json' \
    -d "{\"backup\": {\"volume_id\": \"$1\"}}" "$target/v1.1/$tenant/hp-volume-backups"
}
for i in $(seq 0 $((warmup - 1))); do
  post_backup "${volumes[$i]}"
  until [ "$(q "SELECT count(*) FROM \"Jobs\" WHERE \"ClaimedAt\" IS NULL")" = 0 ]; do sleep 0.1; done
done
measured_after=$(q "SELECT coalesce(max(\"Id\"), 0) FROM \"Jobs\"")
volumes=("${volumes[@]:$warmup}")

interval=$(awk -v r="$rate" 'BEGIN { printf "%.6f", 1 / r }')
start=$(date +%s.%N)
for i in "${!volumes[@]}"; do
  due=$(awk -v s="$start" -v i="$i" -v d="$interval" 'BEGIN { printf "%.6f", s + i * d }')
  wait_s=$(awk -v due="$due" -v now="$(date +%s.%N)" 'BEGIN { w = due - now; printf "%.6f", (w > 0 ? w : 0) }')
  sleep "$wait_s"
  post_backup "${volumes[$i]}" &
done
wait_curls() { for job in $(jobs -p); do case " ${pids[*]} " in *" $job "*) ;; *) wait "$job" ;; esac; done; }
wait_curls

[ -z "${VB_BENCH_DEBUG:-}" ] || trap 'q "SELECT \"Id\", round(extract(epoch FROM \"ClaimedAt\" - \"CreatedAt\") * 1000), round(extract(epoch FROM \"UpdatedAt\" - \"ClaimedAt\") * 1000), \"State\" FROM \"Jobs\" ORDER BY \"Id\""; cleanup' EXIT
for _ in $(seq 1 600); do
  [ "$(q "SELECT count(*) FROM \"Jobs\" WHERE \"ClaimedAt\" IS NULL")" = 0 ] && break
  sleep 0.1
done
jobs_total=$(q "SELECT count(*) FROM \"Jobs\" WHERE \"Id\" > $measured_after")
unclaimed=$(q "SELECT count(*) FROM \"Jobs\" WHERE \"ClaimedAt\" IS NULL")
stats=$(q "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                  round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1)
           FROM (SELECT extract(epoch FROM \"ClaimedAt\" - \"CreatedAt\") * 1000 AS ms FROM \"Jobs\" WHERE \"ClaimedAt\" IS NOT NULL AND \"Id\" > $measured_after) AS t")
IFS='|' read -r p50 p99 max <<<"$stats"
echo "mode=$mode count=$count rate=$rate/s workers=$workers warm-up=$warmup jobs=$jobs_total unclaimed=$unclaimed"
echo "create->start ms: p50=$p50 p99=$p99 max=$max (target p99 < 50)"
[ "$unclaimed" = 0 ] && [ "$jobs_total" = "$count" ]
