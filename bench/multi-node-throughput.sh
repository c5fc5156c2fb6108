#!/usr/bin/env bash
# Throughput of 6 concurrent backups spread over 3 nodes beside the same 6 on one node, in one run, to one Swift:
#   bash bench/multi-node-throughput.sh [size per volume=1 (GiB, or e.g. 256M)]
# Each phase gets a fresh PostgreSQL database (127.0.0.1:5432, vbtest/vbtest) and its own Swift container in account
# AUTH_test (local Swift, TempAuth test:tester/testing; tenant "tenant-a"), and starts its nodes from the built server
# (both roles, VolumeBackup:Backups:Workers = VB_WORKERS, default 2 as shipped, so one node runs 2 backups at a time and
# three nodes run all 6 at once). Six volumes of random bytes (distinct, so nothing deduplicates) are created through
# the node that hosts them (all on the one node; two per node on three nodes) and filled with the same six files in both
# phases; the 6 backups are requested at once (each through a node other than its volume's host when there are several)
# and the wall time runs from the first request to the last backup available. Prints wall time and aggregate MB/s per
# phase and the ratio, then restores the last backup of the three-node phase through another node into a fresh volume
# and compares it with its source byte for byte: a wrong byte stops the script with exit 1 (VB_BENCH_FLIP_BYTE_AT=<offset>
# flips a bit of the restored volume first, to show it). The machine's cores are shared by every node, PostgreSQL and
# Swift: on a small machine three nodes need not be faster than one. Logs, databases and data are removed at the end
# (VB_KEEP=1 keeps the work directory).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/common.sh

size_arg=${1:-1}
size=$(size_bytes "$size_arg")
workers=${VB_WORKERS:-2}
count=6
tenant=tenant-a
export PGHOST=${VB_PG_HOST:-127.0.0.1} PGPORT=${VB_PG_PORT:-5432} PGUSER=${VB_PG_USER:-vbtest} PGPASSWORD=${VB_PG_PASSWORD:-vbtest}
swift=${VB_SWIFT_URL:-http://127.0.0.1:8080}
work=$(mktemp -d "${TMPDIR:-/var/tmp}/vb-multi-node.XXXXXX")
pids=() databases=() containers=()
admin=$(tr -d - </proc/sys/kernel/random/uuid)

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  for db in "${databases[@]}"; do psql -q -d vbtest -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  if [ ${#containers[@]} -gt 0 ]; then
    token=$(curl -fsS -D - -o /dev/null -H "X-Auth-User: test:tester" -H "X-Auth-Key: testing" "$swift/auth/v1.0" \
      | tr -d '\r' | awk -F': ' 'tolower($1) == "x-auth-token" { print $2 }')
    for c in "${containers[@]}"; do
      while names=$(curl -fsS -H "X-Auth-Token: $token" "$swift/v1/AUTH_test/$c" 2>/dev/null) && [ -n "$names" ]; do
        echo "$names" | xargs -P 8 -I{} curl -fsS -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$swift/v1/AUTH_test/$c/{}" || true
      done
      curl -fsS -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$swift/v1/AUTH_test/$c" 2>/dev/null || true
    done
  fi
  [ "${VB_KEEP:-}" = 1 ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_node <database> <host> : starts a node in the background; once it is healthy, appends its URL to urls[].
start_node() {
  local db=$1 host=$2 port dir
  port=$(free_port)
  dir="$work/$db/$host"
  mkdir -p "$dir"
  echo "{\"$admin\": {\"tenant_id\": \"admin\", \"user\": \"admin\", \"roles\": [\"admin\"]}}" >"$dir/tokens.json"
  dotnet artifacts/bin/VolumeBackup.Server/release/VolumeBackup.Server.dll --urls "http://127.0.0.1:$port" \
    --VolumeBackup:DataDirectory="$dir" --VolumeBackup:NodeHost="$host" \
    --VolumeBackup:Database:Provider=Postgres \
    --VolumeBackup:Database:ConnectionString="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db" \
    --VolumeBackup:Backups:Workers="$workers" --VolumeBackup:Backups:PollInterval=00:00:00.200 \
    --VolumeBackup:Quotas:Volumes=100 --VolumeBackup:Quotas:Gigabytes=1000 \
    --VolumeBackup:ObjectStore:Kind=Swift --VolumeBackup:ObjectStore:Swift:Mode=User \
    --VolumeBackup:ObjectStore:Swift:AuthUrl="$swift/auth/v1.0" \
    --VolumeBackup:ObjectStore:Swift:Tenants:$tenant:User=test:tester \
    --VolumeBackup:ObjectStore:Swift:Tenants:$tenant:Key=testing \
    --VolumeBackup:ObjectStore:Swift:Tenants:$tenant:StorageUrl="$swift/v1/AUTH_test" \
    --Logging:LogLevel:Default=Warning >"$dir/server.log" 2>&1 &
  pids+=($!)
  local pid=$!
  for _ in $(seq 1 900); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { urls+=("http://127.0.0.1:$port"); return; }
    kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; echo "node $host exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "node $host was not healthy within 90 s" >&2; exit 1
}

api() { local method=$1 url=$2 body=${3:-}; curl -fsS -X "$method" -H "X-Auth-Token: $admin" -H "Content-Type: application/json" ${body:+-d "$body"} "$url"; }
create_volume() { api POST "$1/v1.1/$tenant/os-volumes" '{"volume": {"size": '"$(( (size + (1 << 30) - 1) >> 30 ))"'}}' | jq -r .volume.id; }
volume_field() { api GET "$1/v1.1/$tenant/os-volumes/$2" | jq -r ".volume.$3"; }
backup_status() { api GET "$1/v1.1/$tenant/hp-volume-backups/$2" | jq -r .backup.status; }
wait_volume() {
  until [ "$(volume_field "$1" "$2" status)" = available ]; do sleep 0.2; done
}

# The six sources, generated once: distinct random bytes each.
echo "generating $count volumes of $size_arg random bytes ($size bytes each) in $work"
for i in $(seq 1 $count); do head -c "$size" /dev/urandom >"$work/source-$i.raw"; done
dotnet build src/VolumeBackup.Server -c Release -nologo -clp:ErrorsOnly >/dev/null

# phase <name> <nodes> : runs the 6 backups on <nodes> nodes; sets wall and rate; leaves the URLs in urls[].
phase() {
  local name=$1 nodes=$2 db="vb_mn_${1}_$$" container="vb-mn-$1-$$" i
  databases+=("$db"); containers+=("$container")
  psql -q -d vbtest -c "CREATE DATABASE \"$db\"" >/dev/null
  urls=()
  for n in $(seq 1 "$nodes"); do start_node "$db" "$name-$n"; done
  volumes=() backups=() hosts=()
  for i in $(seq 0 $((count - 1))); do
    local host=$(( i % nodes ))
    hosts+=("$host")
    volumes+=("$(create_volume "${urls[$host]}")")
    wait_volume "${urls[$host]}" "${volumes[$i]}"
    dd if="$work/source-$((i + 1)).raw" of="$(volume_field "${urls[$host]}" "${volumes[$i]}" devicePath)" bs=4M conv=notrunc,fsync status=none
  done
  sync
  local start end through
  start=$(now)
  for i in $(seq 0 $((count - 1))); do
    through=$(( (hosts[i] + 1) % nodes ))
    backups+=("$(api POST "${urls[$through]}/v1.1/$tenant/hp-volume-backups" \
      '{"backup": {"volume_id": "'"${volumes[$i]}"'", "container": "'"$container"'"}}' | jq -r .backup.id)")
  done
  for i in $(seq 0 $((count - 1))); do
    while true; do
      s=$(backup_status "${urls[0]}" "${backups[$i]}")
      [ "$s" = available ] && break
      [ "$s" = error ] && { api GET "${urls[0]}/v1.1/$tenant/hp-volume-backups/${backups[$i]}" >&2; echo "FAILED: backup ${backups[$i]} ended in error" >&2; exit 1; }
      sleep 0.2
    done
  done
  end=$(now)
  wall=$(elapsed "$start" "$end")
  rate=$(mb_per_s $(( size * count )) "$wall")
  echo "$name: $count x $size_arg backups on $nodes node(s) x $workers workers: $wall s, $rate MB/s aggregate"
}

phase one 1
one_wall=$wall one_rate=$rate
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
pids=()
rm -rf "$work/vb_mn_one_$$"
phase three 3
three_wall=$wall three_rate=$rate

# One restore of the three-node phase, through another node into a fresh volume, compared byte for byte.
last=$((count - 1))
target_node=$(( (hosts[last] + 2) % 3 ))
through=$(( (hosts[last] + 1) % 3 ))
target=$(create_volume "${urls[$target_node]}")
wait_volume "${urls[$target_node]}" "$target"
api POST "${urls[$through]}/v1.1/$tenant/hp-volume-backups/${backups[$last]}/restore" '{"restore": {"volume_id": "'"$target"'"}}' >/dev/null
until [ "$(volume_field "${urls[$target_node]}" "$target" status)" = available ]; do
  [ "$(volume_field "${urls[$target_node]}" "$target" status)" = error_restoring ] && { echo "FAILED: restore ended in error_restoring" >&2; exit 1; }
  sleep 0.2
done
restored=$(volume_field "${urls[$target_node]}" "$target" devicePath)
cmp_len=$size
head -c "$cmp_len" "$restored" >"$work/restored.raw"
verify_identical "$work/source-$count.raw" "$work/restored.raw" "restore of backup ${backups[$last]} on node three-$((target_node + 1))"

echo
echo "| setup | backups | wall s | aggregate MB/s |"
echo "|---|---:|---:|---:|"
echo "| 1 node x $workers workers | $count x $size_arg | $one_wall | $one_rate |"
echo "| 3 nodes x $workers workers | $count x $size_arg | $three_wall | $three_rate |"
echo "three nodes / one node (throughput): $(ratio "$three_rate" "$one_rate"); $(nproc) cores shared by all nodes, PostgreSQL and Swift"
