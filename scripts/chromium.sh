#!/usr/bin/env bash
# Debian's headless-capable Chromium (and its WebDriver) that the dashboard's end-to-end tests drive over the
# DevTools protocol.
#   scripts/chromium.sh up     install if missing (idempotent; nothing to start: each test run starts its own)
#   scripts/chromium.sh stop   nothing to stop
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt.sh"

case "${1:-up}" in
  up)
    apt_install chromium chromium-driver
    echo "chromium ready: $(command -v chromium)"
    ;;
  stop | status | reset) ;;
  *) echo "usage: $0 up|stop" >&2; exit 2 ;;
esac
