#!/usr/bin/env bash
# Keystone (identity v3) on 127.0.0.1:5000 for the tests, from Debian packages: SQLite, Fernet tokens, served by
# Debian's uwsgi (no Apache, no systemd). Needs root.
#   scripts/keystone.sh up      install if missing, configure, bootstrap, start, wait, provision (idempotent)
#   scripts/keystone.sh stop    stop it
#   scripts/keystone.sh status  say whether it runs
#   scripts/keystone.sh reset   stop, then delete the database and keys
# Identities after `up` (domain Default, region RegionOne):
#   admin / adminpass        project admin, role admin
#   demo / demopass          project demo, role member (implies reader)
#   demo2 / demopass         project demo2, role member        (isolation tests)
#   demoreader / demopass    project demo, role reader only    (policy tests)
#   swift / swiftpass        project service, role admin       (the Swift proxy validates tokens with it)
# plus the object-store service at the Keystone-authenticated Swift proxy, http://127.0.0.1:8081/v1/AUTH_%(project_id)s,
# and VolumeBackup's own registration (scripts/keystone-register.sh) when that script is present.
# Tokens live KEYSTONE_TOKEN_LIFETIME seconds (30 here, one hour in a real cloud) so the tests see tokens expire.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"

port=${KEYSTONE_PORT:-5000}
url="http://127.0.0.1:$port"
admin_password=${KEYSTONE_ADMIN_PASSWORD:-adminpass}
demo_password=${KEYSTONE_DEMO_PASSWORD:-demopass}
swift_password=${SWIFT_SERVICE_PASSWORD:-swiftpass}
swift_url="http://127.0.0.1:${SWIFT_KEYSTONE_PROXY_PORT:-8081}"
token_lifetime=${KEYSTONE_TOKEN_LIFETIME:-30}
run=/run/vb-keystone
logs=/var/log/vb-keystone
db=/var/lib/keystone/keystone.db
provisioned=/var/lib/keystone/.vb-provisioned   # skips the REST calls of provisioning on a later `up`

# eventlet's DNS support imports dnspython (about 1 s per process); every address here is a literal IP.
export EVENTLET_NO_GREENDNS=yes

log() { echo "[keystone] $*" >&2; }
as_keystone() { runuser -u keystone -- env EVENTLET_NO_GREENDNS=yes "$@"; }

write_config() {
  mkdir -p "$run" "$logs" /var/lib/keystone
  chown keystone:keystone /var/lib/keystone
  # No log_file: logs go to stderr, which the start command appends to $logs (a log file created by root-run
  # keystone-manage would be unwritable for the keystone user that serves requests).
  cat <<CONF
[DEFAULT]
debug = false

[database]
connection = sqlite:///$db

[token]
provider = fernet
expiration = $token_lifetime

[identity]
# bcrypt cost 4 instead of 12: a password check (every token request) costs about 1 ms instead of about 250 ms.
# A test setting only.
password_hash_algorithm = bcrypt
password_hash_rounds = 4

[fernet_tokens]
key_repository = /etc/keystone/fernet-keys/

[credential]
key_repository = /etc/keystone/credential-keys/

[oslo_policy]
policy_dirs = /etc/keystone/policy.d
CONF
}

bootstrap() {
  if [ -s "$db" ] && [ -d /etc/keystone/fernet-keys ] && [ -d /etc/keystone/credential-keys ]; then
    return 0
  fi
  log "db_sync, keys and bootstrap (log: $logs/keystone-manage.log)"
  local out="$logs/keystone-manage.log" p1 p2 p3
  # Independent, and each spends about 3 s importing: side by side.
  as_keystone keystone-manage db_sync >>"$out" 2>&1 & p1=$!
  keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone >>"$out" 2>&1 & p2=$!
  keystone-manage credential_setup --keystone-user keystone --keystone-group keystone >>"$out" 2>&1 & p3=$!
  wait $p1 && wait $p2 && wait $p3 || { log "keystone-manage failed; see $out"; tail -20 "$out" >&2; return 1; }
  # WAL: with the default rollback journal a write request fails after 5 s with "database is locked" while another
  # connection of the same process holds a read lock; in WAL mode readers never block the writer.
  as_keystone sqlite3 "$db" 'PRAGMA journal_mode=WAL;' >/dev/null
  as_keystone keystone-manage bootstrap --bootstrap-password "$admin_password" \
    --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$url/v3/" --bootstrap-internal-url "$url/v3/" --bootstrap-public-url "$url/v3/" >>"$out" 2>&1
}

# A stopped server stays a zombie until PID 1 reaps it: count a zombie as gone.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $st != Z* ]]; }
session_alive() { ps -o stat= -s "$1" 2>/dev/null | grep -qv '^Z'; }
running() { [ -s "$run/uwsgi.pid" ] && alive "$(cat "$run/uwsgi.pid")"; }

start() {
  running && return 0
  # One process with threads: one app import and one SQLite writer. --http11-socket with keep-alive: a plain
  # --http-socket closes each connection after its answer without saying so, and clients reusing it get a reset.
  # --need-app: exit when Keystone fails to load
  # instead of answering 500; --die-on-term: SIGTERM stops uwsgi (its default is a reload).
  setsid /usr/bin/uwsgi_python3 --http11-socket "127.0.0.1:$port" --wsgi-file /usr/bin/keystone-wsgi-public \
    --master --processes 1 --threads 8 --enable-threads --uid keystone --gid keystone --chdir /var/lib/keystone \
    --need-app --die-on-term --buffer-size 65535 >>"$logs/keystone.log" 2>&1 </dev/null &
  echo $! >"$run/uwsgi.pid"
}

wait_ready() {
  local deadline=$((SECONDS + 90))
  until curl -fsS -o /dev/null "$url/v3" 2>/dev/null; do
    running || { log "uwsgi exited; see $logs/keystone.log"; tail -30 "$logs/keystone.log" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { log "not ready after 90 s"; tail -30 "$logs/keystone.log" >&2; return 1; }
    sleep 0.3
  done
}

# --- provisioning through the REST API with an admin token (each step looks up by name first: idempotent) ---
token_for() {  # user password project -> a project-scoped token
  curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -d "$(jq -n --arg u "$1" --arg p "$2" --arg pr "$3" \
    '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{id:"default"},password:$p}}},scope:{project:{name:$pr,domain:{id:"default"}}}}}')" \
    "$url/v3/auth/tokens" | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r'
}
api() {  # method path [json]
  if [ $# -ge 3 ]; then
    curl -fsS -X "$1" -H "X-Auth-Token: $admin_token" -H 'Content-Type: application/json' -d "$3" "$url/v3$2"
  else
    curl -fsS -X "$1" -H "X-Auth-Token: $admin_token" "$url/v3$2"
  fi
}
id_of() { api GET "/$1?name=$2" | jq -r --arg c "$1" '.[$c][0].id // empty'; }
ensure_project() {
  local id; id=$(id_of projects "$1")
  [ -n "$id" ] || id=$(api POST /projects "$(jq -n --arg n "$1" '{project:{name:$n,domain_id:"default"}}')" | jq -r .project.id)
  echo "$id"
}
ensure_user() {  # name password default_project_id
  local id; id=$(id_of users "$1")
  [ -n "$id" ] || id=$(api POST /users "$(jq -n --arg n "$1" --arg p "$2" --arg d "$3" \
    '{user:{name:$n,password:$p,domain_id:"default",default_project_id:$d}}')" | jq -r .user.id)
  echo "$id"
}
ensure_role() {
  local id; id=$(id_of roles "$1")
  [ -n "$id" ] || id=$(api POST /roles "$(jq -n --arg n "$1" '{role:{name:$n}}')" | jq -r .role.id)
  echo "$id"
}
grant() { api PUT "/projects/$1/users/$2/roles/$3" >/dev/null; }

provision() {
  local want
  # Provisioning runs again when the passwords, the Swift URL or the provisioning scripts change.
  want=$( { echo "$demo_password $swift_password $swift_url"; cat "$here/keystone.sh"
            if [ -f "$here/keystone-register.sh" ]; then cat "$here/keystone-register.sh"; fi; } | md5sum)
  if [ -s "$provisioned" ] && [ "$(cat "$provisioned")" = "$want" ]; then return 0; fi
  admin_token=$(token_for admin "$admin_password" admin)
  local service demo demo2 admin_role member_role reader_role u sid iface eid eurl
  admin_role=$(ensure_role admin); member_role=$(ensure_role member); reader_role=$(ensure_role reader)
  ensure_role ResellerAdmin >/dev/null
  service=$(ensure_project service); demo=$(ensure_project demo); demo2=$(ensure_project demo2)
  u=$(ensure_user demo "$demo_password" "$demo"); grant "$demo" "$u" "$member_role"
  u=$(ensure_user demo2 "$demo_password" "$demo2"); grant "$demo2" "$u" "$member_role"
  u=$(ensure_user demoreader "$demo_password" "$demo"); grant "$demo" "$u" "$reader_role"
  u=$(ensure_user swift "$swift_password" "$service"); grant "$service" "$u" "$admin_role"
  sid=$(api GET '/services?type=object-store' | jq -r '.services[0].id // empty')
  [ -n "$sid" ] || sid=$(api POST /services '{"service":{"type":"object-store","name":"swift"}}' | jq -r .service.id)
  local want_url="$swift_url/v1/AUTH_%(project_id)s"
  for iface in public internal admin; do
    read -r eid eurl < <(api GET "/endpoints?service_id=$sid&interface=$iface" | jq -r '.endpoints[0] | "\(.id // "") \(.url // "")"')
    if [ -z "$eid" ]; then
      api POST /endpoints "$(jq -n --arg s "$sid" --arg i "$iface" --arg u "$want_url" \
        '{endpoint:{service_id:$s,interface:$i,url:$u,region_id:"RegionOne"}}')" >/dev/null
    elif [ "$eurl" != "$want_url" ]; then
      api PATCH "/endpoints/$eid" "$(jq -n --arg u "$want_url" '{endpoint:{url:$u}}')" >/dev/null
    fi
  done
  if [ -f "$here/keystone-register.sh" ]; then
    OS_AUTH_URL="$url/v3" OS_USERNAME=admin OS_PASSWORD="$admin_password" OS_PROJECT_NAME=admin \
      bash "$here/keystone-register.sh" >&2
  fi
  log "provisioned: projects admin service demo demo2; users admin demo demo2 demoreader swift"
  echo "$want" >"$provisioned"
}

stop() {
  [ -s "$run/uwsgi.pid" ] || return 0
  local pid; pid=$(cat "$run/uwsgi.pid")
  if session_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do session_alive "$pid" || break; sleep 0.1; done
    session_alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$run/uwsgi.pid"
}

up() {
  local t0=$SECONDS
  apt_install keystone uwsgi-plugin-python3 sqlite3 curl jq
  mkdir -p "$run" "$logs"
  if write_config | cmp -s - /etc/keystone/keystone.conf; then :; else
    write_config >/etc/keystone/keystone.conf
    running && { log "configuration changed; restarting"; stop; }
  fi
  bootstrap
  start
  wait_ready
  provision
  echo "keystone ready on $url (admin/adminpass, demo/demopass, demo2/demopass, demoreader/demopass; tokens live ${token_lifetime} s) in $((SECONDS - t0)) s"
}

case "${1:-up}" in
  up) up ;;
  stop) stop ;;
  status) if running; then echo "keystone: running (pid $(cat "$run/uwsgi.pid"))"; else echo "keystone: stopped"; exit 3; fi ;;
  reset) stop; rm -rf "$db" "$db-wal" "$db-shm" "$provisioned" /etc/keystone/fernet-keys /etc/keystone/credential-keys ;;
  *) echo "usage: $0 up|stop|status|reset" >&2; exit 2 ;;
esac
