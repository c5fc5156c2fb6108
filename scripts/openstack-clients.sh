#!/usr/bin/env bash
# The real OpenStack command lines the end-to-end tests drive against the Cinder v3 surface, from Debian packages
# (bookworm: python3-cinderclient 9.1.0 gives `cinder`, python3-openstackclient 6.0.0 gives `openstack`).
#   scripts/openstack-clients.sh up     install if missing (idempotent; nothing to start)
#   scripts/openstack-clients.sh stop   nothing to stop
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"

case "${1:-up}" in
  up)
    apt_install python3-cinderclient python3-openstackclient
    echo "openstack clients ready: $(command -v cinder) $(command -v openstack)"
    ;;
  stop | status | reset) ;;
  *) echo "usage: $0 up|stop" >&2; exit 2 ;;
esac
