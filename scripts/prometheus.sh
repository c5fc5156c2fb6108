#!/usr/bin/env bash
# Prometheus for the end-to-end metrics test, from the Debian package (binary /usr/bin/prometheus). The test starts its
# own instance (its own config, data directory and free port), so the packaged service is stopped and disabled: an
# instance on :9090 would scrape nothing of ours and only hold the port and disk.
#   scripts/prometheus.sh up     install if missing, stop the packaged service (idempotent)
#   scripts/prometheus.sh stop   nothing to stop (the test's instances end with the test)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"

stop_packaged_service() {
  if command -v systemctl >/dev/null 2>&1 && systemctl list-unit-files prometheus.service >/dev/null 2>&1; then
    systemctl disable --now prometheus.service >/dev/null 2>&1 || true
  fi
  if command -v service >/dev/null 2>&1; then
    service prometheus stop >/dev/null 2>&1 || true
  fi
}

case "${1:-up}" in
  up)
    # policy-rc.d keeps the package's own start script from starting the service during the install.
    if ! dpkg-query -W -f='${Status}' prometheus 2>/dev/null | grep -q "install ok installed"; then
      if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
      fi
      apt_install prometheus
    fi
    stop_packaged_service
    echo "prometheus ready: $(command -v prometheus)"
    ;;
  stop | status | reset) ;;
  *) echo "usage: $0 up|stop" >&2; exit 2 ;;
esac
