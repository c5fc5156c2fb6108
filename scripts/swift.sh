#!/usr/bin/env bash
# OpenStack Swift all-in-one on 127.0.0.1 for the integration tests, from Debian packages, without systemd.
#   scripts/swift.sh up       install if missing, write config, build rings, start, wait until ready (idempotent)
#   scripts/swift.sh stop     stop every server
#   scripts/swift.sh status   say what runs
#   scripts/swift.sh reset    stop, then wipe data and rings
# Proxy with TempAuth on 127.0.0.1:8080; a second proxy with Keystone (keystoneauth; accounts AUTH_<project_id>) on
# 127.0.0.1:8081 over the same storage; object/container/account servers on 6200/6201/6202; memcached on 11211
# (TempAuth keeps its tokens there, keystonemiddleware its validated tokens). The Keystone proxy asks Keystone
# (scripts/keystone.sh, user swift/swiftpass) only when a request comes. TempAuth accounts:
#   test:tester / testing     owner (.admin) of AUTH_test
#   test2:tester2 / testing2  owner (.admin) of AUTH_test2   (tenant isolation tests)
#   admin:admin / admin       reseller admin (may use every account)
# Logs in /var/log/vb-swift, pids in /run/vb-swift, data in /srv/node/d1, config in /etc/swift.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"

run=/run/vb-swift
logs=/var/log/vb-swift
conf=/etc/swift
devices=${SWIFT_DEVICES:-/srv/node}
servers=(account container object proxy proxy-keystone)
keystone_url=${KEYSTONE_URL:-http://127.0.0.1:5000}
# python3 on PATH may be another interpreter without Debian's modules: the swift library needs Debian's.
py=/usr/bin/python3

port_of() {
  case $1 in object) echo 6200 ;; container) echo 6201 ;; account) echo 6202 ;; proxy) echo 8080 ;; proxy-keystone) echo 8081 ;; esac
}

install() {
  apt_install swift swift-proxy swift-object swift-container swift-account python3-swiftclient python3-keystonemiddleware memcached curl
}

# write_if_changed FILE: stdin -> FILE when different; prints the file name when it changed.
write_if_changed() {
  local file=$1 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$file"
    chmod 644 "$file"
    echo "$file"
  fi
}

storage_conf() {
  local s=$1
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $(port_of "$s")
workers = 1
user = swift
devices = $devices
mount_check = false
disable_fallocate = true
log_name = $s-server
log_level = INFO

[pipeline:main]
pipeline = healthcheck recon $s-server

[app:$s-server]
use = egg:swift#$s

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
EOF
}

# proxy_conf PORT LOG_NAME AUTH_FILTERS AUTH_SECTIONS
proxy_conf() {
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
workers = 1
user = swift
log_name = $2
log_level = INFO

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl $3 copy slo dlo versioned_writes symlink proxy-logging proxy-server
$4
EOF
  cat <<'EOF'

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true
# With one storage node, the default (60 s) turns a single error (a 507, a timeout under load) into 60 s of 503
# for every request. 0 = never skip the node.
error_suppression_interval = 0

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:11211

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:tempurl]
use = egg:swift#tempurl

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true

[filter:symlink]
use = egg:swift#symlink
EOF
}

tempauth_section() {
  cat <<'EOF'
[filter:tempauth]
use = egg:swift#tempauth
# user_<account>_<user> = <key> [groups]; .admin = owner of the account, .reseller_admin = every account
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
user_test2_tester2 = testing2 .admin
EOF
}

# A proxy of its own: on one pipeline with TempAuth, keystonemiddleware would send every TempAuth token to Keystone,
# and both would claim the AUTH_ prefix.
keystone_section() {
  cat <<EOF
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = $keystone_url/v3
auth_url = $keystone_url
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = swift
password = ${SWIFT_SERVICE_PASSWORD:-swiftpass}
delay_auth_decision = true
service_token_roles_required = true
# Validated tokens are cached in the proxy's memcached for token_cache_time (300 s by default; 10 s here), never
# beyond their expiry: a token revoked in Keystone opens its account here until then.
cache = swift.cache
token_cache_time = 10

[filter:keystoneauth]
use = egg:swift#keystoneauth
reseller_prefix = AUTH_
operator_roles = admin, member
reseller_admin_role = ResellerAdmin
EOF
}

# configure: prints the names of the servers whose configuration changed (they need a restart).
configure() {
  mkdir -p "$conf" "$devices/d1" "$run" "$logs"
  chown -R swift:swift "$devices" 2>/dev/null || true
  local changed=""
  {
    printf '[swift-hash]\nswift_hash_path_suffix = vbtest-suffix\nswift_hash_path_prefix = vbtest-prefix\n\n'
    printf '[storage-policy:0]\nname = Policy-0\ndefault = yes\n\n[swift-constraints]\n'
    if [ -n "${SWIFT_MAX_FILE_SIZE:-}" ]; then echo "max_file_size = $SWIFT_MAX_FILE_SIZE"; fi
  } | write_if_changed "$conf/swift.conf" | grep -q . && changed="${servers[*]}"
  for s in account container object; do
    [ -n "$(storage_conf "$s" | write_if_changed "$conf/$s-server.conf")" ] && changed="$changed $s"
  done
  [ -n "$(proxy_conf 8080 proxy-server tempauth "$(tempauth_section)" | write_if_changed "$conf/proxy-server.conf")" ] &&
    changed="$changed proxy"
  [ -n "$(proxy_conf 8081 proxy-keystone "authtoken keystoneauth" "$(keystone_section)" |
    write_if_changed "$conf/proxy-keystone-server.conf")" ] && changed="$changed proxy-keystone"
  # Rings: one Python process for all three (the swift-ring-builder CLI costs a start-up per step).
  if [ ! -f "$conf/object.ring.gz" ] || [ ! -f "$conf/container.ring.gz" ] || [ ! -f "$conf/account.ring.gz" ]; then
    (cd "$conf" && "$py" - <<'PY'
from swift.common.ring import RingBuilder
for name, port in (("object", 6200), ("container", 6201), ("account", 6202)):
    b = RingBuilder(10, 1, 1)
    b.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": port, "device": "d1", "weight": 100})
    b.rebalance()
    b.save(f"{name}.builder")
    b.get_ring().save(f"{name}.ring.gz")
PY
    ) >&2
    changed="${servers[*]}"
  fi
  chown -R swift:swift "$conf"
  echo "$changed"
}

# alive PID: true when PID exists and is not a zombie (PID 1 here reaps orphans only now and then).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null | tr -d ' ') || return 1
  [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

# session_alive PID: some non-zombie process of the session started by PID remains (servers fork workers).
session_alive() {
  ps -o stat= -s "$1" 2>/dev/null | grep -qv '^Z'
}

running() {
  local f=$run/$1.pid
  [ -f "$f" ] && alive "$(cat "$f")"
}

stop_one() {
  local f=$run/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    session_alive "$pid" || break
    sleep 0.1
  done
  if session_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  rm -f "$f"
}

start_one() {
  local s=$1
  if [ "$s" = memcached ]; then
    setsid memcached -u memcache -l 127.0.0.1 -p 11211 -U 0 -m 64 >>"$logs/memcached.log" 2>&1 </dev/null &
  else
    # eventlet's DNS support imports dnspython (a second of CPU per process); every address here is a literal IP.
    EVENTLET_NO_GREENDNS=yes setsid "/usr/bin/swift-${s%-keystone}-server" "$conf/$s-server.conf" -v \
      >>"$logs/$s.log" 2>&1 </dev/null &
  fi
  echo $! >"$run/$s.pid"
}

wait_ready() {
  local deadline=$((SECONDS + 60))
  until (exec 3<>/dev/tcp/127.0.0.1/11211) 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "memcached did not start" >&2; return 1; }
    sleep 0.1
  done
  for s in "${servers[@]}"; do
    until curl -fsS -o /dev/null "http://127.0.0.1:$(port_of "$s")/healthcheck" 2>/dev/null; do
      running "$s" || { echo "swift $s-server exited; see $logs/$s.log" >&2; tail -20 "$logs/$s.log" >&2; return 1; }
      [ $SECONDS -lt $deadline ] || { echo "swift $s-server not ready after 60 s" >&2; return 1; }
      sleep 0.2
    done
  done
  until curl -fsS -o /dev/null -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing' http://127.0.0.1:8080/auth/v1.0 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "swift tempauth issues no token after 60 s" >&2; return 1; }
    sleep 0.2
  done
}

up() {
  local t0=$SECONDS changed
  install
  changed=$(configure)
  for s in $changed; do stop_one "$s"; done
  running memcached || start_one memcached
  for s in "${servers[@]}"; do running "$s" || start_one "$s"; done
  wait_ready
  echo "swift ready on 127.0.0.1:8080 (tempauth test:tester/testing, test2:tester2/testing2) and 127.0.0.1:8081 (Keystone) in $((SECONDS - t0)) s"
}

stop() {
  # Stop every server at once, then wait for each: about 1 s in all instead of 1 s per server.
  for s in "${servers[@]}" memcached; do
    [ -f "$run/$s.pid" ] && kill -TERM "$(cat "$run/$s.pid")" 2>/dev/null || true
  done
  for s in "${servers[@]}" memcached; do stop_one "$s"; done
}

status() {
  local rc=0
  for s in memcached "${servers[@]}"; do
    if running "$s"; then echo "$s: running (pid $(cat "$run/$s.pid"))"; else echo "$s: stopped"; rc=3; fi
  done
  return $rc
}

case "${1:-up}" in
  up) up ;;
  stop) stop ;;
  status) status ;;
  reset) stop; rm -rf "${devices:?}/d1" "$conf"/*.ring.gz "$conf"/*.builder ;;
  *) echo "usage: $0 up|stop|status|reset" >&2; exit 2 ;;
esac
