#!/usr/bin/env bash
# Installs (Debian packages) and starts the real services the integration tests use (PostgreSQL, Keystone, Swift,
# file systems and block devices on loop devices),
# on 127.0.0.1 only,
# and installs the OpenStack command lines, the headless Chromium and Prometheus the end-to-end tests drive.
#   scripts/services.sh up     install if missing, start, wait until ready (idempotent)
#   scripts/services.sh stop   stop them
# Each service has its own script beside this one; this one runs them in order.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-up}
for svc in postgres keystone swift openstack-clients chromium prometheus filesystems; do
  if [ -f "$here/$svc.sh" ]; then
    bash "$here/$svc.sh" "$cmd"
  fi
done
