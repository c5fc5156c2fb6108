#!/usr/bin/env bash
# Registers VolumeBackup in a Keystone: its service user, and catalog entries so OpenStack clients find it with
# nothing but a password login. Idempotent: each step looks up by name first, and endpoints are updated in place.
#
# Needs curl and jq, and an admin login in the usual OpenStack variables:
#   OS_AUTH_URL (e.g. http://keystone:5000/v3)  OS_USERNAME  OS_PASSWORD  OS_PROJECT_NAME
#   OS_USER_DOMAIN_NAME / OS_PROJECT_DOMAIN_NAME (default: Default)
# What to register (defaults: the test services on this machine):
#   VB_SERVICE_USER=volumebackup  VB_SERVICE_PASSWORD=volumebackuppass  VB_SERVICE_PROJECT=service
#   VB_PUBLIC_URL=http://127.0.0.1:8776   (where clients reach the server; both API surfaces live under it)
#   VB_REGION=RegionOne
# Creates:
#   user VB_SERVICE_USER in project VB_SERVICE_PROJECT with role admin: it validates users' tokens and redeems and
#     deletes the trusts jobs run on (Keystone lets the trustor or an admin delete a trust), and role service;
#   services block-storage and volumev3 (names cinderv3, cinder: the Cinder surface) at $VB_PUBLIC_URL/v3/%(project_id)s,
#     and hp-volume-backup (name volumebackup-hp: the HP surface) at $VB_PUBLIC_URL/v1.1/%(project_id)s,
#     each on the public, internal and admin interfaces.
set -euo pipefail

: "${OS_AUTH_URL:?set OS_AUTH_URL to the Keystone v3 URL}" "${OS_USERNAME:?}" "${OS_PASSWORD:?}" "${OS_PROJECT_NAME:?}"
auth_url=${OS_AUTH_URL%/}
case $auth_url in */v3) ;; *) auth_url="$auth_url/v3" ;; esac
user_domain=${OS_USER_DOMAIN_NAME:-Default}
project_domain=${OS_PROJECT_DOMAIN_NAME:-Default}
service_user=${VB_SERVICE_USER:-volumebackup}
service_password=${VB_SERVICE_PASSWORD:-volumebackuppass}
service_project=${VB_SERVICE_PROJECT:-service}
public_url=${VB_PUBLIC_URL:-http://127.0.0.1:8776}
public_url=${public_url%/}
region=${VB_REGION:-RegionOne}

log() { echo "[keystone-register] $*" >&2; }

token=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -d "$(jq -n \
  --arg u "$OS_USERNAME" --arg p "$OS_PASSWORD" --arg ud "$user_domain" --arg pr "$OS_PROJECT_NAME" --arg pd "$project_domain" \
  '{auth:{identity:{methods:["password"],password:{user:{name:$u,domain:{name:$ud},password:$p}}},scope:{project:{name:$pr,domain:{name:$pd}}}}}')" \
  "$auth_url/auth/tokens" | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r')
[ -n "$token" ] || { log "admin login at $auth_url failed"; exit 1; }

api() {  # method path [json]
  if [ $# -ge 3 ]; then
    curl -fsS -X "$1" -H "X-Auth-Token: $token" -H 'Content-Type: application/json' -d "$3" "$auth_url$2"
  else
    curl -fsS -X "$1" -H "X-Auth-Token: $token" "$auth_url$2"
  fi
}
id_of() { api GET "/$1?name=$2" | jq -r --arg c "$1" '.[$c][0].id // empty'; }
ensure() {  # collection name json-body-when-missing -> id
  local id; id=$(id_of "$1" "$2")
  [ -n "$id" ] || id=$(api POST "/$1" "$3" | jq -r '.[keys[0]].id')
  echo "$id"
}

project=$(ensure projects "$service_project" "$(jq -n --arg n "$service_project" '{project:{name:$n,domain_id:"default"}}')")
user=$(id_of users "$service_user")
if [ -z "$user" ]; then
  user=$(api POST /users "$(jq -n --arg n "$service_user" --arg p "$service_password" --arg d "$project" \
    '{user:{name:$n,password:$p,domain_id:"default",default_project_id:$d}}')" | jq -r .user.id)
else
  api PATCH "/users/$user" "$(jq -n --arg p "$service_password" '{user:{password:$p}}')" >/dev/null
fi
for role in admin service; do
  rid=$(ensure roles "$role" "$(jq -n --arg n "$role" '{role:{name:$n}}')")
  api PUT "/projects/$project/users/$user/roles/$rid" >/dev/null
done

register() {  # type name url
  local sid iface eid eurl
  sid=$(api GET "/services?type=$1" | jq -r '.services[0].id // empty')
  [ -n "$sid" ] || sid=$(api POST /services "$(jq -n --arg t "$1" --arg n "$2" '{service:{type:$t,name:$n}}')" | jq -r .service.id)
  for iface in public internal admin; do
    read -r eid eurl < <(api GET "/endpoints?service_id=$sid&interface=$iface&region_id=$region" |
      jq -r '.endpoints[0] | "\(.id // "") \(.url // "")"')
    if [ -z "$eid" ]; then
      api POST /endpoints "$(jq -n --arg s "$sid" --arg i "$iface" --arg u "$3" --arg r "$region" \
        '{endpoint:{service_id:$s,interface:$i,url:$u,region_id:$r}}')" >/dev/null
    elif [ "$eurl" != "$3" ]; then
      api PATCH "/endpoints/$eid" "$(jq -n --arg u "$3" '{endpoint:{url:$u}}')" >/dev/null
    fi
  done
}
register block-storage cinderv3 "$public_url/v3/%(project_id)s"
register volumev3 cinder "$public_url/v3/%(project_id)s"
register hp-volume-backup volumebackup-hp "$public_url/v1.1/%(project_id)s"
log "registered user $service_user (project $service_project: admin, service) and block-storage, volumev3, hp-volume-backup at $public_url"
